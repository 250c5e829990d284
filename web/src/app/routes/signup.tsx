import { Link, useNavigate } from "react-router";
import { AuthLayout } from "../../components/layout/auth-layout";
import { SignupForm } from "../../features/auth/components/signup-form";
import { paths } from "../../lib/paths";
import { toast } from "../../lib/toast";

export default function SignupRoute() {
  const navigate = useNavigate();
  return (
    <AuthLayout
      title="Create your Parley account"
      subtitle="Set up your business in a minute. You can invite your team next."
      footer={
        <p>
          Already have an account? <Link to={paths.login()}>Log in</Link>
        </p>
      }
    >
      <SignupForm
        onSignedUp={(result) => {
          toast({ tone: "success", title: `Welcome to Parley, ${result.user.name ?? result.user.email}` });
          void navigate(paths.overview, { replace: true });
        }}
      />
    </AuthLayout>
  );
}
