import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { Role } from "../../../types/api";

export interface InvitationPreview {
  email: string;
  role: Role;
  tenant: { id: string; name: string };
  /** When true the invitee logs in instead of choosing a password. */
  accountExists: boolean;
  expiresAt: string;
}

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
