import { useState } from "react";
import { Link } from "react-router";
import { Button } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { PlusIcon } from "../../../components/ui/icons";
import { TableSkeleton } from "../../../components/ui/skeleton";
import { EmptyState, ErrorState } from "../../../components/ui/states";
import { formatRelative } from "../../../lib/format";
import { useEndpoints } from "../api/list-endpoints";
import { CreateEndpointDialog } from "./create-endpoint-dialog";
import { EndpointStatus, eventsLabel } from "./endpoint-status";

export function EndpointsCard() {
  const endpoints = useEndpoints();
  const [creating, setCreating] = useState(false);
  const rows = endpoints.data?.data ?? [];
  const add = (
    <Button variant="primary" icon={<PlusIcon />} onClick={() => setCreating(true)}>
      Add endpoint
    </Button>
  );
  return (
    <Card title="Webhooks" description="Parley tells your app about new messages, contacts and more as they happen." actions={rows.length > 0 ? add : undefined} flush>
      {endpoints.isPending ? (
        <TableSkeleton label="Loading webhook endpoints" columns={4} />
      ) : endpoints.isError ? (
        <ErrorState error={endpoints.error} what="webhook endpoints" onRetry={() => void endpoints.refetch()} retrying={endpoints.isFetching} />
      ) : rows.length === 0 ? (
        <EmptyState title="No webhook endpoints yet" action={add}>
          Add the URL of your app and pick the events it needs. You'll get a signing secret to verify each request.
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Webhook endpoints</caption>
            <thead>
              <tr>
                <th scope="col">URL</th>
                <th scope="col">Events</th>
                <th scope="col">Status</th>
                <th scope="col">Last success</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => (
                <tr key={e.id}>
                  <td data-label="URL" className="cell-strong cell-break">
                    {e.url}
                    {e.description && <span className="muted small block">{e.description}</span>}
                  </td>
                  <td data-label="Events">{eventsLabel(e.events)}</td>
                  <td data-label="Status">
                    <EndpointStatus endpoint={e} />
                  </td>
                  <td data-label="Last success">{e.lastSuccessAt ? formatRelative(e.lastSuccessAt) : <span className="muted">Never</span>}</td>
                  <td className="cell-actions">
                    <Link className="btn btn-secondary btn-sm" to={`/developers/webhooks/${encodeURIComponent(e.id)}`}>
                      Manage<span className="visually-hidden"> {e.url}</span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <CreateEndpointDialog open={creating} onClose={() => setCreating(false)} />
    </Card>
  );
}
