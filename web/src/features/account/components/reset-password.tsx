import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { AuthLayout } from "../../../components/layout/auth-layout";
import { Alert } from "../../../components/ui/alert";
import { Button, ButtonLink } from "../../../components/ui/button";
import { PasswordField } from "../../../components/ui/field";
import { Skeleton } from "../../../components/ui/skeleton";
import { ErrorState } from "../../../components/ui/states";
import { isApiError } from "../../../lib/api";
import { PASSWORD_MIN, useForm } from "../../../lib/form";
import { paths } from "../../../lib/paths";
import { useConfirmPasswordReset, useResetLink } from "../api/passwords";

const LABELS = { password: "New password", confirm: "Type it again" };

/** The page a reset link opens: checks the link, then sets the new password. */
export function ResetPassword({ token }: { token: string }) {
  const link = useResetLink(token);
  const confirm = useConfirmPasswordReset();
  const form = useForm(LABELS);
  const [password, setPassword] = useState("");
  const [again, setAgain] = useState("");
  const footer = (
    <p>
      <Link to={paths.login()}>Back to log in</Link>
    </p>
  );

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const ok = form.check({
      password: password.length < PASSWORD_MIN ? `Use at least ${PASSWORD_MIN} characters for your password` : undefined,
      confirm: again === password ? undefined : "The two passwords don't match",
    });
    if (ok) confirm.mutate({ token, password }, { onError: form.showServerError });
  }

  if (link.isPending) {
    return (
      <AuthLayout title="Choose a new password" footer={footer}>
        <div className="form" role="status" aria-label="Checking your link">
          <Skeleton height={40} />
          <Skeleton height={40} />
        </div>
      </AuthLayout>
    );
  }
  const unusable = (link.isError && isApiError(link.error) && (link.error.status === 410 || link.error.status === 400)) || (isApiError(confirm.error) && confirm.error.status === 410);
  if (unusable) {
    return (
      <AuthLayout title="This link no longer works" footer={footer}>
        <div className="form">
          <Alert title="Expired or already used">Reset links work once, within an hour. Ask for a new one and use the latest email.</Alert>
          <ButtonLink to={paths.forgotPassword} variant="primary" className="btn-block">
            Ask for a new link
          </ButtonLink>
        </div>
      </AuthLayout>
    );
  }
  if (link.isError) {
    return (
      <AuthLayout title="Choose a new password" footer={footer}>
        <ErrorState error={link.error} what="your reset link" onRetry={() => void link.refetch()} retrying={link.isFetching} />
      </AuthLayout>
    );
  }
  if (confirm.isSuccess) {
    return (
      <AuthLayout title="Password changed" footer={null}>
        <div className="form" role="status">
          <Alert tone="success" title="Your new password is set">
            For your safety you were signed out on every device. Log in with the new password.
          </Alert>
          <ButtonLink to={paths.login()} variant="primary" className="btn-block">
            Log in
          </ButtonLink>
        </div>
      </AuthLayout>
    );
  }
  return (
    <AuthLayout title="Choose a new password" subtitle="After this you'll be signed out everywhere and can log in with the new password." footer={footer}>
      <form ref={form.formRef} className="form" onSubmit={onSubmit} noValidate aria-label="Choose a new password">
        {form.formError && <Alert>{form.formError}</Alert>}
        <PasswordField
          label={LABELS.password}
          name="password"
          autoComplete="new-password"
          hint={`At least ${PASSWORD_MIN} characters.`}
          value={password}
          onChange={(e) => {
            setPassword(e.target.value);
            form.clearError("password");
          }}
          error={form.errors.password}
          required
        />
        <PasswordField
          label={LABELS.confirm}
          name="confirm"
          autoComplete="new-password"
          value={again}
          onChange={(e) => {
            setAgain(e.target.value);
            form.clearError("confirm");
          }}
          error={form.errors.confirm}
          required
        />
        <Button type="submit" variant="primary" loading={confirm.isPending} className="btn-block">
          Set new password
        </Button>
      </form>
    </AuthLayout>
  );
}
