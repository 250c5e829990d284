import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Dialog } from "../../../components/ui/dialog";
import { TextField } from "../../../components/ui/field";
import { useForm } from "../../../lib/form";
import { useCreateEndpoint } from "../api/create-endpoint";
import { EventPicker } from "./event-picker";
import { SecretDialog } from "./secret-dialog";

const LABELS = { url: "Endpoint URL", description: "Description", events: "Events" };

export function CreateEndpointDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const create = useCreateEndpoint();
  const form = useForm(LABELS);
  const navigate = useNavigate();
  const [url, setUrl] = useState("");
  const [description, setDescription] = useState("");
  const [events, setEvents] = useState<string[]>(["*"]);

  function close() {
    if (create.isPending) return;
    create.reset();
    form.reset();
    setUrl("");
    setDescription("");
    setEvents(["*"]);
    onClose();
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const ok = form.check({
      url: !url.trim() ? "Enter the URL Parley should send events to" : !/^https?:\/\//i.test(url.trim()) ? "The URL must start with https://" : undefined,
      events: events.length === 0 ? "Pick at least one event, or all events" : undefined,
    });
    if (!ok) return;
    create.mutate({ url: url.trim(), events, description: description.trim() || undefined }, { onError: form.showServerError });
  }

  if (!open) return null;
  if (create.data) {
    const created = create.data;
    return (
      <SecretDialog
        title="Your endpoint is ready"
        secret={created.secret}
        onClose={() => {
          close();
          void navigate(`/developers/webhooks/${encodeURIComponent(created.id)}`);
        }}
      >
        <p className="muted small">Events go to <code className="cell-break">{created.url}</code>. Next, send a test event from the endpoint's page to check your app receives it.</p>
      </SecretDialog>
    );
  }
  return (
    <Dialog open onClose={close} title="Add a webhook endpoint" size="md" description="Parley sends a signed HTTPS request to this URL whenever one of the chosen events happens.">
      <form ref={form.formRef} className="form" onSubmit={onSubmit} noValidate aria-label="Add a webhook endpoint">
        {form.formError && <Alert>{form.formError}</Alert>}
        <TextField
          label={LABELS.url}
          name="url"
          type="url"
          inputMode="url"
          placeholder="https://example.com/webhooks/parley"
          autoComplete="off"
          value={url}
          onChange={(e) => {
            setUrl(e.target.value);
            form.clearError("url");
          }}
          error={form.errors.url}
          required
        />
        <TextField
          label={LABELS.description}
          name="description"
          optional
          maxLength={500}
          placeholder="e.g. CRM sync"
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          error={form.errors.description}
        />
        <EventPicker
          value={events}
          onChange={(v) => {
            setEvents(v);
            form.clearError("events");
          }}
          error={form.errors.events}
        />
        <div className="form-actions">
          <Button onClick={close} disabled={create.isPending}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" loading={create.isPending}>
            Add endpoint
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
