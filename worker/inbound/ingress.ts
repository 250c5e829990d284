// Webhook ingress: verify the signature over the raw bytes, enqueue the raw
// body. Nothing slow happens before the 200: a verified delivery waits on
// nothing that does not protect data (no limiter hop; floods of unverified
// requests are held off by the flood guard in front of the route).
import { eq, inArray } from "drizzle-orm";
import { retiredChannels, webhookPayloads } from "../db/schema";
import { AppError, notFound } from "../http/errors";
import type { Ctx } from "../lib/context";
import { timingSafeEqual } from "../lib/crypto";
import { fromUtf8 } from "../lib/encoding";
import { newId } from "../lib/ids";
import { splitMetaByPhoneNumberId, verifyMetaSignature } from "../channels/meta";
import { verifyWahaSignature } from "../channels/waha";
import { channelSecrets, findActiveChannel, findMetaChannelByNumberId, type ChannelRow, type ChannelSecrets } from "../channels/store";
import { INLINE_JOB_LIMIT, type InboundJob } from "./jobs";
import { errorFields } from "../lib/logger";

export type Headers = (name: string) => string | undefined;

/**
 * Channels and their decrypted secrets, kept per isolate for a few seconds so a
 * burst of deliveries costs one D1 read and one decryption. It only speeds up
 * the check: a disconnected channel's late deliveries are dropped by the
 * consumer, and a rotated secret is picked up within CACHE_MS.
 */
const CACHE_MS = 30_000;
const CACHE_SIZE = 1000;
const channelCache = new Map<string, { channel: ChannelRow | null; secrets: ChannelSecrets; retired: boolean; at: number }>();

/** A channel of a deleted workspace: its deliveries are acknowledged (so the provider stops retrying) and dropped. */
async function isRetired(ctx: Ctx, channelId: string): Promise<boolean> {
  return !!(await ctx.db.select({ id: retiredChannels.id }).from(retiredChannels).where(eq(retiredChannels.id, channelId)).get());
}

/** The channel and its secrets; null for a channel of a deleted workspace. */
async function loadChannel(ctx: Ctx, channelId: string, provider: "meta" | "waha"): Promise<{ channel: ChannelRow; secrets: ChannelSecrets } | null> {
  const now = Date.now();
  let hit = channelCache.get(channelId);
  if (!hit || now - hit.at > CACHE_MS) {
    const channel = await findActiveChannel(ctx, channelId);
    const retired = channel ? false : await isRetired(ctx, channelId);
    hit = { channel, secrets: channel ? await channelSecrets(ctx, channel) : {}, retired, at: now };
    if (channelCache.size >= CACHE_SIZE) channelCache.delete(channelCache.keys().next().value!);
    channelCache.set(channelId, hit);
  }
  if (hit.retired) {
    ctx.logger.info("webhook for a deleted workspace's channel dropped", { channelId });
    return null;
  }
  if (!hit.channel || hit.channel.type !== provider) throw notFound("Channel");
  return { channel: hit.channel, secrets: hit.secrets };
}

/** Forget a channel at once (after this isolate disconnects or updates it). */
export const forgetChannel = (channelId: string) => channelCache.delete(channelId);

function parseJson(raw: ArrayBuffer): unknown {
  try {
    return JSON.parse(fromUtf8(raw));
  } catch {
    throw new AppError("bad_request", "The body is not valid JSON");
  }
}

const encoder = new TextEncoder();

/**
 * Measured on the job as the queue will carry it: JSON escaping can double a
 * body full of quotes and backslashes, so the raw size alone says little. A
 * valid JSON body at most doubles (its control characters are already escaped),
 * so small bodies skip the measuring.
 */
function fitsInline(job: InboundJob, text: string, rawBytes: number): boolean {
  if (rawBytes * 2 + 1024 <= INLINE_JOB_LIMIT) return true;
  if (rawBytes > INLINE_JOB_LIMIT) return false;
  return encoder.encode(JSON.stringify({ ...job, body: text })).byteLength <= INLINE_JOB_LIMIT;
}

