// Handing events to a tenant's RealtimeDO. The live feed is a convenience on
// top of the API: a failure here is logged and never fails the caller.
import type { Ctx } from "../lib/context";
import { newId } from "../lib/ids";
import { errorFields } from "../lib/logger";
import type { RealtimeEvent, RealtimeOnlyType } from "./protocol";

export const realtimeStub = (env: Ctx["env"], tenantId: string) => env.REALTIME.getByName(tenantId);

export async function publishRealtime(ctx: Pick<Ctx, "env" | "logger">, tenantId: string, events: RealtimeEvent[]): Promise<void> {
  if (events.length === 0) return;
  try {
    await realtimeStub(ctx.env, tenantId).publish(events);
  } catch (err) {
    ctx.logger.error("realtime publish failed", { tenantId, events: events.length, ...errorFields(err) });
  }
}

/** An event only the dashboard receives (see REALTIME_ONLY_TYPES). */
export function realtimeEvent(ctx: Pick<Ctx, "now">, type: RealtimeOnlyType, data: Record<string, unknown>): RealtimeEvent {
  return { id: newId("event", ctx.now()), type, timestamp: new Date(ctx.now()).toISOString(), data };
}

/** Close the live sockets of someone who lost access (removed member, revoked API key). Logs failures, never throws. */
export async function disconnectRealtime(ctx: Pick<Ctx, "env" | "logger">, tenantId: string, who: { userId: string } | { actorId: string } | { sessionId: string }): Promise<void> {
  try {
    await realtimeStub(ctx.env, tenantId).disconnect(who);
  } catch (err) {
    ctx.logger.error("realtime disconnect failed", { tenantId, ...errorFields(err) });
  }
}
