import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { Page } from "../../../types/api";
import { knowledgeKey, type KnowledgeEntry } from "./types";

export const knowledgeListKey = (q: string) => [...knowledgeKey, "list", q] as const;

/** Newest first; with `q` the API searches the way the assistant does (one page, best matches). */
export const listKnowledge = (q: string, cursor: string | null, signal?: AbortSignal) =>
  api.get<Page<KnowledgeEntry>>("/api/knowledge", { query: { q: q || undefined, cursor, limit: 100 }, signal });

export const knowledgeListQueryOptions = (q = "") =>
  infiniteQueryOptions({
    queryKey: knowledgeListKey(q),
    queryFn: ({ pageParam, signal }) => listKnowledge(q, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });

export const useKnowledgeList = (q = "") => useInfiniteQuery(knowledgeListQueryOptions(q.trim()));
