import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { RequestBody } from "../../../api";
import { contactQualificationKey } from "./get-contact-qualification";
import { contactKey } from "./get-contact";
import { contactsKey, type Contact } from "./types";

/** PATCH /api/contacts/{id}: only the fields sent change; null clears name, email or a custom field. */
export type ContactPatch = RequestBody<"/api/contacts/{id}", "patch">;

export const updateContact = (id: string, patch: ContactPatch) => api.patch<Contact>(`/api/contacts/${encodeURIComponent(id)}`, patch);

export function useUpdateContact(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (patch: ContactPatch) => updateContact(id, patch),
    onSuccess: (contact) => {
      qc.setQueryData(contactKey(id), contact);
      void qc.invalidateQueries({ queryKey: [...contactsKey, "list"] });
      // The lead score card and the inbox's contact panel read the score and stage too.
      void qc.invalidateQueries({ queryKey: contactQualificationKey(id) });
    },
  });
}
