import { useState, type FormEvent } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { CopyField } from "../../../components/ui/copy-field";
import { SelectField, TextField } from "../../../components/ui/field";
import { assignableRoles, roleDescription } from "../../../lib/authorization";
import { EMAIL_RE, useForm } from "../../../lib/form";
import { formatDate, roleLabel, withArticle } from "../../../lib/format";
import type { Role } from "../../../types/api";
import { useSession } from "../../auth/hooks";
import { useCreateInvitation } from "../api/create-invitation";

const LABELS = { email: "Email address", role: "Role" };

/** Creates an invitation link to share; the link is shown only here, once. */
export function InviteCard() {
  const { role: myRole, tenant } = useSession();
  const create = useCreateInvitation();
  const form = useForm(LABELS);
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("agent");
  const created = create.data;

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const value = email.trim();
    const ok = form.check({
      email: !value ? "Enter the email address of the person you're inviting" : !EMAIL_RE.test(value) ? "Enter a valid email address, like name@example.com" : undefined,
    });
    if (!ok) return;
    create.mutate({ email: value, role }, { onSuccess: () => setEmail(""), onError: form.showServerError });
  }

  return (
    <Card title="Invite someone" description={`Create a personal link for a colleague to join ${tenant.name}. Send it to them by email or chat.`}>
      <form ref={form.formRef} className="form" onSubmit={onSubmit} noValidate aria-label="Invite someone">
        {form.formError && <Alert>{form.formError}</Alert>}
        <div className="form-row">
          <TextField
            label={LABELS.email}
            name="email"
            type="email"
            inputMode="email"
            autoCapitalize="off"
            autoComplete="off"
            placeholder="colleague@example.com"
            value={email}
            onChange={(e) => {
              setEmail(e.target.value);
              form.clearError("email");
            }}
            error={form.errors.email}
            fieldClassName="grow"
            required
          />
          <SelectField
            label={LABELS.role}
            name="role"
            value={role}
            onChange={(e) => setRole(e.target.value as Role)}
            options={assignableRoles(myRole).map((r) => ({ value: r, label: roleLabel[r] }))}
            error={form.errors.role}
          />
          <div className="form-row-submit">
            <Button type="submit" variant="primary" loading={create.isPending}>
              Create invite link
            </Button>
          </div>
        </div>
        <p className="field-hint">{roleDescription[role]}</p>
      </form>
      {created && (
        <div className="result-panel" aria-live="polite">
          <p className="result-title">
            Invitation ready for <strong>{created.email}</strong>
          </p>
          <CopyField
            label="Invitation link"
            value={created.url}
            hint={`It lets ${created.email} join as ${withArticle(created.role)}, once, until ${formatDate(created.expiresAt)}.`}
          />
          <p className="muted small">
            We emailed this link to {created.email}. Copy it now if you'd rather send it yourself: for security we won't show it again. If it gets lost, revoke the invitation below and create a new one.
          </p>
          <Button size="sm" onClick={() => create.reset()}>
            Done, hide the link
          </Button>
        </div>
      )}
    </Card>
  );
}
