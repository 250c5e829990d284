import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { knowledgeKey } from "./types";

export const deleteKnowledge = (id: string) => api.delete(`/api/knowledge/${encodeURIComponent(id)}`);

export function useDeleteKnowledge() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: deleteKnowledge, onSuccess: () => qc.invalidateQueries({ queryKey: knowledgeKey }) });
}
