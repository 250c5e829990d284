import { useSession } from "../../../features/auth/hooks";
import { canManageChannels } from "../../../features/channels/permissions";
import { TemplatesPage } from "../../../features/templates/components/templates-page";

export default function TemplatesRoute() {
  const { role } = useSession();
  return <TemplatesPage canManage={canManageChannels(role)} />;
}
