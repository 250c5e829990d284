import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { AuthLayout } from "../../../components/layout/auth-layout";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { TextField } from "../../../components/ui/field";
import { EMAIL_RE, useForm } from "../../../lib/form";
import { paths } from "../../../lib/paths";
import { useRequestPasswordReset } from "../api/passwords";

const LABELS = { email: "Email" };

/** Ask for a reset link. The answer never says whether the address has an account. */
export function ForgotPassword({ defaultEmail = "" }: { defaultEmail?: string }) {
  const ask = useRequestPasswordReset();
  const form = useForm(LABELS);
  const [email, setEmail] = useState(defaultEmail);

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const value = email.trim();
    const ok = form.check({ email: !value ? "Enter your email address" : !EMAIL_RE.test(value) ? "Enter a valid email address, like name@example.com" : undefined });
    if (ok) ask.mutate({ email: value }, { onError: form.showServerError });
  }

  return (
    <AuthLayout
      title="Reset your password"
      subtitle="Enter the email you log in with and we'll send you a link to choose a new password."
      footer={
        <p>
          Remembered it? <Link to={paths.login()}>Log in</Link>
        </p>
      }
    >
      {ask.isSuccess ? (
        <div className="form" role="status">
          <Alert tone="success" title="Check your email">
            If <strong>{email.trim()}</strong> has a Parley account, a link to reset its password is on its way. It works once, within an hour. No email after a few minutes?
            Check your spam folder, or ask again.
          </Alert>
          <Button onClick={() => ask.reset()}>Send another link</Button>
        </div>
      ) : (
        <form ref={form.formRef} className="form" onSubmit={onSubmit} noValidate aria-label="Reset your password">
          {form.formError && <Alert>{form.formError}</Alert>}
          <TextField
            label={LABELS.email}
            name="email"
            type="email"
            autoComplete="username"
            inputMode="email"
            autoCapitalize="off"
            value={email}
            onChange={(e) => {
              setEmail(e.target.value);
              form.clearError("email");
            }}
            error={form.errors.email}
            required
          />
          <Button type="submit" variant="primary" loading={ask.isPending} className="btn-block">
            Email me a reset link
          </Button>
        </form>
      )}
    </AuthLayout>
  );
}
