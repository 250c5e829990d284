// Media files over the providers' APIs: downloading what a customer sent and
// sending what an agent attached. Meta: media id → short-lived URL (Bearer) →
// bytes (same Bearer); uploads go to /{phone-number-id}/media and are sent by
// id. WAHA: the file URL its webhook gave, with the API key; sends go to
// /api/sendImage or /api/sendFile with the bytes inline.
import { z } from "zod";
import { classifyGraphError } from "./meta-client";
import { classifyWahaError } from "./waha-client";
import { isFailure, networkFailure, permanentFailure, postJson, type SendFailure } from "./http";
import { normalizeE164, wahaChatId } from "./phone";
import type { Fetcher, MetaMediaIdCache, SendResult } from "./types";

export const MEDIA_FETCH_TIMEOUT_MS = 60_000;

export interface MediaSource {
  /** Meta's media id (Meta channels). */
  mediaId?: string | null;
  /** The file URL the webhook carried (WAHA). */
  url?: string | null;
}

export type MediaDownload =
  | {
      ok: true;
      /** The file: read its body once. */
      response: Response;
      mimeType: string | null;
      /** Declared by the provider (Meta's file_size, else Content-Length); checked again while reading. */
      declaredSize: number | null;
      /** Meta's sha256 of the file, when it gave one. */
      sha256: string | null;
    }
  | SendFailure;

const metaMediaSchema = z.object({
  url: z.string().url(),
  mime_type: z.string().optional(),
  sha256: z.string().optional(),
  file_size: z.coerce.number().int().nonnegative().optional(),
});

function contentLength(res: Response): number | null {
  const v = res.headers.get("content-length");
  return v && /^\d+$/.test(v) ? Number(v) : null;
}

async function getWith(fetcher: Fetcher, url: string, headers: Record<string, string>): Promise<Response | SendFailure> {
  try {
    return await fetcher(url, { method: "GET", headers, redirect: "follow", signal: AbortSignal.timeout(MEDIA_FETCH_TIMEOUT_MS) });
  } catch (err) {
    return networkFailure(err);
  }
}

const isResponse = (r: Response | SendFailure): r is Response => r instanceof Response;

export type MetaMediaInfo = { ok: true; url: string; mimeType: string | null; size: number | null } | SendFailure;

/** Meta, step 1: the media id → a download URL (valid 5 minutes), its MIME type and size, with the channel's token. */
export async function resolveMetaMedia(cfg: { graphBaseUrl: string; accessToken: string }, mediaId: string, fetcher: Fetcher = fetch): Promise<MetaMediaInfo> {
  const meta = await getWith(fetcher, `${cfg.graphBaseUrl.replace(/\/+$/, "")}/${encodeURIComponent(mediaId)}`, {
    authorization: `Bearer ${cfg.accessToken}`,
    accept: "application/json",
  });
  if (!isResponse(meta)) return meta;
  const text = await meta.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // Gateways answer with HTML; classified by status below.
  }
  if (meta.status === 404) return permanentFailure("media_not_found", "Meta no longer has this file", "Media ids from webhooks can be downloaded for 7 days");
  if (meta.status < 200 || meta.status >= 300) return classifyGraphError(meta.status, body, meta.headers);
  const parsed = metaMediaSchema.safeParse(body);
  if (!parsed.success) return { ok: false, retryable: true, code: "invalid_response", title: "Meta answered without a media URL" };
  return { ok: true, url: parsed.data.url, mimeType: parsed.data.mime_type ?? null, size: parsed.data.file_size ?? null };
}

