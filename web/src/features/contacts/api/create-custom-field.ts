import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { RequestBody } from "../../../api";
import { customFieldsQueryOptions } from "./list-custom-fields";
import type { CustomField } from "./types";

/** POST /api/custom-fields: owners and admins. `options` only (and always) for select fields. */
export type CustomFieldInput = RequestBody<"/api/custom-fields", "post">;

export const createCustomField = (input: CustomFieldInput) => api.post<CustomField>("/api/custom-fields", input);

export function useCreateCustomField() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: createCustomField,
    onSuccess: () => qc.invalidateQueries({ queryKey: customFieldsQueryOptions().queryKey }),
  });
}
