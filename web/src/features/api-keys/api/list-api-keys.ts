import { infiniteQueryOptions, useInfiniteQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { Page } from "../../../types/api";

export interface ApiKey {
  id: string;
  name: string;
  /** The first characters of the key, enough to recognise it. */
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  /** Set by a rotation: the key keeps working until then, next to its replacement. */
  expiresAt: string | null;
  replacedBy: string | null;
}

export const apiKeysQueryKey = ["api-keys"] as const;

export const listApiKeys = (cursor: string | null, signal?: AbortSignal) =>
  api.get<Page<ApiKey>>("/api/api-keys", { query: { cursor, limit: 50 }, signal });

export const apiKeysQueryOptions = () =>
  infiniteQueryOptions({
    queryKey: apiKeysQueryKey,
    queryFn: ({ pageParam, signal }) => listApiKeys(pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

export const useApiKeys = () => useInfiniteQuery(apiKeysQueryOptions());
