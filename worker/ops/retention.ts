// How long operational records are kept. Ids are time-sortable, so "older than"
// is a primary-key range; each run deletes a bounded batch per table.
import { and, inArray, isNotNull, lt } from "drizzle-orm";
import { deadLetters, webhookEvents, webhookPayloads } from "../db/schema";
import type { Ctx } from "../lib/context";
import { idFloor } from "../lib/ids";
import { expireOldMedia, requeuePendingMedia } from "../media/store";

const DAY = 24 * 3600_000;
/** Delivery logs (events, their deliveries and attempts) stay this long. */
export const WEBHOOK_LOG_DAYS = 90;
const BATCH = 500;

export async function applyRetention(ctx: Ctx): Promise<Record<string, number>> {
  const now = ctx.now();
  const oldEvents = ctx.db.select({ id: webhookEvents.id }).from(webhookEvents).where(lt(webhookEvents.id, idFloor("event", now - WEBHOOK_LOG_DAYS * DAY))).limit(BATCH);
  const oldPayloads = ctx.db.select({ id: webhookPayloads.id }).from(webhookPayloads).where(lt(webhookPayloads.id, idFloor("payload", now - 7 * DAY))).limit(BATCH);
  const oldDeadLetters = ctx.db
    .select({ id: deadLetters.id })
    .from(deadLetters)
    .where(and(isNotNull(deadLetters.replayedAt), lt(deadLetters.id, idFloor("deadLetter", now - WEBHOOK_LOG_DAYS * DAY))))
    .limit(BATCH);
  // Deleting an event cascades to its deliveries and their attempts.
  const [events, payloads, dead] = await ctx.db.batch([
    ctx.db.delete(webhookEvents).where(inArray(webhookEvents.id, oldEvents)),
    ctx.db.delete(webhookPayloads).where(inArray(webhookPayloads.id, oldPayloads)),
    ctx.db.delete(deadLetters).where(inArray(deadLetters.id, oldDeadLetters)),
  ]);
  // Media files past MEDIA_RETENTION_DAYS; and downloads whose queue job was lost go back on the queue.
  const [expiredMedia, requeuedMedia] = [await expireOldMedia(ctx), await requeuePendingMedia(ctx)];
  return { webhookEvents: events.meta.changes ?? 0, webhookPayloads: payloads.meta.changes ?? 0, deadLetters: dead.meta.changes ?? 0, expiredMedia, requeuedMedia };
}
