import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { AuthLayout } from "../../../components/layout/auth-layout";
import { Alert } from "../../../components/ui/alert";
import { Button, ButtonLink } from "../../../components/ui/button";
import { PasswordField, TextField } from "../../../components/ui/field";
import { Skeleton } from "../../../components/ui/skeleton";
import { ErrorState } from "../../../components/ui/states";
import { isApiError } from "../../../lib/api";
import { roleDescription } from "../../../lib/authorization";
import { PASSWORD_MIN, describeError, useForm } from "../../../lib/form";
import { formatDate, withArticle } from "../../../lib/format";
import { paths } from "../../../lib/paths";
import { maybeSignedIn } from "../../../lib/session-hint";
import { toast } from "../../../lib/toast";
import { useAcceptInvitation } from "../api/accept-invitation";
import { useInvitationLookup, type InvitationPreview } from "../api/lookup-invitation";

const LABELS = { name: "Your name", password: "Choose a password" };

function useOnJoined() {
  const navigate = useNavigate();
  return (tenantName: string) => {
    toast({ tone: "success", title: `You've joined ${tenantName}` });
    void navigate(paths.overview, { replace: true });
  };
}

function NewAccountForm({ token, invitation }: { token: string; invitation: InvitationPreview }) {
  const accept = useAcceptInvitation();
  const form = useForm(LABELS);
  const onJoined = useOnJoined();
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const ok = form.check({
      name: name.trim() ? undefined : "Enter your name so your team knows who you are",
      password: password.length < PASSWORD_MIN ? `Use at least ${PASSWORD_MIN} characters for your password` : undefined,
    });
    if (!ok) return;
    accept.mutate({ token, name: name.trim(), password }, { onSuccess: (r) => onJoined(r.tenant.name), onError: form.showServerError });
  }

  return (
    <form ref={form.formRef} className="form" onSubmit={onSubmit} noValidate aria-label="Create your account and join">
      {form.formError && <Alert>{form.formError}</Alert>}
      <div className="field">
        <span className="field-label">Email</span>
        <p className="static-value">{invitation.email}</p>
      </div>
      <TextField
        label={LABELS.name}
        name="name"
        autoComplete="name"
        value={name}
        onChange={(e) => {
          setName(e.target.value);
          form.clearError("name");
        }}
        error={form.errors.name}
        required
      />
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
      <Button type="submit" variant="primary" loading={accept.isPending} className="btn-block">
        Create account and join
      </Button>
    </form>
  );
}

function ExistingAccount({ token, invitation }: { token: string; invitation: InvitationPreview }) {
  const accept = useAcceptInvitation();
  const onJoined = useOnJoined();
  const loginUrl = `${paths.login(paths.invite(token))}&email=${encodeURIComponent(invitation.email)}`;
  const wrongAccount = isApiError(accept.error) && accept.error.status === 401;

  if (!maybeSignedIn()) {
    return (
      <div className="stack">
        <p>
          You already have a Parley account with <strong>{invitation.email}</strong>. Log in with it to accept.
        </p>
        <ButtonLink to={loginUrl} variant="primary" className="btn-block">
          Log in to accept
        </ButtonLink>
      </div>
    );
  }
  return (
    <div className="stack">
      {wrongAccount ? (
        <Alert title="You're logged in with a different account">
          This invitation is for <strong>{invitation.email}</strong>. Log in with that account to accept it.
        </Alert>
      ) : (
        accept.error != null && isApiError(accept.error) && accept.error.status < 500 && <Alert>{describeError(accept.error)}</Alert>
      )}
      {wrongAccount ? (
        <ButtonLink to={loginUrl} variant="primary" className="btn-block">
          Log in as {invitation.email}
        </ButtonLink>
      ) : (
        <Button variant="primary" className="btn-block" loading={accept.isPending} onClick={() => accept.mutate({ token }, { onSuccess: (r) => onJoined(r.tenant.name) })}>
          Accept and join {invitation.tenant.name}
        </Button>
      )}
    </div>
  );
}

export function AcceptInvitation({ token }: { token: string }) {
  const lookup = useInvitationLookup(token);

  if (lookup.isPending) {
    return (
      <AuthLayout title="Opening your invitation…">
        <div className="stack" role="status" aria-label="Loading invitation">
          <Skeleton width="80%" />
          <Skeleton width="60%" />
          <Skeleton height={40} />
        </div>
      </AuthLayout>
    );
  }

  if (lookup.isError) {
    const err = lookup.error;
    if (isApiError(err) && (err.status === 404 || err.status === 400 || err.status === 410)) {
      return (
        <AuthLayout
          title={err.status === 410 ? "This invitation can't be used anymore" : "This invitation link doesn't work"}
          subtitle={
            err.status === 410
              ? `${err.detail.replace(/[.;].*$/, "")}. Ask the person who invited you for a new link, or log in if you've already joined.`
              : "It may have been cancelled, or the link was copied incompletely. Ask the person who invited you for a new link."
          }
        >
          <ButtonLink to={paths.login()} className="btn-block">
            Go to login
          </ButtonLink>
        </AuthLayout>
      );
    }
    return (
      <AuthLayout title="Your invitation">
        <ErrorState error={err} what="this invitation" onRetry={() => void lookup.refetch()} retrying={lookup.isFetching} />
      </AuthLayout>
    );
  }

  const invitation = lookup.data;
  return (
    <AuthLayout
      title={`Join ${invitation.tenant.name} on Parley`}
      subtitle={
        <>
          You've been invited as {withArticle(invitation.role)}. {roleDescription[invitation.role]}
          <br />
          <span className="muted small">This invitation expires on {formatDate(invitation.expiresAt)}.</span>
        </>
      }
    >
      {invitation.accountExists ? <ExistingAccount token={token} invitation={invitation} /> : <NewAccountForm token={token} invitation={invitation} />}
    </AuthLayout>
  );
}
