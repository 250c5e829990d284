import { CopyField } from "../../../components/ui/copy-field";
import type { Channel } from "../api/types";

/** What to paste into Meta or WAHA so messages reach Parley, and what to do next. */
export function ChannelSetup({ channel, webhookSecret }: { channel: Channel; webhookSecret?: string }) {
  if (channel.type === "meta") {
    return (
      <div className="stack">
        <CopyField label="Webhook URL" value={channel.webhookUrl ?? ""} hint="Meta calls this address with every message." />
        <CopyField label="Verify token" value={channel.verifyToken ?? ""} hint="Meta sends it once to check the address is yours." />
        <ol className="steps">
          <li>
            In the <strong>Meta App Dashboard</strong>, open WhatsApp → Configuration → Webhook → Edit. Paste the <em>Callback URL</em> and <em>Verify token</em> above and
            press Verify and save.
          </li>
          <li>
            Under Webhook fields, <strong>subscribe to <code>messages</code></strong>.
          </li>
          <li>
            Subscribe your app to the WhatsApp Business Account, or real messages won't arrive (test events will):
            <pre className="code-block">
              <code>{`curl -X POST "https://graph.facebook.com/${channel.graphApiVersion ?? "v25.0"}/${channel.wabaId ?? "<WABA_ID>"}/subscribed_apps" \\\n  -H "Authorization: Bearer <ACCESS_TOKEN>"`}</code>
            </pre>
          </li>
          <li>Send a WhatsApp message to the number. It appears in your inbox, and the assistant answers it.</li>
        </ol>
      </div>
    );
  }
  const config = JSON.stringify(
    {
      webhooks: [
        {
          url: channel.webhookUrl,
          events: ["message.any", "message.reaction", "message.ack", "session.status"],
          hmac: { key: webhookSecret ?? "<the webhook secret you saved>" },
          retries: { policy: "exponential", delaySeconds: 2, attempts: 10 },
        },
      ],
    },
    null,
    2,
  );
  return (
    <div className="stack">
      <CopyField label="Webhook URL" value={channel.webhookUrl ?? ""} hint="WAHA sends every message to this address." />
      <div className="field">
        <span className="field-label" id={`waha-config-${channel.id}`}>
          WAHA session webhook configuration
        </span>
        <pre className="code-block" aria-labelledby={`waha-config-${channel.id}`}>
          <code>{config}</code>
        </pre>
        {webhookSecret ? (
          <p className="field-hint">This includes your webhook secret: it is shown only now. Parley rejects deliveries that are not signed with it.</p>
        ) : (
          <p className="field-hint">Put the webhook secret you saved in <code>hmac.key</code>. Parley rejects unsigned deliveries.</p>
        )}
      </div>
      <ol className="steps">
        <li>
          Easiest: press <strong>WhatsApp session</strong> on this channel and start the session there. Parley sets this configuration in WAHA for you and shows the QR
          code to scan.
        </li>
        <li>
          Or add this to the session's configuration in WAHA yourself and restart the session. Subscribe to <code>message.any</code>, not <code>message</code> as
          well: that would deliver every message twice.
        </li>
        <li>Send a WhatsApp message to the phone. It appears in your inbox, and the assistant answers it.</li>
      </ol>
    </div>
  );
}
