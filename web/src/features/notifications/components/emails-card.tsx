import { Badge } from "../../../components/ui/badge";
import { Button } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { MailIcon } from "../../../components/ui/icons";
import { TableSkeleton } from "../../../components/ui/skeleton";
import { EmptyState, ErrorState } from "../../../components/ui/states";
import { formatDate, formatRelative } from "../../../lib/format";
import { useEmails, type Email, type EmailKind, type EmailStatus } from "../api/list-emails";
import "../notifications.css";

const KIND_LABEL: Record<EmailKind, string> = {
  channel_alert: "Channel alert",
  conversation_assigned: "Assignment",
  invitation: "Invitation",
  password_reset: "Password reset",
};

const STATUS: Record<EmailStatus, { label: string; tone: "neutral" | "success" | "danger" | "warning" | "accent" }> = {
  outbox: { label: "In outbox", tone: "accent" },
  pending: { label: "Sending", tone: "warning" },
  sent: { label: "Sent", tone: "success" },
  failed: { label: "Not sent", tone: "danger" },
};

function EmailItem({ email }: { email: Email }) {
  const status = STATUS[email.status];
  return (
    <li className="email-item">
      <div className="email-item-head">
        <div className="email-item-title">
          <p className="cell-strong cell-break">{email.subject}</p>
          <p className="muted small cell-break">
            To {email.to} · {KIND_LABEL[email.kind]} ·{" "}
            <time dateTime={email.createdAt} title={formatDate(email.createdAt)}>
              {formatRelative(email.createdAt)}
            </time>
          </p>
        </div>
        <Badge tone={status.tone}>{status.label}</Badge>
      </div>
      {email.status === "failed" && email.lastError && <p className="small email-error">Why: {email.lastError}</p>}
      {email.body && (
        <details className="email-body">
          <summary>
            Read the email<span className="visually-hidden"> “{email.subject}” to {email.to}</span>
          </summary>
          <pre>{email.body}</pre>
        </details>
      )}
    </li>
  );
}

/** What Parley emailed people of this tenant (alerts, assignments, invitations), or keeps in the outbox without a provider. */
export function EmailsCard() {
  const emails = useEmails();
  const rows = emails.data?.pages.flatMap((p) => p.data) ?? [];
  const delivery = emails.data?.pages[0]?.delivery;
  const description =
    delivery === "outbox"
      ? "No email provider is configured, so emails are kept here instead of being sent. Open one to read it or copy its link."
      : "Emails Parley sent to your team: channel alerts, conversations assigned to someone, invitations.";
  return (
    <Card title={delivery === "outbox" ? "Outbox" : "Sent emails"} description={description} flush>
      {emails.isPending ? (
        <TableSkeleton label="Loading emails" rows={3} columns={3} />
      ) : emails.isError ? (
        <ErrorState error={emails.error} what="emails" onRetry={() => void emails.refetch()} retrying={emails.isFetching} />
      ) : rows.length === 0 ? (
        <EmptyState icon={<MailIcon />} title="No emails yet">
          When a channel stops working, a conversation is assigned to someone or you invite a colleague, the email shows up here.
        </EmptyState>
      ) : (
        <>
          <ul className="email-list" aria-label="Emails, newest first">
            {rows.map((e) => (
              <EmailItem key={e.id} email={e} />
            ))}
          </ul>
          {emails.hasNextPage && (
            <div className="card-footer">
              <Button onClick={() => void emails.fetchNextPage()} loading={emails.isFetchingNextPage}>
                Show older emails
              </Button>
            </div>
          )}
        </>
      )}
    </Card>
  );
}
