import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { PageHeader } from "../../../components/layout/page-header";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { ConfirmDialog } from "../../../components/ui/confirm-dialog";
import { Dialog } from "../../../components/ui/dialog";
import { Skeleton } from "../../../components/ui/skeleton";
import { ErrorState } from "../../../components/ui/states";
import { formatDate, formatRelative } from "../../../lib/format";
import { describeError, notifyRefusal } from "../../../lib/form";
import { toast } from "../../../lib/toast";
import { useDeleteEndpoint } from "../api/delete-endpoint";
import { useEndpoint } from "../api/get-endpoint";
import { useEventTypes } from "../api/list-event-types";
import { useRotateSecret } from "../api/rotate-secret";
import { useSendTestEvent } from "../api/send-test-event";
import type { WebhookEndpoint } from "../api/types";
import { useUpdateEndpoint } from "../api/update-endpoint";
import { DeliveriesCard } from "./deliveries-card";
import { EndpointStatus, eventsLabel } from "./endpoint-status";
import { EventPicker } from "./event-picker";
import { SecretDialog } from "./secret-dialog";

function EditEventsDialog({ endpoint, onClose }: { endpoint: WebhookEndpoint; onClose: () => void }) {
  const update = useUpdateEndpoint(endpoint.id);
  const [events, setEvents] = useState(endpoint.events);
  return (
    <Dialog
      open
      onClose={onClose}
      title="Choose events"
      size="md"
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" loading={update.isPending} disabled={events.length === 0} onClick={() => update.mutate({ events }, { onSuccess: onClose })}>
            Save events
          </Button>
        </>
      }
    >
      {update.error ? <Alert>{describeError(update.error)}</Alert> : null}
      <EventPicker value={events} onChange={setEvents} error={events.length === 0 ? "Pick at least one event, or all events" : undefined} />
    </Dialog>
  );
}

function TestEvent({ endpoint }: { endpoint: WebhookEndpoint }) {
  const types = useEventTypes();
  const send = useSendTestEvent(endpoint.id);
  const [type, setType] = useState("");
  const options = (types.data?.data ?? []).filter((t) => endpoint.events.includes("*") || endpoint.events.includes(t.type));
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        send.mutate(type || undefined, {
          onSuccess: (d) =>
            toast({
              tone: "info",
              title: `Test ${d.eventType} event on its way`,
              description: "Its result appears in the delivery log below in a moment.",
            }),
          onError: (err) => notifyRefusal("Couldn't send the test event", err),
        });
      }}
    >
      <label className="field-label" htmlFor="test-event-type">
        Send a test event
      </label>
      <select id="test-event-type" className="input input-sm select" value={type} onChange={(e) => setType(e.target.value)}>
        <option value="">Default event</option>
        {options.map((t) => (
          <option key={t.type} value={t.type}>
            {t.type}
          </option>
        ))}
      </select>
      <Button type="submit" size="sm" variant="primary" loading={send.isPending}>
        Send test event
      </Button>
    </form>
  );
}

export function EndpointDetail({ id }: { id: string }) {
  const endpoint = useEndpoint(id);
  const update = useUpdateEndpoint(id);
  const rotate = useRotateSecret(id);
  const del = useDeleteEndpoint();
  const navigate = useNavigate();
  const [confirm, setConfirm] = useState<"rotate" | "delete" | null>(null);
  const [editing, setEditing] = useState(false);
  const e = endpoint.data;

  if (endpoint.isPending) {
    return (
      <>
        <PageHeader title="Webhook endpoint" />
        <Card>
          <div role="status" aria-label="Loading endpoint" className="stack">
            <Skeleton width="60%" height={20} />
            <Skeleton width="40%" />
          </div>
        </Card>
      </>
    );
  }
  if (endpoint.isError || !e) {
    return (
      <>
        <PageHeader title="Webhook endpoint" />
        <Card>
          <ErrorState error={endpoint.error} what="this endpoint" onRetry={() => void endpoint.refetch()} retrying={endpoint.isFetching} />
        </Card>
      </>
    );
  }
  return (
    <>
      <p className="breadcrumb">
        <Link to="/developers">← Developers</Link>
      </p>
      <PageHeader title="Webhook endpoint" description={<span className="cell-break">{e.url}</span>} />
      <Card
        title="Settings"
        actions={
          <Button
            loading={update.isPending}
            onClick={() => update.mutate({ enabled: !e.enabled }, { onError: (err) => notifyRefusal(e.enabled ? "Couldn't disable" : "Couldn't enable", err) })}
          >
            {e.enabled ? "Disable" : "Enable"}
          </Button>
        }
      >
        <dl className="kv">
          <dt>Status</dt>
          <dd>
            <EndpointStatus endpoint={e} />
            {e.failingSince && <span className="muted small"> since {formatDate(e.failingSince)}</span>}
          </dd>
          <dt>Events</dt>
          <dd>
            {e.events.includes("*") ? "All events" : e.events.join(", ") || eventsLabel(e.events)}{" "}
            <Button size="sm" variant="ghost" onClick={() => setEditing(true)}>
              Change
            </Button>
          </dd>
          {e.description && (
            <>
              <dt>Description</dt>
              <dd>{e.description}</dd>
            </>
          )}
          <dt>Signing secret</dt>
          <dd>
            {e.secretRotatedAt ? `Rotated ${formatRelative(e.secretRotatedAt)}` : `Created ${formatRelative(e.createdAt)}`}
            {e.previousSecretExpiresAt && <span className="muted small"> · the old secret also signs until {new Date(e.previousSecretExpiresAt).toLocaleString()}</span>}
          </dd>
        </dl>
        <div className="card-toolbar-row">
          <TestEvent endpoint={e} />
          <div className="button-row">
            <Button onClick={() => setConfirm("rotate")}>Rotate secret</Button>
            <Button variant="danger" onClick={() => setConfirm("delete")}>
              Delete endpoint
            </Button>
          </div>
        </div>
      </Card>
      <DeliveriesCard endpointId={e.id} />
      {editing && <EditEventsDialog endpoint={e} onClose={() => setEditing(false)} />}
      <ConfirmDialog
        open={confirm === "rotate"}
        title="Rotate the signing secret?"
        confirmLabel="Rotate secret"
        tone="primary"
        pending={rotate.isPending}
        error={rotate.error}
        onCancel={() => setConfirm(null)}
        onConfirm={() => rotate.mutate(undefined, { onSuccess: () => setConfirm(null) })}
      >
        <p>You'll get a new secret. For 24 hours both secrets sign every request, so you have time to update your app.</p>
      </ConfirmDialog>
      {rotate.data && <SecretDialog title="Your new signing secret" secret={rotate.data.secret} onClose={() => rotate.reset()} />}
      <ConfirmDialog
        open={confirm === "delete"}
        title="Delete this endpoint?"
        confirmLabel="Delete endpoint"
        pending={del.isPending}
        error={del.error}
        onCancel={() => setConfirm(null)}
        onConfirm={() =>
          del.mutate(e.id, {
            onSuccess: () => {
              toast({ tone: "success", title: "Endpoint deleted" });
              void navigate("/developers", { replace: true });
            },
          })
        }
      >
        <p>
          Parley stops sending events to <code className="cell-break">{e.url}</code> and its delivery log is deleted. This can't be undone.
        </p>
      </ConfirmDialog>
    </>
  );
}
