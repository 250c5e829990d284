import { useState } from "react";
import { Alert } from "../../../components/ui/alert";
import { Badge } from "../../../components/ui/badge";
import { Button } from "../../../components/ui/button";
import { AlertIcon, CheckIcon } from "../../../components/ui/icons";
import { Spinner } from "../../../components/ui/spinner";
import { ErrorState } from "../../../components/ui/states";
import { notifyRefusal } from "../../../lib/form";
import { toast } from "../../../lib/toast";
import { useWahaSession, useWahaSessionAction, useWahaSessionQr, type SessionState } from "../api/session";
import type { Channel } from "../api/types";

const STATE: Record<SessionState, { label: string; tone: "success" | "warning" | "danger" | "neutral"; help: string }> = {
  WORKING: { label: "Working", tone: "success", help: "The phone is linked. Messages arrive in your inbox and the bot can answer." },
  SCAN_QR_CODE: {
    label: "Waiting for the QR code scan",
    tone: "warning",
    help: "On the business phone, open WhatsApp → Settings → Linked devices → Link a device, and scan this code.",
  },
  STARTING: { label: "Starting", tone: "neutral", help: "WAHA is starting the session. This takes a few seconds." },
  STOPPED: { label: "Stopped", tone: "neutral", help: "The session is not running: no messages arrive and none are sent. Start it to connect the phone." },
  FAILED: { label: "Failed", tone: "danger", help: "The session stopped working. Restart it; if it keeps failing, link the phone again." },
};

/** A WAHA channel's WhatsApp session: live state, the QR code to scan, start / stop / restart. */
export function WahaSessionPanel({ channel }: { channel: Channel }) {
  const session = useWahaSession(channel.id);
  const action = useWahaSessionAction(channel.id);
  const waiting = session.data?.status === "SCAN_QR_CODE";
  const qr = useWahaSessionQr(channel.id, waiting);
  const [confirmStop, setConfirmStop] = useState(false);

  if (session.isPending) return <Spinner label="Checking the session" />;
  if (session.isError) return <ErrorState error={session.error} what="the WhatsApp session" onRetry={() => void session.refetch()} retrying={session.isFetching} />;

  const s = session.data;
  const state = STATE[s.status];
  const run = (a: "start" | "stop" | "restart", done: string) =>
    action.mutate(a, { onSuccess: () => toast({ tone: "success", title: done }), onError: (e) => notifyRefusal("WAHA didn't do it", e) });

  return (
    <div className="stack">
      <p className="channel-title" aria-live="polite">
        <span className="cell-strong">Session “{channel.session ?? "default"}”</span>
        <Badge tone={state.tone} icon={s.status === "WORKING" ? <CheckIcon size={14} /> : s.status === "FAILED" ? <AlertIcon size={14} /> : undefined}>
          {state.label}
        </Badge>
      </p>
      <p className="muted small">{state.help}</p>
      {s.me && (
        <p className="small">
          Linked to <strong>{s.me.pushName ?? "WhatsApp"}</strong> ({s.me.id.replace(/@.*$/, "").replace(/^/, "+")})
        </p>
      )}
      {waiting && (
        <div className="qr-box">
          {qr.data?.qr ? (
            <img src={`data:${qr.data.qr.mimeType};base64,${qr.data.qr.data}`} alt="QR code to scan with WhatsApp on the business phone" width={264} height={264} />
          ) : qr.data ? (
            <Spinner label="Waiting for WAHA's QR code" />
          ) : qr.isError ? (
            <Alert>We couldn't load the QR code. It is fetched again in a few seconds.</Alert>
          ) : (
            <Spinner label="Loading the QR code" />
          )}
        </div>
      )}
      {!s.exists && <p className="muted small">Parley creates the session in WAHA and sets its webhook (address, events and signature) when you start it.</p>}
      <div className="channel-actions">
        {(s.status === "STOPPED" || !s.exists) && (
          <Button variant="primary" loading={action.isPending && action.variables === "start"} onClick={() => run("start", "Session starting")}>
            Start session
          </Button>
        )}
        {s.exists && s.status !== "STOPPED" && (
          <Button variant={s.status === "FAILED" ? "primary" : undefined} loading={action.isPending && action.variables === "restart"} onClick={() => run("restart", "Session restarting")}>
            Restart session
          </Button>
        )}
        {s.exists && s.status !== "STOPPED" && !confirmStop && (
          <Button variant="ghost" className="btn-danger-text" onClick={() => setConfirmStop(true)}>
            Stop session
          </Button>
        )}
      </div>
      {confirmStop && s.status !== "STOPPED" && (
        <div className="session-confirm" role="group" aria-label="Confirm stopping the session">
          <p className="small">Stop the session? No messages arrive or go out on this number until you start it again.</p>
          <div className="channel-actions">
            <Button
              variant="danger"
              loading={action.isPending && action.variables === "stop"}
              onClick={() =>
                action.mutate("stop", {
                  onSuccess: () => {
                    setConfirmStop(false);
                    toast({ tone: "success", title: "Session stopped" });
                  },
                  onError: (e) => notifyRefusal("WAHA didn't do it", e),
                })
              }
            >
              Yes, stop it
            </Button>
            <Button onClick={() => setConfirmStop(false)}>Keep it running</Button>
          </div>
        </div>
      )}
    </div>
  );
}
