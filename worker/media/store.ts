// Media records and their bytes: registering a customer's file when the
// message is stored, downloading it from the provider into R2 (the parley-media
// queue calls processMediaJob), and the descriptor kept on the message.
import { and, eq, inArray, lt, sql } from "drizzle-orm";
import { z } from "zod";
import { channels, conversations, media, messages, type MediaStatus, type MediaType } from "../db/schema";
import { conversationView } from "../conversations/views";
import { publishRealtime, realtimeEvent } from "../realtime/publish";
import type { Ctx } from "../lib/context";
import { idFloor, newId } from "../lib/ids";
import { toHex } from "../lib/encoding";
import { errorFields } from "../lib/logger";
import { downloadWahaMedia, fetchMetaMedia, resolveMetaMedia, type MediaDownload } from "../channels/media";
import { channelSecrets, channelGraphBaseUrl } from "../channels/store";
import type { Fetcher, InboundMessage } from "../channels/types";
import { baseMime, checkMedia, MEDIA_RULES } from "./limits";

export const mediaJobSchema = z.object({ tenantId: z.string().min(1), mediaId: z.string().min(1) });
export type MediaJob = z.infer<typeof mediaJobSchema>;

/** Download attempts before a retryable failure is recorded as failed. */
export const MAX_MEDIA_ATTEMPTS = 6;
/** 5 s, 20 s, 80 s, 320 s, then 15 minutes: an expired Meta URL is fixed by the very next attempt. */
export const mediaRetryDelaySeconds = (attempts: number) => Math.min(900, 5 * 4 ** Math.max(0, attempts - 1));

const MEDIA_MESSAGE_TYPES: readonly string[] = ["image", "sticker", "audio", "video", "document"] satisfies MediaType[];
export const isMediaType = (type: string): type is MediaType => MEDIA_MESSAGE_TYPES.includes(type);

export const r2Key = (tenantId: string, mediaId: string) => `${tenantId}/${mediaId}`;

/** What the message row carries about its file (`payload.file`); the API's `media` is built from it. */
export interface FileDescriptor {
  type: MediaType;
  mimeType: string | null;
  size: number | null;
  fileName: string | null;
  status: MediaStatus;
}

export function fileDescriptor(row: Pick<typeof media.$inferSelect, "type" | "mimeType" | "size" | "fileName" | "status">): FileDescriptor {
  return { type: row.type, mimeType: row.mimeType, size: row.size, fileName: row.fileName, status: row.status };
}

export interface InboundMediaInput {
  tenantId: string;
  channelId: string;
  contactId: string;
  messageId: string;
  message: InboundMessage;
}

/**
 * A pending media row for a customer's file, written before the message (so the
 * message can point at it); the caller removes it again when the message turns
 * out to be a duplicate. Null when the message carries no downloadable file.
 */
export async function registerInboundMedia(ctx: Ctx, input: InboundMediaInput): Promise<{ id: string; file: FileDescriptor } | null> {
  const m = input.message;
  if (!isMediaType(m.type) || !m.media || (!m.media.id && !m.media.url)) return null;
  const now = ctx.now();
  const row = {
    id: newId("media"),
    tenantId: input.tenantId,
    origin: "inbound" as const,
    channelId: input.channelId,
    contactId: input.contactId,
    messageId: input.messageId,
    type: m.type,
    status: "pending" as const,
    mimeType: m.media.mimeType ? baseMime(m.media.mimeType) : null,
    size: null,
    fileName: m.media.filename ?? null,
    providerMediaId: m.media.id ?? null,
    providerUrl: m.media.url ?? null,
    voice: m.media.voice ?? false,
    createdAt: now,
    updatedAt: now,
  };
  await ctx.db.insert(media).values(row);
  return { id: row.id, file: fileDescriptor({ ...row }) };
}

export async function dropMedia(ctx: Ctx, tenantId: string, mediaId: string): Promise<void> {
  await ctx.db.delete(media).where(and(eq(media.id, mediaId), eq(media.tenantId, tenantId)));
}

