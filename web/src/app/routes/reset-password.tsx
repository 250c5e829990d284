import { useParams } from "react-router";
import { ResetPassword } from "../../features/account/components/reset-password";

export default function ResetPasswordRoute() {
  const { token = "" } = useParams();
  return <ResetPassword key={token} token={token} />;
}
