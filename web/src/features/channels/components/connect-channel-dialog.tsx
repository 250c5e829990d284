import { useState, type FormEvent } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Dialog } from "../../../components/ui/dialog";
import { PasswordField, TextField } from "../../../components/ui/field";
import { useForm } from "../../../lib/form";
import { useCreateChannel } from "../api/create-channel";
import type { Channel } from "../api/types";
import { ChannelSetup } from "./channel-setup";

const META_LABELS = {
  name: "Channel name",
  phoneNumberId: "Phone number ID",
  wabaId: "WhatsApp Business Account ID",
  phoneNumber: "Display phone number",
  accessToken: "Permanent access token",
  appSecret: "App secret",
};
const WAHA_LABELS = { name: "Channel name", baseUrl: "WAHA base URL", session: "Session name", phoneNumber: "Phone number", apiKey: "WAHA API key", webhookSecret: "Webhook secret" };

/** 32 random bytes as hex: long enough for an HMAC key. */
export function generateSecret(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) => b.toString(16).padStart(2, "0")).join("");
}

export function ConnectChannelDialog({ type, onClose }: { type: "meta" | "waha" | null; onClose: () => void }) {
  if (!type) return null;
  return type === "meta" ? <ConnectMeta onClose={onClose} /> : <ConnectWaha onClose={onClose} />;
}

function Created({ channel, onClose, webhookSecret }: { channel: Channel; onClose: () => void; webhookSecret?: string }) {
  return (
    <Dialog
      open
      onClose={onClose}
      title={`${channel.name} is saved: finish the setup`}
      size="md"
      closeOnBackdrop={false}
      description={channel.type === "meta" ? "Two more steps in Meta and messages start arriving." : "One more step in WAHA and messages start arriving."}
      footer={
        <Button variant="primary" onClick={onClose}>
          Done
        </Button>
      }
    >
      <ChannelSetup channel={channel} webhookSecret={webhookSecret} />
    </Dialog>
  );
}

