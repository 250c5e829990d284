// Storing one inbound message: conversation upsert, message insert (unique on
// channel + provider id), conversation counters, message.received. Runs inside
// the conversation's Durable Object, so it is never concurrent for a contact.
import { and, eq, sql, type SQL } from "drizzle-orm";
import { contacts, conversations, messages } from "../db/schema";
import type { Ctx } from "../lib/context";
import { newId } from "../lib/ids";
import { injectFault } from "../lib/faults";
import { attributeReplyQuery } from "../campaigns/attribution";
import { storedSettingsQuery } from "../ai/settings";
import { bookingCount, previousMessageQuery, repliedToAtOf, type InboundScoringReads } from "../leads/score";
import type { InboundMessage } from "../channels/types";
import { buildEvent, emitEvents } from "../events/emit";
import { conversationView, messageView, preview, type MessageView } from "../conversations/views";
import { dropMedia, enqueueMediaDownload, registerInboundMedia } from "../media/store";

export interface StoreInboundInput {
  tenantId: string;
  channelId: string;
  contactId: string;
  message: InboundMessage;
  /** The id the row gets; a retry passes the same id, so it can recognise its own earlier insert. */
  messageId: string;
  /** Pre-assigned conversation (the sandbox answers with it before processing). */
  conversationId?: string;
}

export type MessageRow = typeof messages.$inferSelect;

export type ConversationRow = typeof conversations.$inferSelect;
export interface ContactSummary {
  id: string;
  phone: string;
  name: string | null;
}

/**
 * What the rest of the turn needs, read in the same round trip as the insert:
 * the conversation and contact for message.received, and the tenant's stored
 * bot settings (null when it never saved any) for scheduling the answer.
 */
export interface StoredTurn {
  conversation: ConversationRow;
  contact: ContactSummary;
  settings: Record<string, unknown> | null;
  /** The contact as stored and what else its lead score needs, read in the same round trip. */
  scoring: Omit<InboundScoringReads, "scoring">;
}

/** `stored`: the row with the given id (inserted now or by an earlier attempt); `duplicate`: another row holds the provider id. */
export type InsertInboundResult = { kind: "stored"; row: MessageRow; inserted: boolean; turn: StoredTurn } | { kind: "duplicate"; conversationId: string };

export async function upsertConversation(ctx: Ctx, tenantId: string, contactId: string, channelId: string, id = newId("conversation")): Promise<string> {
  const now = ctx.now();
  const row = await upsertConversationQuery(ctx, tenantId, contactId, channelId, id, now).get();
  return row.id;
}

