// Messages on the webhook-deliveries queue. Each names a delivery (never its
// payload, which lives in D1) and says which kind of attempt it is for:
//   scheduled — attempt N of the retry schedule, not before `notBefore`;
//   replay    — a re-send asked for through replay or recover;
//   manual    — the single attempt of a "send test event";
//   recover   — one page of an endpoint's failed deliveries to replay.
// replay/manual carry the token set on the delivery when they were queued,
// so a duplicated or superseded message finds no matching token and does nothing.
import { z } from "zod";
import type { Ctx } from "../lib/context";
import { MAX_SCHEDULED_ATTEMPTS } from "./schedule";

export const WEBHOOK_DELIVERIES_QUEUE = "parley-webhook-deliveries";
export const WEBHOOK_DELIVERIES_DLQ = "parley-webhook-deliveries-dlq";

const ids = { tenantId: z.string().min(1), deliveryId: z.string().min(1) };

export const scheduledMessage = z.object({
  kind: z.literal("scheduled"),
  ...ids,
  attempt: z.number().int().min(1).max(MAX_SCHEDULED_ATTEMPTS),
  /** Epoch ms; a message that arrives earlier (a long wait chained over several hops) is sent on again. */
  notBefore: z.number().int(),
});

export const replayMessage = z.object({ kind: z.literal("replay"), ...ids, token: z.string().min(1) });
export const manualMessage = z.object({ kind: z.literal("manual"), ...ids, token: z.string().min(1) });

export const recoverMessage = z.object({
  kind: z.literal("recover"),
  tenantId: z.string().min(1),
  endpointId: z.string().min(1),
  since: z.number().int(),
  until: z.number().int(),
  token: z.string().min(1),
  /** Where the previous page ended (created_at, id); null for the first page. */
  after: z.object({ createdAt: z.number().int(), id: z.string() }).nullable(),
});

export const deliveryMessageSchema = z.discriminatedUnion("kind", [scheduledMessage, replayMessage, manualMessage, recoverMessage]);
export type DeliveryMessage = z.infer<typeof deliveryMessageSchema>;
export type ScheduledMessage = z.infer<typeof scheduledMessage>;
export type OnceMessage = z.infer<typeof replayMessage> | z.infer<typeof manualMessage>;
export type RecoverMessage = z.infer<typeof recoverMessage>;

export interface Outgoing {
  body: DeliveryMessage;
  delaySeconds?: number;
}

export async function enqueueDeliveries(ctx: Pick<Ctx, "env">, messages: Outgoing[]): Promise<void> {
  // sendBatch takes at most 100 messages.
  for (let i = 0; i < messages.length; i += 100) {
    await ctx.env.WEBHOOK_DELIVERIES_QUEUE.sendBatch(
      messages.slice(i, i + 100).map((m) => ({ body: m.body, contentType: "json" as const, delaySeconds: m.delaySeconds ?? 0 })),
    );
  }
}
