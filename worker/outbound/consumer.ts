// The `outbound` queue consumer: pace per number and per contact, claim the
// message (queued → sending, with a lease), send through the channel's client,
// record the provider id and status, retry what is worth retrying and record
// permanent failures on the message. Only the holder of the claim calls the
// provider, so redelivery, parallel consumers and the cron's sweep never send
// a message twice.
import { and, eq, inArray, isNotNull, lt, or, sql } from "drizzle-orm";
import { channels, contacts, conversations, messages, pendingStatuses } from "../db/schema";
import type { Ctx, TenantCtx } from "../lib/context";
import { errorFields } from "../lib/logger";
import { injectFault } from "../lib/faults";
import { hitLimits } from "../limits/client";
import { clientFor } from "../channels/clients";
import { reportChannelHealth } from "../channels/health";
import type { Fetcher, OutboundMessage, SendResult } from "../channels/types";
import { buildEvent, emitEvents, type EventEnvelope } from "../events/emit";
import { messageView, windowExpiresAt } from "../conversations/views";
import { handOffUndelivered } from "../conversations/undelivered";
import { applyPendingStatuses } from "../inbound/statuses";
import { storeDeadLetters } from "../ops/dead-letters";
import { outboundJobSchema, type OutboundJob } from "./jobs";
import { OPTED_OUT_DETAIL, WINDOW_CLOSED_DETAIL, type OutboundContent } from "./send";

/**
 * How long a claim protects a send. Longer than anything between claiming and
 * recording the result (secrets, one provider call with a 15 s timeout, one
 * UPDATE); after it the holder is presumed dead.
 */
export const SEND_LEASE_MS = 2 * 60_000;

/**
 * A claim that expired: the consumer died between claiming and recording the
 * result, so the provider may or may not have accepted the message. Neither
 * provider can be asked directly (Meta has no idempotency key or lookup by our
 * id; WAHA's chat history can only be matched by content, which cannot tell
 * two identical messages apart), so the message is not sent again: it is
 * failed with this reason, and a team member decides whether to send it again.
 * Meta answers later instead: each send carries our id as
 * biz_opaque_callback_data, and a status webhook that echoes it records the
 * provider id on the message (inbound/statuses.ts), before or after this.
 */
export const UNCONFIRMED = {
  code: "send_unconfirmed",
  title: "Sending was interrupted",
  detail: "Parley stopped while handing this message to WhatsApp, so it may or may not have been delivered. It was not sent again, to avoid a duplicate; send it again if the customer did not get it.",
} as const;
import { campaignMessageFailed, campaignMessageSent, campaignSendGate, campaignStillSending, RATE_LIMITED, slowDownCampaign, type CampaignGateCache } from "../campaigns/sending";
import { headerFileOf, mediaOutboundMessage } from "../media/outbound";

/** Attempts before a retryable failure is recorded as a failed message. */
export const MAX_SEND_ATTEMPTS = 6;
export const sendRetryDelaySeconds = (attempts: number) => Math.min(900, 5 * 3 ** Math.max(0, attempts - 1));

/**
 * Throughput per business number: WHATSAPP_NUMBER_MPS messages a second (Meta's default is 80).
 * A WAHA session is a phone on WhatsApp Web, which WhatsApp bans for bulk speed:
 * WAHA_SENDS_PER_MINUTE a minute (default 12).
 */
export const numberPolicy = (ctx: Ctx, channel: { type: string }) =>
  channel.type === "waha" ? { limit: ctx.config.WAHA_SENDS_PER_MINUTE, windowMs: 60_000 } : { limit: ctx.config.WHATSAPP_NUMBER_MPS, windowMs: 1000 };

/**
 * How long a paced message waits: until the window resets, plus, for WAHA,
 * 1–6 s of jitter so the messages held back do not all go out in the same
 * second when it does (a machine-regular rhythm is what gets a number flagged).
 */
