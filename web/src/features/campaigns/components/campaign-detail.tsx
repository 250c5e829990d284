import { useState } from "react";
import { Link } from "react-router";
import { PageHeader } from "../../../components/layout/page-header";
import { Alert } from "../../../components/ui/alert";
import { Badge } from "../../../components/ui/badge";
import { Button } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { ConfirmDialog } from "../../../components/ui/confirm-dialog";
import { TableSkeleton } from "../../../components/ui/skeleton";
import { EmptyState, ErrorState } from "../../../components/ui/states";
import { notifyRefusal } from "../../../lib/form";
import { paths } from "../../../lib/paths";
import { toast } from "../../../lib/toast";
import { STATUS_LABEL, STATUS_TONE, recipientsCsv, useCampaign, useCampaignAction, useRecipients, type Campaign, type CampaignAction, type RecipientStatus } from "../api";
import { Progress } from "./campaigns-list";
import "../campaigns.css";

const RECIPIENT_FILTERS: Array<{ value: "" | RecipientStatus; label: string }> = [
  { value: "", label: "All" },
  { value: "pending", label: "Waiting" },
  { value: "queued", label: "Queued" },
  { value: "sent", label: "Sent" },
  { value: "delivered", label: "Delivered" },
  { value: "read", label: "Read" },
  { value: "replied", label: "Replied" },
  { value: "converted", label: "Converted" },
  { value: "failed", label: "Failed" },
  { value: "skipped", label: "Skipped" },
];
const RECIPIENT_LABEL = Object.fromEntries(RECIPIENT_FILTERS.map((f) => [f.value, f.label])) as Record<RecipientStatus, string>;

const CONFIRM: Record<CampaignAction, { title: string; body: string; label: string; tone: "danger" | "primary" }> = {
  start: { title: "Start sending?", body: "The audience is fixed now and messages start going out at the chosen pace.", label: "Start sending", tone: "primary" },
  pause: { title: "Pause this campaign?", body: "No new messages go out until you resume. Messages already handed to WhatsApp are not recalled.", label: "Pause", tone: "primary" },
  resume: { title: "Resume sending?", body: "Sending continues with the people who have not been messaged yet.", label: "Resume", tone: "primary" },
  cancel: { title: "Cancel this campaign?", body: "Nobody who is still waiting will get the message. This cannot be undone.", label: "Cancel campaign", tone: "danger" },
};

function actionsFor(c: Campaign): CampaignAction[] {
  if (c.status === "draft") return ["start", "cancel"];
  if (c.status === "scheduled") return ["cancel"];
  if (c.status === "sending") return ["pause", "cancel"];
  if (c.status === "paused") return ["resume", "cancel"];
  return [];
}