/** Meta, step 2: the bytes, with the same token. An expired or refused URL is retryable: the next attempt resolves a fresh one. */
export async function fetchMetaMedia(cfg: { accessToken: string }, info: Extract<MetaMediaInfo, { ok: true }>, fetcher: Fetcher = fetch): Promise<MediaDownload> {
  const file = await getWith(fetcher, info.url, { authorization: `Bearer ${cfg.accessToken}` });
  if (!isResponse(file)) return file;
  if (file.status < 200 || file.status >= 300) {
    await file.body?.cancel();
    const expired = file.status === 401 || file.status === 403 || file.status === 404 || file.status === 410;
    return {
      ok: false,
      retryable: expired || file.status >= 500 || file.status === 429,
      code: expired ? "media_url_expired" : `http_${file.status}`,
      title: expired ? "Meta's download URL expired or was refused" : "Meta's media server did not deliver the file",
    };
  }
  return { ok: true, response: file, mimeType: info.mimeType ?? file.headers.get("content-type"), declaredSize: info.size ?? contentLength(file), sha256: null };
}

/**
 * WAHA: the file URL from the webhook, with the API key. The key is only ever
 * sent to the channel's own server: a URL on another origin is fetched from
 * the channel's base URL with the same path (WAHA's public URL setting may differ).
 */
export async function downloadWahaMedia(cfg: { baseUrl: string; apiKey: string }, fileUrl: string, fetcher: Fetcher = fetch): Promise<MediaDownload> {
  let target: URL;
  const base = new URL(cfg.baseUrl);
  try {
    target = new URL(fileUrl, base);
  } catch {
    return permanentFailure("invalid_media_url", "WAHA gave a file URL that is not a URL");
  }
  if (target.origin !== base.origin) target = new URL(`${target.pathname}${target.search}`, base);
  const res = await getWith(fetcher, target.toString(), cfg.apiKey ? { "x-api-key": cfg.apiKey } : {});
  if (!isResponse(res)) return res;
  if (res.status < 200 || res.status >= 300) {
    const text = await res.text().catch(() => "");
    if (res.status === 404) return permanentFailure("media_not_found", "WAHA no longer has this file", "WAHA keeps downloaded files for a limited time (WHATSAPP_FILES_LIFETIME)");
    return classifyWahaError(res.status, text);
  }
  return { ok: true, response: res, mimeType: res.headers.get("content-type"), declaredSize: contentLength(res), sha256: null };
}

export interface OutboundFile {
  to: string;
  /** WhatsApp's kind of media message. */
  mediaType: "image" | "sticker" | "audio" | "video" | "document";
  mimeType: string;
  fileName: string;
  bytes: ArrayBuffer;
  caption?: string | null;
  /** Hex SHA-256 of the bytes: the key of a Meta media id uploaded before. */
  sha256?: string | null;
}

const uploadSchema = z.object({ id: z.string().min(1) });
const sendResponseSchema = z.object({ messages: z.array(z.object({ id: z.string().min(1) })).min(1) });
/** Meta shows a caption on images, videos and documents only. */
const CAPTIONED = new Set(["image", "video", "document"]);

/** Meta: upload a file to /{phone-number-id}/media; its id can then be sent (alone, or as a template's header). */
export async function uploadMetaMedia(
  cfg: { graphBaseUrl: string; phoneNumberId: string; accessToken: string },
  file: Pick<OutboundFile, "mimeType" | "fileName" | "bytes">,
  fetcher: Fetcher = fetch,
): Promise<{ ok: true; id: string } | SendFailure> {
  const base = `${cfg.graphBaseUrl.replace(/\/+$/, "")}/${encodeURIComponent(cfg.phoneNumberId)}`;
  const form = new FormData();
  form.set("messaging_product", "whatsapp");
  form.set("type", file.mimeType);
  form.set("file", new Blob([file.bytes], { type: file.mimeType }), file.fileName);
  let uploaded: Response;
  try {
    uploaded = await fetcher(`${base}/media`, { method: "POST", headers: { authorization: `Bearer ${cfg.accessToken}` }, body: form, signal: AbortSignal.timeout(MEDIA_FETCH_TIMEOUT_MS) });
  } catch (err) {
    return networkFailure(err);
  }
  const upText = await uploaded.text();
  let upBody: unknown = upText;
  try {
    upBody = upText ? JSON.parse(upText) : null;
  } catch {
    // classified by status
  }
  if (uploaded.status < 200 || uploaded.status >= 300) return classifyGraphError(uploaded.status, upBody, uploaded.headers);
  const id = uploadSchema.safeParse(upBody);
  if (!id.success) return { ok: false, retryable: true, code: "invalid_response", title: "Meta accepted the upload but returned no media id" };
  return { ok: true, id: id.data.id };
}