export function pacedDelaySeconds(channelType: string, resetInMs: number, random: () => number = Math.random): number {
  const base = Math.max(1, Math.ceil(resetInMs / 1000));
  return channelType === "waha" ? base + 1 + Math.floor(random() * 6) : base;
}
/** Per-customer pacing, well inside Meta's pair rate limit (bursts allowed, ~1 per 6 s sustained). */
export const CONTACT_POLICY = { limit: 10, windowMs: 60_000 };
/** The number's send counter, and the object that keeps it and its customers' counters. */
export const numberLimitKey = (channelId: string) => `sendNumber:${channelId}`;
/** A customer's send counter, a row of the number's object (no object per customer). */
export const contactLimitKey = (channelId: string, contactId: string) => `sendContact:${channelId}:${contactId}`;

type Outcome = { kind: "done" } | { kind: "retry"; delaySeconds: number } | { kind: "defer"; delaySeconds: number };

function toProviderMessage(content: Exclude<OutboundContent, { type: "media" }>, to: string, replyTo?: string): OutboundMessage {
  if (content.type === "text") return { type: "text", to, text: content.text, ...(replyTo ? { replyTo } : {}) };
  if (content.type === "template") return { type: "template", to, name: content.name, language: content.language, components: content.components };
  if (content.type === "list") return { type: "list", to, body: content.body, button: content.button, sections: [{ rows: content.rows }], footer: content.footer };
  return { type: "buttons", to, body: content.body, buttons: content.buttons, footer: content.footer };
}

/** Record a permanent failure on a message still waiting to be sent (queued, or claimed by this consumer). */
export async function markFailed(ctx: Ctx, messageId: string, code: string, title: string, detail?: string, from: Array<"queued" | "sending"> = ["queued", "sending"]): Promise<void> {
  const now = ctx.now();
  const rows = await ctx.db
    .update(messages)
    .set({ status: "failed", errorCode: code, errorTitle: title, errorDetail: detail ?? null, leaseUntil: null, updatedAt: now })
    .where(and(eq(messages.id, messageId), inArray(messages.status, from)))
    .returning()
    .all();
  const row = rows[0];
  if (row) await emitEvents(ctx, [buildEvent(ctx, row.tenantId, "message.status", { message: messageView(row), status: "failed", error: { code, title, detail: detail ?? null } })]);
  if (row) await campaignMessageFailed(ctx, row, code);
  if (row) await handOffUndelivered(ctx, row);
}

/** An expired claim: fail the message as unconfirmed (see UNCONFIRMED) instead of sending it blindly again. */
async function resolveExpiredClaim(ctx: Ctx, messageId: string, leaseUntil: number): Promise<void> {
  const rows = await ctx.db
    .update(messages)
    .set({ status: "failed", errorCode: UNCONFIRMED.code, errorTitle: UNCONFIRMED.title, errorDetail: UNCONFIRMED.detail, leaseUntil: null, updatedAt: ctx.now() })
    .where(and(eq(messages.id, messageId), eq(messages.status, "sending"), eq(messages.leaseUntil, leaseUntil)))
    .returning()
    .all();
  const row = rows[0];
  if (!row) return;
  ctx.logger.warn("send claim expired; message failed as unconfirmed", { messageId });
  await emitEvents(ctx, [buildEvent(ctx, row.tenantId, "message.status", { message: messageView(row), status: "failed", error: { code: UNCONFIRMED.code, title: UNCONFIRMED.title, detail: UNCONFIRMED.detail } })]);
}

/** Put a claimed message back to `queued` after a failed attempt that will be retried. */
async function releaseClaim(ctx: Ctx, messageId: string): Promise<void> {
  await ctx.db
    .update(messages)
    .set({ status: "queued", leaseUntil: null, updatedAt: ctx.now() })
    .where(and(eq(messages.id, messageId), eq(messages.status, "sending")));
}

/** The message waits (pacing, a retry): its row shows it is alive, so the cron's sweep leaves it alone. */
async function touch(ctx: Ctx, messageId: string): Promise<void> {
  await ctx.db.update(messages).set({ updatedAt: ctx.now() }).where(and(eq(messages.id, messageId), eq(messages.status, "queued")));
}

