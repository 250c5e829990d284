// Putting domain events on the `events` queue. The consumer fans each one out
// to the tenant's subscribed webhook endpoints.
import { z } from "zod";
import type { Ctx } from "../lib/context";
import { newId } from "../lib/ids";
import { publishRealtime } from "../realtime/publish";

export const EVENT_TYPES = [
  "message.received",
  "message.sent",
  "message.status",
  "contact.created",
  "contact.updated",
  "contact.deleted",
  "conversation.handoff",
  "booking.created",
  "booking.rescheduled",
  "booking.cancelled",
  "campaign.started",
  "campaign.completed",
  "channel.connected",
  "channel.disconnected",
  "channel.updated",
  "credit.low",
  "credit.exhausted",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** What travels on the events queue. `id` is the webhook-id integrators dedupe on. */
export const eventEnvelopeSchema = z.object({
  id: z.string().regex(/^evt_/),
  tenantId: z.string().min(1),
  type: z.enum(EVENT_TYPES),
  timestamp: z.string(),
  data: z.record(z.string(), z.unknown()),
});
export type EventEnvelope = z.infer<typeof eventEnvelopeSchema>;

export function buildEvent(ctx: Pick<Ctx, "now">, tenantId: string, type: EventType, data: Record<string, unknown>): EventEnvelope {
  return { id: newId("event", ctx.now()), tenantId, type, timestamp: new Date(ctx.now()).toISOString(), data };
}

export async function emitEvents(ctx: Ctx, events: EventEnvelope[]): Promise<void> {
  if (events.length === 0) return;
  // sendBatch takes at most 100 messages.
  for (let i = 0; i < events.length; i += 100) {
    await ctx.env.EVENTS_QUEUE.sendBatch(events.slice(i, i + 100).map((body) => ({ body, contentType: "json" as const })));
  }
  // The dashboard's live feed, per tenant; publishRealtime logs failures and never throws.
  const byTenant = new Map<string, EventEnvelope[]>();
  for (const e of events) byTenant.set(e.tenantId, [...(byTenant.get(e.tenantId) ?? []), e]);
  for (const [tenantId, list] of byTenant) {
    await publishRealtime(ctx, tenantId, list.map(({ id, type, timestamp, data }) => ({ id, type, timestamp, data })));
  }
}

export async function emitEvent(ctx: Ctx, tenantId: string, type: EventType, data: Record<string, unknown>): Promise<EventEnvelope> {
  const event = buildEvent(ctx, tenantId, type, data);
  await emitEvents(ctx, [event]);
  return event;
}
