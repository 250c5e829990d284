import { PageHeader } from "../../../components/layout/page-header";
import { useSession } from "../../../features/auth/hooks";
import { CampaignsList } from "../../../features/campaigns/components/campaigns-list";
import { canManageTeam } from "../../../lib/authorization";

export default function CampaignsRoute() {
  const { role } = useSession();
  return (
    <>
      <PageHeader title="Campaigns" description="One message to many contacts, paced safely, with replies and bookings traced back to it." />
      <CampaignsList canManage={canManageTeam(role)} />
    </>
  );
}
