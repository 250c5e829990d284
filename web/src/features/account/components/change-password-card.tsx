import { useState, type FormEvent } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { PasswordField } from "../../../components/ui/field";
import { PASSWORD_MIN, useForm } from "../../../lib/form";
import { toast } from "../../../lib/toast";
import { useChangePassword } from "../api/passwords";
import "../account.css";

const LABELS = { currentPassword: "Current password", newPassword: "New password", confirm: "Type the new password again" };

/** Change your password: the current one proves it is you; every other device is signed out. */
export function ChangePasswordCard() {
  const change = useChangePassword();
  const form = useForm(LABELS);
  const [values, setValues] = useState({ currentPassword: "", newPassword: "", confirm: "" });
  const set = (field: keyof typeof LABELS) => (e: { target: { value: string } }) => {
    setValues((v) => ({ ...v, [field]: e.target.value }));
    form.clearError(field);
  };

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const ok = form.check({
      currentPassword: values.currentPassword ? undefined : "Enter your current password",
      newPassword:
        values.newPassword.length < PASSWORD_MIN
          ? `Use at least ${PASSWORD_MIN} characters for your new password`
          : values.newPassword === values.currentPassword
            ? "Choose a password different from your current one"
            : undefined,
      confirm: values.confirm === values.newPassword ? undefined : "The two new passwords don't match",
    });
    if (!ok) return;
    change.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: (r) => {
          setValues({ currentPassword: "", newPassword: "", confirm: "" });
          toast({
            tone: "success",
            title: "Password changed",
            description: r.otherSessionsEnded > 0 ? `Signed out of ${r.otherSessionsEnded} other ${r.otherSessionsEnded === 1 ? "device" : "devices"}.` : undefined,
          });
        },
        onError: form.showServerError,
      },
    );
  }

  return (
    <Card title="Password" description="Changing it signs you out everywhere else; this device stays signed in.">
      <form ref={form.formRef} className="form form-narrow" onSubmit={onSubmit} noValidate aria-label="Change password">
        {form.formError && <Alert>{form.formError}</Alert>}
        <PasswordField label={LABELS.currentPassword} name="currentPassword" autoComplete="current-password" value={values.currentPassword} onChange={set("currentPassword")} error={form.errors.currentPassword} required />
        <PasswordField
          label={LABELS.newPassword}
          name="newPassword"
          autoComplete="new-password"
          hint={`At least ${PASSWORD_MIN} characters.`}
          value={values.newPassword}
          onChange={set("newPassword")}
          error={form.errors.newPassword}
          required
        />
        <PasswordField label={LABELS.confirm} name="confirm" autoComplete="new-password" value={values.confirm} onChange={set("confirm")} error={form.errors.confirm} required />
        <div>
          <Button type="submit" variant="primary" loading={change.isPending}>
            Change password
          </Button>
        </div>
      </form>
    </Card>
  );
}
