// A WAHA channel's WhatsApp session, managed from Parley: its live state, start
// / stop / restart, and the QR code to pair the phone. Starting configures the
// session's webhook (URL, events, HMAC with the channel's secret) first, so
// nobody has to copy it into WAHA by hand.
import { AppError, notFound } from "../http/errors";
import type { TenantCtx } from "../lib/context";
import { auditStatement } from "../tenancy/audit";
import { reportChannelHealth } from "./health";
import { channelSecrets, channelView, getChannelRow, type ChannelRow } from "./store";
import {
  configureSession,
  getSession,
  sessionAction,
  sessionQr,
  SESSION_PROBLEMS,
  webhookConfig,
  type SessionFailure,
  type SessionInfo,
  type WahaSessionConfig,
} from "./waha-sessions";

export type SessionView = SessionInfo;

async function wahaChannel(ctx: TenantCtx, id: string): Promise<{ row: ChannelRow; cfg: WahaSessionConfig; webhookSecret: string }> {
  const row = await getChannelRow(ctx, id);
  if (!row) throw notFound("Channel");
  if (row.type !== "waha") throw new AppError("conflict", "Only WAHA channels have a WhatsApp session to manage");
  if (row.status === "disconnected" || !row.baseUrl) throw new AppError("conflict", "This channel is disconnected");
  const secrets = await channelSecrets(ctx, row);
  return { row, cfg: { baseUrl: row.baseUrl, session: row.session ?? "default", apiKey: secrets.apiKey ?? "" }, webhookSecret: secrets.webhookSecret ?? "" };
}

function failed(f: SessionFailure): never {
  if (f.reason === "unauthorized") {
    throw new AppError("unprocessable", "apiKey: WAHA rejected the channel's API key; update it in the channel's settings", {
      errors: [{ path: "apiKey", message: "WAHA rejected this API key" }],
    });
  }
  if (f.reason === "unreachable") throw new AppError("unavailable", "WAHA could not be reached; check that the gateway is running", { headers: { "retry-after": "5" } });
  throw new AppError("unprocessable", `WAHA refused the request${f.detail ? ` (${f.detail})` : ""}`);
}

/** The state WAHA reports right now; the channel's status follows it. */
export async function channelSession(ctx: TenantCtx, id: string): Promise<SessionView> {
  const { row, cfg } = await wahaChannel(ctx, id);
  const info = await getSession(cfg);
  if (!info.ok) failed(info);
  // The same health path as WAHA's session.status webhook: a change is written, announced and emailed once.
  await reportChannelHealth(ctx, row.id, "session", SESSION_PROBLEMS[info.status]);
  return { exists: info.exists, status: info.status, me: info.me };
}

/** Start (creating the session if needed), stop or restart; start and restart set the webhook configuration first. */
export async function changeChannelSession(ctx: TenantCtx, id: string, action: "start" | "stop" | "restart"): Promise<SessionView> {
  const { row, cfg, webhookSecret } = await wahaChannel(ctx, id);
  if (action !== "stop") {
    const current = await getSession(cfg);
    if (!current.ok) failed(current);
    const url = channelView(ctx, row).webhookUrl!;
    const configured = await configureSession(cfg, current.exists, webhookConfig(url, webhookSecret));
    if (!configured.ok) failed(configured);
  }
  const done = await sessionAction(cfg, action);
  if (!done.ok) failed(done);
  await auditStatement(ctx, { action: `channel.session_${action}`, targetType: "channel", targetId: row.id, metadata: { session: cfg.session } });
  return channelSession(ctx, id);
}

/**
 * The QR code to scan with WhatsApp (Settings → Linked devices) while the
 * session waits for it; `qr: null` in any other state (the state can change
 * between two polls, which is not an error).
 */
export async function channelSessionQr(ctx: TenantCtx, id: string): Promise<{ status: SessionInfo["status"]; qr: { mimeType: string; data: string } | null }> {
  const { cfg } = await wahaChannel(ctx, id);
  const info = await getSession(cfg);
  if (!info.ok) failed(info);
  if (info.status !== "SCAN_QR_CODE") return { status: info.status, qr: null };
  const qr = await sessionQr(cfg);
  if (!qr.ok) failed(qr);
  return { status: info.status, qr: { mimeType: qr.mimeType, data: qr.data } };
}