/**
 * Meta refused a send because a media id it named is unknown or past its 30
 * days: "(#100) Param image.id is not a valid whatsapp business account media
 * attachment ID" (the path names the header's parameter for templates).
 */
export function isStaleMediaId(failure: SendFailure): boolean {
  const text = `${failure.title} ${failure.detail ?? ""}`;
  return /media attachment id|media id/i.test(text) && /not a valid|invalid|expired|does not exist|not found/i.test(text);
}

export type MetaMediaIdResult = { ok: true; id: string; cached: boolean } | SendFailure;

/**
 * The Meta media id to send a file by: one this number uploaded before (the
 * cache, by the file's SHA-256), else a fresh upload that is then remembered.
 * `inflight` shares one upload between sends of the same file running side by
 * side (one outbound batch); without a cache or a hash every send uploads.
 */
export async function metaMediaIdFor(
  cfg: { graphBaseUrl: string; phoneNumberId: string; accessToken: string },
  file: Pick<OutboundFile, "mimeType" | "fileName" | "bytes" | "sha256">,
  fetcher: Fetcher,
  cache?: MetaMediaIdCache,
  inflight?: Map<string, Promise<{ ok: true; id: string } | SendFailure>>,
): Promise<MetaMediaIdResult> {
  const sha = file.sha256;
  if (!cache || !sha) {
    const up = await uploadMetaMedia(cfg, file, fetcher);
    return up.ok ? { ...up, cached: false } : up;
  }
  const known = await cache.get(sha);
  if (known) return { ok: true, id: known, cached: true };
  let upload = inflight?.get(sha);
  if (!upload) {
    upload = uploadMetaMedia(cfg, file, fetcher).then(async (up) => {
      if (up.ok) await cache.put(sha, up.id);
      return up;
    });
    inflight?.set(sha, upload);
    // Settled uploads leave the map: the cache answers from then on, and a failure is tried afresh.
    const settled = () => void inflight?.delete(sha);
    upload.then(settled, settled);
  }
  const up = await upload;
  return up.ok ? { ...up, cached: false } : up;
}

/**
 * Send a message naming a media id, with the id from `metaMediaIdFor`. When a
 * cached id is refused as unknown or expired, it is forgotten and the file is
 * uploaded once more for a single second attempt (the first send was refused,
 * so the customer still gets one message).
 */
export async function sendWithMetaMediaId(
  cfg: { graphBaseUrl: string; phoneNumberId: string; accessToken: string },
  file: Pick<OutboundFile, "mimeType" | "fileName" | "bytes" | "sha256">,
  send: (mediaId: string) => Promise<SendResult>,
  fetcher: Fetcher,
  cache?: MetaMediaIdCache,
  inflight?: Map<string, Promise<{ ok: true; id: string } | SendFailure>>,
): Promise<SendResult> {
  const id = await metaMediaIdFor(cfg, file, fetcher, cache, inflight);
  if (!id.ok) return id;
  const first = await send(id.id);
  if (first.ok || !id.cached || !isStaleMediaId(first) || !cache || !file.sha256) return first;
  await cache.drop(file.sha256, id.id);
  const fresh = await metaMediaIdFor(cfg, file, fetcher, cache, inflight);
  if (!fresh.ok) return fresh;
  return send(fresh.id);
}

