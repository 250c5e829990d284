// Storing one inbound message: conversation upsert, message insert (unique on
// channel + provider id), conversation counters, message.received. Runs inside
// the conversation's Durable Object, so it is never concurrent for a contact.
import { and, eq, sql, type SQL } from "drizzle-orm";
import { contacts, conversations, messages } from "../db/schema";
import type { Ctx } from "../lib/context";
import { newId } from "../lib/ids";
import { injectFault } from "../lib/faults";
import { placeholderFor, preparedStatement, runBound, type Value } from "../db/prepared";
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

const upsertConversationQuery = (ctx: Pick<Ctx, "db">, tenantId: Value<string>, contactId: Value<string>, channelId: Value<string>, id: Value<string>, now: Value<number>) =>
  ctx.db
    .insert(conversations)
    .values({ id, tenantId, contactId, channelId, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({ target: [conversations.tenantId, conversations.contactId, conversations.channelId], set: { updatedAt: sql`${conversations.updatedAt}` } })
    .returning({ id: conversations.id });

/** The conversation of (tenant, contact, channel): what the upsert at the head of the insert's batch kept. */
const conversationOf = (tenantId: Value<string>, contactId: Value<string>, channelId: Value<string>) =>
  sql`(SELECT ${conversations.id} FROM ${conversations} WHERE ${conversations.tenantId} = ${tenantId} AND ${conversations.contactId} = ${contactId} AND ${conversations.channelId} = ${channelId})`;

const P = sql.placeholder;

/**
 * insertInbound's batch, built once per database: [0] finds or creates the
 * conversation, [1] has it pre-assigned (the sandbox answers with it first).
 */
function inboundBatch(assigned: boolean) {
  const conversationId = assigned ? P("conversationId") : conversationOf(P("tenantId"), P("contactId"), P("channelId"));
  // D1 runs a batch as one transaction on one connection, so changes() is the
  // row count of the statement before: counters move only when the insert happened.
  const previousChanged = sql`changes() = 1`;
  return [
    preparedStatement((db) =>
      assigned
        ? db.select({ id: conversations.id }).from(conversations).where(and(eq(conversations.id, P("conversationId")), eq(conversations.tenantId, P("tenantId"))))
        : upsertConversationQuery({ db }, P("tenantId"), P("contactId"), P("channelId"), P("newConversationId"), P("now")),
    ),
    preparedStatement((db) =>
      db
        .insert(messages)
        .values({
          id: P("messageId"),
          tenantId: P("tenantId"),
          conversationId,
          channelId: P("channelId"),
          direction: "inbound",
          author: "customer",
          type: P("type"),
          text: P("text"),
          payload: P("payload"),
          mediaId: P("mediaId"),
          status: "received",
          providerMessageId: P("providerMessageId"),
          providerTimestamp: P("providerTimestamp"),
          stale: P("stale"),
          createdAt: P("now"),
          updatedAt: P("now"),
        })
        .onConflictDoNothing()
        .returning(),
    ),
    // Counters move only if the insert above happened (a redelivery changes nothing).
    preparedStatement((db) =>
      db
        .update(conversations)
        .set({
          unreadCount: sql`${conversations.unreadCount} + 1`,
          lastMessageAt: placeholderFor<number>("now"),
          lastInboundAt: sql`max(coalesce(${conversations.lastInboundAt}, 0), ${P("providerTs")})`,
          lastMessagePreview: placeholderFor<string>("preview"),
          // WAHA: replies go to the chat the customer last wrote from (their LID chat or their number's).
          replyChatId: sql`coalesce(${P("chatId")}, ${conversations.replyChatId})`,
          status: "open",
          updatedAt: placeholderFor<number>("now"),
        })
        .where(and(eq(conversations.id, conversationId), eq(conversations.tenantId, P("tenantId")), previousChanged))
        .returning(),
    ),
    preparedStatement((db) =>
      db
        .update(contacts)
        .set({ lastMessageAt: placeholderFor<number>("now"), updatedAt: placeholderFor<number>("now") })
        .where(and(eq(contacts.id, P("contactId")), eq(contacts.tenantId, P("tenantId")), previousChanged))
        .returning(),
    ),
    // A reply within a campaign's window counts for that campaign (set once per recipient), if the
    // row under this id is ours (inserted now or by an earlier attempt), not another row's redelivered provider id.
    preparedStatement((db) =>
      attributeReplyQuery(
        { db },
        P("now"),
        P("tenantId"),
        P("contactId"),
        sql`${P("fresh")} AND EXISTS (SELECT 1 FROM ${messages} WHERE ${messages.id} = ${P("messageId")} AND ${messages.tenantId} = ${P("tenantId")})`,
      ),
    ),
    preparedStatement((db) => storedSettingsQuery({ db }, P("tenantId"))),
    // For the lead score of the contact (computed next by the conversation's object).
    preparedStatement((db) => bookingCount({ db }, P("tenantId"), P("contactId"))),
    preparedStatement((db) => previousMessageQuery({ db }, P("tenantId"), conversationId, P("messageId"), P("providerTimestamp"))),
  ] as const;
}
const inboundStatements = [inboundBatch(false), inboundBatch(true)] as const;

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
  const file = await registerInboundMedia(ctx, { tenantId, channelId, contactId, messageId, message });
  const payload = payloadOf(message);
  const values = {
    tenantId,
    contactId,
    channelId,
    messageId,
    conversationId: input.conversationId ?? null,
    newConversationId: newId("conversation"),
    now,
    type: message.type,
    text: message.text ?? null,
    payload: file ? { ...payload, file: file.file } : payload,
    mediaId: file?.id ?? null,
    providerMessageId: message.providerMessageId,
    providerTimestamp: message.timestamp,
    providerTs: Math.min(message.timestamp, now),
    stale,
    // A stale message attributes no campaign reply.
    fresh: stale ? 0 : 1,
    preview: preview(message.text, message.type),
    chatId: message.chatId ?? null,
  };
  const [findConversation, insert, counters, contactSeen, attribution, settings, bookings, previousMessage] = inboundStatements[input.conversationId ? 1 : 0];
  const db = ctx.db;
  let results;
  try {
    results = await runBound(db, [
      findConversation(db, values),
      insert(db, values),
      counters(db, values),
      contactSeen(db, values),
      attribution(db, values),
      settings(db, values),
      bookings(db, values),
      previousMessage(db, values),
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
    const conversationId = input.conversationId ?? conversationOf(tenantId, contactId, channelId);
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
