import { PageHeader } from "../../../components/layout/page-header";
import { Card } from "../../../components/ui/card";
import { useSession } from "../../../features/auth/hooks";
import { CreateCampaign } from "../../../features/campaigns/components/create-campaign";
import { canManageTeam } from "../../../lib/authorization";

export default function NewCampaignRoute() {
  const { role } = useSession();
  return (
    <>
      <PageHeader title="New campaign" description="Choose who gets it, what they get, and how fast it goes out." />
      {canManageTeam(role) ? <CreateCampaign /> : <Card><p className="muted">Only owners and admins can create campaigns.</p></Card>}
    </>
  );
}
