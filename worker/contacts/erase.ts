// GDPR erasure. The contact row stays (conversations and messages keep their
// foreign keys, so counts and reports still add up) but every piece of
// personal data goes, in one batch: the contact's name, phone, email, tags
// and custom values; message text and payloads; conversation previews,
// summaries and internal notes; and any stored copy that mentions the contact
// (webhook event bodies, webhook responses, dead letters, raw webhook
// payloads, pending import rows, audit metadata). wa_id becomes a tombstone
// unique per contact, so the (tenant, wa_id) index holds and a later message
// from the same number starts a new contact. Media files they sent or were
// sent are deleted from R2 first, then their rows go with the batch.
import { and, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import {
  campaignRecipients,
  bookings,
  flowAnswers,
  knowledgeGaps,
  auditLog,
  media,
  messageReactions,
  contactImportSlices,
  contactTags,
  contacts,
  conversationNotes,
  conversations,
  deadLetters,
  messages,
  webhookAttempts,
  webhookDeliveries,
  webhookEvents,
  webhookPayloads,
} from "../db/schema";
import type { TenantCtx } from "../lib/context";
import { auditStatement } from "../tenancy/audit";
import { buildEvent, emitEvents } from "../events/emit";
import { errorFields } from "../lib/logger";
import { runBatch, type Statement } from "./batch";
import { getContactRow } from "./store";

export const ERASED_PHONE = "[erased]";
export const ERASED_NOTE = "[erased]";
export const erasedWaId = (contactId: string) => `erased:${contactId}`;

// Keeps each statement far below D1's 100 bound parameters.
const NEEDLES_PER_STATEMENT = 40;

function mentionsAny(column: SQL, needles: string[]): SQL {
  return sql.join(
    needles.map((n) => sql`instr(${column}, ${n}) > 0`),
    sql` OR `,
  );
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export async function eraseContact(ctx: TenantCtx, id: string): Promise<void> {
  const contact = await getContactRow(ctx, id);
  const t = ctx.tenantId;
  const now = ctx.now();
  const convIds = (
    await ctx.db
      .select({ id: conversations.id })
      .from(conversations)
      .where(and(eq(conversations.tenantId, t), eq(conversations.contactId, id)))
      .all()
  ).map((r) => r.id);
  const { n: messageCount } = (await ctx.db
    .select({ n: sql<number>`count(*)` })
    .from(messages)
    .where(and(eq(messages.tenantId, t), inArray(messages.conversationId, sqlConversationsOf(t, id))))
    .get())!;

  // What identifies the person inside stored copies: ids that point at them, their number, their email.
  const personal = [contact.waId, ...(contact.userId && contact.userId !== contact.waId ? [contact.userId] : []), ...(contact.email ? [contact.email] : [])];
  const needles = [id, ...convIds, ...personal];
  const ofContact = sqlConversationsOf(t, id);

  // Their files: sent by them, or attached to a message in their conversations. The bytes go before the rows.
  const theirMedia = or(
    eq(media.contactId, id),
    inArray(media.id, sql`(SELECT media_id FROM messages WHERE tenant_id = ${t} AND media_id IS NOT NULL AND conversation_id IN ${ofContact})`),
  );
  const files = await ctx.db.select({ id: media.id, r2Key: media.r2Key }).from(media).where(and(eq(media.tenantId, t), theirMedia)).all();
  const keys = files.map((f) => f.r2Key).filter((k): k is string => !!k);
  for (let i = 0; i < keys.length; i += 1000) await ctx.env.MEDIA.delete(keys.slice(i, i + 1000));

  const statements: Statement[] = [
    ctx.db.delete(media).where(and(eq(media.tenantId, t), theirMedia)),
    ctx.db
      .update(messages)
      .set({ text: null, payload: null, errorDetail: null, mediaId: null, transcript: null, updatedAt: now })
      .where(and(eq(messages.tenantId, t), inArray(messages.conversationId, ofContact))),
    ctx.db
      .update(conversationNotes)
      .set({ text: ERASED_NOTE })
      .where(and(eq(conversationNotes.tenantId, t), inArray(conversationNotes.conversationId, ofContact))),
    ctx.db
      .update(conversations)
      .set({ lastMessagePreview: null, summary: null, status: "closed", updatedAt: now })
      .where(and(eq(conversations.tenantId, t), eq(conversations.contactId, id))),
  ];

  for (const group of chunks(needles, NEEDLES_PER_STATEMENT)) {
    const eventMentions = and(eq(webhookEvents.tenantId, t), mentionsAny(sql`${webhookEvents.payload}`, group));
    statements.push(
      // Subscribers' responses may echo the body: clear them before the bodies stop matching.
      ctx.db
        .update(webhookAttempts)
        .set({ responseBody: null })
        .where(
          inArray(
            webhookAttempts.deliveryId,
            ctx.db
              .select({ id: webhookDeliveries.id })
              .from(webhookDeliveries)
              .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
              .where(eventMentions),
          ),
        ),
      ctx.db
        .update(webhookEvents)
        .set({ payload: sql`json_object('type', ${webhookEvents.type}, 'timestamp', json_extract(${webhookEvents.payload}, '$.timestamp'), 'data', json_object('erased', json('true')))` })
        .where(eventMentions),
      ctx.db.delete(deadLetters).where(and(eq(deadLetters.tenantId, t), mentionsAny(sql`${deadLetters.payload}`, group))),
    );
  }
  statements.push(
    ctx.db.delete(webhookPayloads).where(and(eq(webhookPayloads.tenantId, t), mentionsAny(sql`${webhookPayloads.body}`, personal))),
    ctx.db
      .update(auditLog)
      .set({ metadata: { erased: true } })
      .where(and(eq(auditLog.tenantId, t), sql`${auditLog.metadata} IS NOT NULL`, mentionsAny(sql`${auditLog.metadata}`, personal))),
    // Rows of an import still waiting in the queue would bring the person back: drop theirs.
    ctx.db
      .update(contactImportSlices)
      .set({
        data: sql`(SELECT json_group_array(json(value)) FROM json_each(${contactImportSlices.data}) WHERE json_extract(value, '$.waId') IS NOT ${contact.waId})`,
      })
      .where(and(eq(contactImportSlices.tenantId, t), isNull(contactImportSlices.doneAt), sql`instr(${contactImportSlices.data}, ${contact.waId}) > 0`)),
    ctx.db.delete(contactTags).where(and(eq(contactTags.tenantId, t), eq(contactTags.contactId, id))),
    // Their reactions to messages.
    ctx.db.delete(messageReactions).where(and(eq(messageReactions.tenantId, t), eq(messageReactions.contactId, id))),
    // What they told the qualification flow, and any note on their bookings (the slots stay taken).
    ctx.db.delete(flowAnswers).where(and(eq(flowAnswers.tenantId, t), eq(flowAnswers.contactId, id))),
    // The questions they asked that the assistant could not answer.
    ctx.db.delete(knowledgeGaps).where(and(eq(knowledgeGaps.tenantId, t), inArray(knowledgeGaps.conversationId, ofContact))),
    ctx.db.update(bookings).set({ note: null }).where(and(eq(bookings.tenantId, t), eq(bookings.contactId, id))),
    // The number each campaign recorded for them (the recipient rows stay for the campaigns' totals).
    ctx.db.update(campaignRecipients).set({ phone: "" }).where(and(eq(campaignRecipients.tenantId, t), eq(campaignRecipients.contactId, id))),
    ctx.db
      .update(contacts)
      .set({
        name: null,
        email: null,
        phone: ERASED_PHONE,
        waId: erasedWaId(id),
        wahaLid: null,
        userId: null,
        username: null,
        tags: [],
        customFields: {},
        leadScore: 0,
        optedOut: true,
        optedOutAt: contact.optedOutAt ?? now,
        erasedAt: now,
        updatedAt: now,
      })
      .where(and(eq(contacts.id, id), eq(contacts.tenantId, t), isNull(contacts.erasedAt))),
    auditStatement(ctx, { action: "contact.erased", targetType: "contact", targetId: id, metadata: { conversations: convIds.length, messages: messageCount } }),
  );
  await runBatch(ctx, statements);
  // The live feed keeps a day of events in its own storage: remove the ones about this person.
  try {
    await ctx.env.REALTIME.get(ctx.env.REALTIME.idFromName(t)).redact(needles);
  } catch (err) {
    ctx.logger.error("could not redact the live feed after an erasure", { contactId: id, ...errorFields(err) });
  }
  await emitEvents(ctx, [buildEvent(ctx, t, "contact.deleted", { contact: { id } })]);
}

function sqlConversationsOf(tenantId: string, contactId: string): SQL {
  return sql`(SELECT id FROM conversations WHERE tenant_id = ${tenantId} AND contact_id = ${contactId})`;
}
