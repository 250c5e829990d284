import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { customFieldsQueryOptions } from "./list-custom-fields";
import { contactsKey } from "./types";

/** DELETE /api/custom-fields/{id}: the field and its value on every contact go for good. */
export const deleteCustomField = (id: string) => api.delete(`/api/custom-fields/${encodeURIComponent(id)}`);

export function useDeleteCustomField() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: deleteCustomField,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: customFieldsQueryOptions().queryKey });
      void qc.invalidateQueries({ queryKey: contactsKey });
    },
  });
}
