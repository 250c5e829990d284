import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { knowledgeKey, type KnowledgeEntry } from "./types";

export type ImportFormat = "markdown" | "csv";

export const importKnowledge = (input: { format: ImportFormat; content: string }) =>
  api.post<{ imported: number; data: KnowledgeEntry[] }>("/api/knowledge/import", input);

export function useImportKnowledge() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: importKnowledge, onSuccess: () => qc.invalidateQueries({ queryKey: knowledgeKey }) });
}
