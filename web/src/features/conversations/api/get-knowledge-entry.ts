import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";

export interface KnowledgeEntry {
  id: string;
  title: string;
}

export const getKnowledgeEntry = (id: string, signal?: AbortSignal) => api.get<KnowledgeEntry>(`/api/knowledge/${encodeURIComponent(id)}`, { signal });

export const knowledgeEntryQueryOptions = (id: string) =>
  queryOptions({ queryKey: ["knowledge", "detail", id], queryFn: ({ signal }) => getKnowledgeEntry(id, signal), staleTime: 10 * 60_000, retry: false });

export const useKnowledgeEntry = (id: string) => useQuery(knowledgeEntryQueryOptions(id));