type MessageRow = typeof messages.$inferSelect;
type Loaded = { message?: MessageRow; conversation?: typeof conversations.$inferSelect; contact?: typeof contacts.$inferSelect; channel?: typeof channels.$inferSelect };

/**
 * What one outbound batch shares: the rows of its messages read together, each
 * channel's client built once, the campaigns' pace read once, and the
 * `message.sent` events emitted together when the batch ends.
 */
export interface BatchShared {
  loaded: Map<string, Loaded>;
  clients: Map<string, ReturnType<typeof clientFor>>;
  gate: CampaignGateCache;
  events: EventEnvelope[];
}

/** Values per statement stay under D1's limit of 100 bound parameters. */
const READ_SLICE = 90;

/** The batch's messages with their conversations, contacts and channels: one round trip per 90 messages. */
async function loadBatch(ctx: Ctx, jobs: OutboundJob[]): Promise<Map<string, Loaded>> {
  const out = new Map<string, Loaded>();
  for (let i = 0; i < jobs.length; i += READ_SLICE) {
    const ids = [...new Set(jobs.slice(i, i + READ_SLICE).map((j) => j.messageId))];
    const ofMessages = (column: typeof messages.conversationId | typeof messages.channelId) => sql`(SELECT ${column} FROM ${messages} WHERE ${inArray(messages.id, ids)})`;
    const [ms, convs, people, chans] = await ctx.db.batch([
      ctx.db.select().from(messages).where(inArray(messages.id, ids)),
      ctx.db.select().from(conversations).where(inArray(conversations.id, ofMessages(messages.conversationId))),
      ctx.db
        .select()
        .from(contacts)
        .where(inArray(contacts.id, sql`(SELECT ${conversations.contactId} FROM ${conversations} WHERE ${conversations.id} IN ${ofMessages(messages.conversationId)})`)),
      ctx.db.select().from(channels).where(inArray(channels.id, ofMessages(messages.channelId))),
    ]);
    const conv = new Map(convs.map((c) => [c.id, c]));
    const person = new Map(people.map((c) => [c.id, c]));
    const chan = new Map(chans.map((c) => [c.id, c]));
    for (const m of ms) {
      const conversation = conv.get(m.conversationId);
      out.set(m.id, { message: m, conversation, contact: conversation ? person.get(conversation.contactId) : undefined, channel: chan.get(m.channelId) });
    }
  }
  return out;
}

/** The message with its conversation, contact and channel: one round trip. */
async function loadOne(ctx: Ctx, job: OutboundJob): Promise<Loaded> {
  const ofMessage = (column: typeof messages.conversationId | typeof messages.channelId) =>
    sql`(SELECT ${column} FROM ${messages} WHERE ${messages.id} = ${job.messageId} AND ${messages.tenantId} = ${job.tenantId})`;
  const [[message], [conversation], [contact], [channel]] = await ctx.db.batch([
    ctx.db.select().from(messages).where(and(eq(messages.id, job.messageId), eq(messages.tenantId, job.tenantId))),
    ctx.db.select().from(conversations).where(eq(conversations.id, ofMessage(messages.conversationId))),
    ctx.db
      .select()
      .from(contacts)
      .where(eq(contacts.id, sql`(SELECT ${conversations.contactId} FROM ${conversations} WHERE ${conversations.id} = ${ofMessage(messages.conversationId)})`)),
    ctx.db.select().from(channels).where(eq(channels.id, ofMessage(messages.channelId))),
  ]);
  return { message, conversation, contact, channel };
}

