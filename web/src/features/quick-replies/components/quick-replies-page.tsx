import { useState } from "react";
import { PageHeader } from "../../../components/layout/page-header";
import { Button } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { ConfirmDialog } from "../../../components/ui/confirm-dialog";
import { PlusIcon } from "../../../components/ui/icons";
import { TableSkeleton } from "../../../components/ui/skeleton";
import { EmptyState, ErrorState } from "../../../components/ui/states";
import { formatRelative } from "../../../lib/format";
import { toast } from "../../../lib/toast";
import { canManageTeam } from "../../../lib/authorization";
import { useSession } from "../../auth/hooks";
import { useDeleteQuickReply, useQuickReplies, type QuickReply } from "../api";
import { QuickReplyIcon } from "../icon";
import { QuickReplyDialog } from "./quick-reply-dialog";
import "../quick-replies.css";

export function QuickRepliesPage() {
  const { role } = useSession();
  const canEdit = canManageTeam(role);
  const replies = useQuickReplies();
  const remove = useDeleteQuickReply();
  const [editing, setEditing] = useState<QuickReply | "new" | null>(null);
  const [deleting, setDeleting] = useState<QuickReply | null>(null);
  const rows = replies.data?.data ?? [];

  return (
    <>
      <PageHeader
        title="Quick replies"
        description="Answers your team sends often. In the inbox, type / and the shortcut; variables fill in the customer's details."
        actions={
          canEdit && (
            <Button variant="primary" icon={<PlusIcon />} onClick={() => setEditing("new")}>
              New quick reply
            </Button>
          )
        }
      />
      <Card flush>
        {replies.isPending ? (
          <TableSkeleton label="Loading quick replies" columns={4} />
        ) : replies.isError ? (
          <ErrorState error={replies.error} what="quick replies" onRetry={() => void replies.refetch()} retrying={replies.isFetching} />
        ) : rows.length === 0 ? (
          <EmptyState
            icon={<QuickReplyIcon />}
            title="No quick replies yet"
            action={
              canEdit && (
                <Button variant="primary" icon={<PlusIcon />} onClick={() => setEditing("new")}>
                  Create your first quick reply
                </Button>
              )
            }
          >
            {canEdit ? "Save the answers you type every day, like opening hours or prices." : "Ask an owner or admin to add the answers your team sends often."}
          </EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">Quick replies</caption>
              <thead>
                <tr>
                  <th scope="col">Shortcut</th>
                  <th scope="col">Title</th>
                  <th scope="col">Message</th>
                  <th scope="col">Changed</th>
                  {canEdit && (
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id}>
                    <td data-label="Shortcut">
                      <code>/{r.shortcut}</code>
                    </td>
                    <td data-label="Title" className="cell-strong cell-break">
                      {r.title}
                    </td>
                    <td data-label="Message" className="cell-break qr-text">
                      {r.text}
                    </td>
                    <td data-label="Changed">
                      <time dateTime={r.updatedAt}>{formatRelative(r.updatedAt)}</time>
                    </td>
                    {canEdit && (
                      <td className="cell-actions">
                        <Button variant="ghost" size="sm" onClick={() => setEditing(r)}>
                          Edit<span className="visually-hidden"> /{r.shortcut}</span>
                        </Button>
                        <Button variant="ghost" size="sm" className="btn-danger-text" onClick={() => setDeleting(r)}>
                          Delete<span className="visually-hidden"> /{r.shortcut}</span>
                        </Button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      {editing && <QuickReplyDialog reply={editing === "new" ? null : editing} onClose={() => setEditing(null)} />}
      <ConfirmDialog
        open={deleting !== null}
        title={deleting ? `Delete “/${deleting.shortcut}”?` : ""}
        confirmLabel="Delete quick reply"
        pending={remove.isPending}
        error={remove.error}
        onCancel={() => {
          setDeleting(null);
          remove.reset();
        }}
        onConfirm={() => {
          if (!deleting) return;
          const r = deleting;
          remove.mutate(r.id, {
            onSuccess: () => {
              setDeleting(null);
              toast({ tone: "success", title: `“/${r.shortcut}” deleted` });
            },
          });
        }}
      >
        {deleting && <p>Your team won't find “{deleting.title}” in the inbox any more. Messages already sent stay as they are.</p>}
      </ConfirmDialog>
    </>
  );
}
