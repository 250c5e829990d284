// Contacts as the pipeline sees them: upserted by (tenant, wa_id), or found by
// the Meta user id of a user who hides their number behind a username.
import { and, eq, isNotNull, sql } from "drizzle-orm";
import { runBatch, type Statement } from "../contacts/batch";
import { contacts } from "../db/schema";
import type { Ctx } from "../lib/context";
import { newId } from "../lib/ids";
import { preparedStatement, runBound } from "../db/prepared";
import { e164FromWaId } from "../channels/phone";

export interface UpsertedContact {
  id: string;
  created: boolean;
  phone: string;
  name: string | null;
}

export interface Sender {
  /** Digits of the WhatsApp id, or the Meta user id when the number is not shared. */
  waId: string;
  userId?: string | null;
  username?: string | null;
  profileName: string | null;
}

/** A WhatsApp id made of digits is a phone number; a Meta user id ("US.1349…") is not. */
const phoneOf = (waId: string) => (/^\d{6,20}$/.test(waId) ? e164FromWaId(waId) : "");

/**
 * Insert or refresh the contact; the profile name and username only fill or
 * update, never blank. A sender with a Meta user id is matched by it first, so
 * a customer keeps one contact whether Meta shows their number or not.
 */
export async function upsertContact(ctx: Ctx, tenantId: string, sender: Sender): Promise<UpsertedContact> {
  const now = ctx.now();
  const userId = sender.userId || null;
  const username = sender.username || null;
  // Without a profile name, the username is the best name to show.
  const name = sender.profileName || username;
  if (userId) {
    const known = await ctx.db
      .update(contacts)
      .set({ name: sql`coalesce(${name}, ${contacts.name})`, username: sql`coalesce(${username}, ${contacts.username})`, updatedAt: now })
      .where(and(eq(contacts.tenantId, tenantId), eq(contacts.userId, userId)))
      .returning({ id: contacts.id, phone: contacts.phone, name: contacts.name })
      .get();
    if (known) return { ...known, created: false };
  }
  const id = newId("contact");
  const [[row]] = await runBound(ctx.db, [upsertByWaId(ctx.db, { id, tenantId, waId: sender.waId, phone: phoneOf(sender.waId), userId, username, name, now })]);
  return { ...row!, created: row!.id === id };
}

/** Every message of a sender without a Meta user id runs this: built once (db/prepared.ts). */
const upsertByWaId = preparedStatement((db) =>
  db
    .insert(contacts)
    .values({
      id: sql.placeholder("id"),
      tenantId: sql.placeholder("tenantId"),
      waId: sql.placeholder("waId"),
      phone: sql.placeholder("phone"),
      userId: sql.placeholder("userId"),
      username: sql.placeholder("username"),
      name: sql.placeholder("name"),
      createdAt: sql.placeholder("now"),
      updatedAt: sql.placeholder("now"),
    })
    .onConflictDoUpdate({
      target: [contacts.tenantId, contacts.waId],
      set: {
        name: sql`coalesce(excluded.name, ${contacts.name})`,
        userId: sql`coalesce(${contacts.userId}, excluded.user_id)`,
        username: sql`coalesce(excluded.username, ${contacts.username})`,
        updatedAt: sql`excluded.updated_at`,
      },
    })
    .returning({ id: contacts.id, phone: contacts.phone, name: contacts.name }),
);

/** A WAHA sender: their phone number (digits) when known, their LID (digits) when WhatsApp used one. */
export interface WahaSender {
  phone: string | null;
  lid: string | null;
  profileName: string | null;
}

const byLid = (tenantId: string, lid: string) => and(eq(contacts.tenantId, tenantId), eq(contacts.wahaLid, lid));
const byWaId = (tenantId: string, waId: string) => and(eq(contacts.tenantId, tenantId), eq(contacts.waId, waId));
const contactFields = { id: contacts.id, phone: contacts.phone, name: contacts.name };