async function enqueue(ctx: Ctx, channel: ChannelRow, provider: "meta" | "waha", raw: ArrayBuffer): Promise<void> {
  const text = fromUtf8(raw);
  const job: InboundJob = { kind: "webhook", provider, tenantId: channel.tenantId, channelId: channel.id, receivedAt: ctx.now() };
  if (fitsInline(job, text, raw.byteLength)) {
    job.body = text;
  } else {
    // Too big for a queue message: keep it in D1 and send its id.
    job.payloadId = newId("payload");
    await ctx.db.insert(webhookPayloads).values({ id: job.payloadId, tenantId: channel.tenantId, channelId: channel.id, body: text, createdAt: ctx.now() });
  }
  try {
    await ctx.env.INBOUND_QUEUE.send(job, { contentType: "json" });
  } catch (err) {
    ctx.logger.error("could not enqueue webhook", { channelId: channel.id, ...errorFields(err) });
    if (job.payloadId) await ctx.db.delete(webhookPayloads).where(inArray(webhookPayloads.id, [job.payloadId]));
    // 5xx makes the provider retry later: the delivery is not lost.
    throw new AppError("unavailable", "The message could not be queued; retry later");
  }
}

export async function acceptMetaWebhook(ctx: Ctx, channelId: string, raw: ArrayBuffer, header: Headers): Promise<void> {
  const loaded = await loadChannel(ctx, channelId, "meta");
  if (!loaded) return;
  const { channel, secrets } = loaded;
  if (!secrets.appSecret || !(await verifyMetaSignature(raw, header("x-hub-signature-256") ?? null, secrets.appSecret))) {
    throw new AppError("unauthorized", "Missing or invalid X-Hub-Signature-256");
  }
  parseJson(raw);
  await enqueue(ctx, channel, "meta", raw);
}

export async function acceptWahaWebhook(ctx: Ctx, channelId: string, raw: ArrayBuffer, header: Headers): Promise<void> {
  const loaded = await loadChannel(ctx, channelId, "waha");
  if (!loaded) return;
  const { channel, secrets } = loaded;
  const ok =
    !!secrets.webhookSecret &&
    (await verifyWahaSignature(raw, header("x-webhook-hmac") ?? null, header("x-webhook-hmac-algorithm") ?? null, secrets.webhookSecret));
  if (!ok) throw new AppError("unauthorized", "Missing or invalid X-Webhook-Hmac");
  parseJson(raw);
  await enqueue(ctx, channel, "waha", raw);
}

/**
 * The platform-level Meta app: one callback for every number onboarded into
 * Parley's own app, signed with META_APP_SECRET and routed by phone_number_id.
 */
export async function acceptSharedMetaWebhook(ctx: Ctx, raw: ArrayBuffer, header: Headers): Promise<number> {
  const secret = ctx.config.META_APP_SECRET;
  if (!secret) throw notFound("Platform Meta app");
  if (!(await verifyMetaSignature(raw, header("x-hub-signature-256") ?? null, secret))) {
    throw new AppError("unauthorized", "Missing or invalid X-Hub-Signature-256");
  }
  const body = parseJson(raw);
  let routed = 0;
  // Each channel's job carries only the entries and changes addressed to its number.
  for (const [phoneNumberId, part] of splitMetaByPhoneNumberId(body)) {
    const channel = await findMetaChannelByNumberId(ctx, phoneNumberId);
    if (!channel) {
      ctx.logger.warn("shared webhook for an unknown number", { phoneNumberId });
      continue;
    }
    await enqueue(ctx, channel, "meta", new TextEncoder().encode(JSON.stringify(part)).buffer as ArrayBuffer);
    routed++;
  }
  return routed;
}

export async function metaHandshake(ctx: Ctx, channelId: string | null, query: (k: string) => string | undefined): Promise<string> {
  const mode = query("hub.mode");
  const token = query("hub.verify_token") ?? "";
  const challenge = query("hub.challenge") ?? "";
  let expected: string | null | undefined;
  if (channelId) expected = (await findActiveChannel(ctx, channelId))?.verifyToken;
  else expected = ctx.config.META_VERIFY_TOKEN;
  if (mode !== "subscribe" || !expected || !timingSafeEqual(token, expected)) {
    throw new AppError("forbidden", "Verify token does not match");
  }
  return challenge;
}
