import { useState, type FormEvent } from "react";
import { isApiError } from "../../../lib/api";
import { EMAIL_RE, useForm } from "../../../lib/form";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { PasswordField, TextField } from "../../../components/ui/field";
import { useLogin, type LoginInput, type LoginResult } from "../api/login";
import { DemoLogin } from "./demo-login";

const LABELS = { email: "Email", password: "Password" };

export function LoginForm({ onLoggedIn, defaultEmail = "" }: { onLoggedIn: (result: LoginResult) => void; defaultEmail?: string }) {
  const login = useLogin();
  const form = useForm(LABELS);
  const [email, setEmail] = useState(defaultEmail);
  const [password, setPassword] = useState("");

  function submit(values: LoginInput) {
    login.mutate(values, {
      onSuccess: onLoggedIn,
      onError: form.showServerError,
    });
  }

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const ok = form.check({
      email: !email.trim() ? "Enter your email address" : !EMAIL_RE.test(email.trim()) ? "Enter a valid email address, like name@example.com" : undefined,
      password: !password ? "Enter your password" : undefined,
    });
    if (ok) submit({ email: email.trim(), password });
  }

  const wrongCredentials = isApiError(login.error) && login.error.status === 401;

  return (
    <>
      <DemoLogin
        disabled={login.isPending}
        onUse={(demo) => {
          setEmail(demo.email);
          setPassword(demo.password);
          form.reset();
          submit(demo);
        }}
      />
      <form ref={form.formRef} className="form" onSubmit={onSubmit} noValidate aria-label="Log in">
        {form.formError && <Alert>{wrongCredentials ? "That email and password don't match. Check them and try again." : form.formError}</Alert>}
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
        <Button type="submit" variant="primary" loading={login.isPending} className="btn-block">
          Log in
        </Button>
      </form>
    </>
  );
}
