import { Navigate } from "react-router";
import { PageHeader } from "../../../components/layout/page-header";
import { useSession } from "../../../features/auth/hooks";
import { EmailsCard } from "../../../features/notifications/components/emails-card";
import { canManageTeam } from "../../../lib/authorization";
import { paths } from "../../../lib/paths";

export default function EmailsRoute() {
  const { role } = useSession();
  if (!canManageTeam(role)) return <Navigate to={paths.overview} replace />;
  return (
    <>
      <PageHeader title="Emails" description="What Parley tells your team by email: channel alerts, assignments and invitations." />
      <EmailsCard />
    </>
  );
}
