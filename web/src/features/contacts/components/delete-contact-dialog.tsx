import { useState } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Dialog } from "../../../components/ui/dialog";
import { TextField } from "../../../components/ui/field";
import { describeError } from "../../../lib/form";
import { useDeleteContact } from "../api/delete-contact";
import { contactLabel, type Contact } from "../api/types";

/** GDPR erasure asks the person to type the contact's name or phone. */
export function DeleteContactDialog({ contact, onClose, onDeleted }: { contact: Contact; onClose: () => void; onDeleted: () => void }) {
  const del = useDeleteContact();
  const [typed, setTyped] = useState("");
  const expected = contactLabel(contact);
  const matches = typed.trim().toLowerCase() === expected.toLowerCase() || typed.trim() === contact.phone;
  return (
    <Dialog
      open
      role="alertdialog"
      onClose={() => !del.isPending && onClose()}
      title={`Erase ${expected}?`}
      size="md"
      description="This permanently removes the contact's personal data and the content of their messages (GDPR erasure). Counts in your reports are kept. It can't be undone."
      footer={
        <>
          <Button onClick={onClose} disabled={del.isPending}>
            Cancel
          </Button>
          <Button variant="danger" disabled={!matches} loading={del.isPending} onClick={() => del.mutate(contact.id, { onSuccess: onDeleted })}>
            Erase contact
          </Button>
        </>
      }
    >
      {del.error ? <Alert>{describeError(del.error)}</Alert> : null}
      <TextField label={`Type “${expected}” to confirm`} name="confirm" autoComplete="off" value={typed} onChange={(e) => setTyped(e.target.value)} />
    </Dialog>
  );
}
