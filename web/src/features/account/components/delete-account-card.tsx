import { useId, useState, type FormEvent } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { Dialog } from "../../../components/ui/dialog";
import { PasswordField } from "../../../components/ui/field";
import { useForm } from "../../../lib/form";
import { useDeleteAccount } from "../api/delete-account";

const LABELS = { password: "Password" };

/**
 * Delete your own account. The API refuses while a workspace depends on you
 * (its only owner with teammates, or its only member) and says why; the
 * dialog shows that answer.
 */
export function DeleteAccountCard() {
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState("");
  const remove = useDeleteAccount();
  const form = useForm(LABELS);
  const formId = useId();

  function close() {
    if (remove.isPending) return;
    setOpen(false);
    setPassword("");
    form.reset();
  }

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!form.check({ password: password ? undefined : "Enter your password" })) return;
    remove.mutate({ password }, { onError: form.showServerError });
  }

  return (
    <Card title="Delete your account" description="Removes you from every workspace and signs you out everywhere. Workspaces and their data stay with their other members.">
      <div>
        <Button variant="danger" onClick={() => setOpen(true)}>
          Delete my account…
        </Button>
      </div>
      <Dialog
        open={open}
        onClose={close}
        title="Delete your account?"
        description="This can't be undone. Enter your password to confirm."
        closeOnBackdrop={false}
        role="alertdialog"
        footer={
          <>
            <Button onClick={close} disabled={remove.isPending}>
              Cancel
            </Button>
            <Button type="submit" form={formId} variant="danger" loading={remove.isPending}>
              Delete my account
            </Button>
          </>
        }
      >
        <form id={formId} ref={form.formRef} className="form" onSubmit={onSubmit} noValidate aria-label="Delete account">
          {form.formError && <Alert>{form.formError}</Alert>}
          <PasswordField
            label={LABELS.password}
            name="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => {
              setPassword(e.target.value);
              form.clearError("password");
            }}
            error={form.errors.password}
            required
          />
        </form>
      </Dialog>
    </Card>
  );
}
