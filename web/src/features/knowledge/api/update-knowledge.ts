import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { knowledgeKey, type KnowledgeEntry, type KnowledgeInput } from "./types";

export const updateKnowledge = ({ id, ...input }: Partial<KnowledgeInput> & { id: string }) =>
  api.patch<KnowledgeEntry>(`/api/knowledge/${encodeURIComponent(id)}`, input);

export function useUpdateKnowledge() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: updateKnowledge, onSuccess: () => qc.invalidateQueries({ queryKey: knowledgeKey }) });
}
