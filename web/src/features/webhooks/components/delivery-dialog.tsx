import { Badge } from "../../../components/ui/badge";
import { Button } from "../../../components/ui/button";
import { Dialog } from "../../../components/ui/dialog";
import { ErrorState } from "../../../components/ui/states";
import { Skeleton } from "../../../components/ui/skeleton";
import { formatDate } from "../../../lib/format";
import { notifyRefusal } from "../../../lib/form";
import { toast } from "../../../lib/toast";
import { useDelivery } from "../api/get-delivery";
import { useReplayDelivery } from "../api/replay-delivery";
import { DeliveryStatus } from "./delivery-status";

export function DeliveryDialog({ id, onClose }: { id: string; onClose: () => void }) {
  const delivery = useDelivery(id);
  const replay = useReplayDelivery();
  const d = delivery.data;
  return (
    <Dialog
      open
      onClose={onClose}
      title={d ? `${d.eventType} delivery` : "Delivery"}
      size="md"
      footer={
        <>
          <Button onClick={onClose}>Close</Button>
          <Button
            variant="primary"
            loading={replay.isPending}
            disabled={!d}
            onClick={() =>
              replay.mutate(id, {
                onSuccess: () => {
                  toast({ tone: "success", title: "Replay queued", description: "It is sent again with the current secret." });
                  void delivery.refetch();
                },
                onError: (e) => notifyRefusal("Couldn't replay", e),
              })
            }
          >
            Replay
          </Button>
        </>
      }
    >
      {delivery.isPending ? (
        <div role="status" aria-label="Loading delivery" className="stack">
          <Skeleton height={20} />
          <Skeleton height={80} />
        </div>
      ) : delivery.isError ? (
        <ErrorState error={delivery.error} what="the delivery" onRetry={() => void delivery.refetch()} retrying={delivery.isFetching} />
      ) : d ? (
        <div className="stack">
          <p>
            <DeliveryStatus status={d.status} /> {d.test && <Badge>Test</Badge>} · {d.attempts} attempt{d.attempts === 1 ? "" : "s"} · event <code>{d.eventId}</code>
          </p>
          <h3 className="subheading">Attempts</h3>
          {d.attemptLog.length === 0 ? (
            <p className="muted">Not attempted yet{d.nextAttemptAt ? `; next try ${formatDate(d.nextAttemptAt)}` : ""}.</p>
          ) : (
            <ol className="attempts">
              {d.attemptLog.map((a) => (
                <li key={a.id} className="attempt">
                  <p className="attempt-head">
                    <Badge tone={a.status === "succeeded" ? "success" : "danger"}>{a.status === "succeeded" ? "Succeeded" : "Failed"}</Badge>
                    <span>{a.statusCode !== null ? `HTTP ${a.statusCode}` : "No response"}</span>
                    <span>{a.durationMs} ms</span>
                    <span className="muted">{a.trigger}</span>
                    <time className="muted" dateTime={a.createdAt}>{new Date(a.createdAt).toLocaleString()}</time>
                  </p>
                  {a.error && <p className="field-error">{a.error}</p>}
                  {a.responseBody && (
                    <pre className="code-block code-small" aria-label="Response excerpt">
                      <code>{a.responseBody}</code>
                    </pre>
                  )}
                </li>
              ))}
            </ol>
          )}
          <h3 className="subheading">Payload</h3>
          <pre className="code-block code-small">
            <code>{JSON.stringify(d.payload, null, 2)}</code>
          </pre>
        </div>
      ) : null}
    </Dialog>
  );
}
