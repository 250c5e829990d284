// WAHA's sessions API: a session's state, its webhook configuration (set by
// Parley, not by hand), start / stop / restart, and the QR code to pair a phone.
import type { HealthProblem } from "./health";
import { z } from "zod";
import { SEND_TIMEOUT_MS } from "./http";
import type { Fetcher } from "./types";

export interface WahaSessionConfig {
  baseUrl: string;
  session: string;
  apiKey: string;
}

export const SESSION_STATES = ["STOPPED", "STARTING", "SCAN_QR_CODE", "WORKING", "FAILED"] as const;
export type SessionState = (typeof SESSION_STATES)[number];

export interface SessionInfo {
  /** False when WAHA has no session by this name yet. */
  exists: boolean;
  status: SessionState;
  /** The WhatsApp account the session is paired with, once WORKING. */
  me: { id: string; pushName: string | null } | null;
}

/** What a session's state means for the channel: null = healthy; a session that is starting is shown but nobody is emailed. */
export const SESSION_PROBLEMS: Record<SessionState, HealthProblem | null> = {
  WORKING: null,
  STARTING: { blocking: false, reason: "The WAHA session is starting", notify: false },
  SCAN_QR_CODE: { blocking: true, reason: "The WAHA session needs its QR code scanned" },
  STOPPED: { blocking: true, reason: "The WAHA session is stopped" },
  FAILED: { blocking: true, reason: "The WAHA session failed; restart it from the channel's WhatsApp session" },
};

/** Why WAHA could not do it: unreachable (network, 5xx), refused the key, or refused the request. */
export type SessionFailure = { ok: false; reason: "unreachable" | "unauthorized" | "refused"; detail?: string };
export type SessionResult<T> = ({ ok: true } & T) | SessionFailure;

/** The events Parley needs from a session: every message (customers' and the phone's), reactions, acks and state. */
export const WAHA_WEBHOOK_EVENTS = ["message.any", "message.reaction", "message.ack", "session.status"] as const;

export function webhookConfig(url: string, hmacKey: string) {
  return {
    webhooks: [{ url, events: [...WAHA_WEBHOOK_EVENTS], hmac: { key: hmacKey }, retries: { policy: "exponential", delaySeconds: 2, attempts: 10 } }],
  };
}

const sessionSchema = z.object({
  status: z.string(),
  me: z.object({ id: z.string(), pushName: z.string().nullish() }).nullish().catch(null),
});
const qrJsonSchema = z.object({ mimetype: z.string().default("image/png"), data: z.string().min(1) });

async function call(cfg: WahaSessionConfig, method: string, path: string, fetcher: Fetcher, body?: unknown): Promise<Response | SessionFailure> {
  try {
    const res = await fetcher(`${cfg.baseUrl.replace(/\/+$/, "")}${path}`, {
      method,
      headers: { accept: "application/json", ...(body !== undefined ? { "content-type": "application/json" } : {}), ...(cfg.apiKey ? { "x-api-key": cfg.apiKey } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
    if (res.status === 401 || res.status === 403) return { ok: false, reason: "unauthorized" };
    if (res.status >= 500 || res.status === 429) return { ok: false, reason: "unreachable", detail: `WAHA answered ${res.status}` };
    return res;
  } catch {
    return { ok: false, reason: "unreachable" };
  }
}

const isFailure = (r: Response | SessionFailure): r is SessionFailure => !(r instanceof Response);
const sessionPath = (cfg: WahaSessionConfig) => `/api/sessions/${encodeURIComponent(cfg.session)}`;

async function refused(res: Response): Promise<SessionFailure> {
  const text = await res.text().catch(() => "");
  return { ok: false, reason: "refused", detail: `WAHA answered ${res.status}${text ? `: ${text.slice(0, 200)}` : ""}` };
}

export async function getSession(cfg: WahaSessionConfig, fetcher: Fetcher = fetch): Promise<SessionResult<SessionInfo>> {
  const res = await call(cfg, "GET", sessionPath(cfg), fetcher);
  if (isFailure(res)) return res;
  if (res.status === 404) return { ok: true, exists: false, status: "STOPPED", me: null };
  if (!res.ok) return refused(res);
  const parsed = sessionSchema.safeParse(await res.json().catch(() => null));
  if (!parsed.success) return { ok: false, reason: "refused", detail: "WAHA answered without a session status" };
  const status = SESSION_STATES.find((s) => s === parsed.data.status) ?? "FAILED";
  const me = parsed.data.me ? { id: parsed.data.me.id, pushName: parsed.data.me.pushName ?? null } : null;
  return { ok: true, exists: true, status, me };
}

/** Create the session, or update an existing one, with Parley's webhook configuration (not started). */
export async function configureSession(cfg: WahaSessionConfig, exists: boolean, config: ReturnType<typeof webhookConfig>, fetcher: Fetcher = fetch): Promise<SessionResult<object>> {
  const res = exists
    ? await call(cfg, "PUT", sessionPath(cfg), fetcher, { name: cfg.session, config })
    : await call(cfg, "POST", "/api/sessions", fetcher, { name: cfg.session, start: false, config });
  if (isFailure(res)) return res;
  return res.ok ? { ok: true } : refused(res);
}

export async function sessionAction(cfg: WahaSessionConfig, action: "start" | "stop" | "restart", fetcher: Fetcher = fetch): Promise<SessionResult<object>> {
  const res = await call(cfg, "POST", `${sessionPath(cfg)}/${action}`, fetcher, {});
  if (isFailure(res)) return res;
  return res.ok ? { ok: true } : refused(res);
}

/** The pairing QR code as an image (base64), while the session waits for a scan. */
export async function sessionQr(cfg: WahaSessionConfig, fetcher: Fetcher = fetch): Promise<SessionResult<{ mimeType: string; data: string }>> {
  const res = await call(cfg, "GET", `/api/${encodeURIComponent(cfg.session)}/auth/qr?format=image`, fetcher);
  if (isFailure(res)) return res;
  if (!res.ok) return refused(res);
  const type = res.headers.get("content-type") ?? "";
  if (type.startsWith("image/")) {
    const bytes = new Uint8Array(await res.arrayBuffer());
    let binary = "";
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return { ok: true, mimeType: type.split(";")[0]!.trim(), data: btoa(binary) };
  }
  const parsed = qrJsonSchema.safeParse(await res.json().catch(() => null));
  if (!parsed.success) return { ok: false, reason: "refused", detail: "WAHA answered without a QR code" };
  return { ok: true, mimeType: parsed.data.mimetype, data: parsed.data.data };
}
