import { PageHeader } from "../../../components/layout/page-header";
import { useSession } from "../../../features/auth/hooks";
import { InvitationsCard } from "../../../features/invitations/components/invitations-card";
import { InviteCard } from "../../../features/invitations/components/invite-card";
import { DeleteWorkspaceCard } from "../../../features/team/components/delete-workspace-card";
import { ExportCard } from "../../../features/team/components/export-card";
import { MembersCard } from "../../../features/team/components/members-card";
import { canDeleteTenant, canExportTenant, canManageTeam } from "../../../lib/authorization";

export default function TeamRoute() {
  const { role, tenant } = useSession();
  const manage = canManageTeam(role);
  return (
    <>
      <PageHeader
        title="Team"
        description={manage ? `Invite colleagues to ${tenant.name} and choose what each person can do.` : `The people who work in ${tenant.name}. Owners and admins manage the team.`}
      />
      <div className="stack-lg">
        {manage && <InviteCard />}
        <MembersCard />
        {manage && <InvitationsCard />}
        {canExportTenant(role) && <ExportCard tenantName={tenant.name} />}
        {canDeleteTenant(role) && <DeleteWorkspaceCard key={tenant.id} tenantName={tenant.name} />}
      </div>
    </>
  );
}