/**
 * WAHA contacts keyed by phone number and LID together. A person known by LID
 * only (WAHA could not tell the number) is stored with wa_id "<lid>@lid" and
 * no phone; when the number becomes known, that same contact gains it, and a
 * contact that already had the number absorbs the LID-only one (mergeContacts),
 * so one person stays one contact whichever way they arrive.
 */
export async function upsertWahaContact(ctx: Ctx, tenantId: string, sender: WahaSender): Promise<UpsertedContact> {
  const { phone, lid } = sender;
  if (!lid) return upsertContact(ctx, tenantId, { waId: phone!, profileName: sender.profileName });
  const now = ctx.now();
  const name = sender.profileName;
  const known = await ctx.db.select(contactFields).from(contacts).where(byLid(tenantId, lid)).get();
  if (!phone) {
    if (known) {
      if (name) await ctx.db.update(contacts).set({ name, updatedAt: now }).where(eq(contacts.id, known.id));
      return { ...known, name: name ?? known.name, created: false };
    }
    const id = newId("contact");
    const row = await ctx.db
      .insert(contacts)
      .values({ id, tenantId, waId: `${lid}@lid`, phone: "", wahaLid: lid, name, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: [contacts.tenantId, contacts.waId], set: { name: sql`coalesce(excluded.name, ${contacts.name})`, updatedAt: now } })
      .returning(contactFields)
      .get();
    return { ...row, created: row.id === id };
  }
  const withPhone = await ctx.db.select(contactFields).from(contacts).where(byWaId(tenantId, phone)).get();
  if (known && withPhone && known.id !== withPhone.id) {
    await mergeContacts(ctx, tenantId, { from: known.id, into: withPhone.id, lid });
    return { ...withPhone, created: false };
  }
  if (known && !withPhone) {
    // The LID-only contact learns its number: replies and later phone messages find it.
    const row = await ctx.db
      .update(contacts)
      .set({ waId: phone, phone: e164FromWaId(phone), name: sql`coalesce(${name}, ${contacts.name})`, updatedAt: now })
      .where(eq(contacts.id, known.id))
      .returning(contactFields)
      .get();
    return { ...row!, created: false };
  }
  const id = newId("contact");
  const row = await ctx.db
    .insert(contacts)
    .values({ id, tenantId, waId: phone, phone: e164FromWaId(phone), wahaLid: lid, name, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: [contacts.tenantId, contacts.waId],
      set: { name: sql`coalesce(excluded.name, ${contacts.name})`, wahaLid: sql`coalesce(${contacts.wahaLid}, excluded.waha_lid)`, updatedAt: now },
    })
    .returning(contactFields)
    .get();
  return { ...row, created: row.id === id };
}

/** The phone number (digits) already known for a LID in this tenant, so WAHA need not be asked again. */
export async function knownPhoneForLid(ctx: Ctx, tenantId: string, lid: string): Promise<string | null> {
  const row = await ctx.db.select({ waId: contacts.waId, phone: contacts.phone }).from(contacts).where(byLid(tenantId, lid)).get();
  return row?.phone && /^\d{5,20}$/.test(row.waId) ? row.waId : null;
}

/** Whether a WAHA phone sender might be someone known so far by LID only (worth asking WAHA for their LID). */
export async function mayBeKnownByLid(ctx: Ctx, tenantId: string, phone: string): Promise<boolean> {
  if (await ctx.db.select({ id: contacts.id }).from(contacts).where(byWaId(tenantId, phone)).get()) return false;
  const lidOnly = await ctx.db
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.tenantId, tenantId), isNotNull(contacts.wahaLid), eq(contacts.phone, "")))
    .get();
  return lidOnly !== undefined;
}

/**
 * One person, two contacts (first by phone, then by a LID WAHA could not
 * resolve): everything of `from` moves to `into` in one transaction: its
 * conversations (joined with `into`'s on the same channel: messages, notes and
 * bookings move, unread counts add up), tags, answers, bookings and campaign
 * recipients; then `from` is deleted and `into` keeps the LID.
 */
