import { useParams } from "react-router";
import { AcceptInvitation } from "../../features/invitations/components/accept-invitation";

export default function InviteRoute() {
  const { token = "" } = useParams();
  return <AcceptInvitation key={token} token={token} />;
}
