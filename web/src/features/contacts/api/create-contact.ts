import { useMutation, useQueryClient } from "@tanstack/react-query";
import { actionKey, api } from "../../../lib/api";
import type { RequestBody } from "../../../api";
import { contactsKey, type Contact } from "./types";

export type NewContact = RequestBody<"/api/contacts", "post">;

/** POST /api/contacts: one Idempotency-Key per attempt of the same form, so "Try again" never adds the contact twice. */
export function useCreateContact() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: NewContact) => api.post<Contact>("/api/contacts", input, { idempotencyKey: actionKey(input) }),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...contactsKey, "list"] }),
  });
}
