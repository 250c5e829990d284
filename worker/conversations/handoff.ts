// Handing a conversation from the bot to a person: the one place that moves it,
// keeps the first reason and emits conversation.handoff (the assistant's rules
// in ai/responder, an undelivered answer in ./undelivered).
import { and, eq, sql } from "drizzle-orm";
import { contacts, conversations } from "../db/schema";
import type { Ctx } from "../lib/context";
import { buildEvent, emitEvents } from "../events/emit";
import { conversationView } from "./views";

export type HandoffReason =
  | "customer_request"
  | "negative_sentiment"
  | "outside_business_hours"
  | "no_knowledge"
  | "low_confidence"
  | "credits_exhausted"
  | "assistant_error"
  | "qualified"
  | "no_availability"
  | "media"
  | "hot_lead"
  /** A bot answer never reached the customer (./undelivered). */
  | "delivery_failed";

type ContactRef = { id: string; phone: string | null; name: string | null };

/**
 * Move a conversation still with the bot to a person, once: mode human, its first reason kept, conversation.handoff.
 * The contact is read when not given. Returns whether this call moved it.
 */
export async function handOver(ctx: Ctx, tenantId: string, conversationId: string, reason: HandoffReason, contact?: ContactRef): Promise<boolean> {
  const now = ctx.now();
  const [moved] = await ctx.db
    .update(conversations)
    .set({ mode: "human", handoffReason: sql`coalesce(${conversations.handoffReason}, ${reason})`, updatedAt: now })
    .where(and(eq(conversations.id, conversationId), eq(conversations.tenantId, tenantId), eq(conversations.mode, "bot")))
    .returning();
  if (!moved) return false;
  const who =
    contact ??
    (await ctx.db.select({ id: contacts.id, phone: contacts.phone, name: contacts.name }).from(contacts).where(and(eq(contacts.id, moved.contactId), eq(contacts.tenantId, tenantId))).get()) ?? { id: moved.contactId, phone: null, name: null };
  await emitEvents(ctx, [
    buildEvent(ctx, tenantId, "conversation.handoff", {
      conversation: conversationView(moved, now),
      contact: { id: who.id, phone: who.phone, name: who.name },
      reason,
    }),
  ]);
  return true;
}
