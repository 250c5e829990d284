import { Link } from "react-router";
import { Badge } from "../../../components/ui/badge";
import { ButtonLink } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { PlusIcon } from "../../../components/ui/icons";
import { TableSkeleton } from "../../../components/ui/skeleton";
import { EmptyState, ErrorState } from "../../../components/ui/states";
import { formatRelative } from "../../../lib/format";
import { paths } from "../../../lib/paths";
import { STATUS_LABEL, STATUS_TONE, progressOf, useCampaigns, type Campaign } from "../api";
import "../campaigns.css";

export function Progress({ campaign, label }: { campaign: Campaign; label: string }) {
  const pct = progressOf(campaign);
  return (
    <div className="progress">
      <div className="progress-track" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
        <div className="progress-fill" style={{ width: `${pct}%` }} />
      </div>
      <span className="progress-label">{pct}%</span>
    </div>
  );
}

export function CampaignsList({ canManage }: { canManage: boolean }) {
  const campaigns = useCampaigns();
  const rows = campaigns.data?.data ?? [];
  return (
    <>
      {canManage && (
        <div className="page-toolbar">
          <ButtonLink variant="primary" icon={<PlusIcon />} to={paths.newCampaign}>
            New campaign
          </ButtonLink>
        </div>
      )}
      <Card flush>
        {campaigns.isPending ? (
          <TableSkeleton label="Loading campaigns" columns={5} />
        ) : campaigns.isError ? (
          <ErrorState error={campaigns.error} what="campaigns" onRetry={() => void campaigns.refetch()} retrying={campaigns.isFetching} />
        ) : rows.length === 0 ? (
          <EmptyState title="No campaigns yet" action={canManage ? <ButtonLink to={paths.newCampaign}>Create your first campaign</ButtonLink> : undefined}>
            Send one message to a group of contacts, paced so WhatsApp stays happy, and see who read and replied.
          </EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="table" aria-label="Campaigns">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Status</th>
                  <th scope="col">Progress</th>
                  <th scope="col">Audience</th>
                  <th scope="col">Read</th>
                  <th scope="col">Replied</th>
                  <th scope="col">Created</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((c) => (
                  <tr key={c.id}>
                    <td data-label="Name" className="cell-strong cell-break">
                      <Link to={paths.campaign(c.id)}>{c.name}</Link>
                    </td>
                    <td data-label="Status">
                      <Badge tone={STATUS_TONE[c.status]}>{STATUS_LABEL[c.status]}</Badge>
                    </td>
                    <td data-label="Progress">
                      <Progress campaign={c} label={`${c.name} progress`} />
                    </td>
                    <td data-label="Audience">{c.audienceCount || "—"}</td>
                    <td data-label="Read">{c.counts.read}</td>
                    <td data-label="Replied">{c.counts.replied}</td>
                    <td data-label="Created">{formatRelative(c.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </>
  );
}
