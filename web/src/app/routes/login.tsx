import { Link, useNavigate, useSearchParams } from "react-router";
import { AuthLayout } from "../../components/layout/auth-layout";
import { LoginForm } from "../../features/auth/components/login-form";
import { paths, safeNext } from "../../lib/paths";

export default function LoginRoute() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = safeNext(params.get("next"));
  return (
    <AuthLayout
      title="Log in to Parley"
      subtitle="Answer your WhatsApp customers with your team and your AI assistant."
      footer={
        <>
          <p>
            <Link to={paths.forgotPassword}>Forgot your password?</Link>
          </p>
          <p>
            New to Parley? <Link to={paths.signup}>Create an account</Link>
          </p>
        </>
      }
    >
      <LoginForm defaultEmail={params.get("email") ?? ""} onLoggedIn={() => void navigate(next, { replace: true })} />
    </AuthLayout>
  );
}
