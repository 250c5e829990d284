import { useState } from "react";
import { Badge } from "../../../components/ui/badge";
import { Button } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { ConfirmDialog } from "../../../components/ui/confirm-dialog";
import { MailIcon } from "../../../components/ui/icons";
import { TableSkeleton } from "../../../components/ui/skeleton";
import { EmptyState, ErrorState } from "../../../components/ui/states";
import { formatDate, formatRelative, roleLabel } from "../../../lib/format";
import { toast } from "../../../lib/toast";
import { useInvitations, type Invitation } from "../api/list-invitations";
import { useRevokeInvitation } from "../api/revoke-invitation";

/** Invitations nobody has accepted yet, with a way to cancel each. Owners and admins only. */
export function InvitationsCard() {
  const invitations = useInvitations();
  const revoke = useRevokeInvitation();
  const [revoking, setRevoking] = useState<Invitation | null>(null);
  const rows = invitations.data?.pages.flatMap((p) => p.data) ?? [];

  return (
    <Card title="Pending invitations" description="Links that haven't been used yet. Revoke one if it was sent to the wrong person." flush>
      {invitations.isPending ? (
        <TableSkeleton label="Loading invitations" rows={2} columns={4} />
      ) : invitations.isError ? (
        <ErrorState error={invitations.error} what="invitations" onRetry={() => void invitations.refetch()} retrying={invitations.isFetching} />
      ) : rows.length === 0 ? (
        <EmptyState icon={<MailIcon />} title="No pending invitations">
          When you invite someone, their invitation waits here until they accept it.
        </EmptyState>
      ) : (
        <>
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">Pending invitations</caption>
              <thead>
                <tr>
                  <th scope="col">Email</th>
                  <th scope="col">Role</th>
                  <th scope="col">Sent</th>
                  <th scope="col">Expires</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((inv) => (
                  <tr key={inv.id}>
                    <td data-label="Email" className="cell-strong cell-break">
                      {inv.email}
                    </td>
                    <td data-label="Role">
                      <Badge tone={inv.role === "agent" ? "neutral" : "accent"}>{roleLabel[inv.role]}</Badge>
                    </td>
                    <td data-label="Sent">
                      <time dateTime={inv.createdAt} title={formatDate(inv.createdAt)}>
                        {formatRelative(inv.createdAt)}
                      </time>
                    </td>
                    <td data-label="Expires">
                      <time dateTime={inv.expiresAt}>{formatDate(inv.expiresAt)}</time>
                    </td>
                    <td className="cell-actions">
                      <Button variant="ghost" size="sm" className="btn-danger-text" onClick={() => setRevoking(inv)}>
                        Revoke<span className="visually-hidden"> invitation for {inv.email}</span>
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {invitations.hasNextPage && (
            <div className="card-footer">
              <Button onClick={() => void invitations.fetchNextPage()} loading={invitations.isFetchingNextPage}>
                Show more invitations
              </Button>
            </div>
          )}
        </>
      )}
      <ConfirmDialog
        open={revoking !== null}
        title="Revoke this invitation?"
        confirmLabel="Revoke invitation"
        pending={revoke.isPending}
        error={revoke.error}
        onCancel={() => {
          setRevoking(null);
          revoke.reset();
        }}
        onConfirm={() => {
          if (!revoking) return;
          const inv = revoking;
          revoke.mutate(inv.id, {
            onSuccess: () => {
              setRevoking(null);
              toast({ tone: "success", title: `Invitation for ${inv.email} revoked` });
            },
          });
        }}
      >
        {revoking && (
          <p>
            The link sent to <strong>{revoking.email}</strong> will stop working straight away. You can invite them again later.
          </p>
        )}
      </ConfirmDialog>
    </Card>
  );
}
