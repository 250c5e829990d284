import { useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router";
import { isApiError } from "../../../lib/api";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Dialog } from "../../../components/ui/dialog";
import { TextField } from "../../../components/ui/field";
import { EMAIL_RE, useForm } from "../../../lib/form";
import { toast } from "../../../lib/toast";
import { useCreateContact, type NewContact } from "../api/create-contact";

const LABELS = { phone: "WhatsApp number", name: "Name", email: "Email", tags: "Tags" };

/** Add one contact by hand: the number is required, everything else optional. */
export function AddContactDialog({ onClose }: { onClose: () => void }) {
  const create = useCreateContact();
  const form = useForm(LABELS);
  const navigate = useNavigate();
  const [values, setValues] = useState({ phone: "", name: "", email: "", tags: "" });
  // The same object while the form is unchanged, so a retry reuses its Idempotency-Key.
  const [attempt, setAttempt] = useState<NewContact | null>(null);
  // The contact that already has this number (409), offered instead of a second one.
  const [existingId, setExistingId] = useState<string | null>(null);

  const change = (field: keyof typeof values) => (e: { target: { value: string } }) => {
    setValues((v) => ({ ...v, [field]: e.target.value }));
    setAttempt(null);
    if (field === "phone") setExistingId(null);
    form.clearError(field);
  };

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const phone = values.phone.trim();
    const email = values.email.trim();
    const ok = form.check({
      phone: !phone ? "Enter the customer's WhatsApp number with the country code, like +62 812 3456 7890" : /\d{6,}/.test(phone.replace(/\D/g, "")) ? undefined : "That doesn't look like a phone number",
      email: email && !EMAIL_RE.test(email) ? "Enter an email like name@example.com, or leave it empty" : undefined,
    });
    if (!ok) return;
    const tags = values.tags.split(",").map((t) => t.trim()).filter(Boolean);
    const input: NewContact = attempt ?? { phone, ...(values.name.trim() && { name: values.name.trim() }), ...(email && { email }), ...(tags.length && { tags }) };
    setAttempt(input);
    create.mutate(input, {
      onSuccess: (contact) => {
        toast({ tone: "success", title: `${contact.name ?? contact.phone} added` });
        onClose();
        navigate(`/contacts/${encodeURIComponent(contact.id)}`);
      },
      onError: (err) => {
        const existing = isApiError(err) && err.status === 409 ? /contact (\S+)$/.exec(err.fieldErrors.phone ?? "")?.[1] : undefined;
        if (existing) setExistingId(existing);
        else form.showServerError(err);
      },
    });
  }

  return (
    <Dialog open onClose={() => !create.isPending && onClose()} title="Add a contact" description="For customers you met elsewhere. They appear in the inbox once they message you or you message them.">
      <form ref={form.formRef} className="form" onSubmit={onSubmit} noValidate aria-label="Add a contact">
        {form.formError && <Alert>{form.formError}</Alert>}
        {existingId && (
          <Alert tone="info" title="This number is already a contact">
            <Link to={`/contacts/${encodeURIComponent(existingId)}`} onClick={onClose}>
              Open the contact
            </Link>{" "}
            to change it instead.
          </Alert>
        )}
        <TextField label={LABELS.phone} name="phone" type="tel" inputMode="tel" autoComplete="off" placeholder="+62 812 3456 7890" value={values.phone} onChange={change("phone")} error={form.errors.phone} required />
        <TextField label={LABELS.name} name="name" autoComplete="off" maxLength={200} value={values.name} onChange={change("name")} error={form.errors.name} optional />
        <TextField label={LABELS.email} name="email" type="email" autoComplete="off" value={values.email} onChange={change("email")} error={form.errors.email} optional />
        <TextField label={LABELS.tags} name="tags" autoComplete="off" hint="Separate tags with commas, like vip, jakarta." value={values.tags} onChange={change("tags")} error={form.errors.tags} optional />
        <div className="form-actions">
          <Button onClick={onClose} disabled={create.isPending}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" loading={create.isPending}>
            Add contact
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
