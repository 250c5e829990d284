// The `inbound` queue consumer: parse each delivery into neutral events, upsert
// the contact, hand messages to the conversation's Durable Object, apply
// statuses and channel state. Every step is idempotent, so redelivery is safe.
import { eq } from "drizzle-orm";
import { webhookPayloads } from "../db/schema";
import type { Ctx } from "../lib/context";
import { errorFields } from "../lib/logger";
import { ChannelPayloadError, parseMetaDelivery, type MetaParseFailure } from "../channels/meta";
import { parseWahaPayload } from "../channels/waha";
import { reportChannelHealth } from "../channels/health";
import { SESSION_PROBLEMS } from "../channels/waha-sessions";
import type { ChannelHealthEvent, InboundEvent, InboundMessage } from "../channels/types";
import { buildEvent, emitEvents } from "../events/emit";
import { storeDeadLetters } from "../ops/dead-letters";
import { applyTemplateUpdate } from "../templates/events";
import { channelSecrets, findActiveChannel, findActiveChannels, type ChannelRow } from "../channels/store";
import { lidForPhone, phoneForLid } from "../channels/waha-lids";
import { knownPhoneForLid, mayBeKnownByLid, upsertContact, upsertWahaContact, type WahaSender } from "./contacts";
import { storeDeviceReply } from "./device-replies";
import { inboundJobSchema, type InboundJob } from "./jobs";
import { handleStatus } from "./statuses";
import { applyReaction } from "./reactions";

/** Backoff between attempts: 10 s, 20 s, 40 s … capped at 10 minutes. */
export const retryDelaySeconds = (attempts: number) => Math.min(600, 10 * 2 ** Math.max(0, attempts - 1));

/** Where a job came from on the queue, so an event that cannot be read is dead-lettered on its own. */
export interface JobSource {
  queue: string;
  messageId: string;
  attempts: number;
}

async function deadLetterFailures(ctx: Ctx, job: InboundJob, channel: ChannelRow, failures: MetaParseFailure[], source: JobSource | undefined): Promise<void> {
  if (!failures.length) return;
  ctx.logger.error("unreadable events in a webhook delivery", { channelId: channel.id, count: failures.length });
  if (!source) throw new ChannelPayloadError(failures[0]!.reason);
  // Keyed by the queue message and the event's path: a redelivered job stores each once.
  const dead = failures.map((f) => ({
    id: `${source.messageId}#${f.path}`,
    body: { kind: "webhook", provider: "meta", tenantId: job.tenantId, channelId: job.channelId, receivedAt: job.receivedAt, body: JSON.stringify(f.delivery), lastError: f.reason },
    attempts: source.attempts,
  }));
  await storeDeadLetters(ctx, source.queue, dead, { direct: true });
}

type ParsedDelivery = { events: InboundEvent[]; failures: MetaParseFailure[] };

/** A delivery's events, parsed once per job: laneOf reads them to sort the batch, processing reuses them. */
const parsedJobs = new WeakMap<object, ParsedDelivery>();

function parseDelivery(job: Extract<InboundJob, { kind: "webhook" }>, body: string): ParsedDelivery {
  let parsed = parsedJobs.get(job);
  if (!parsed) {
    const json: unknown = JSON.parse(body);
    parsed = job.provider === "waha" ? { events: parseWahaPayload(json, job.receivedAt), failures: [] } : parseMetaDelivery(json);
    parsedJobs.set(job, parsed);
  }
  return parsed;
}

async function jobEvents(ctx: Ctx, job: InboundJob, channel: ChannelRow, source: JobSource | undefined): Promise<InboundEvent[]> {
  if (job.kind === "sandbox") return [job.message as InboundMessage];
  let body = job.body;
  if (body === undefined && job.payloadId) {
    body = (await ctx.db.select({ body: webhookPayloads.body }).from(webhookPayloads).where(eq(webhookPayloads.id, job.payloadId)).get())?.body;
  }
  if (body === undefined) throw new ChannelPayloadError("the webhook body is missing");
  // Each event is read on its own: an unreadable one is dead-lettered with its reason, the rest go on.
  const { events, failures } = parseDelivery(job, body);
  if (job.provider === "waha") return events;
  await deadLetterFailures(ctx, job, channel, failures, source);
  // Keep only the changes addressed to this channel's number.
  return events.filter((e) => e.kind === "channel_state" || e.kind === "channel_health" || e.kind === "template_update" || !e.businessPhoneNumberId || e.businessPhoneNumberId === channel.phoneNumberId);
}

