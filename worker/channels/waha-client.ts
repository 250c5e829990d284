// Sending through a WAHA server. WhatsApp Web has no reliable interactive
// messages and no templates: buttons and lists go out as numbered text the
// customer answers in words or digits; templates are refused.
import { z } from "zod";
import { isFailure, permanentFailure, postJson, retryAfterMs, type SendFailure } from "./http";
import { sendWahaMedia } from "./media";
import { wahaChatId } from "./phone";
import type { Fetcher, OutboundMessage, SendResult } from "./types";

export interface WahaClientConfig {
  baseUrl: string;
  session: string;
  apiKey: string;
}

/** Buttons and lists rendered as WhatsApp-formatted text with numbered options. */
export function interactiveAsText(msg: Extract<OutboundMessage, { type: "buttons" | "list" }>): string {
  const parts: string[] = [];
  if (msg.header) parts.push(`*${msg.header}*`);
  parts.push(msg.body);
  if (msg.type === "buttons") {
    parts.push(msg.buttons.map((b, i) => `${i + 1}. ${b.title}`).join("\n"));
  } else {
    let n = 0;
    for (const section of msg.sections) {
      const rows = section.rows.map((r) => `${++n}. ${r.title}${r.description ? ` — ${r.description}` : ""}`).join("\n");
      parts.push(section.title ? `*${section.title}*\n${rows}` : rows);
    }
  }
  if (msg.footer) parts.push(`_${msg.footer}_`);
  return parts.join("\n\n");
}

// The engines answer differently: NOWEB returns the raw message {key:{…}},
// WEBJS an id object; both serialize to the id WAHA's acks carry.
const sentSchema = z.union([
  z.object({ id: z.string().min(1) }).transform((r) => r.id),
  z.object({ id: z.object({ _serialized: z.string().min(1) }) }).transform((r) => r.id._serialized),
  z
    .object({ key: z.object({ id: z.string().min(1), remoteJid: z.string().min(1), fromMe: z.boolean().optional() }) })
    .transform(({ key }) => `${key.fromMe ?? true}_${key.remoteJid.replace(/@s\.whatsapp\.net$/, "@c.us")}_${key.id}`),
]);

// 422 from a session that is not WORKING: {"error":"Session status is not as expected…","status":"STARTING"}.
const sessionStateSchema = z.object({ status: z.enum(["STOPPED", "STARTING", "SCAN_QR_CODE", "FAILED"]) });
const errorMessageSchema = z.object({ message: z.union([z.string(), z.array(z.string())]).optional(), error: z.string().optional() });

function errorDetail(body: unknown): string | undefined {
  const parsed = errorMessageSchema.safeParse(body);
  const raw = parsed.success ? (parsed.data.message ?? parsed.data.error) : typeof body === "string" ? body : undefined;
  const text = Array.isArray(raw) ? raw.join("; ") : raw;
  return text ? text.slice(0, 300) : undefined;
}

/** Sort a non-2xx WAHA answer: 5xx/429 and a restarting session retry, 401/403 flag credentials, other 4xx are final. */
export function classifyWahaError(status: number, body: unknown, headers?: Headers): SendFailure {
  const detail = errorDetail(body);
  const withDetail = detail ? { detail } : {};
  const retryAfter = retryAfterMs(headers);
  const wait = retryAfter !== undefined ? { retryAfterMs: retryAfter } : {};
  if (status === 401 || status === 403) {
    return { ok: false, retryable: false, authFailed: true, code: `http_${status}`, title: "WAHA rejected the API key", ...withDetail };
  }
  if (status >= 500 || status === 429) {
    return { ok: false, retryable: true, code: `http_${status}`, title: "WAHA is unavailable", ...withDetail, ...wait };
  }
  const session = status === 422 ? sessionStateSchema.safeParse(body) : undefined;
  if (session?.success) {
    // NOWEB restarts its socket on a schedule and a QR rescan takes minutes: worth retrying.
    return { ok: false, retryable: true, code: "session_not_ready", title: `The WhatsApp session is ${session.data.status}`, ...withDetail, ...wait };
  }
  return permanentFailure(`http_${status}`, "WAHA rejected the message", detail);
}

export function wahaClient(cfg: WahaClientConfig, fetcher: Fetcher = fetch) {
  const url = `${cfg.baseUrl.replace(/\/+$/, "")}/api/sendText`;
  const headers: Record<string, string> = cfg.apiKey ? { "x-api-key": cfg.apiKey } : {};

  return {
    async send(msg: OutboundMessage): Promise<SendResult> {
      if (msg.type === "template") return permanentFailure("unsupported", "Templates are unsupported by WAHA", "Send a text message instead");
      if (msg.type === "media") return sendWahaMedia(cfg, msg, fetcher);
      const chatId = wahaChatId(msg.to);
      if (!chatId) return permanentFailure("invalid_recipient", "The recipient is not a phone number in international format");
      const body = {
        session: cfg.session,
        chatId,
        text: msg.type === "text" ? msg.text : interactiveAsText(msg),
        ...(msg.type === "text" && msg.replyTo ? { reply_to: msg.replyTo } : {}),
      };
      const reply = await postJson(fetcher, url, headers, body);
      if (isFailure(reply)) return reply;
      if (reply.status < 200 || reply.status >= 300) return classifyWahaError(reply.status, reply.body, reply.headers);
      const sent = sentSchema.safeParse(reply.body);
      // WAHA sent it; a retry would send it twice, so this is final.
      if (!sent.success) return permanentFailure("invalid_response", "WAHA sent the message but returned no message id");
      return { ok: true, providerMessageId: sent.data };
    },
  };
}

export type WahaClient = ReturnType<typeof wahaClient>;
