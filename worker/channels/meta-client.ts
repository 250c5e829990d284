// Sending through the Graph API (Meta Cloud API and Meta-compatible proxies),
// and the one place Graph errors are sorted into retry / give up / fix config.
import { z } from "zod";
import { isFailure, postJson, retryAfterMs, type SendFailure } from "./http";
import { sendMetaMedia, sendWithMetaMediaId } from "./media";
import { metaMessageBody } from "./meta-outbound";
import type { Fetcher, MetaMediaIdCache, OutboundMessage, SendResult } from "./types";

export interface MetaClientConfig {
  graphBaseUrl: string;
  phoneNumberId: string;
  accessToken: string;
}

// Throttling and transient platform errors (whatsapp.md §2.3), plus Graph's
// generic 1 "API Unknown" and 2 "API Service", which Meta says to retry.
const RETRYABLE = new Set([1, 2, 4, 80007, 130429, 131000, 131016, 131056, 131057]);
const WINDOW_CLOSED = 131047;
// 190 expired/invalid token, 0 auth exception, 10 and 200–299 missing permissions.
const isAuthCode = (code: number) => code === 190 || code === 0 || code === 10 || (code >= 200 && code <= 299);
// Never retried, whatever the HTTP status: the same request fails the same way
// (bad parameter, not a WhatsApp user, template problems, marketing limits).
const PERMANENT = new Set([100, 131026, 131030, 131048, 131049, 131050, 131051, 131052, 131053]);
const isPermanentCode = (code: number) =>
  code === WINDOW_CLOSED || isAuthCode(code) || PERMANENT.has(code) || (code >= 132000 && code < 133000);

const graphErrorSchema = z.object({
  error: z.object({
    code: z.coerce.number().int(),
    message: z.string().optional(),
    error_data: z.object({ details: z.string().optional() }).optional().catch(undefined),
  }),
});

// "(#131047) Re-engagement message" → "Re-engagement message"
const stripCodePrefix = (message: string) => message.replace(/^\(#\d+\)\s*/, "");

/** Sort a non-2xx Graph answer. Codes not listed above follow the HTTP status: 5xx and 429 retry, other 4xx do not. */
export function classifyGraphError(httpStatus: number, body: unknown, headers?: Headers): SendFailure {
  const retryAfter = retryAfterMs(headers);
  const parsed = graphErrorSchema.safeParse(body);
  const serverSide = httpStatus >= 500 || httpStatus === 429;
  const extras = retryAfter !== undefined ? { retryAfterMs: retryAfter } : {};

  if (!parsed.success) {
    const authFailed = httpStatus === 401 || httpStatus === 403;
    return {
      ok: false,
      retryable: serverSide,
      code: `http_${httpStatus}`,
      title: serverSide ? "The provider is unavailable" : authFailed ? "The provider rejected the credentials" : "The provider rejected the request",
      ...(authFailed ? { authFailed } : {}),
      ...extras,
    };
  }

  const { code, message, error_data } = parsed.data.error;
  const failure: SendFailure = {
    ok: false,
    retryable: RETRYABLE.has(code) || (serverSide && !isPermanentCode(code)),
    code: String(code),
    title: message ? stripCodePrefix(message) : `Graph API error ${code}`,
    ...(error_data?.details ? { detail: error_data.details } : {}),
    ...extras,
  };
  if (code === WINDOW_CLOSED) failure.windowClosed = true;
  if (isAuthCode(code)) failure.authFailed = true;
  return failure;
}

const sendResponseSchema = z.object({ messages: z.array(z.object({ id: z.string().min(1) })).min(1) });

/** `mediaIds`: media ids this number uploaded before, so a file already sent is not uploaded again. */
export function metaClient(cfg: MetaClientConfig, fetcher: Fetcher = fetch, mediaIds?: MetaMediaIdCache) {
  // Sends of the same file side by side (one outbound batch) share one upload.
  const inflight = new Map<string, Promise<{ ok: true; id: string } | SendFailure>>();
  const url = `${cfg.graphBaseUrl.replace(/\/+$/, "")}/${encodeURIComponent(cfg.phoneNumberId)}/messages`;
  const auth = { authorization: `Bearer ${cfg.accessToken}` };

  async function post(body: Record<string, unknown>): Promise<{ ok: true; body: unknown } | SendFailure> {
    const reply = await postJson(fetcher, url, auth, body);
    if (isFailure(reply)) return reply;
    if (reply.status < 200 || reply.status >= 300) return classifyGraphError(reply.status, reply.body, reply.headers);
    return { ok: true, body: reply.body };
  }

  async function sendBuilt(msg: Exclude<OutboundMessage, { type: "media" }>): Promise<SendResult> {
    const built = metaMessageBody(msg);
    if (!built.ok) return built;
    const res = await post(built.body);
    if (!res.ok) return res;
    const parsed = sendResponseSchema.safeParse(res.body);
    // Meta accepted the message; retrying would send it twice, so this is not retryable.
    if (!parsed.success) return { ok: false, retryable: false, code: "invalid_response", title: "Meta accepted the message but returned no message id" };
    return { ok: true, providerMessageId: parsed.data.messages[0]!.id };
  }

  return {
    async send(msg: OutboundMessage): Promise<SendResult> {
      if (msg.type === "media") return sendMetaMedia(cfg, msg, fetcher, mediaIds, inflight);
      if (msg.type === "template" && msg.headerFile) {
        // A media header names an uploaded file: its media id (cached or uploaded now), then the template naming it.
        const f = msg.headerFile;
        const { to, name, language, reference } = msg;
        const rest = (msg.components ?? []).filter((c) => (c as { type?: string }).type?.toLowerCase() !== "header");
        return sendWithMetaMediaId(
          cfg,
          f,
          (id) => {
            const header = { type: "header", parameters: [{ type: f.mediaType, [f.mediaType]: { id, ...(f.mediaType === "document" ? { filename: f.fileName } : {}) } }] };
            return sendBuilt({ type: "template", to, name, language, components: [header, ...rest], ...(reference ? { reference } : {}) });
          },
          fetcher,
          mediaIds,
          inflight,
        );
      }
      return sendBuilt(msg);
    },

    /** Marks the message (and earlier ones) read; with `typing`, also shows the typing indicator for up to 25 s. */
    async markRead(providerMessageId: string, typing = false): Promise<SendResult> {
      const res = await post({
        messaging_product: "whatsapp",
        status: "read",
        message_id: providerMessageId,
        ...(typing ? { typing_indicator: { type: "text" } } : {}),
      });
      return res.ok ? { ok: true, providerMessageId } : res;
    },
  };
}

export type MetaClient = ReturnType<typeof metaClient>;
