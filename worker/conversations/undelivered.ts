// A bot answer that never reached the customer (refused by the provider before
// or after it was sent) leaves them in silence unless a person steps in: the
// conversation is handed over, as any other handoff, with its own reason.
import type { messages } from "../db/schema";
import type { Ctx } from "../lib/context";
import { handOver } from "./handoff";

/** Failures that are the silence the customer asked for, not a lost answer. */
const DELIBERATE = new Set(["opted_out"]);

/** Hand the conversation of a failed bot message to a person, once (only a conversation still with the bot moves). */
export async function handOffUndelivered(ctx: Ctx, row: typeof messages.$inferSelect): Promise<void> {
  if (row.direction !== "outbound" || row.author !== "bot" || row.status !== "failed") return;
  if (row.errorCode && DELIBERATE.has(row.errorCode)) return;
  // The confirmation of an opt-out is the one message an opted-out contact may get; its loss leaves nothing to answer.
  if ((row.payload as { optOut?: boolean } | null)?.optOut) return;
  await handOver(ctx, row.tenantId, row.conversationId, "delivery_failed");
}
