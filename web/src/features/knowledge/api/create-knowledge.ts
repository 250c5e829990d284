import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { knowledgeKey, type KnowledgeEntry, type KnowledgeInput } from "./types";

export const createKnowledge = (input: KnowledgeInput) => api.post<KnowledgeEntry>("/api/knowledge", input);

export function useCreateKnowledge() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: createKnowledge, onSuccess: () => qc.invalidateQueries({ queryKey: knowledgeKey }) });
}
