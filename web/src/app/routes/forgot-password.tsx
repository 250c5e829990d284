import { useSearchParams } from "react-router";
import { ForgotPassword } from "../../features/account/components/forgot-password";

export default function ForgotPasswordRoute() {
  const [params] = useSearchParams();
  return <ForgotPassword defaultEmail={params.get("email") ?? ""} />;
}
