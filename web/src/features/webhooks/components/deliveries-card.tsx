import { useState, type FormEvent } from "react";
import { Button } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { TableSkeleton } from "../../../components/ui/skeleton";
import { EmptyState, ErrorState } from "../../../components/ui/states";
import { formatRelative } from "../../../lib/format";
import { notifyRefusal } from "../../../lib/form";
import { toast } from "../../../lib/toast";
import { useDeliveries, type DeliveryStatusFilter } from "../api/list-deliveries";
import { useRecoverEndpoint } from "../api/recover-endpoint";
import { DeliveryDialog } from "./delivery-dialog";
import { DeliveryStatus } from "./delivery-status";

function RecoverForm({ endpointId }: { endpointId: string }) {
  const recover = useRecoverEndpoint(endpointId);
  const [since, setSince] = useState(() => new Date(Date.now() - 24 * 3600_000 - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 16));
  function submit(e: FormEvent) {
    e.preventDefault();
    const at = new Date(since);
    if (Number.isNaN(at.getTime())) return;
    recover.mutate(at.toISOString(), {
      onSuccess: () => toast({ tone: "success", title: "Failed deliveries queued again", description: "Every failed delivery since then is being re-sent." }),
      onError: (err) => notifyRefusal("Couldn't recover", err),
    });
  }
  return (
    <form className="inline-form" onSubmit={submit}>
      <label className="field-label" htmlFor="recover-since">
        Re-send failed deliveries since
      </label>
      <input id="recover-since" className="input input-sm" type="datetime-local" value={since} onChange={(e) => setSince(e.target.value)} required />
      <Button type="submit" size="sm" loading={recover.isPending}>
        Recover
      </Button>
    </form>
  );
}

export function DeliveriesCard({ endpointId }: { endpointId: string }) {
  const [status, setStatus] = useState<DeliveryStatusFilter>(undefined);
  const [open, setOpen] = useState<string | null>(null);
  const deliveries = useDeliveries(endpointId, status);
  const rows = deliveries.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <Card
      title="Delivery log"
      description="Every event sent to this endpoint, newest first. Failed deliveries are retried for up to 3 days."
      actions={
        <>
          <label className="visually-hidden" htmlFor="delivery-status">
            Show
          </label>
          <select id="delivery-status" className="input input-sm select" value={status ?? ""} onChange={(e) => setStatus((e.target.value || undefined) as DeliveryStatusFilter)}>
            <option value="">All deliveries</option>
            <option value="succeeded">Delivered</option>
            <option value="pending">Pending</option>
            <option value="failed">Failed</option>
          </select>
        </>
      }
      flush
    >
      <div className="card-toolbar">
        <RecoverForm endpointId={endpointId} />
      </div>
      {deliveries.isPending ? (
        <TableSkeleton label="Loading deliveries" columns={5} />
      ) : deliveries.isError ? (
        <ErrorState error={deliveries.error} what="deliveries" onRetry={() => void deliveries.refetch()} retrying={deliveries.isFetching} />
      ) : rows.length === 0 ? (
        <EmptyState title={status ? "No deliveries with this status" : "Nothing sent yet"}>Send a test event above to see how your endpoint answers.</EmptyState>
      ) : (
        <>
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">Deliveries</caption>
              <thead>
                <tr>
                  <th scope="col">Event</th>
                  <th scope="col">Status</th>
                  <th scope="col">Last response</th>
                  <th scope="col">Attempts</th>
                  <th scope="col">Created</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((d) => (
                  <tr key={d.id}>
                    <td data-label="Event" className="cell-strong">
                      <code>{d.eventType}</code>
                      {d.test && <span className="muted small"> (test)</span>}
                    </td>
                    <td data-label="Status">
                      <DeliveryStatus status={d.status} />
                    </td>
                    <td data-label="Last response" className="cell-break">
                      {d.lastStatusCode !== null ? `HTTP ${d.lastStatusCode}` : d.lastError ? d.lastError : <span className="muted">—</span>}
                    </td>
                    <td data-label="Attempts">{d.attempts}</td>
                    <td data-label="Created">{formatRelative(d.createdAt)}</td>
                    <td className="cell-actions">
                      <Button size="sm" onClick={() => setOpen(d.id)}>
                        Details<span className="visually-hidden"> of {d.eventType} delivery</span>
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {deliveries.hasNextPage && (
            <div className="card-footer">
              <Button onClick={() => void deliveries.fetchNextPage()} loading={deliveries.isFetchingNextPage}>
                Load more
              </Button>
            </div>
          )}
        </>
      )}
      {open && <DeliveryDialog id={open} onClose={() => setOpen(null)} />}
    </Card>
  );
}
