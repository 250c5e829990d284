import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { RequestBody, ResponseBody } from "../../../api";
import { contactsKey } from "./types";

export type BulkTagInput = RequestBody<"/api/contacts/bulk-tag", "post">;

export const bulkTag = (input: BulkTagInput) => api.post<ResponseBody<"/api/contacts/bulk-tag", "post">>("/api/contacts/bulk-tag", input);

export function useBulkTag() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: bulkTag, onSuccess: () => qc.invalidateQueries({ queryKey: contactsKey }) });
}
