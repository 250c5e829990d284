import { useState, type FormEvent } from "react";
import { EMAIL_RE, PASSWORD_MIN, useForm } from "../../../lib/form";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { PasswordField, TextField } from "../../../components/ui/field";
import { useSignup } from "../api/signup";
import type { SessionStart } from "../api/session";

const LABELS = { name: "Your name", email: "Work email", password: "Password", tenantName: "Business name" };
type Field = keyof typeof LABELS;

export function SignupForm({ onSignedUp }: { onSignedUp: (result: SessionStart) => void }) {
  const signup = useSignup();
  const form = useForm(LABELS);
  const [values, setValues] = useState<Record<Field, string>>({ name: "", email: "", password: "", tenantName: "" });

  const bind = (field: Field) => ({
    name: field,
    value: values[field],
    error: form.errors[field],
    onChange: (e: { target: { value: string } }) => {
      setValues((v) => ({ ...v, [field]: e.target.value }));
      form.clearError(field);
    },
  });

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const email = values.email.trim();
    const ok = form.check({
      name: !values.name.trim() ? "Enter your name" : undefined,
      email: !email ? "Enter your email address" : !EMAIL_RE.test(email) ? "Enter a valid email address, like name@example.com" : undefined,
      password: values.password.length < PASSWORD_MIN ? `Use at least ${PASSWORD_MIN} characters for your password` : undefined,
      tenantName: !values.tenantName.trim() ? "Enter the name of your business" : undefined,
    });
    if (!ok) return;
    signup.mutate(
      { name: values.name.trim(), email, password: values.password, tenantName: values.tenantName.trim() },
      { onSuccess: onSignedUp, onError: form.showServerError },
    );
  }

  return (
    <form ref={form.formRef} className="form" onSubmit={onSubmit} noValidate aria-label="Create your account">
      {form.formError && <Alert>{form.formError}</Alert>}
      <TextField label={LABELS.name} autoComplete="name" required {...bind("name")} />
      <TextField label={LABELS.email} type="email" inputMode="email" autoCapitalize="off" autoComplete="email" required {...bind("email")} />
      <PasswordField label={LABELS.password} autoComplete="new-password" hint={`At least ${PASSWORD_MIN} characters.`} required {...bind("password")} />
      <TextField
        label={LABELS.tenantName}
        autoComplete="organization"
        hint="The name your team will see. You can add more businesses later."
        required
        {...bind("tenantName")}
      />
      <Button type="submit" variant="primary" loading={signup.isPending} className="btn-block">
        Create account
      </Button>
    </form>
  );
}