function ConnectMeta({ onClose }: { onClose: () => void }) {
  const create = useCreateChannel();
  const form = useForm(META_LABELS);
  const [v, setV] = useState({ name: "", phoneNumberId: "", wabaId: "", phoneNumber: "", accessToken: "", appSecret: "" });
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => {
    setV({ ...v, [k]: e.target.value });
    form.clearError(k);
  };
  if (create.data) return <Created channel={create.data} onClose={onClose} />;

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const digits = /^\d{5,32}$/;
    const ok = form.check({
      name: v.name.trim() ? undefined : "Name the channel, e.g. “Sales line”",
      phoneNumberId: digits.test(v.phoneNumberId.trim()) ? undefined : "Paste the numeric phone number ID from API Setup",
      wabaId: !v.wabaId.trim() || digits.test(v.wabaId.trim()) ? undefined : "The account ID is a number",
      accessToken: v.accessToken.trim().length >= 8 ? undefined : "Paste the permanent access token",
      appSecret: v.appSecret.trim().length >= 8 ? undefined : "Paste the app secret",
    });
    if (!ok) return;
    create.mutate(
      {
        type: "meta",
        name: v.name.trim(),
        phoneNumberId: v.phoneNumberId.trim(),
        ...(v.wabaId.trim() ? { wabaId: v.wabaId.trim() } : {}),
        ...(v.phoneNumber.trim() ? { phoneNumber: v.phoneNumber.trim() } : {}),
        accessToken: v.accessToken.trim(),
        appSecret: v.appSecret.trim(),
      },
      { onError: form.showServerError },
    );
  }

  return (
    <Dialog open onClose={() => !create.isPending && onClose()} title="Connect a Meta number" size="md" closeOnBackdrop={false} description="Use the WhatsApp Cloud API from your own Meta app.">
      <ol className="steps steps-compact">
        <li>
          In the Meta App Dashboard → WhatsApp → <strong>API Setup</strong>, copy the <em>Phone number ID</em> and <em>WhatsApp Business Account ID</em>.
        </li>
        <li>
          App settings → Basic → copy the <strong>App secret</strong>. Parley checks every delivery with it.
        </li>
        <li>
          Business Settings → System users → add one with <code>whatsapp_business_messaging</code> and <code>whatsapp_business_management</code> → Generate a token that{" "}
          <strong>never expires</strong>. Temporary tokens stop working after 24 hours.
        </li>
      </ol>
      <form ref={form.formRef} className="form" onSubmit={onSubmit} noValidate aria-label="Connect a Meta number">
        {form.formError && <Alert>{form.formError}</Alert>}
        <TextField label={META_LABELS.name} name="name" placeholder="e.g. Sales line" maxLength={80} value={v.name} onChange={set("name")} error={form.errors.name} autoComplete="off" />
        <div className="form-grid">
          <TextField label={META_LABELS.phoneNumberId} name="phoneNumberId" inputMode="numeric" value={v.phoneNumberId} onChange={set("phoneNumberId")} error={form.errors.phoneNumberId} autoComplete="off" />
          <TextField label={META_LABELS.wabaId} name="wabaId" inputMode="numeric" optional value={v.wabaId} onChange={set("wabaId")} error={form.errors.wabaId} autoComplete="off" />
        </div>
        <TextField
          label={META_LABELS.phoneNumber}
          name="phoneNumber"
          type="tel"
          optional
          placeholder="+62 812 3456 7890"
          hint="In international format, as customers see it."
          value={v.phoneNumber}
          onChange={set("phoneNumber")}
          error={form.errors.phoneNumber}
        />
        <PasswordField label={META_LABELS.accessToken} name="accessToken" autoComplete="off" value={v.accessToken} onChange={set("accessToken")} error={form.errors.accessToken} />
        <PasswordField label={META_LABELS.appSecret} name="appSecret" autoComplete="off" value={v.appSecret} onChange={set("appSecret")} error={form.errors.appSecret} hint="Stored encrypted and never shown again." />
        <div className="form-actions">
          <Button onClick={onClose} disabled={create.isPending}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" loading={create.isPending}>
            Connect number
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function ConnectWaha({ onClose }: { onClose: () => void }) {
  const create = useCreateChannel();
  const form = useForm(WAHA_LABELS);
  const [v, setV] = useState({ name: "", baseUrl: "", session: "default", phoneNumber: "", apiKey: "", webhookSecret: "" });
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => {
    setV({ ...v, [k]: e.target.value });
    form.clearError(k);
  };
  if (create.data) return <Created channel={create.data} onClose={onClose} webhookSecret={v.webhookSecret.trim()} />;

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const ok = form.check({
      name: v.name.trim() ? undefined : "Name the channel, e.g. “Support phone”",
      baseUrl: /^https?:\/\/\S+$/.test(v.baseUrl.trim()) ? undefined : "Enter the address of your WAHA server, starting with https://",
      apiKey: v.apiKey.trim().length >= 8 ? undefined : "Paste WAHA's API key (WAHA_API_KEY)",
      webhookSecret: v.webhookSecret.trim().length >= 8 ? undefined : "Use at least 8 characters, or press Generate",
    });
    if (!ok) return;
    create.mutate(
      {
        type: "waha",
        name: v.name.trim(),
        baseUrl: v.baseUrl.trim(),
        session: v.session.trim() || "default",
        ...(v.phoneNumber.trim() ? { phoneNumber: v.phoneNumber.trim() } : {}),
        apiKey: v.apiKey.trim(),
        webhookSecret: v.webhookSecret.trim(),
      },
      { onError: form.showServerError },
    );
  }

  return (
    <Dialog
      open
      onClose={() => !create.isPending && onClose()}
      title="Connect WAHA"
      size="md"
      closeOnBackdrop={false}
      description="WAHA is a WhatsApp gateway you run yourself. Parley must be able to reach it over HTTPS (a tunnel or private network)."
    >
      <form ref={form.formRef} className="form" onSubmit={onSubmit} noValidate aria-label="Connect WAHA">
        {form.formError && <Alert>{form.formError}</Alert>}
        <TextField label={WAHA_LABELS.name} name="name" placeholder="e.g. Support phone" maxLength={80} value={v.name} onChange={set("name")} error={form.errors.name} autoComplete="off" />
        <div className="form-grid">
          <TextField label={WAHA_LABELS.baseUrl} name="baseUrl" type="url" placeholder="https://waha.example.com" value={v.baseUrl} onChange={set("baseUrl")} error={form.errors.baseUrl} />
          <TextField label={WAHA_LABELS.session} name="session" value={v.session} onChange={set("session")} error={form.errors.session} hint="“default” unless you named it." />
        </div>
        <TextField label={WAHA_LABELS.phoneNumber} name="phoneNumber" type="tel" optional placeholder="+62 812 3456 7890" value={v.phoneNumber} onChange={set("phoneNumber")} error={form.errors.phoneNumber} />
        <PasswordField label={WAHA_LABELS.apiKey} name="apiKey" autoComplete="off" value={v.apiKey} onChange={set("apiKey")} error={form.errors.apiKey} />
        <div className="secret-row">
          <TextField
            label={WAHA_LABELS.webhookSecret}
            name="webhookSecret"
            className="input-mono"
            autoComplete="off"
            value={v.webhookSecret}
            onChange={set("webhookSecret")}
            error={form.errors.webhookSecret}
            hint="WAHA signs every delivery with it; you'll paste it into WAHA next."
            fieldClassName="secret-field"
          />
          <Button onClick={() => setV({ ...v, webhookSecret: generateSecret() })}>Generate</Button>
        </div>
        <div className="form-actions">
          <Button onClick={onClose} disabled={create.isPending}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" loading={create.isPending}>
            Connect WAHA
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
