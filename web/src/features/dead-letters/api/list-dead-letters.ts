import { infiniteQueryOptions, useInfiniteQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { Page } from "../../../types/api";
import { deadLettersKey, type DeadLetter } from "./types";

export const listDeadLetters = (cursor: string | null, signal?: AbortSignal) => api.get<Page<DeadLetter>>("/api/dead-letters", { query: { cursor, limit: 25 }, signal });

export const deadLettersQueryOptions = () =>
  infiniteQueryOptions({
    queryKey: [...deadLettersKey, "list"],
    queryFn: ({ pageParam, signal }) => listDeadLetters(pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

export const useDeadLetters = (enabled: boolean) => useInfiniteQuery({ ...deadLettersQueryOptions(), enabled });
