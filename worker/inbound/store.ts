// Storing one inbound message: conversation upsert, message insert (unique on
// channel + provider id), conversation counters, message.received. Runs inside
// the conversation's Durable Object, so it is never concurrent for a contact.
import { and, eq, sql } from "drizzle-orm";
import { contacts, conversations, messages } from "../db/schema";
import type { Ctx } from "../lib/context";
import { newId } from "../lib/ids";
import type { InboundMessage } from "../channels/types";
import { buildEvent, emitEvents } from "../events/emit";
import { conversationView, messageView, preview, type MessageView } from "../conversations/views";

export interface StoreInboundInput {
  tenantId: string;
  channelId: string;
  contactId: string;
  message: InboundMessage;
  /** Pre-assigned ids (the sandbox answers with them before processing). */
  messageId?: string;
  conversationId?: string;
}

export interface StoreInboundResult {
  duplicate: boolean;
  messageId: string | null;
  conversationId: string | null;
  stale: boolean;
  message: MessageView | null;
}

export async function upsertConversation(ctx: Ctx, tenantId: string, contactId: string, channelId: string, id = newId("conversation")): Promise<string> {
  const now = ctx.now();
  const row = await ctx.db
    .insert(conversations)
    .values({ id, tenantId, contactId, channelId, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({ target: [conversations.tenantId, conversations.contactId, conversations.channelId], set: { updatedAt: sql`${conversations.updatedAt}` } })
    .returning({ id: conversations.id })
    .get();
  return row.id;
}

function payloadOf(m: InboundMessage): Record<string, unknown> | null {
  const p: Record<string, unknown> = {};
  if (m.media) p.media = m.media;
  if (m.location) p.location = m.location;
  if (m.interactive) p.interactive = m.interactive;
  if (m.reaction) p.reaction = m.reaction;
  if (m.context) p.context = m.context;
  if (m.errors?.length) p.errors = m.errors;
  return Object.keys(p).length ? p : null;
}

export async function storeInbound(ctx: Ctx, input: StoreInboundInput): Promise<StoreInboundResult> {
  const { tenantId, channelId, contactId, message } = input;
  const now = ctx.now();
  const conversationId = input.conversationId ?? (await upsertConversation(ctx, tenantId, contactId, channelId));
  const messageId = input.messageId ?? newId("message");
  const stale = now - message.timestamp > ctx.config.STALE_MESSAGE_SECONDS * 1000;
  const providerTs = Math.min(message.timestamp, now);

  // D1 runs a batch as one transaction on one connection, so changes() is the
  // row count of the statement before: counters move only when the insert happened.
  const previousChanged = sql`changes() = 1`;
  const [insertedRows] = await ctx.db.batch([
    ctx.db
      .insert(messages)
      .values({
        id: messageId,
        tenantId,
        conversationId,
        channelId,
        direction: "inbound",
        author: "customer",
        type: message.type,
        text: message.text,
        payload: payloadOf(message),
        status: "received",
        providerMessageId: message.providerMessageId,
        providerTimestamp: message.timestamp,
        stale,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: messages.id }),
    // Counters move only if the insert above happened (a redelivery changes nothing).
    ctx.db
      .update(conversations)
      .set({
        unreadCount: sql`${conversations.unreadCount} + 1`,
        lastMessageAt: now,
        lastInboundAt: sql`max(coalesce(${conversations.lastInboundAt}, 0), ${providerTs})`,
        lastMessagePreview: preview(message.text, message.type),
        status: "open",
        updatedAt: now,
      })
      .where(and(eq(conversations.id, conversationId), previousChanged)),
    ctx.db.update(contacts).set({ lastMessageAt: now, updatedAt: now }).where(and(eq(contacts.id, contactId), previousChanged)),
  ]);
  if (insertedRows.length === 0) return { duplicate: true, messageId: null, conversationId, stale, message: null };

  // One round trip for the three rows the event needs.
  const [[row], [conversation], [contact]] = await ctx.db.batch([
    ctx.db.select().from(messages).where(eq(messages.id, messageId)),
    ctx.db.select().from(conversations).where(eq(conversations.id, conversationId)),
    ctx.db.select({ id: contacts.id, phone: contacts.phone, name: contacts.name }).from(contacts).where(eq(contacts.id, contactId)),
  ]);
  const view = messageView(row!);
  await emitEvents(ctx, [
    buildEvent(ctx, tenantId, "message.received", { message: view, conversation: conversationView(conversation!, now), contact: contact! }),
  ]);
  return { duplicate: false, messageId, conversationId, stale, message: view };
}