export async function mergeContacts(ctx: Ctx, tenantId: string, m: { from: string; into: string; lid: string }): Promise<void> {
  const { from, into } = m;
  const now = ctx.now();
  const pairs = await ctx.db.all<{ fromConv: string; intoConv: string }>(sql`
    SELECT f.id AS fromConv, i.id AS intoConv FROM conversations f
    JOIN conversations i ON i.tenant_id = f.tenant_id AND i.channel_id = f.channel_id AND i.contact_id = ${into}
    WHERE f.tenant_id = ${tenantId} AND f.contact_id = ${from}`);
  const statements: Statement[] = [];
  for (const { fromConv, intoConv } of pairs) {
    statements.push(
      sql`UPDATE messages SET conversation_id = ${intoConv} WHERE tenant_id = ${tenantId} AND conversation_id = ${fromConv}`,
      sql`UPDATE conversation_notes SET conversation_id = ${intoConv} WHERE tenant_id = ${tenantId} AND conversation_id = ${fromConv}`,
      sql`UPDATE bookings SET conversation_id = ${intoConv} WHERE tenant_id = ${tenantId} AND conversation_id = ${fromConv}`,
      sql`UPDATE knowledge_gaps SET conversation_id = ${intoConv} WHERE tenant_id = ${tenantId} AND conversation_id = ${fromConv}`,
      sql`UPDATE conversations SET
            unread_count = unread_count + (SELECT unread_count FROM conversations WHERE id = ${fromConv}),
            last_message_at = max(coalesce(last_message_at, 0), coalesce((SELECT last_message_at FROM conversations WHERE id = ${fromConv}), 0)),
            last_inbound_at = max(coalesce(last_inbound_at, 0), coalesce((SELECT last_inbound_at FROM conversations WHERE id = ${fromConv}), 0)),
            reply_chat_id = coalesce((SELECT reply_chat_id FROM conversations WHERE id = ${fromConv}), reply_chat_id),
            updated_at = ${now}
          WHERE id = ${intoConv} AND tenant_id = ${tenantId}`,
      sql`DELETE FROM conversations WHERE id = ${fromConv} AND tenant_id = ${tenantId}`,
    );
  }
  statements.push(
    sql`UPDATE conversations SET contact_id = ${into}, updated_at = ${now} WHERE tenant_id = ${tenantId} AND contact_id = ${from}`,
    sql`INSERT OR IGNORE INTO contact_tags (tenant_id, tag_id, contact_id, created_at) SELECT tenant_id, tag_id, ${into}, created_at FROM contact_tags WHERE tenant_id = ${tenantId} AND contact_id = ${from}`,
    sql`UPDATE contacts SET tags = (SELECT json_group_array(t.name) FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.tenant_id = ${tenantId} AND ct.contact_id = ${into}) WHERE id = ${into} AND EXISTS (SELECT 1 FROM contact_tags WHERE tenant_id = ${tenantId} AND contact_id = ${from})`,
    sql`UPDATE OR IGNORE flow_answers SET contact_id = ${into} WHERE tenant_id = ${tenantId} AND contact_id = ${from}`,
    sql`UPDATE bookings SET contact_id = ${into} WHERE tenant_id = ${tenantId} AND contact_id = ${from}`,
    sql`UPDATE OR IGNORE campaign_recipients SET contact_id = ${into} WHERE tenant_id = ${tenantId} AND contact_id = ${from}`,
    sql`UPDATE media SET contact_id = ${into} WHERE tenant_id = ${tenantId} AND contact_id = ${from}`,
    sql`UPDATE contacts SET
          name = coalesce(name, (SELECT name FROM contacts WHERE id = ${from})),
          last_message_at = max(coalesce(last_message_at, 0), coalesce((SELECT last_message_at FROM contacts WHERE id = ${from}), 0)),
          updated_at = ${now}
        WHERE id = ${into} AND tenant_id = ${tenantId}`,
    sql`DELETE FROM contacts WHERE id = ${from} AND tenant_id = ${tenantId}`,
    sql`UPDATE contacts SET waha_lid = ${m.lid} WHERE id = ${into} AND tenant_id = ${tenantId}`,
  );
  await runBatch(ctx, statements);
  ctx.logger.info("merged a contact known by LID into the same person's contact", { tenantId, from, into });
}
