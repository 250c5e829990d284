// The webhook-deliveries DLQ: messages the consumer itself failed on
// repeatedly (D1 or the queue down, not the subscriber). Their deliveries end
// as failed, so they show up with the dead letters and can be replayed.
import { and, eq, sql } from "drizzle-orm";
import { webhookDeliveries } from "../db/schema";
import type { Ctx } from "../lib/context";
import { deliveryMessageSchema } from "./delivery-queue";

export async function handleDeliveryDeadLetters(ctx: Ctx, batch: MessageBatch<unknown>): Promise<void> {
  const now = ctx.now();
  for (const m of batch.messages) {
    const parsed = deliveryMessageSchema.safeParse(m.body);
    ctx.logger.error("webhook delivery message exhausted its retries", { messageId: m.id, kind: parsed.success ? parsed.data.kind : "malformed" });
    if (!parsed.success || parsed.data.kind === "recover") continue;
    const msg = parsed.data;
    const lastError = "not sent: Parley failed to process this delivery repeatedly; replay it to try again";
    if (msg.kind === "scheduled") {
      await ctx.db
        .update(webhookDeliveries)
        .set({ status: "failed", nextAttemptAt: null, lastError, updatedAt: now })
        .where(
          and(
            eq(webhookDeliveries.id, msg.deliveryId),
            eq(webhookDeliveries.tenantId, msg.tenantId),
            eq(webhookDeliveries.status, "pending"),
            eq(webhookDeliveries.scheduledAttempts, msg.attempt - 1),
          ),
        );
    } else {
      await ctx.db
        .update(webhookDeliveries)
        .set({ replayToken: null, lastError, updatedAt: now, status: sql`CASE WHEN ${webhookDeliveries.test} = 1 THEN 'failed' ELSE ${webhookDeliveries.status} END` })
        .where(and(eq(webhookDeliveries.id, msg.deliveryId), eq(webhookDeliveries.tenantId, msg.tenantId), eq(webhookDeliveries.replayToken, msg.token)));
    }
  }
  batch.ackAll();
}
