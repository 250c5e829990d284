import { useState } from "react";
import { Badge } from "../../../components/ui/badge";
import { Button } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { Dialog } from "../../../components/ui/dialog";
import { CheckIcon } from "../../../components/ui/icons";
import { TableSkeleton } from "../../../components/ui/skeleton";
import { EmptyState, ErrorState } from "../../../components/ui/states";
import { formatRelative } from "../../../lib/format";
import { notifyRefusal } from "../../../lib/form";
import { toast } from "../../../lib/toast";
import { useDeadLetter } from "../api/get-dead-letter";
import { useDeadLetters } from "../api/list-dead-letters";
import { useReplayDeadLetter } from "../api/replay-dead-letter";

function DeadLetterDialog({ id, onClose }: { id: string; onClose: () => void }) {
  const letter = useDeadLetter(id);
  const replay = useReplayDeadLetter();
  const d = letter.data;
  return (
    <Dialog
      open
      onClose={onClose}
      title="Dead letter"
      size="md"
      footer={
        <>
          <Button onClick={onClose}>Close</Button>
          <Button
            variant="primary"
            disabled={!d}
            loading={replay.isPending}
            onClick={() =>
              replay.mutate(id, {
                onSuccess: () => {
                  toast({ tone: "success", title: "Put back on the queue", description: "Processing is idempotent, so nothing is done twice." });
                  onClose();
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
      {letter.isPending ? (
        <TableSkeleton label="Loading dead letter" columns={2} />
      ) : letter.isError ? (
        <ErrorState error={letter.error} what="the dead letter" onRetry={() => void letter.refetch()} retrying={letter.isFetching} />
      ) : d ? (
        <div className="stack">
          <dl className="kv">
            <dt>Queue</dt>
            <dd><code>{d.queue}</code></dd>
            <dt>Attempts</dt>
            <dd>{d.attempts}</dd>
            <dt>Error</dt>
            <dd>{d.error ?? "—"}</dd>
          </dl>
          <pre className="code-block code-small" aria-label="Payload">
            <code>{JSON.stringify(d.payload, null, 2)}</code>
          </pre>
        </div>
      ) : null}
    </Dialog>
  );
}

/** Queue messages that exhausted their retries (owners and admins). */
export function DeadLettersCard() {
  const letters = useDeadLetters(true);
  const [open, setOpen] = useState<string | null>(null);
  const rows = letters.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <Card title="Dead letters" description="Background jobs that failed after every retry. Inspect one, fix the cause, then replay it." flush>
      {letters.isPending ? (
        <TableSkeleton label="Loading dead letters" columns={4} />
      ) : letters.isError ? (
        <ErrorState error={letters.error} what="dead letters" onRetry={() => void letters.refetch()} retrying={letters.isFetching} />
      ) : rows.length === 0 ? (
        <EmptyState icon={<CheckIcon />} title="No dead letters">Everything Parley processed in the background succeeded. Nothing to do here.</EmptyState>
      ) : (
        <>
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">Dead letters</caption>
              <thead>
                <tr>
                  <th scope="col">Queue</th>
                  <th scope="col">Error</th>
                  <th scope="col">When</th>
                  <th scope="col">Status</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((d) => (
                  <tr key={d.id}>
                    <td data-label="Queue"><code>{d.queue}</code></td>
                    <td data-label="Error" className="cell-break">{d.error ?? "—"}</td>
                    <td data-label="When">{formatRelative(d.createdAt)}</td>
                    <td data-label="Status">{d.replayedAt ? <Badge tone="success">Replayed</Badge> : <Badge tone="warning">Waiting</Badge>}</td>
                    <td className="cell-actions">
                      <Button size="sm" onClick={() => setOpen(d.id)}>
                        Inspect<span className="visually-hidden"> dead letter from {d.queue}</span>
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {letters.hasNextPage && (
            <div className="card-footer">
              <Button onClick={() => void letters.fetchNextPage()} loading={letters.isFetchingNextPage}>
                Load more
              </Button>
            </div>
          )}
        </>
      )}
      {open && <DeadLetterDialog id={open} onClose={() => setOpen(null)} />}
    </Card>
  );
}
