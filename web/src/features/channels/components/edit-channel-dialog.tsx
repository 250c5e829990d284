import { useState, type FormEvent } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Dialog } from "../../../components/ui/dialog";
import { PasswordField, TextField } from "../../../components/ui/field";
import { useForm } from "../../../lib/form";
import { toast } from "../../../lib/toast";
import type { Channel, UpdateChannelInput } from "../api/types";
import { useUpdateChannel } from "../api/update-channel";
import { generateSecret } from "./connect-channel-dialog";

const LABELS = { name: "Channel name", accessToken: "New access token", appSecret: "New app secret", apiKey: "New WAHA API key", webhookSecret: "New webhook secret", baseUrl: "WAHA base URL" };
type F = keyof typeof LABELS;

/** Rename a channel or rotate its credentials. Empty secret fields keep the current ones. */
export function EditChannelDialog({ channel, onClose }: { channel: Channel | null; onClose: () => void }) {
  if (!channel) return null;
  return <EditForm channel={channel} onClose={onClose} />;
}

function EditForm({ channel, onClose }: { channel: Channel; onClose: () => void }) {
  const update = useUpdateChannel();
  const form = useForm(LABELS);
  const [v, setV] = useState<Record<F, string>>({ name: channel.name, accessToken: "", appSecret: "", apiKey: "", webhookSecret: "", baseUrl: channel.baseUrl ?? "" });
  const set = (k: F) => (e: { target: { value: string } }) => {
    setV({ ...v, [k]: e.target.value });
    form.clearError(k);
  };
  const meta = channel.type === "meta";

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const short = (s: string) => (s.trim() && s.trim().length < 8 ? "Use at least 8 characters" : undefined);
    const ok = form.check({
      name: v.name.trim() ? undefined : "The channel needs a name",
      accessToken: short(v.accessToken),
      appSecret: short(v.appSecret),
      apiKey: short(v.apiKey),
      webhookSecret: short(v.webhookSecret),
    });
    if (!ok) return;
    const patch: UpdateChannelInput = {};
    if (v.name.trim() !== channel.name) patch.name = v.name.trim();
    if (!meta && v.baseUrl.trim() && v.baseUrl.trim() !== channel.baseUrl) patch.baseUrl = v.baseUrl.trim();
    for (const k of ["accessToken", "appSecret", "apiKey", "webhookSecret"] as const) if (v[k].trim()) patch[k] = v[k].trim();
    if (Object.keys(patch).length === 0) return onClose();
    update.mutate(
      { id: channel.id, ...patch },
      {
        onSuccess: () => {
          toast({ tone: "success", title: "Channel saved", description: patch.webhookSecret ? "Update the webhook secret in WAHA too, or deliveries will be refused." : undefined });
          onClose();
        },
        onError: form.showServerError,
      },
    );
  }

  return (
    <Dialog open onClose={() => !update.isPending && onClose()} title={`Edit ${channel.name}`} size="md" closeOnBackdrop={false}>
      <form ref={form.formRef} className="form" onSubmit={onSubmit} noValidate aria-label={`Edit ${channel.name}`}>
        {form.formError && <Alert>{form.formError}</Alert>}
        <TextField label={LABELS.name} name="name" maxLength={80} value={v.name} onChange={set("name")} error={form.errors.name} />
        {!meta && <TextField label={LABELS.baseUrl} name="baseUrl" type="url" value={v.baseUrl} onChange={set("baseUrl")} error={form.errors.baseUrl} />}
        <p className="muted small">Rotate credentials: fill in only the ones you changed. Empty fields keep what is saved.</p>
        {meta ? (
          <>
            <PasswordField label={LABELS.accessToken} name="accessToken" autoComplete="off" value={v.accessToken} onChange={set("accessToken")} error={form.errors.accessToken} />
            <PasswordField label={LABELS.appSecret} name="appSecret" autoComplete="off" value={v.appSecret} onChange={set("appSecret")} error={form.errors.appSecret} />
          </>
        ) : (
          <>
            <PasswordField label={LABELS.apiKey} name="apiKey" autoComplete="off" value={v.apiKey} onChange={set("apiKey")} error={form.errors.apiKey} />
            <div className="secret-row">
              <TextField label={LABELS.webhookSecret} name="webhookSecret" className="input-mono" autoComplete="off" value={v.webhookSecret} onChange={set("webhookSecret")} error={form.errors.webhookSecret} fieldClassName="secret-field" />
              <Button onClick={() => setV({ ...v, webhookSecret: generateSecret() })}>Generate</Button>
            </div>
          </>
        )}
        <div className="form-actions">
          <Button onClick={onClose} disabled={update.isPending}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" loading={update.isPending}>
            Save changes
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
