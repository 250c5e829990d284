// A customer's reaction is kept on the message it reacts to, never stored as a
// message of its own: no bubble in the thread, no unread count, no answer from
// the assistant. One row per (message, customer) holds their current emoji; a
// removal keeps the row with no emoji. Idempotent: a redelivery, or an older
// event arriving after a newer one, changes nothing.
import { and, eq, sql } from "drizzle-orm";
import { conversations, messageReactions, messages } from "../db/schema";
import type { Ctx } from "../lib/context";
import type { InboundMessage } from "../channels/types";
import { conversationView } from "../conversations/views";
import { publishRealtime, realtimeEvent } from "../realtime/publish";

export interface ReactionInput {
  tenantId: string;
  channelId: string;
  contactId: string;
  message: InboundMessage & { reaction: NonNullable<InboundMessage["reaction"]> };
}

/** Store the customer's reaction on its target message. Returns whether the stored state changed. */
export async function applyReaction(ctx: Ctx, input: ReactionInput): Promise<boolean> {
  const { tenantId, channelId, contactId, message } = input;
  const now = ctx.now();
  const r = messageReactions;
  const changed = await ctx.db
    .insert(r)
    .values({
      tenantId,
      channelId,
      targetProviderMessageId: message.reaction.messageId,
      contactId,
      emoji: message.reaction.emoji,
      providerMessageId: message.providerMessageId,
      reactedAt: message.timestamp,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: [r.tenantId, r.channelId, r.targetProviderMessageId, r.contactId],
      set: { emoji: sql`excluded.emoji`, providerMessageId: sql`excluded.provider_message_id`, reactedAt: sql`excluded.reacted_at`, updatedAt: now },
      // Newer wins; within the same provider second the later delivery wins. The same event again changes nothing.
      setWhere: sql`excluded.reacted_at > ${r.reactedAt} OR (excluded.reacted_at = ${r.reactedAt} AND excluded.provider_message_id <> ${r.providerMessageId})`,
    })
    .returning({ emoji: r.emoji });
  if (!changed.length) return false;

  // Open inboxes showing the message refetch it. A target Parley does not know (yet) has nobody to tell.
  const target = await ctx.db
    .select({ id: messages.id, conversationId: messages.conversationId })
    .from(messages)
    .where(and(eq(messages.channelId, channelId), eq(messages.providerMessageId, message.reaction.messageId), eq(messages.tenantId, tenantId)))
    .get();
  if (target) {
    const conversation = await ctx.db.select().from(conversations).where(and(eq(conversations.id, target.conversationId), eq(conversations.tenantId, tenantId))).get();
    if (conversation) {
      await publishRealtime(ctx, tenantId, [
        realtimeEvent(ctx, "conversation.updated", { change: "reaction", conversation: conversationView(conversation, now), messageId: target.id, emoji: message.reaction.emoji }),
      ]);
    }
  }
  return true;
}
