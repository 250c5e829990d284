import { useParams } from "react-router";
import { useSession } from "../../../features/auth/hooks";
import { CampaignDetail } from "../../../features/campaigns/components/campaign-detail";
import { canManageTeam } from "../../../lib/authorization";

export default function CampaignRoute() {
  const { id = "" } = useParams();
  const { role } = useSession();
  return <CampaignDetail id={id} canManage={canManageTeam(role)} />;
}