/**
 * Who a WAHA message is from. A LID sender's phone number comes from the
 * payload when the engine sent it, else from the contact already known by that
 * LID, else from WAHA's lids API; a phone sender
 * the tenant might know by LID only is looked up the other way, so the two
 * stay one contact.
 */
async function wahaSender(ctx: Ctx, channel: ChannelRow, m: InboundMessage): Promise<WahaSender> {
  const profileName = m.profileName;
  if (!channel.baseUrl) return { phone: m.lid ? null : m.from, lid: m.lid ?? null, profileName };
  const secrets = await channelSecrets(ctx, channel);
  const cfg = { baseUrl: channel.baseUrl, session: channel.session ?? "default", apiKey: secrets.apiKey ?? "" };
  if (m.lid) {
    const phone = m.lidPhone ?? (await knownPhoneForLid(ctx, channel.tenantId, m.lid)) ?? (await phoneForLid(cfg, m.lid));
    return { phone, lid: m.lid, profileName };
  }
  const lid = (await mayBeKnownByLid(ctx, channel.tenantId, m.from)) ? await lidForPhone(cfg, m.from) : null;
  return { phone: m.from, lid, profileName };
}

async function handleMessage(ctx: Ctx, job: InboundJob, channel: ChannelRow, m: InboundMessage): Promise<void> {
  const contact =
    job.kind === "sandbox"
      ? { id: job.contactId, created: false }
      : channel.type === "waha"
        ? await upsertWahaContact(ctx, channel.tenantId, await wahaSender(ctx, channel, m))
        : await upsertContact(ctx, channel.tenantId, { waId: m.from, userId: m.userId ?? null, username: m.username ?? null, profileName: m.profileName });
  if (m.fromBusiness) {
    // The business replied from its phone: the inbox shows it; it is never sent again.
    await storeDeviceReply(ctx, { tenantId: channel.tenantId, channelId: channel.id, contactId: contact.id, message: m });
    return;
  }
  if (contact.created) {
    const c = contact as Awaited<ReturnType<typeof upsertContact>>;
    await emitEvents(ctx, [buildEvent(ctx, channel.tenantId, "contact.created", { contact: { id: c.id, phone: c.phone, name: c.name } })]);
  }
  // A reaction belongs to the message it reacts to: no message row, no answer.
  if (m.type === "reaction" && m.reaction) {
    await applyReaction(ctx, { tenantId: channel.tenantId, channelId: channel.id, contactId: contact.id, message: { ...m, reaction: m.reaction } });
    return;
  }
  const stub = ctx.env.CONVERSATIONS.get(ctx.env.CONVERSATIONS.idFromName(`${channel.tenantId}:${contact.id}`));
  await stub.receive({
    tenantId: channel.tenantId,
    channelId: channel.id,
    contactId: contact.id,
    message: m,
    ...(job.kind === "sandbox" ? { messageId: job.messageId, conversationId: job.conversationId } : {}),
  });
}

/** A Meta health change applies to this channel unless it names another account or number. */
function healthIsFor(channel: ChannelRow, event: ChannelHealthEvent): boolean {
  if (channel.type !== "meta") return false;
  if (event.wabaId && channel.wabaId && event.wabaId !== channel.wabaId) return false;
  const digits = channel.phoneNumber?.replace(/\D/g, "");
  if (event.displayPhoneNumber && digits && event.displayPhoneNumber !== digits) return false;
  return true;
}

/**
 * `known`: the batch's channels, read together when the batch started (a
 * channel absent from it is missing or disconnected); without it the job reads its own.
 */