/** Put the download on the media queue; a failure is logged and the cron's sweep re-queues it. */
export async function enqueueMediaDownload(ctx: Ctx, job: MediaJob): Promise<void> {
  try {
    await ctx.env.MEDIA_QUEUE.send(job, { contentType: "json" });
  } catch (err) {
    ctx.logger.error("could not queue a media download; the sweep will retry", { mediaId: job.mediaId, ...errorFields(err) });
  }
}

/** Pending downloads whose job was lost: back on the queue (the consumer skips anything no longer pending). */
export async function requeuePendingMedia(ctx: Ctx, olderThanMs = 30 * 60_000): Promise<number> {
  const stuck = await ctx.db
    .select({ id: media.id, tenantId: media.tenantId })
    .from(media)
    .where(and(eq(media.status, "pending"), eq(media.origin, "inbound"), lt(media.updatedAt, ctx.now() - olderThanMs)))
    .limit(100)
    .all();
  for (const m of stuck) {
    await ctx.env.MEDIA_QUEUE.send({ tenantId: m.tenantId, mediaId: m.id } satisfies MediaJob, { contentType: "json" });
    await ctx.db.update(media).set({ updatedAt: ctx.now() }).where(eq(media.id, m.id));
  }
  return stuck.length;
}

class TooLarge extends Error {}

/**
 * Stream the file into R2 while counting and hashing it. A declared size is
 * checked before the first byte; the count stops a file that grows past the
 * limit (or past what was declared) mid-way.
 */
export async function putChecked(
  ctx: Ctx,
  key: string,
  body: ReadableStream<Uint8Array>,
  limit: number,
  declaredSize: number | null,
  mimeType: string,
): Promise<{ ok: true; size: number; sha256: string } | { ok: false; size: number }> {
  if (declaredSize !== null && declaredSize <= limit) {
    const digest = new crypto.DigestStream("SHA-256");
    const digestWriter = digest.getWriter();
    let size = 0;
    let tooLarge = false;
    const counted = body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        async transform(chunk, controller) {
          size += chunk.byteLength;
          if (size > declaredSize) {
            tooLarge = true;
            throw new TooLarge();
          }
          await digestWriter.write(chunk);
          controller.enqueue(chunk);
        },
      }),
    );
    const fixed = new FixedLengthStream(declaredSize);
    const piping = counted.pipeTo(fixed.writable);
    try {
      await Promise.all([ctx.env.MEDIA.put(key, fixed.readable, { httpMetadata: { contentType: mimeType } }), piping]);
    } catch (err) {
      await ctx.env.MEDIA.delete(key).catch(() => {});
      // Whichever side noticed first, a file past its declared size is refused, not retried.
      if (tooLarge || err instanceof TooLarge) return { ok: false, size };
      throw err;
    }
    await digestWriter.close();
    return { ok: true, size, sha256: toHex(new Uint8Array(await digest.digest)) };
  }
  // No declared size: read up to the limit, then store.
  const reader = body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return { ok: false, size };
    }
    parts.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.byteLength;
  }
  await ctx.env.MEDIA.put(key, bytes, { httpMetadata: { contentType: mimeType } });
  return { ok: true, size, sha256: toHex(new Uint8Array(await crypto.subtle.digest("SHA-256", bytes))) };
}

export type MediaJobOutcome = { kind: "done"; status: MediaStatus } | { kind: "retry"; delaySeconds: number };