/** Meta: the file by media id (cached or uploaded to /{phone-number-id}/media), then the message naming it. */
export async function sendMetaMedia(
  cfg: { graphBaseUrl: string; phoneNumberId: string; accessToken: string },
  file: OutboundFile,
  fetcher: Fetcher = fetch,
  cache?: MetaMediaIdCache,
  inflight?: Map<string, Promise<{ ok: true; id: string } | SendFailure>>,
): Promise<SendResult> {
  const to = normalizeE164(file.to);
  if (!to) return permanentFailure("invalid_recipient", "The recipient is not a phone number in international format");
  const base = `${cfg.graphBaseUrl.replace(/\/+$/, "")}/${encodeURIComponent(cfg.phoneNumberId)}`;
  const auth = { authorization: `Bearer ${cfg.accessToken}` };
  const send = async (mediaId: string): Promise<SendResult> => {
    const media: Record<string, unknown> = { id: mediaId };
    if (file.caption && CAPTIONED.has(file.mediaType)) media.caption = file.caption;
    if (file.mediaType === "document") media.filename = file.fileName;
    const reply = await postJson(fetcher, `${base}/messages`, auth, {
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to,
      type: file.mediaType,
      [file.mediaType]: media,
    });
    if (isFailure(reply)) return reply;
    if (reply.status < 200 || reply.status >= 300) return classifyGraphError(reply.status, reply.body, reply.headers);
    const sent = sendResponseSchema.safeParse(reply.body);
    if (!sent.success) return { ok: false, retryable: false, code: "invalid_response", title: "Meta accepted the message but returned no message id" };
    return { ok: true, providerMessageId: sent.data.messages[0]!.id };
  };
  return sendWithMetaMediaId(cfg, file, send, fetcher, cache, inflight);
}

const wahaSentSchema = z.union([
  z.object({ id: z.string().min(1) }).transform((r) => r.id),
  z.object({ id: z.object({ _serialized: z.string().min(1) }) }).transform((r) => r.id._serialized),
  z
    .object({ key: z.object({ id: z.string().min(1), remoteJid: z.string().min(1), fromMe: z.boolean().optional() }) })
    .transform(({ key }) => `${key.fromMe ?? true}_${key.remoteJid.replace(/@s\.whatsapp\.net$/, "@c.us")}_${key.id}`),
]);

function base64(bytes: ArrayBuffer): string {
  const view = new Uint8Array(bytes);
  let out = "";
  for (let i = 0; i < view.length; i += 0x8000) out += String.fromCharCode(...view.subarray(i, i + 0x8000));
  return btoa(out);
}

/** WAHA: images through /api/sendImage, everything else through /api/sendFile, the bytes inline (base64). */
export async function sendWahaMedia(cfg: { baseUrl: string; session: string; apiKey: string }, file: OutboundFile, fetcher: Fetcher = fetch): Promise<SendResult> {
  const chatId = wahaChatId(file.to);
  if (!chatId) return permanentFailure("invalid_recipient", "The recipient is not a phone number in international format");
  const endpoint = file.mediaType === "image" ? "sendImage" : "sendFile";
  const reply = await postJson(fetcher, `${cfg.baseUrl.replace(/\/+$/, "")}/api/${endpoint}`, cfg.apiKey ? { "x-api-key": cfg.apiKey } : {}, {
    session: cfg.session,
    chatId,
    file: { mimetype: file.mimeType, filename: file.fileName, data: base64(file.bytes) },
    ...(file.caption ? { caption: file.caption } : {}),
  });
  if (isFailure(reply)) return reply;
  if (reply.status < 200 || reply.status >= 300) return classifyWahaError(reply.status, reply.body, reply.headers);
  const sent = wahaSentSchema.safeParse(reply.body);
  if (!sent.success) return permanentFailure("invalid_response", "WAHA sent the file but returned no message id");
  return { ok: true, providerMessageId: sent.data };
}
