// A bot answer that never reached the customer (refused by the provider before
// or after it was sent) leaves them in silence unless a person steps in: the
// conversation is handed over, as any other handoff, with its own reason.
import { and, eq, sql } from "drizzle-orm";
import { contacts, conversations, type messages } from "../db/schema";
import type { Ctx } from "../lib/context";
import { buildEvent, emitEvents } from "../events/emit";
import { conversationView } from "./views";

/** Failures that are the silence the customer asked for, not a lost answer. */
const DELIBERATE = new Set(["opted_out"]);

/** Hand the conversation of a failed bot message to a person, once (only a conversation still with the bot moves). */
export async function handOffUndelivered(ctx: Ctx, row: typeof messages.$inferSelect): Promise<void> {
  if (row.direction !== "outbound" || row.author !== "bot" || row.status !== "failed") return;
  if (row.errorCode && DELIBERATE.has(row.errorCode)) return;
  // The confirmation of an opt-out is the one message an opted-out contact may get; its loss leaves nothing to answer.
  if ((row.payload as { optOut?: boolean } | null)?.optOut) return;
  const now = ctx.now();
  const [moved] = await ctx.db
    .update(conversations)
    .set({ mode: "human", handoffReason: sql`coalesce(${conversations.handoffReason}, ${"delivery_failed"})`, updatedAt: now })
    .where(and(eq(conversations.id, row.conversationId), eq(conversations.tenantId, row.tenantId), eq(conversations.mode, "bot")))
    .returning();
  if (!moved) return;
  const contact = await ctx.db.select({ id: contacts.id, phone: contacts.phone, name: contacts.name }).from(contacts).where(and(eq(contacts.id, moved.contactId), eq(contacts.tenantId, row.tenantId))).get();
  await emitEvents(ctx, [
    buildEvent(ctx, row.tenantId, "conversation.handoff", {
      conversation: conversationView(moved, now),
      contact: contact ?? { id: moved.contactId, phone: null, name: null },
      reason: "delivery_failed",
    }),
  ]);
}