/** Finish a media row (only while still pending) and copy its descriptor onto the message. */
async function settle(ctx: Ctx, row: typeof media.$inferSelect, set: Partial<typeof media.$inferInsert> & { status: MediaStatus }): Promise<boolean> {
  const now = ctx.now();
  const updated = await ctx.db
    .update(media)
    .set({ ...set, updatedAt: now })
    .where(and(eq(media.id, row.id), eq(media.status, "pending")))
    .returning()
    .all();
  const done = updated[0];
  if (!done) return false;
  if (!done.messageId) return true;
  const [message] = await ctx.db
    .update(messages)
    .set({ payload: sql`json_set(coalesce(${messages.payload}, '{}'), '$.file', json(${JSON.stringify(fileDescriptor(done))}))`, updatedAt: now })
    .where(and(eq(messages.id, done.messageId), eq(messages.tenantId, done.tenantId), eq(messages.mediaId, done.id)))
    .returning({ id: messages.id, conversationId: messages.conversationId });
  if (!message) return true;
  // Open inboxes refetch the thread: the file is now shown (or its refusal).
  const conversation = await ctx.db.select().from(conversations).where(eq(conversations.id, message.conversationId)).get();
  if (conversation) {
    await publishRealtime(ctx, done.tenantId, [
      realtimeEvent(ctx, "conversation.updated", { change: "media", conversation: conversationView(conversation, now), messageId: message.id, media: fileDescriptor(done) }),
    ]);
  }
  return true;
}

type Download = MediaDownload | { ok: false; refused: string; mimeType: string; size: number | null };

async function download(ctx: Ctx, row: typeof media.$inferSelect, fetcher: Fetcher): Promise<Download> {
  const channel = row.channelId ? await ctx.db.select().from(channels).where(and(eq(channels.id, row.channelId), eq(channels.tenantId, row.tenantId))).get() : undefined;
  if (!channel) return { ok: false, retryable: false, code: "channel_missing", title: "The channel this file came from no longer exists" };
  const secrets = await channelSecrets(ctx, channel);
  if (channel.type === "meta" && row.providerMediaId) {
    const cfg = { graphBaseUrl: channelGraphBaseUrl(ctx, channel), accessToken: secrets.accessToken ?? "" };
    const info = await resolveMetaMedia(cfg, row.providerMediaId, fetcher);
    if (!info.ok) return info;
    // Meta declares type and size first: a file WhatsApp would not allow is never downloaded.
    const mimeType = baseMime(info.mimeType) || row.mimeType || "";
    const check = checkMedia(row.type, mimeType, info.size);
    if (!check.ok) return { ok: false, refused: check.reason, mimeType, size: info.size };
    return fetchMetaMedia(cfg, info, fetcher);
  }
  if (channel.type === "waha" && row.providerUrl && channel.baseUrl) {
    return downloadWahaMedia({ baseUrl: channel.baseUrl, apiKey: secrets.apiKey ?? "" }, row.providerUrl, fetcher);
  }
  return { ok: false, retryable: false, code: "no_source", title: "The provider gave no way to download this file" };
}

/**
 * Download one customer file into R2. Idempotent: anything no longer pending is
 * left alone. Over-limit and non-allow-listed files are refused and recorded,
 * never stored.
 */
