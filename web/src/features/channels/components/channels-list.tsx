import { useState } from "react";
import { Badge } from "../../../components/ui/badge";
import { Button } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { ConfirmDialog } from "../../../components/ui/confirm-dialog";
import { Dialog } from "../../../components/ui/dialog";
import { AlertIcon, CheckIcon } from "../../../components/ui/icons";
import { TableSkeleton } from "../../../components/ui/skeleton";
import { ErrorState } from "../../../components/ui/states";
import { notifyRefusal } from "../../../lib/form";
import { toast } from "../../../lib/toast";
import { useDisconnectChannel } from "../api/disconnect-channel";
import { useChannels } from "../api/list-channels";
import type { Channel } from "../api/types";
import { ChannelSetup } from "./channel-setup";
import { EditChannelDialog } from "./edit-channel-dialog";
import { WahaSessionPanel } from "./waha-session-panel";

const TYPE_LABEL = { meta: "Meta Cloud API", waha: "WAHA", sandbox: "Built-in test channel" } as const;

function StatusBadge({ channel }: { channel: Channel }) {
  if (channel.status === "connected")
    return (
      <Badge tone="success" icon={<CheckIcon size={14} />}>
        Connected
      </Badge>
    );
  if (channel.status === "needs_attention")
    return (
      <Badge tone="warning" icon={<AlertIcon size={14} />}>
        Needs attention
      </Badge>
    );
  return <Badge>Disconnected</Badge>;
}

/** Every channel with its status; the sandbox is built in and can't be disconnected. */
export function ChannelsList({ canManage, onConnect }: { canManage: boolean; onConnect: (type: "meta" | "waha") => void }) {
  const channels = useChannels();
  const disconnect = useDisconnectChannel();
  const [editing, setEditing] = useState<Channel | null>(null);
  const [setup, setSetup] = useState<Channel | null>(null);
  const [sessionOf, setSessionOf] = useState<Channel | null>(null);
  const [removing, setRemoving] = useState<Channel | null>(null);

  if (channels.isPending) return <Card title="Your channels"><TableSkeleton rows={2} columns={3} label="Loading channels" /></Card>;
  if (channels.isError)
    return (
      <Card title="Your channels">
        <ErrorState error={channels.error} what="your channels" onRetry={() => void channels.refetch()} retrying={channels.isFetching} />
      </Card>
    );

  const list = [...channels.data.data].sort((a, b) => Number(a.type === "sandbox") - Number(b.type === "sandbox"));
  const real = list.filter((c) => c.type !== "sandbox");

  return (
    <Card title="Your channels" flush>
      {real.length === 0 && (
        <div className="channels-empty">
          <p className="cell-strong">No WhatsApp number connected yet</p>
          <p className="muted small">
            Your bot already works on the built-in test channel (try it in Bot studio).{" "}
            {canManage ? "Connect a number through Meta's Cloud API or your own WAHA gateway to talk to real customers." : "Ask an owner or admin to connect a number."}
          </p>
          {canManage && (
            <div className="channel-actions">
              <Button variant="primary" onClick={() => onConnect("meta")}>
                Connect a Meta number
              </Button>
              <Button onClick={() => onConnect("waha")}>Connect WAHA</Button>
            </div>
          )}
        </div>
      )}
      <ul className="channel-list" aria-label="Channels">
        {list.map((c) => (
          <li key={c.id} className="channel-item">
            <div className="channel-main">
              <p className="channel-title">
                <span className="cell-strong">{c.name}</span>
                {c.type === "sandbox" ? <Badge tone="accent">Built in</Badge> : <StatusBadge channel={c} />}
              </p>
              <p className="muted small">
                {TYPE_LABEL[c.type]}
                {c.phoneNumber && ` · ${c.phoneNumber}`}
                {c.type === "waha" && c.session && ` · session ${c.session}`}
              </p>
              {c.type === "sandbox" && <p className="muted small">Used by Try your bot and the sandbox API. Always on.</p>}
              {c.status === "needs_attention" && (
                <p className="channel-attention">
                  <AlertIcon size={15} />
                  <span>
                    <strong>Needs attention:</strong> {c.attentionReason ?? "Parley couldn't use this channel recently."}
                  </span>
                </p>
              )}
            </div>
            {c.type !== "sandbox" && canManage && (
              <div className="channel-actions">
                {c.type === "waha" && (
                  <Button size="sm" variant={c.status === "needs_attention" ? "primary" : undefined} onClick={() => setSessionOf(c)} aria-label={`WhatsApp session of ${c.name}`}>
                    WhatsApp session
                  </Button>
                )}
                <Button size="sm" onClick={() => setSetup(c)}>
                  Setup details
                </Button>
                <Button size="sm" onClick={() => setEditing(c)} aria-label={`Edit ${c.name}`}>
                  Edit
                </Button>
                <Button size="sm" variant="ghost" className="btn-danger-text" onClick={() => setRemoving(c)} aria-label={`Disconnect ${c.name}`}>
                  Disconnect
                </Button>
              </div>
            )}
          </li>
        ))}
      </ul>
      <EditChannelDialog channel={editing} onClose={() => setEditing(null)} />
      <Dialog open={setup !== null} onClose={() => setSetup(null)} title={`Setup details for ${setup?.name ?? ""}`} size="md" footer={<Button onClick={() => setSetup(null)}>Close</Button>}>
        {setup && <ChannelSetup channel={setup} />}
      </Dialog>
      <Dialog
        open={sessionOf !== null}
        onClose={() => setSessionOf(null)}
        title={`WhatsApp session of ${sessionOf?.name ?? ""}`}
        size="md"
        footer={<Button onClick={() => setSessionOf(null)}>Close</Button>}
      >
        {sessionOf && <WahaSessionPanel channel={sessionOf} />}
      </Dialog>
      <ConfirmDialog
        open={removing !== null}
        title={`Disconnect ${removing?.name ?? ""}?`}
        confirmLabel="Disconnect"
        pending={disconnect.isPending}
        error={disconnect.error}
        onCancel={() => {
          setRemoving(null);
          disconnect.reset();
        }}
        onConfirm={() =>
          removing &&
          disconnect.mutate(removing.id, {
            onSuccess: () => {
              toast({ tone: "success", title: `${removing.name} disconnected` });
              setRemoving(null);
            },
            onError: (e) => notifyRefusal("Couldn't disconnect the channel", e),
          })
        }
      >
        Parley stops receiving and sending messages on <strong>{removing?.name}</strong> and erases its saved credentials. Its conversations stay in your inbox. To use it
        again you'll connect it anew.
      </ConfirmDialog>
    </Card>
  );
}