const upsertConversationQuery = (ctx: Ctx, tenantId: string, contactId: string, channelId: string, id: string, now: number) =>
  ctx.db
    .insert(conversations)
    .values({ id, tenantId, contactId, channelId, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({ target: [conversations.tenantId, conversations.contactId, conversations.channelId], set: { updatedAt: sql`${conversations.updatedAt}` } })
    .returning({ id: conversations.id });

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

/**
 * Insert one inbound message (idempotent). A retry with the same messageId
 * finds the row an earlier attempt inserted and carries on from there.
 *
 * One D1 round trip (a batch is one transaction on one connection): the
 * conversation upsert, the insert, the counters, the campaign reply
 * attribution, and the reads the turn needs next (see StoredTurn). The new
 * message, conversation and contact come back from the statements that wrote
 * them; only a redelivery or a resumed attempt (nothing inserted) reads them
 * in a second round trip.
 */
export async function insertInbound(ctx: Ctx, input: StoreInboundInput): Promise<InsertInboundResult> {
  const { tenantId, channelId, contactId, message, messageId } = input;
  const now = ctx.now();
  const stale = now - message.timestamp > ctx.config.STALE_MESSAGE_SECONDS * 1000;
  const providerTs = Math.min(message.timestamp, now);
  const file = await registerInboundMedia(ctx, { tenantId, channelId, contactId, messageId, message });
  const payload = payloadOf(message);

  // The conversation's id: pre-assigned, or whatever the upsert at the head of the batch kept.
  const conversationId: SQL | string =
    input.conversationId ??
    sql`(SELECT ${conversations.id} FROM ${conversations} WHERE ${conversations.tenantId} = ${tenantId} AND ${conversations.contactId} = ${contactId} AND ${conversations.channelId} = ${channelId})`;
  // D1 runs a batch as one transaction on one connection, so changes() is the
  // row count of the statement before: counters move only when the insert happened.
  const previousChanged = sql`changes() = 1`;
  // The row under this id is ours (inserted now or by an earlier attempt), not another row's redelivered provider id.
  const ours = sql`EXISTS (SELECT 1 FROM ${messages} WHERE ${messages.id} = ${messageId} AND ${messages.tenantId} = ${tenantId})`;
  let results;
  try {
    results = await ctx.db.batch([
      input.conversationId
        ? ctx.db.select({ id: conversations.id }).from(conversations).where(and(eq(conversations.id, input.conversationId), eq(conversations.tenantId, tenantId)))
        : upsertConversationQuery(ctx, tenantId, contactId, channelId, newId("conversation"), now),
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
          payload: file ? { ...payload, file: file.file } : payload,
          mediaId: file?.id ?? null,
          status: "received",
          providerMessageId: message.providerMessageId,
          providerTimestamp: message.timestamp,
          stale,
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoNothing()
        .returning(),
      // Counters move only if the insert above happened (a redelivery changes nothing).
      ctx.db
        .update(conversations)
        .set({
          unreadCount: sql`${conversations.unreadCount} + 1`,
          lastMessageAt: now,
          lastInboundAt: sql`max(coalesce(${conversations.lastInboundAt}, 0), ${providerTs})`,
          lastMessagePreview: preview(message.text, message.type),
          // WAHA: replies go to the chat the customer last wrote from (their LID chat or their number's).
          ...(message.chatId ? { replyChatId: message.chatId } : {}),
          status: "open",
          updatedAt: now,
        })
        .where(and(eq(conversations.id, conversationId), eq(conversations.tenantId, tenantId), previousChanged))
        .returning(),
      ctx.db
        .update(contacts)
        .set({ lastMessageAt: now, updatedAt: now })
        .where(and(eq(contacts.id, contactId), eq(contacts.tenantId, tenantId), previousChanged))
        .returning(),
      // A reply within a campaign's window counts for that campaign (set once per recipient); a stale message does not.
      attributeReplyQuery(ctx, now, tenantId, contactId, stale ? sql`0` : ours),
      storedSettingsQuery(ctx, tenantId),
      // For the lead score of the contact (computed next by the conversation's object).
      bookingCount(ctx, tenantId, contactId),
      previousMessageQuery(ctx, tenantId, conversationId, messageId, message.timestamp),
    ]);
  } catch (err) {
    // Nothing was written with it: the retry registers the file again.
    if (file) await dropMedia(ctx, tenantId, file.id).catch(() => {});
    throw err;
  }
  const [, insertedRows, updatedConversations, updatedContacts, , [settingsRow], [booked], [previous]] = results;
  let [row] = insertedRows;
  let [conversation] = updatedConversations;
  let [contact] = updatedContacts;
  const inserted = row !== undefined;
  // The file belongs to the row this attempt inserted; a redelivery's copy of the descriptor is dropped.
  if (file) {
    if (inserted) await enqueueMediaDownload(ctx, { tenantId, mediaId: file.id });
    else await dropMedia(ctx, tenantId, file.id);
  }
  if (!row || !conversation || !contact) {
    // Nothing inserted: the row under this id is an earlier attempt's, or another row holds the provider id.
    [[row], [conversation], [contact]] = await ctx.db.batch([
      ctx.db.select().from(messages).where(and(eq(messages.id, messageId), eq(messages.tenantId, tenantId))),
      ctx.db.select().from(conversations).where(and(eq(conversations.id, conversationId), eq(conversations.tenantId, tenantId))),
      ctx.db.select().from(contacts).where(and(eq(contacts.id, contactId), eq(contacts.tenantId, tenantId))),
    ]);
  }
  if (!conversation) throw new Error(`conversation for message ${messageId} not found`);
  if (!row) return { kind: "duplicate", conversationId: conversation.id };
  if (!contact) throw new Error(`contact ${contactId} not found`);
  injectFault(ctx.env, "conversation.afterInsert", message.providerMessageId);
  return {
    kind: "stored",
    row,
    inserted,
    turn: {
      conversation,
      contact: { id: contact.id, phone: contact.phone, name: contact.name },
      settings: settingsRow?.settings ?? null,
      scoring: { reads: { contact, bookings: booked?.n ?? 0 }, repliedToAt: repliedToAtOf(previous) },
    },
  };
}

/**
 * message.received for a stored row, under a fixed event id so a resumed emit
 * is deduplicated downstream. `turn` carries the conversation and contact when
 * the insert just read them; a resumed emit reads them itself.
 */
export async function emitInboundReceived(ctx: Ctx, row: MessageRow, contactId: string, eventId: string, turn?: Pick<StoredTurn, "conversation" | "contact">): Promise<MessageView> {
  const now = ctx.now();
  let conversation = turn?.conversation;
  let contact = turn?.contact;
  if (!conversation || !contact) {
    // One round trip for the two rows the event needs besides the message.
    [[conversation], [contact]] = await ctx.db.batch([
      ctx.db.select().from(conversations).where(eq(conversations.id, row.conversationId)),
      ctx.db.select({ id: contacts.id, phone: contacts.phone, name: contacts.name }).from(contacts).where(eq(contacts.id, contactId)),
    ]);
  }
  const view = messageView(row);
  const event = buildEvent(ctx, row.tenantId, "message.received", { message: view, conversation: conversationView(conversation!, now), contact: contact! });
  await emitEvents(ctx, [{ ...event, id: eventId }]);
  return view;
}