export async function sendQueuedMessage(ctx: Ctx, job: OutboundJob, attempts: number, fetcher: Fetcher = fetch, shared?: BatchShared): Promise<Outcome> {
  // Read with the batch when it was (a job's own tenant only), otherwise on its own.
  const preloaded = shared?.loaded.get(job.messageId);
  shared?.loaded.delete(job.messageId);
  const { message, conversation, contact, channel } = preloaded && preloaded.message?.tenantId === job.tenantId ? preloaded : await loadOne(ctx, job);
  if (!message) return { kind: "done" };
  if (message.status === "sending") {
    const now = ctx.now();
    const leaseUntil = message.leaseUntil ?? 0;
    // Another consumer holds the claim: look again when it ends (it has recorded the result by then, or died).
    if (leaseUntil > now) return { kind: "defer", delaySeconds: Math.max(1, Math.ceil((leaseUntil - now) / 1000)) };
    await resolveExpiredClaim(ctx, message.id, leaseUntil);
    return { kind: "done" };
  }
  // Already sent or failed: a redelivered job changes nothing.
  if (message.status !== "queued") return { kind: "done" };
  if (!conversation || !contact) throw new Error(`message ${message.id} has no conversation or contact`);
  if (!channel || channel.status === "disconnected") {
    await markFailed(ctx, message.id, "channel_disconnected", "The channel was disconnected before the message was sent");
    return { kind: "done" };
  }
  const payload = message.payload as { content?: OutboundContent; allowOptedOut?: boolean; template?: { renderedText?: string | null } } | null;
  const content = payload?.content;
  if (!content) {
    await markFailed(ctx, message.id, "invalid_message", "The message has no content to send");
    return { kind: "done" };
  }
  // Checked again at send time: the contact may have opted out after the message was queued.
  if (contact.optedOut && !payload?.allowOptedOut) {
    await markFailed(ctx, message.id, "opted_out", "The contact opted out", OPTED_OUT_DETAIL);
    return { kind: "done" };
  }
  const now = ctx.now();
  if (content.type !== "template" && windowExpiresAt(conversation, now) === null) {
    await markFailed(ctx, message.id, "window_closed", "24-hour window closed", WINDOW_CLOSED_DETAIL);
    return { kind: "done" };
  }
  if (channel.type !== "sandbox") {
    const checks = [{ key: numberLimitKey(channel.id), policy: numberPolicy(ctx, channel) }];
    // Per customer: a campaign reaches each recipient once by construction, so only conversation
    // messages count here (a campaign of 10,000 would otherwise keep 10,000 counters alive).
    if (!message.campaignId) checks.push({ key: contactLimitKey(channel.id, contact.id), policy: CONTACT_POLICY });
    // One call to the number's object, which counts its customers too: both or neither.
    const r = await hitLimits(ctx.env, numberLimitKey(channel.id), checks);
    if (!r.allowed) {
      await touch(ctx, message.id);
      return { kind: "defer", delaySeconds: pacedDelaySeconds(channel.type, r.resetAt - now) };
    }
  }

  // A campaign's own pace (and pause/cancel) applies last, right before the claim and the provider call.
  const gate = await campaignSendGate(ctx, message, shared?.gate);
  if (gate.kind === "defer") return gate;
  if (gate.kind === "drop") {
    await markFailed(ctx, message.id, gate.code, gate.title);
    return { kind: "done" };
  }

  // The claim: only the consumer whose UPDATE moved the row from queued to sending calls the provider.
  // A campaign message is claimed only while its campaign is sending (its pace may have been read a moment ago).
  const claimed = await ctx.db
    .update(messages)
    .set({ status: "sending", leaseUntil: ctx.now() + SEND_LEASE_MS, updatedAt: ctx.now() })
    .where(and(eq(messages.id, message.id), eq(messages.status, "queued"), message.campaignId ? campaignStillSending(message.campaignId) : undefined))
    .returning({ id: messages.id })
    .all();
  if (!claimed.length) {
    if (!message.campaignId) return { kind: "done" };
    // Paused or cancelled since its pace was read: look again, now.
    const again = await campaignSendGate(ctx, message);
    if (again.kind === "drop") await markFailed(ctx, message.id, again.code, again.title, undefined, ["queued"]);
    return again.kind === "defer" ? again : { kind: "done" };
  }

  let client: Awaited<ReturnType<typeof clientFor>>;
  try {
    if (shared) {
      const cached = shared.clients.get(channel.id) ?? clientFor(ctx, channel, fetcher);
      shared.clients.set(channel.id, cached);
      // A failed build is not kept: the next message tries again.
      cached.catch(() => shared.clients.delete(channel.id));
      client = await cached;
    } else client = await clientFor(ctx, channel, fetcher);
  } catch (err) {
    // Nothing reached the provider yet: give the claim back so the retry can send.
    await releaseClaim(ctx, message.id);
    throw err;
  }
  // WAHA answers in the chat the customer wrote from (a LID chat stays a LID chat).
  const to = channel.type === "waha" && conversation.replyChatId ? conversation.replyChatId : contact.phone || contact.waId;
  // WhatsApp Web (WAHA) has no templates: send the template's rendered text instead.
  const rendered = payload?.template?.renderedText;
  // A file is read back from R2 here; one erased or expired since it was queued cannot be sent.
  let built: OutboundMessage | null;
  try {
    const headerMedia = content.type === "template" ? content.headerMedia : undefined;
    if (headerMedia) {
      // A template with a file header: Meta gets the file as the header; WAHA the file with the rendered text as caption.
      if (channel.type === "meta") {
        const headerFile = await headerFileOf(ctx, message.tenantId, headerMedia.mediaId);
        built = headerFile && content.type === "template" ? { type: "template", to, name: content.name, language: content.language, components: content.components, headerFile } : null;
      } else {
        built = await mediaOutboundMessage(ctx, message.tenantId, { type: "media", mediaId: headerMedia.mediaId, caption: rendered ?? null }, to);
      }
    } else
      built =
        content.type === "media"
          ? await mediaOutboundMessage(ctx, message.tenantId, content, to)
          : channel.type !== "meta" && content.type === "template" && rendered
            ? toProviderMessage({ type: "text", text: rendered }, to)
            : toProviderMessage(content, to);
  } catch (err) {
    // Nothing reached the provider yet: give the claim back so the retry can send.
    await releaseClaim(ctx, message.id);
    throw err;
  }
  if (!built) {
    await markFailed(ctx, message.id, "media_unavailable", "The file is no longer stored (erased or removed by retention)");
    return { kind: "done" };
  }
  // The claim and the client took so long that the window this send was counted in (nearly) ended:
  // count it again in the current one (the old slot is wasted, never doubled), or give the claim back and wait.
  if (gate.sendBy !== undefined && Date.now() >= gate.sendBy) {
    const again = await campaignSendGate(ctx, message);
    if (again.kind !== "send") {
      await releaseClaim(ctx, message.id);
      if (again.kind === "drop") await markFailed(ctx, message.id, again.code, again.title, undefined, ["queued"]);
      return again.kind === "defer" ? again : { kind: "done" };
    }
  }
  // Our id travels with the send (Meta echoes it in status webhooks), so a send whose result is lost can still be matched.
  const providerMessage: OutboundMessage = { ...built, reference: message.id };
  const result: SendResult = await client.send(providerMessage);
  if (result.ok) {
    injectFault(ctx.env, "outbound.afterProviderAccepted", message.id);
    const status = channel.type === "sandbox" ? "delivered" : "sent";
    // Also over an expired claim that was already failed as unconfirmed: the send did happen.
    // The message, its campaign recipient's sent time and any status that arrived first: one round trip.
    const [rows, , early] = await ctx.db.batch([
      ctx.db
        .update(messages)
        .set({ status, providerMessageId: result.providerMessageId, errorCode: null, errorTitle: null, errorDetail: null, leaseUntil: null, updatedAt: ctx.now() })
        .where(and(eq(messages.id, message.id), or(eq(messages.status, "sending"), and(eq(messages.status, "failed"), eq(messages.errorCode, UNCONFIRMED.code)))))
        .returning(),
      campaignMessageSent(ctx, message, contact.id),
      ctx.db
        .select({ id: pendingStatuses.id })
        .from(pendingStatuses)
        .where(and(eq(pendingStatuses.channelId, channel.id), eq(pendingStatuses.providerMessageId, result.providerMessageId)))
        .limit(1),
    ]);
    if (rows[0]) {
      const event = buildEvent(ctx, message.tenantId, "message.sent", { message: messageView(rows[0]) });
      if (shared) shared.events.push(event);
      else await emitEvents(ctx, [event]);
      if (early.length) await applyPendingStatuses(ctx, message.tenantId, channel.id, result.providerMessageId);
    }
    // A send that went through proves the credentials (a quality or account warning stays).
    if (channel.status === "needs_attention" && channel.type !== "sandbox") await reportChannelHealth(ctx, channel.id, "credentials", null);
    return { kind: "done" };
  }
  if (result.outcomeUnknown) {
    // No answer in time: WhatsApp may have accepted it, so it is not sent again. The claim stays;
    // Meta's status webhook echoing our id records it as sent, otherwise it ends unconfirmed.
    ctx.logger.warn("send outcome unknown; holding the claim", { messageId: message.id, code: result.code });
    return { kind: "defer", delaySeconds: Math.ceil(SEND_LEASE_MS / 1000) + 1 };
  }
  if (result.authFailed) {
    await reportChannelHealth(ctx, channel.id, "credentials", { blocking: true, reason: `Sending failed: ${result.title} (${result.code}). Update the channel's credentials.` });
  }
  if (result.windowClosed) await ctx.db.update(conversations).set({ windowClosedAt: ctx.now() }).where(eq(conversations.id, conversation.id));
  if (message.campaignId && result.code === RATE_LIMITED) await slowDownCampaign(ctx, message.tenantId, message.campaignId);
  if (result.retryable && attempts < MAX_SEND_ATTEMPTS) {
    await releaseClaim(ctx, message.id);
    const delay = result.retryAfterMs ? Math.ceil(result.retryAfterMs / 1000) : sendRetryDelaySeconds(attempts);
    ctx.logger.warn("send failed; will retry", { messageId: message.id, code: result.code, attempts });
    return { kind: "retry", delaySeconds: Math.min(900, Math.max(1, delay)) };
  }
  await markFailed(ctx, message.id, result.code, result.title, result.detail);
  return { kind: "done" };
}