export async function processInboundJob(ctx: Ctx, job: InboundJob, source?: JobSource, known?: Map<string, ChannelRow>): Promise<void> {
  const channel = known ? (known.get(job.channelId) ?? null) : await findActiveChannel(ctx, job.channelId);
  if (!channel || channel.tenantId !== job.tenantId) {
    ctx.logger.warn("inbound job for a missing or disconnected channel", { channelId: job.channelId });
    // Nothing is kept of it, not even the raw body parked for a large delivery.
    if (job.kind === "webhook" && job.payloadId) await ctx.db.delete(webhookPayloads).where(eq(webhookPayloads.id, job.payloadId));
    return;
  }
  for (const event of await jobEvents(ctx, job, channel, source)) {
    if (event.kind === "message") await handleMessage(ctx, job, channel, event);
    else if (event.kind === "status") await handleStatus(ctx, channel.tenantId, channel.id, event);
    else if (event.kind === "channel_state") await reportChannelHealth(ctx, channel.id, "session", SESSION_PROBLEMS[event.state]);
    else if (event.kind === "template_update") await applyTemplateUpdate(ctx, channel, event);
    else if (healthIsFor(channel, event)) await reportChannelHealth(ctx, channel.id, event.area, event.problem);
  }
  if (job.kind === "webhook" && job.payloadId) await ctx.db.delete(webhookPayloads).where(eq(webhookPayloads.id, job.payloadId));
}

/**
 * Jobs of one customer keep their order; different customers' jobs run side by
 * side, so a batch costs about its slowest customer rather than the sum. A
 * delivery naming several customers (rare) shares its channel's lane. Batches
 * themselves may run concurrently in production, so this adds no reordering
 * the queue did not already allow; one conversation's writes are serialized by
 * its Durable Object either way.
 */
export function laneOf(job: InboundJob): string {
  if (job.kind === "sandbox") return `${job.channelId}:${job.contactId}`;
  if (job.body === undefined) return job.channelId;
  try {
    const { events } = parseDelivery(job, job.body);
    const people = new Set(events.map((e) => (e.kind === "message" ? e.from : e.kind === "status" ? e.recipient : "")).filter(Boolean));
    return people.size === 1 ? `${job.channelId}:${[...people][0]}` : job.channelId;
  } catch {
    return job.channelId;
  }
}

async function handleJob(ctx: Ctx, queue: string, msg: Message<unknown>, job: InboundJob, known: Map<string, ChannelRow>): Promise<void> {
  try {
    await processInboundJob(ctx, job, { queue, messageId: msg.id, attempts: msg.attempts }, known);
    msg.ack();
  } catch (err) {
    if (err instanceof ChannelPayloadError || err instanceof SyntaxError) {
      // A payload we cannot parse will not parse on retry either.
      ctx.logger.error("unparseable webhook payload", { channelId: job.channelId, ...errorFields(err) });
      await storeDeadLetters(ctx, queue, [{ id: msg.id, body: { ...job, lastError: String(err) }, attempts: msg.attempts }], { direct: true });
      msg.ack();
      return;
    }
    ctx.logger.error("inbound job failed; will retry", { channelId: job.channelId, attempts: msg.attempts, ...errorFields(err) });
    msg.retry({ delaySeconds: retryDelaySeconds(msg.attempts) });
  }
}

export async function handleInboundBatch(ctx: Ctx, batch: MessageBatch<unknown>): Promise<void> {
  const lanes = new Map<string, Array<{ msg: Message<unknown>; job: InboundJob }>>();
  for (const msg of batch.messages) {
    const parsed = inboundJobSchema.safeParse(msg.body);
    if (!parsed.success) {
      await storeDeadLetters(ctx, batch.queue, [{ id: msg.id, body: { ...(msg.body as object), lastError: `invalid job: ${parsed.error.message}` }, attempts: msg.attempts }], { direct: true });
      msg.ack();
      continue;
    }
    const lane = laneOf(parsed.data);
    const jobs = lanes.get(lane) ?? [];
    jobs.push({ msg, job: parsed.data });
    lanes.set(lane, jobs);
  }
  if (!lanes.size) return;
  // One read for the channels of the whole batch rather than one per job. If it fails, every job is retried.
  let known: Map<string, ChannelRow>;
  try {
    known = await findActiveChannels(ctx, [...new Set([...lanes.values()].flatMap((jobs) => jobs.map((j) => j.job.channelId)))]);
  } catch (err) {
    ctx.logger.error("inbound batch could not read its channels; will retry", errorFields(err));
    for (const jobs of lanes.values()) for (const { msg } of jobs) msg.retry({ delaySeconds: retryDelaySeconds(msg.attempts) });
    return;
  }
  // In order within a lane, one at a time.
  await Promise.all(
    [...lanes.values()].map(async (jobs) => {
      for (const { msg, job } of jobs) await handleJob(ctx, batch.queue, msg, job, known);
    }),
  );
}
