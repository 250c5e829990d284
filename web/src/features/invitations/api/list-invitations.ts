import { infiniteQueryOptions, useInfiniteQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { Page } from "../../../types/api";
import type { Schema } from "../../../api";

export type Invitation = Schema<"Invitation">;

export const invitationsQueryKey = ["invitations"] as const;

export const listInvitations = (cursor: string | null, signal?: AbortSignal) =>
  api.get<Page<Invitation>>("/api/invitations", { query: { cursor, limit: 50 }, signal });

export const invitationsQueryOptions = () =>
  infiniteQueryOptions({
    queryKey: invitationsQueryKey,
    queryFn: ({ pageParam, signal }) => listInvitations(pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

/** Pending invitations (not accepted, revoked or expired). Owners and admins only. */
export const useInvitations = (opts: { enabled?: boolean } = {}) => useInfiniteQuery({ ...invitationsQueryOptions(), ...opts });