const RETRIES_EXHAUSTED = {
  code: "send_retries_exhausted",
  title: "Sending failed repeatedly",
  detail: "Parley could not hand this message to WhatsApp after several attempts; replaying its dead letter sends it again.",
} as const;

/**
 * Jobs the outbound consumer gave up on (it crashed on every attempt): the
 * message is failed, not left `queued` for the sweep to send again. A message
 * still claimed may have reached the provider, so it fails as unconfirmed.
 */
export async function handleOutboundDeadLetters(ctx: Ctx, batch: MessageBatch<unknown>): Promise<void> {
  await storeDeadLetters(ctx, batch.queue, batch.messages);
  for (const msg of batch.messages) {
    const parsed = outboundJobSchema.safeParse(msg.body);
    if (!parsed.success) continue;
    const row = await ctx.db
      .select({ id: messages.id, status: messages.status })
      .from(messages)
      .where(and(eq(messages.id, parsed.data.messageId), eq(messages.tenantId, parsed.data.tenantId)))
      .get();
    if (row?.status === "sending") await markFailed(ctx, row.id, UNCONFIRMED.code, UNCONFIRMED.title, UNCONFIRMED.detail, ["sending"]);
    else if (row?.status === "queued") await markFailed(ctx, row.id, RETRIES_EXHAUSTED.code, RETRIES_EXHAUSTED.title, RETRIES_EXHAUSTED.detail, ["queued"]);
  }
  batch.ackAll();
}

