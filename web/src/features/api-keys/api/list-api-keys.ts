import { infiniteQueryOptions, useInfiniteQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { Page } from "../../../types/api";
import type { Schema } from "../../../api";

export type ApiKey = Schema<"ApiKey">;

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
