import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { contactsKey } from "./types";

/** GDPR erasure: personal data and message content are removed for good. */
export const deleteContact = (id: string) => api.delete(`/api/contacts/${encodeURIComponent(id)}`);

export function useDeleteContact() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: deleteContact,
    onSuccess: (_r, id) => {
      qc.removeQueries({ queryKey: [...contactsKey, "detail", id] });
      void qc.invalidateQueries({ queryKey: [...contactsKey, "list"] });
    },
  });
}
