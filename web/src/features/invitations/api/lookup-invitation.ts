import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { ResponseBody } from "../../../api";

export type InvitationPreview = ResponseBody<"/api/invitations/lookup", "get">;

export const invitationLookupKeyRoot = "invitation-lookup";

export const lookupInvitation = (token: string, signal?: AbortSignal) =>
  api.get<InvitationPreview>("/api/invitations/lookup", { query: { token }, signal });

export const invitationLookupQueryOptions = (token: string) =>
  queryOptions({
    queryKey: [invitationLookupKeyRoot, token],
    queryFn: ({ signal }) => lookupInvitation(token, signal),
    staleTime: 5 * 60_000,
  });

export const useInvitationLookup = (token: string) => useQuery(invitationLookupQueryOptions(token));
