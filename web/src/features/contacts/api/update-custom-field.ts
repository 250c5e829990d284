import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { RequestBody } from "../../../api";
import { customFieldsQueryOptions } from "./list-custom-fields";
import { contactsKey, type CustomField } from "./types";

/** PATCH /api/custom-fields/{id}: the type is fixed; a new key moves every contact's value. */
export type CustomFieldPatch = RequestBody<"/api/custom-fields/{id}", "patch">;

export const updateCustomField = (id: string, patch: CustomFieldPatch) => api.patch<CustomField>(`/api/custom-fields/${encodeURIComponent(id)}`, patch);

export function useUpdateCustomField() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: CustomFieldPatch }) => updateCustomField(id, patch),
    onSuccess: (_field, { patch }) => {
      void qc.invalidateQueries({ queryKey: customFieldsQueryOptions().queryKey });
      // A key rename moves the stored values on every contact.
      if (patch.key !== undefined) void qc.invalidateQueries({ queryKey: contactsKey });
    },
  });
}