/**
 * Replaying an outbound dead letter: a message failed as send_retries_exhausted
 * was `queued` when its job died, so no provider ever accepted it and it may be
 * sent again. One failed as unconfirmed stays failed (it may have been delivered).
 */
export async function requeueDeadOutbound(ctx: TenantCtx, body: Record<string, unknown>): Promise<void> {
  const job = outboundJobSchema.safeParse(body);
  if (!job.success || job.data.tenantId !== ctx.tenantId) return;
  await ctx.db
    .update(messages)
    .set({ status: "queued", errorCode: null, errorTitle: null, errorDetail: null, updatedAt: ctx.now() })
    .where(and(eq(messages.id, job.data.messageId), eq(messages.tenantId, ctx.tenantId), eq(messages.status, "failed"), eq(messages.errorCode, RETRIES_EXHAUSTED.code)));
}

/**
 * The cron's part: claims whose consumer died and whose job is gone too (a
 * redelivered job resolves its own claim first) are failed as unconfirmed.
 */
export async function resolveExpiredClaims(ctx: Ctx, graceMs = 15 * 60_000): Promise<number> {
  const expired = await ctx.db
    .select({ id: messages.id, leaseUntil: messages.leaseUntil })
    .from(messages)
    .where(and(eq(messages.status, "sending"), isNotNull(messages.leaseUntil), lt(messages.leaseUntil, ctx.now() - graceMs)))
    .limit(100)
    .all();
  for (const m of expired) await resolveExpiredClaim(ctx, m.id, m.leaseUntil!);
  return expired.length;
}