export function CampaignDetail({ id, canManage }: { id: string; canManage: boolean }) {
  const campaign = useCampaign(id);
  const action = useCampaignAction(id);
  const [confirm, setConfirm] = useState<CampaignAction | null>(null);
  const [filter, setFilter] = useState<"" | RecipientStatus>("");
  const [exporting, setExporting] = useState(false);
  const c = campaign.data;
  const recipients = useRecipients(id, filter, !!c && (c.status === "sending" || c.status === "paused"));

  if (campaign.isPending) return <TableSkeleton label="Loading the campaign" rows={4} />;
  if (campaign.isError || !c) return <ErrorState error={campaign.error} what="the campaign" onRetry={() => void campaign.refetch()} retrying={campaign.isFetching} />;

  const run = (a: CampaignAction) =>
    action.mutate(a, {
      onSuccess: () => {
        setConfirm(null);
        toast({ tone: "success", title: `Campaign ${a === "start" ? "started" : a === "pause" ? "paused" : a === "resume" ? "resumed" : "cancelled"}` });
      },
      onError: (err) => notifyRefusal("Couldn't change the campaign", err),
    });

  async function exportCsv() {
    setExporting(true);
    try {
      const csv = await recipientsCsv(id);
      const url = URL.createObjectURL(new Blob([csv], { type: "text/csv" }));
      const a = document.createElement("a");
      a.href = url;
      a.download = `campaign-${c!.name.replace(/[^\w-]+/g, "-").toLowerCase()}-recipients.csv`;
      a.click();
      URL.revokeObjectURL(url);
    } catch (err) {
      notifyRefusal("Couldn't export the recipients", err);
    } finally {
      setExporting(false);
    }
  }

  const k = c.counts;
  const base = Math.max(c.audienceCount, 1);
  const funnel: Array<[string, number]> = [
    ["Audience", c.audienceCount],
    ["Sent", k.sent],
    ["Delivered", k.delivered],
    ["Read", k.read],
    ["Replied", k.replied],
    ["Converted", k.converted],
  ];
  const rows = recipients.data?.data ?? [];
  return (
    <>
      <PageHeader
        title={c.name}
        description={<Link to={paths.campaigns}>All campaigns</Link>}
        actions={
          canManage && (
            <div className="campaign-actions">
              {actionsFor(c).map((a) => (
                <Button key={a} variant={a === "cancel" ? "secondary" : "primary"} onClick={() => setConfirm(a)}>
                  {CONFIRM[a].label}
                </Button>
              ))}
            </div>
          )
        }
      />
      <Card>
        <div className="stack">
          <div className="button-row">
            <Badge tone={STATUS_TONE[c.status]}>{STATUS_LABEL[c.status]}</Badge>
            <span className="muted small">
              {c.currentRate < c.ratePerSecond ? `Slowed to ${c.currentRate}/s after WhatsApp's rate limit (set: ${c.ratePerSecond}/s)` : `${c.ratePerSecond} messages a second`}
              {c.scheduledAt && c.status === "scheduled" ? ` · starts ${new Date(c.scheduledAt).toLocaleString()}` : ""}
            </span>
          </div>
          {c.pausedReason && c.status === "paused" && <Alert tone="info" title="Paused">{c.pausedReason}</Alert>}
          <Progress campaign={c} label="Campaign progress" />
          <dl className="totals" aria-label="Totals">
            {(
              [
                ["Recipients", c.audienceCount],
                ["Queued", k.queued],
                ["Sent", k.sent],
                ["Delivered", k.delivered],
                ["Read", k.read],
                ["Replied", k.replied],
                ["Converted", k.converted],
                ["Failed", k.failed],
                ["Skipped", k.skipped],
              ] as const
            ).map(([label, value]) => (
              <div key={label} className="total">
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        </div>
      </Card>
      <Card title="Delivery funnel">
        <ol className="funnel" aria-label="Delivery funnel">
          {funnel.map(([label, value]) => (
            <li key={label} className="funnel-row">
              <span>{label}</span>
              <span className="funnel-bar" aria-hidden="true">
                <span className="funnel-fill" style={{ display: "block", width: `${Math.round((value / base) * 100)}%` }} />
              </span>
              <span className="funnel-value">{value}</span>
            </li>
          ))}
        </ol>
      </Card>
      <Card
        title="Recipients"
        flush
        actions={
          <Button onClick={() => void exportCsv()} loading={exporting} disabled={c.audienceCount === 0}>
            Export CSV
          </Button>
        }
      >
        <div className="filters-bar" role="search" aria-label="Filter recipients">
          <div className="field">
            <label className="field-label" htmlFor="recipient-status">
              Status
            </label>
            <select id="recipient-status" className="input input-sm select" value={filter} onChange={(e) => setFilter(e.target.value as "" | RecipientStatus)}>
              {RECIPIENT_FILTERS.map((f) => (
                <option key={f.value} value={f.value}>
                  {f.label}
                </option>
              ))}
            </select>
          </div>
        </div>
        {recipients.isPending ? (
          <TableSkeleton label="Loading recipients" columns={4} />
        ) : recipients.isError ? (
          <ErrorState error={recipients.error} what="recipients" onRetry={() => void recipients.refetch()} retrying={recipients.isFetching} />
        ) : rows.length === 0 ? (
          <EmptyState title={c.audienceCount === 0 && (c.status === "draft" || c.status === "scheduled") ? "The audience is fixed when the campaign starts" : "No recipients here"} />
        ) : (
          <div className="table-wrap">
            <table className="table" aria-label="Recipients">
              <thead>
                <tr>
                  <th scope="col">Phone</th>
                  <th scope="col">Status</th>
                  <th scope="col">Reason</th>
                  <th scope="col">Sent</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id}>
                    <td data-label="Phone">
                      <Link to={`${paths.contacts}/${encodeURIComponent(r.contactId)}`}>{r.phone}</Link>
                    </td>
                    <td data-label="Status">
                      <Badge tone={r.status === "failed" ? "danger" : r.status === "replied" || r.status === "converted" ? "success" : "neutral"}>{RECIPIENT_LABEL[r.status]}</Badge>
                    </td>
                    <td data-label="Reason" className="cell-break">
                      {r.error?.title ?? "—"}
                    </td>
                    <td data-label="Sent">{r.sentAt ? new Date(r.sentAt).toLocaleString() : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {recipients.data?.nextCursor && <p className="muted small" style={{ padding: "var(--space-3) var(--space-5)" }}>Showing the latest 100; export the CSV for everyone.</p>}
          </div>
        )}
      </Card>
      {confirm && (
        <ConfirmDialog
          open
          title={CONFIRM[confirm].title}
          confirmLabel={CONFIRM[confirm].label}
          cancelLabel={confirm === "cancel" ? "Keep it" : "Not now"}
          tone={CONFIRM[confirm].tone}
          onConfirm={() => run(confirm)}
          onCancel={() => setConfirm(null)}
          pending={action.isPending}
          error={action.error}
        >
          {CONFIRM[confirm].body}
        </ConfirmDialog>
      )}
    </>
  );
}
