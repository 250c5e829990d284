import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { contactKey } from "./get-contact";
import { contactsKey, type Contact } from "./types";

export interface ContactPatch {
  name?: string;
  email?: string | null;
  tags?: string[];
  stage?: string;
  optedOut?: boolean;
  customFields?: Record<string, unknown>;
}

export const updateContact = (id: string, patch: ContactPatch) => api.patch<Contact>(`/api/contacts/${encodeURIComponent(id)}`, patch);

export function useUpdateContact(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (patch: ContactPatch) => updateContact(id, patch),
    onSuccess: (contact) => {
      qc.setQueryData(contactKey(id), contact);
      void qc.invalidateQueries({ queryKey: [...contactsKey, "list"] });
    },
  });
}
