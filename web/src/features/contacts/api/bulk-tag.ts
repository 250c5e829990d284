import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { contactsKey } from "./types";

export interface BulkTagInput {
  contactIds: string[];
  add?: string[];
  remove?: string[];
}

export const bulkTag = (input: BulkTagInput) => api.post<{ matched: number; updated: number }>("/api/contacts/bulk-tag", input);

export function useBulkTag() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: bulkTag, onSuccess: () => qc.invalidateQueries({ queryKey: contactsKey }) });
}
