// The `events` queue consumer: each event becomes one delivery per matching
// enabled endpoint of its tenant, and one queue message per delivery.
// Queue delivery is at-least-once, so everything here is idempotent: the
// event row is keyed on its id and deliveries are unique per (event, endpoint).
import { and, eq } from "drizzle-orm";
import { chunkRows } from "../db/client";
import { webhookDeliveries, webhookEndpoints, webhookEvents } from "../db/schema";
import type { Ctx } from "../lib/context";
import { newId } from "../lib/ids";
import { errorFields } from "../lib/logger";
import { storeDeadLetters } from "../ops/dead-letters";
import { eventBody, eventDataProblems, subscribes } from "./catalogue";
import { enqueueDeliveries } from "./delivery-queue";
import { eventEnvelopeSchema, type EventEnvelope } from "./emit";

export const EVENTS_QUEUE = "parley-events";

type EndpointRow = { id: string; eventTypes: string[] };
/** A tenant's enabled endpoints, read once per batch however many of its events the batch holds. */
type EndpointCache = Map<string, Promise<EndpointRow[]>>;

export async function handleEventsBatch(ctx: Ctx, batch: MessageBatch<unknown>): Promise<void> {
  const endpoints: EndpointCache = new Map();
  for (const msg of batch.messages) {
    try {
      await fanOutMessage(ctx, msg, endpoints);
      msg.ack();
    } catch (err) {
      // Transient (D1 or the queue): retry this message alone; the queue's DLQ catches what never succeeds.
      ctx.logger.error("event fan-out failed", { messageId: msg.id, attempts: msg.attempts, ...errorFields(err) });
      msg.retry({ delaySeconds: Math.min(300, 10 * 2 ** (msg.attempts - 1)) });
    }
  }
}

async function fanOutMessage(ctx: Ctx, msg: Message<unknown>, endpoints: EndpointCache): Promise<void> {
  const parsed = eventEnvelopeSchema.safeParse(msg.body);
  const problems = parsed.success
    ? eventDataProblems(parsed.data.type, parsed.data.data)
    : parsed.error.issues.map((i) => `${i.path.join(".") || "event"}: ${i.message}`).join("; ");
  if (!parsed.success || problems) {
    // Retrying cannot fix a malformed event, and sending it would break subscribers that trust the
    // documented shape: keep it as a dead letter (replayable once the emitter is fixed).
    ctx.logger.error("event does not match the catalogue; stored as a dead letter", { messageId: msg.id, problems });
    const body = msg.body && typeof msg.body === "object" ? (msg.body as Record<string, unknown>) : { body: msg.body };
    await storeDeadLetters(ctx, EVENTS_QUEUE, [{ id: msg.id, body: { ...body, lastError: `invalid event: ${problems}` }, attempts: msg.attempts }], { direct: true });
    return;
  }
  await fanOut(ctx, parsed.data, endpoints);
}

function enabledEndpoints(ctx: Ctx, tenantId: string): Promise<EndpointRow[]> {
  return ctx.db
    .select({ id: webhookEndpoints.id, eventTypes: webhookEndpoints.eventTypes })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.enabled, true)))
    .all() as Promise<EndpointRow[]>;
}

/** Create and enqueue the deliveries of one event; returns how many were enqueued. */
export async function fanOut(ctx: Ctx, event: EventEnvelope, cache?: EndpointCache): Promise<number> {
  let pending = cache?.get(event.tenantId);
  if (!pending) {
    pending = enabledEndpoints(ctx, event.tenantId);
    // A failed read is not cached: the event's retry reads again.
    if (cache) {
      cache.set(event.tenantId, pending);
      pending.catch(() => cache.delete(event.tenantId));
    }
  }
  const endpoints = (await pending).filter((e) => subscribes(e.eventTypes, event.type));
  if (endpoints.length === 0) return 0;

  const now = ctx.now();
  const rows: Array<typeof webhookDeliveries.$inferInsert> = endpoints.map((e) => ({
    id: newId("webhookDelivery"),
    tenantId: event.tenantId,
    endpointId: e.id,
    eventId: event.id,
    eventType: event.type,
    test: false,
    status: "pending",
    attempts: 0,
    scheduledAttempts: 0,
    lastStatusCode: null,
    lastError: null,
    lastAttemptAt: null,
    nextAttemptAt: now,
    replayToken: null,
    createdAt: now,
    updatedAt: now,
  }));
  await ctx.db.batch([
    ctx.db
      .insert(webhookEvents)
      .values({ id: event.id, tenantId: event.tenantId, type: event.type, payload: eventBody(event), createdAt: Date.parse(event.timestamp) || now })
      .onConflictDoNothing(),
    ...chunkRows(rows, Object.keys(rows[0]!).length).map((chunk) => ctx.db.insert(webhookDeliveries).values(chunk).onConflictDoNothing()),
  ]);

  // Every not-yet-attempted delivery of this event, not only the ones inserted just now: if a
  // previous run stored them and then died before enqueueing, this run sends them out.
  const due = await ctx.db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.eventId, event.id),
        eq(webhookDeliveries.tenantId, event.tenantId),
        eq(webhookDeliveries.status, "pending"),
        eq(webhookDeliveries.scheduledAttempts, 0),
        eq(webhookDeliveries.attempts, 0),
      ),
    )
    .all();
  await enqueueDeliveries(
    ctx,
    due.map((d) => ({ body: { kind: "scheduled" as const, tenantId: event.tenantId, deliveryId: d.id, attempt: 1, notBefore: now } })),
  );
  if (due.length) ctx.logger.info("event fanned out", { eventId: event.id, type: event.type, tenantId: event.tenantId, deliveries: due.length });
  return due.length;
}
