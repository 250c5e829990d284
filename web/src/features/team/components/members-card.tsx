import { useState } from "react";
import { Badge } from "../../../components/ui/badge";
import { Button } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { ConfirmDialog } from "../../../components/ui/confirm-dialog";
import { TableSkeleton } from "../../../components/ui/skeleton";
import { Spinner } from "../../../components/ui/spinner";
import { EmptyState, ErrorState } from "../../../components/ui/states";
import { assignableRoles, canManageMember, canManageTeam } from "../../../lib/authorization";
import { formatDate, roleLabel, withArticle } from "../../../lib/format";
import { notifyRefusal } from "../../../lib/form";
import { toast } from "../../../lib/toast";
import type { Role } from "../../../types/api";
import { useSession } from "../../auth/hooks";
import { useMembers, type Member } from "../api/list-members";
import { useRemoveMember } from "../api/remove-member";
import { useUpdateMemberRole } from "../api/update-member-role";

const displayName = (m: Member) => m.name?.trim() || m.email;

function RoleCell({ member, isSelf }: { member: Member; isSelf: boolean }) {
  const { role: myRole } = useSession();
  const update = useUpdateMemberRole();
  const editable = !isSelf && canManageMember(myRole, member.role);
  if (!editable) return <Badge tone={member.role === "agent" ? "neutral" : "accent"}>{roleLabel[member.role]}</Badge>;
  const options = assignableRoles(myRole);
  return (
    <span className="inline-control">
      <select
        className="input select input-sm"
        aria-label={`Role for ${displayName(member)}`}
        value={member.role}
        disabled={update.isPending}
        onChange={(e) => {
          const role = e.target.value as Role;
          update.mutate(
            { userId: member.userId, role },
            {
              onSuccess: (m) => toast({ tone: "success", title: `${displayName(m)} is now ${withArticle(m.role)}` }),
              onError: (err) => notifyRefusal(`Couldn't change ${displayName(member)}'s role`, err),
            },
          );
        }}
      >
        {options.map((r) => (
          <option key={r} value={r}>
            {roleLabel[r]}
          </option>
        ))}
      </select>
      {update.isPending && <Spinner label="Saving role" />}
    </span>
  );
}

export function MembersCard() {
  const { user, role, tenant } = useSession();
  const members = useMembers();
  const remove = useRemoveMember();
  const [removing, setRemoving] = useState<Member | null>(null);
  const manage = canManageTeam(role);
  const count = members.data?.data.length;

  return (
    <Card title="Members" description={count !== undefined ? `${count} ${count === 1 ? "person" : "people"} can sign in to ${tenant.name}.` : undefined} flush>
      {members.isPending ? (
        <TableSkeleton label="Loading team members" columns={4} />
      ) : members.isError ? (
        <ErrorState error={members.error} what="your team" onRetry={() => void members.refetch()} retrying={members.isFetching} />
      ) : members.data.data.length === 0 ? (
        <EmptyState title="No members yet">{manage ? "Invite your first colleague with the form above." : null}</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Team members</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Joined</th>
                {manage && (
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {members.data.data.map((m) => {
                const isSelf = m.userId === user.id;
                return (
                  <tr key={m.userId}>
                    <td data-label="Name" className="cell-strong">
                      {m.name?.trim() || <span className="muted">No name yet</span>}
                      {isSelf && (
                        <>
                          {" "}
                          <Badge>You</Badge>
                        </>
                      )}
                    </td>
                    <td data-label="Email" className="cell-break">
                      {m.email}
                    </td>
                    <td data-label="Role">
                      <RoleCell member={m} isSelf={isSelf} />
                    </td>
                    <td data-label="Joined">
                      <time dateTime={m.joinedAt}>{formatDate(m.joinedAt)}</time>
                    </td>
                    {manage && (
                      <td className="cell-actions">
                        {!isSelf && canManageMember(role, m.role) && (
                          <Button variant="ghost" size="sm" className="btn-danger-text" onClick={() => setRemoving(m)}>
                            Remove<span className="visually-hidden"> {displayName(m)}</span>
                          </Button>
                        )}
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <ConfirmDialog
        open={removing !== null}
        title={removing ? `Remove ${displayName(removing)}?` : ""}
        confirmLabel={removing ? `Remove ${displayName(removing)}` : "Remove"}
        pending={remove.isPending}
        error={remove.error}
        onCancel={() => {
          setRemoving(null);
          remove.reset();
        }}
        onConfirm={() => {
          if (!removing) return;
          const who = removing;
          remove.mutate(who.userId, {
            onSuccess: () => {
              setRemoving(null);
              toast({ tone: "success", title: `${displayName(who)} was removed from ${tenant.name}` });
            },
          });
        }}
      >
        {removing && (
          <p>
            <strong>{displayName(removing)}</strong>
            {removing.name ? ` (${removing.email})` : ""} will lose access to {tenant.name} straight away. Their Parley account stays, and you can
            invite them again later.
          </p>
        )}
      </ConfirmDialog>
    </Card>
  );
}
