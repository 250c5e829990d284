// The delivery log (per endpoint or tenant-wide, failed ones being the dead
// letters), one delivery with its attempts, replay, and "send test event".
import { and, desc, eq, lt } from "drizzle-orm";
import { z } from "zod";
import { WEBHOOK_DELIVERY_STATUSES, webhookAttempts, webhookDeliveries, webhookEvents } from "../db/schema";
import { notFound } from "../http/errors";
import type { TenantCtx } from "../lib/context";
import { randomToken } from "../lib/crypto";
import { newId } from "../lib/ids";
import { auditStatement } from "../tenancy/audit";
import { iso } from "../tenancy/serialize";
import { EVENT_CATALOGUE, eventBody, eventTypeSchema } from "./catalogue";
import { enqueueDeliveries } from "./delivery-queue";
import { buildEvent, EVENT_TYPES, type EventType } from "./emit";
import { getEndpointRow } from "./endpoints";

type DeliveryRow = typeof webhookDeliveries.$inferSelect;
type AttemptRow = typeof webhookAttempts.$inferSelect;

/** How many of a delivery's most recent attempts its detail view carries. */
export const ATTEMPT_LOG_LIMIT = 100;

export const deliveryFilters = z.object({
  status: z.enum(WEBHOOK_DELIVERY_STATUSES).optional().describe("`failed` lists the dead letters: deliveries whose retries are exhausted"),
  eventType: eventTypeSchema.optional(),
});

export const testEventInput = z.object({
  eventType: eventTypeSchema.optional().describe("Defaults to the first type the endpoint subscribes to, or message.received"),
});

export function deliveryView(r: DeliveryRow) {
  return {
    id: r.id,
    endpointId: r.endpointId,
    eventId: r.eventId,
    eventType: r.eventType,
    status: r.status,
    attempts: r.attempts,
    lastStatusCode: r.lastStatusCode,
    lastError: r.lastError,
    lastAttemptAt: iso(r.lastAttemptAt),
    nextAttemptAt: iso(r.nextAttemptAt),
    replayQueued: r.replayToken !== null,
    test: r.test,
    createdAt: iso(r.createdAt)!,
    updatedAt: iso(r.updatedAt)!,
  };
}
export type DeliveryView = ReturnType<typeof deliveryView>;

export function attemptView(a: AttemptRow) {
  return {
    id: a.id,
    trigger: a.trigger,
    status: a.succeeded ? ("succeeded" as const) : ("failed" as const),
    statusCode: a.statusCode,
    durationMs: a.durationMs,
    responseBody: a.responseBody,
    error: a.error,
    url: a.url,
    webhookTimestamp: a.webhookTimestamp,
    createdAt: iso(a.createdAt)!,
  };
}

export async function listDeliveries(
  ctx: TenantCtx,
  q: z.infer<typeof deliveryFilters> & { endpointId?: string; limit: number; cursor: string | null },
): Promise<DeliveryView[]> {
  // Another tenant's endpoint is a 404, not an empty list that confirms nothing and hides the mistake.
  if (q.endpointId) await getEndpointRow(ctx, q.endpointId);
  const d = webhookDeliveries;
  const rows = await ctx.db
    .select()
    .from(d)
    .where(
      and(
        eq(d.tenantId, ctx.tenantId),
        q.endpointId ? eq(d.endpointId, q.endpointId) : undefined,
        q.status ? eq(d.status, q.status) : undefined,
        q.eventType ? eq(d.eventType, q.eventType) : undefined,
        q.cursor ? lt(d.id, q.cursor) : undefined,
      ),
    )
    .orderBy(desc(d.id))
    .limit(q.limit + 1)
    .all();
  return rows.map(deliveryView);
}

async function getDeliveryRow(ctx: TenantCtx, id: string): Promise<DeliveryRow> {
  const row = await ctx.db.select().from(webhookDeliveries).where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.tenantId, ctx.tenantId))).get();
  if (!row) throw notFound("Webhook delivery");
  return row;
}

/** One delivery, the exact payload it sends, and its attempts (newest first). */
export async function getDelivery(ctx: TenantCtx, id: string) {
  const row = await getDeliveryRow(ctx, id);
  const [event, attempts] = await Promise.all([
    ctx.db.select({ payload: webhookEvents.payload }).from(webhookEvents).where(eq(webhookEvents.id, row.eventId)).get(),
    ctx.db
      .select()
      .from(webhookAttempts)
      .where(and(eq(webhookAttempts.deliveryId, id), eq(webhookAttempts.tenantId, ctx.tenantId)))
      .orderBy(desc(webhookAttempts.id))
      .limit(ATTEMPT_LOG_LIMIT)
      .all(),
  ]);
  return { ...deliveryView(row), payload: event ? (JSON.parse(event.payload) as Record<string, unknown>) : null, attemptLog: attempts.map(attemptView) };
}

/**
 * Queue one re-send of a delivery, signed with the endpoint's current secret(s)
 * at send time. A replay asked for while another is still queued replaces it,
 * so repeated clicks send once.
 */
export async function replayDelivery(ctx: TenantCtx, id: string): Promise<DeliveryView> {
  const row = await getDeliveryRow(ctx, id);
  const token = randomToken(16);
  const now = ctx.now();
  await ctx.db.batch([
    ctx.db.update(webhookDeliveries).set({ replayToken: token, updatedAt: now }).where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.tenantId, ctx.tenantId))),
    auditStatement(ctx, { action: "webhook_delivery.replayed", targetType: "webhook_delivery", targetId: id, metadata: { endpointId: row.endpointId, eventId: row.eventId } }),
  ]);
  await enqueueDeliveries(ctx, [{ body: { kind: "replay", tenantId: ctx.tenantId, deliveryId: id, token } }]);
  return deliveryView({ ...row, replayToken: token, updatedAt: now });
}

/** Send the catalogue's example of an event type to one endpoint (enabled or not), as a one-attempt delivery. */
export async function sendTestEvent(ctx: TenantCtx, endpointId: string, input: z.infer<typeof testEventInput>): Promise<DeliveryView> {
  const endpoint = await getEndpointRow(ctx, endpointId);
  const type: EventType = input.eventType ?? (EVENT_TYPES.find((t) => endpoint.eventTypes.includes(t)) ?? "message.received");
  const event = buildEvent(ctx, ctx.tenantId, type, EVENT_CATALOGUE[type].example);
  const now = ctx.now();
  const token = randomToken(16);
  const delivery: DeliveryRow = {
    id: newId("webhookDelivery"),
    tenantId: ctx.tenantId,
    endpointId,
    eventId: event.id,
    eventType: type,
    test: true,
    status: "pending",
    attempts: 0,
    scheduledAttempts: 0,
    lastStatusCode: null,
    lastError: null,
    lastAttemptAt: null,
    nextAttemptAt: now,
    replayToken: token,
    createdAt: now,
    updatedAt: now,
  };
  await ctx.db.batch([
    ctx.db.insert(webhookEvents).values({ id: event.id, tenantId: ctx.tenantId, type, payload: eventBody(event), createdAt: now }),
    ctx.db.insert(webhookDeliveries).values(delivery),
    auditStatement(ctx, { action: "webhook_endpoint.test_sent", targetType: "webhook_endpoint", targetId: endpointId, metadata: { eventType: type, deliveryId: delivery.id } }),
  ]);
  await enqueueDeliveries(ctx, [{ body: { kind: "manual", tenantId: ctx.tenantId, deliveryId: delivery.id, token } }]);
  return deliveryView(delivery);
}