/**
 * Jobs of one conversation are sent in order; different conversations' jobs run
 * side by side, so a batch costs about its slowest conversation rather than the
 * sum (a campaign's batch is ten different customers). Jobs without a lane
 * (queued before lanes existed) share one.
 */
export async function handleOutboundBatch(ctx: Ctx, batch: MessageBatch<unknown>, fetcher: Fetcher = fetch): Promise<void> {
  const lanes = new Map<string, Array<{ msg: Message<unknown>; job: OutboundJob }>>();
  const all: OutboundJob[] = [];
  for (const msg of batch.messages) {
    const parsed = outboundJobSchema.safeParse(msg.body);
    if (!parsed.success) {
      ctx.logger.error("invalid outbound job dropped", { error: parsed.error.message });
      msg.ack();
      continue;
    }
    const lane = parsed.data.lane ?? "";
    all.push(parsed.data);
    const jobs = lanes.get(lane) ?? [];
    jobs.push({ msg, job: parsed.data });
    lanes.set(lane, jobs);
  }
  // Only each lane's first job is read ahead: a later one in the same conversation is read after the one before it was sent.
  let loaded = new Map<string, Loaded>();
  try {
    loaded = await loadBatch(ctx, [...lanes.values()].map((jobs) => jobs[0]!.job));
  } catch (err) {
    ctx.logger.warn("outbound batch read failed; reading each message on its own", errorFields(err));
  }
  const shared: BatchShared = { loaded, clients: new Map(), gate: new Map(), events: [] };
  try {
    await Promise.all(
      [...lanes.values()].map(async (jobs) => {
        for (const { msg, job } of jobs) await handleOutboundJob(ctx, msg, job, fetcher, shared);
      }),
    );
  } finally {
    await emitEvents(ctx, shared.events).catch((err: unknown) => ctx.logger.error("could not emit message.sent events", { count: shared.events.length, ...errorFields(err) }));
  }
}

async function handleOutboundJob(ctx: Ctx, msg: Message<unknown>, job: OutboundJob, fetcher: Fetcher, shared?: BatchShared): Promise<void> {
  try {
    const outcome = await sendQueuedMessage(ctx, job, msg.attempts, fetcher, shared);
    if (outcome.kind === "retry") msg.retry({ delaySeconds: outcome.delaySeconds });
    else if (outcome.kind === "defer") {
      // Pacing (or another consumer's claim) is not a failure: re-queue without spending an attempt.
      await ctx.env.OUTBOUND_QUEUE.send(job, { contentType: "json", delaySeconds: outcome.delaySeconds });
      msg.ack();
    } else msg.ack();
  } catch (err) {
    ctx.logger.error("outbound job crashed; will retry", { messageId: job.messageId, ...errorFields(err) });
    msg.retry({ delaySeconds: sendRetryDelaySeconds(msg.attempts) });
  }
}