export async function processMediaJob(ctx: Ctx, job: MediaJob, attempts: number, fetcher: Fetcher = fetch): Promise<MediaJobOutcome> {
  const row = await ctx.db.select().from(media).where(and(eq(media.id, job.mediaId), eq(media.tenantId, job.tenantId))).get();
  if (!row || row.status !== "pending") return { kind: "done", status: row?.status ?? "failed" };
  await ctx.db.update(media).set({ attempts: sql`${media.attempts} + 1`, updatedAt: ctx.now() }).where(eq(media.id, row.id));

  const got = await download(ctx, row, fetcher);
  if (!got.ok && "refused" in got) {
    await settle(ctx, row, { status: "refused", mimeType: got.mimeType || null, size: got.size, error: got.refused });
    return { kind: "done", status: "refused" };
  }
  if (!got.ok) {
    if (got.retryable && attempts < MAX_MEDIA_ATTEMPTS) {
      await ctx.db.update(media).set({ error: `${got.code}: ${got.title}` }).where(eq(media.id, row.id));
      ctx.logger.warn("media download failed; will retry", { mediaId: row.id, code: got.code, attempts });
      return { kind: "retry", delaySeconds: mediaRetryDelaySeconds(attempts) };
    }
    await settle(ctx, row, { status: "failed", error: `${got.code}: ${got.title}${got.detail ? ` (${got.detail})` : ""}` });
    return { kind: "done", status: "failed" };
  }

  const mimeType = baseMime(got.mimeType) || row.mimeType || "application/octet-stream";
  const check = checkMedia(row.type, mimeType, got.declaredSize);
  if (!check.ok) {
    await got.response.body?.cancel();
    await settle(ctx, row, { status: "refused", mimeType, size: got.declaredSize, error: check.reason });
    return { kind: "done", status: "refused" };
  }
  const limit = MEDIA_RULES[row.type].maxBytes;
  const key = r2Key(row.tenantId, row.id);
  let stored: Awaited<ReturnType<typeof putChecked>>;
  try {
    stored = await putChecked(ctx, key, got.response.body ?? new Response("").body!, limit, got.declaredSize, mimeType);
  } catch (err) {
    if (attempts < MAX_MEDIA_ATTEMPTS) {
      ctx.logger.warn("storing a media file failed; will retry", { mediaId: row.id, attempts, ...errorFields(err) });
      return { kind: "retry", delaySeconds: mediaRetryDelaySeconds(attempts) };
    }
    await settle(ctx, row, { status: "failed", error: "The file could not be stored" });
    return { kind: "done", status: "failed" };
  }
  if (!stored.ok) {
    const reason =
      got.declaredSize !== null && stored.size > got.declaredSize
        ? `the file was larger than the ${got.declaredSize} bytes the provider declared`
        : `over the ${limit} byte limit for ${row.type}`;
    await settle(ctx, row, { status: "refused", mimeType, size: stored.size, error: reason });
    return { kind: "done", status: "refused" };
  }
  if (!(await settle(ctx, row, { status: "stored", mimeType, size: stored.size, sha256: stored.sha256, r2Key: key, error: null }))) {
    // Erased (or settled by another attempt) while downloading: no copy may outlive the row.
    const now = await findMedia(ctx, row.tenantId, row.id);
    if (!now || now.r2Key !== key) await ctx.env.MEDIA.delete(key);
    return { kind: "done", status: now?.status ?? "failed" };
  }
  return { kind: "done", status: "stored" };
}

/** The row of a media file of this tenant, or undefined (another tenant's is the same as none). */
export function findMedia(ctx: Ctx, tenantId: string, id: string) {
  return ctx.db.select().from(media).where(and(eq(media.id, id), eq(media.tenantId, tenantId))).get();
}

const DAY = 24 * 3600_000;

/**
 * Retention: files older than MEDIA_RETENTION_DAYS leave R2 and their rows
 * become `expired` (messages keep their text and descriptor). Bounded per run.
 */
export async function expireOldMedia(ctx: Ctx, batch = 200): Promise<number> {
  const days = ctx.config.MEDIA_RETENTION_DAYS;
  if (!days) return 0;
  const old = await ctx.db
    .select({ id: media.id, tenantId: media.tenantId, r2Key: media.r2Key, messageId: media.messageId })
    .from(media)
    .where(and(lt(media.id, idFloor("media", ctx.now() - days * DAY)), inArray(media.status, ["stored", "pending"])))
    .limit(batch)
    .all();
  if (!old.length) return 0;
  const keys = old.map((m) => m.r2Key).filter((k): k is string => !!k);
  if (keys.length) await ctx.env.MEDIA.delete(keys);
  const now = ctx.now();
  for (const m of old) {
    const row = await ctx.db
      .update(media)
      .set({ status: "expired", r2Key: null, updatedAt: now })
      .where(eq(media.id, m.id))
      .returning()
      .get();
    if (row?.messageId) {
      await ctx.db
        .update(messages)
        .set({ payload: sql`json_set(coalesce(${messages.payload}, '{}'), '$.file', json(${JSON.stringify(fileDescriptor(row))}))`, updatedAt: now })
        .where(and(eq(messages.id, row.messageId), eq(messages.tenantId, row.tenantId)));
    }
  }
  return old.length;
}
