import { Card } from "../../../components/ui/card";

/**
 * Everything the workspace holds, as one file (owners only). A plain link: the
 * browser streams the download to disk, however large the workspace is.
 */
export function ExportCard({ tenantName }: { tenantName: string }) {
  return (
    <Card
      title="Export all data"
      description={`Download everything ${tenantName} holds: contacts, conversations and messages, knowledge, bot settings, bookings, campaigns and the audit log. Passwords, channel tokens, API keys and webhook secrets are never included.`}
    >
      <div className="stack">
        <p className="muted">One file in NDJSON format (one JSON record per line), which databases and scripts can read. Large workspaces take a while; the download shows its progress.</p>
        <div>
          <a className="btn btn-secondary" href="/api/tenant/export" download>
            Download export
          </a>
        </div>
      </div>
    </Card>
  );
}
