import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { Schema } from "../../../api";

/** The part of a knowledge entry the inbox shows (its title, beside an answer that used it). */
export type KnowledgeEntry = Pick<Schema<"KnowledgeEntry">, "id" | "title">;

export const getKnowledgeEntry = (id: string, signal?: AbortSignal) => api.get<KnowledgeEntry>(`/api/knowledge/${encodeURIComponent(id)}`, { signal });

export const knowledgeEntryQueryOptions = (id: string) =>
  queryOptions({ queryKey: ["knowledge", "detail", id], queryFn: ({ signal }) => getKnowledgeEntry(id, signal), staleTime: 10 * 60_000, retry: false });

export const useKnowledgeEntry = (id: string) => useQuery(knowledgeEntryQueryOptions(id));
