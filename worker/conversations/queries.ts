// Reading conversations and their messages, always within one tenant.
import { and, count, desc, eq, gt, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { contacts, conversations, messages } from "../db/schema";
import { fieldError, notFound } from "../http/errors";
import type { Ctx, TenantCtx } from "../lib/context";
import { fromBase64Url, fromUtf8, toBase64Url, utf8 } from "../lib/encoding";
import { decodeCursor, encodeCursor } from "../lib/pagination";
import { contactSearch, SEARCH_CANDIDATES } from "../contacts/list";
import { conversationView, messageView, type ConversationView } from "./views";
import { messageTime, newestFirst } from "./message-order";
import { linkMessages } from "./message-links";

export const CONVERSATION_SORTS = ["created", "lastMessage"] as const;

export const conversationListQuery = z.object({
  limit: z.coerce.number().int().min(1, { message: "must be between 1 and 200" }).max(200, { message: "must be between 1 and 200" }).default(50),
  cursor: z.string().max(200).optional(),
  mode: z.enum(["bot", "human", "paused"]).optional(),
  status: z.enum(["open", "closed"]).optional(),
  assigned: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .optional()
    .describe("`me` (the caller; for an API key, the user who created it), `unassigned`, or a user id"),
  unread: z.enum(["true", "false"]).optional().describe("`true`: only conversations with unread customer messages"),
  channelId: z.string().trim().min(1).max(64).optional(),
  tag: z.string().trim().min(1).max(64).optional().describe("A tag of the conversation's contact (case-insensitive)"),
  q: z
    .string()
    .trim()
    .min(1)
    .max(100, { message: "must be at most 100 characters" })
    .optional()
    .describe("Search: the contact's name (substring; one or two characters: its start), phone number (digits anywhere, a national 0812… finds +62812…) or words of any message (prefixes match)"),
  sort: z
    .enum(CONVERSATION_SORTS)
    .default("created")
    .describe("`created`: newest conversation first. `lastMessage`: most recent activity first; a conversation that gets a message while you page moves to the top (the live feed tells you)"),
});
export type ConversationListQuery = z.infer<typeof conversationListQuery>;

// `lastMessage` pages carry the sort key with the id: "<activity ms>|<id>".
function encodeActivityCursor(at: number, id: string): string {
  return toBase64Url(utf8(`${at}|${id}`));
}

function decodeActivityCursor(cursor: string): { at: number; id: string } | null {
  const bytes = fromBase64Url(cursor);
  const m = bytes && /^(\d{1,16})\|([a-z]{2,5}_[0-9A-Z]{26})$/.exec(fromUtf8(bytes));
  return m ? { at: Number(m[1]), id: m[2]! } : null;
}

const activity = sql<number>`coalesce(${conversations.lastMessageAt}, ${conversations.createdAt})`;

function filters(ctx: TenantCtx, q: ConversationListQuery, search: Search | null): SQL[] {
  const where: SQL[] = [search?.byId ? sql`+${conversations.tenantId} = ${ctx.tenantId}` : eq(conversations.tenantId, ctx.tenantId)];
  if (q.mode) where.push(eq(conversations.mode, q.mode));
  if (q.status) where.push(eq(conversations.status, q.status));
  if (q.channelId) where.push(eq(conversations.channelId, q.channelId));
  if (q.unread === "true") where.push(gt(conversations.unreadCount, 0));
  if (q.unread === "false") where.push(eq(conversations.unreadCount, 0));
  if (q.assigned === "unassigned") where.push(isNull(conversations.assignedTo));
  else if (q.assigned === "me") {
    if (!ctx.userId) throw fieldError("assigned", "'me' needs a signed-in user or an API key created by one");
    where.push(eq(conversations.assignedTo, ctx.userId));
  } else if (q.assigned) where.push(eq(conversations.assignedTo, q.assigned));
  if (q.tag) {
    where.push(sql`EXISTS (
      SELECT 1 FROM contacts AS c, json_each(c.tags) AS t
      WHERE c.id = ${conversations.contactId} AND c.tenant_id = ${conversations.tenantId} AND lower(t.value) = lower(${q.tag})
    )`);
  }
  if (search) where.push(search.condition);
  return where;
}

/** Words of the search as an FTS5 query: each a quoted prefix, all required, inside the tenant's rows. */
function messageFtsQuery(tenantId: string, q: string): string | null {
  const words = q.toLowerCase().match(/[\p{L}\p{N}]+/gu)?.slice(0, 8) ?? [];
  if (words.length === 0) return null;
  return `tenant_id : "${tenantId.replace(/"/g, "")}" AND text : (${words.map((w) => `"${w}"*`).join(" AND ")})`;
}

/**
 * Conversations whose contact's name or number matches, or with a message
 * containing the words. Both are first matched in their full-text indexes
 * inside the tenant (contacts_fts, messages_fts). When each hands over at most
 * SEARCH_CANDIDATES rows, the page is read from those conversations by id
 * (`byId`: the caller writes the tenant condition `+tenant_id = ?` so the
 * planner stays off the tenant's range) and sorted in memory. Otherwise the
 * term is common: the list is read in its index
 * order with each row's joined contact checked, which stops after a page.
 * `null`: nothing can match.
 */
interface Search {
  condition: SQL;
  byId: boolean;
}

async function searchCondition(ctx: TenantCtx, q: string): Promise<Search | null> {
  const tenantId = ctx.tenantId;
  const contact = contactSearch(tenantId, q, { nameOnly: true });
  const fts = messageFtsQuery(tenantId, q);
  const messageMatch = (words: string) => sql`SELECT conversation_id FROM messages_fts WHERE messages_fts MATCH ${words} AND tenant_id = ${tenantId}`;
  // Both indexes in one round trip: ("c", contact rowid) and ("m", conversation id) rows, each side capped.
  const sides: SQL[] = [];
  if (contact.candidates) sides.push(sql`SELECT 'c' AS k, r AS v FROM (${contact.candidates})`);
  if (fts) sides.push(sql`SELECT 'm' AS k, conversation_id AS v FROM (${messageMatch(fts)} LIMIT ${SEARCH_CANDIDATES + 1})`);
  const hits = sides.length ? await ctx.db.all<{ k: "c" | "m"; v: number | string }>(sql.join(sides, sql` UNION ALL `)) : [];
  const contactRows = hits.filter((h) => h.k === "c").map((h) => Number(h.v));
  const contactHits = contact.candidates && contactRows.length <= SEARCH_CANDIDATES ? contactRows : null;
  const messageHits = hits.filter((h) => h.k === "m").map((h) => ({ c: String(h.v) }));
  if (contactHits && messageHits.length <= SEARCH_CANDIDATES) {
    if (contactHits.length === 0 && messageHits.length === 0) return null;
    // The contacts by rowid (`+tenant_id` keeps the planner off the tenant's range), their conversations
    // through (tenant_id, contact_id, …); the messages' conversations as given.
    const condition = sql`${conversations.id} IN (
      SELECT cv.id FROM ${contacts} JOIN conversations AS cv ON cv.tenant_id = ${contacts.tenantId} AND cv.contact_id = ${contacts.id}
      WHERE ${contacts}.rowid IN (SELECT value FROM json_each(${JSON.stringify(contactHits)})) AND +${contacts.tenantId} = ${tenantId} AND ${contacts.erasedAt} IS NULL AND ${contact.condition}
      UNION ALL SELECT value FROM json_each(${JSON.stringify([...new Set(messageHits.map((m) => m.c))])})
    )`;
    return { condition, byId: true };
  }
  // Common: the joined contact (same tenant, see withContact) checked row by row.
  const byContact = sql`(${contacts.erasedAt} IS NULL AND ${contact.condition})`;
  return { condition: fts ? or(byContact, sql`${conversations.id} IN (${messageMatch(fts)})`)! : byContact, byId: false };
}

/** The contact fields the inbox list shows, joined in so it needs no request per row. */
const contactColumns = { id: contacts.id, name: contacts.name, phone: contacts.phone, waId: contacts.waId, username: contacts.username, optedOut: contacts.optedOut, tags: contacts.tags };
type ListedContact = { id: string; name: string | null; phone: string; waId: string; username: string | null; optedOut: boolean; tags: string[] } | null;
const contactSummary = (c: ListedContact) => c;
const withContact = and(eq(contacts.id, conversations.contactId), eq(contacts.tenantId, conversations.tenantId));

/** One page (limit + 1 rows, for toConversationPage) of the tenant's conversations. */
export type ListedConversation = ConversationView & { contact: ReturnType<typeof contactSummary> };

export async function listConversations(ctx: TenantCtx, q: ConversationListQuery): Promise<{ data: ListedConversation[]; nextCursor: string | null }> {
  const search = q.q ? await searchCondition(ctx, q.q) : null;
  if (q.q && !search) return { data: [], nextCursor: null };
  const where = filters(ctx, q, search);
  const now = ctx.now();
  if (q.sort === "lastMessage") {
    const after = q.cursor ? decodeActivityCursor(q.cursor) : null;
    if (q.cursor && !after) throw fieldError("cursor", "is not a valid cursor for sort=lastMessage");
    if (after) where.push(or(lt(activity, after.at), and(eq(activity, after.at), lt(conversations.id, after.id)))!);
    const rows = await ctx.db
      .select({ row: conversations, at: activity, contact: contactColumns })
      .from(conversations)
      .leftJoin(contacts, withContact)
      .where(and(...where))
      .orderBy(desc(activity), desc(conversations.id))
      .limit(q.limit + 1)
      .all();
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    return {
      data: page.map((r) => ({ ...conversationView(r.row, now), contact: contactSummary(r.contact) })),
      nextCursor: rows.length > q.limit && last ? encodeActivityCursor(last.at, last.row.id) : null,
    };
  }
  const before = q.cursor ? decodeCursor(q.cursor) : null;
  if (q.cursor && !before) throw fieldError("cursor", "is not a valid cursor for sort=created");
  if (before) where.push(lt(conversations.id, before));
  const rows = await ctx.db
    .select({ row: conversations, contact: contactColumns })
    .from(conversations)
    .leftJoin(contacts, withContact)
    .where(and(...where))
    .orderBy(desc(conversations.id))
    .limit(q.limit + 1)
    .all();
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    data: page.map((r) => ({ ...conversationView(r.row, now), contact: contactSummary(r.contact) })),
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.row.id) : null,
  };
}

export async function getConversationRow(ctx: TenantCtx, id: string) {
  const row = await ctx.db.select().from(conversations).where(and(eq(conversations.id, id), eq(conversations.tenantId, ctx.tenantId))).get();
  if (!row) throw notFound("Conversation");
  return row;
}

export async function getConversation(ctx: TenantCtx, id: string) {
  return conversationView(await getConversationRow(ctx, id), ctx.now());
}

/** Newest first by provider time, then id (conversations/message-order.ts); the cursor is the last message's id. Each with its reactions and the message it quotes. */
export async function listMessages(ctx: TenantCtx, conversationId: string, q: { limit: number; cursor: string | null }) {
  await getConversationRow(ctx, conversationId);
  const scope = and(eq(messages.tenantId, ctx.tenantId), eq(messages.conversationId, conversationId));
  let after: SQL | undefined;
  if (q.cursor) {
    const last = await ctx.db.select({ at: messageTime, id: messages.id }).from(messages).where(and(scope, eq(messages.id, q.cursor))).get();
    if (!last) throw fieldError("cursor", "is not a message of this conversation");
    after = or(lt(messageTime, last.at), and(eq(messageTime, last.at), lt(messages.id, last.id)));
  }
  const rows = await ctx.db
    .select()
    .from(messages)
    .where(and(scope, after))
    .orderBy(...newestFirst())
    .limit(q.limit + 1)
    .all();
  return linkMessages(ctx, ctx.tenantId, rows.map(messageView));
}

/** How many messages a conversation has: a range of the (tenant_id, conversation_id, id) index. */
export async function countConversationMessages(ctx: Ctx, tenantId: string, conversationId: string): Promise<number> {
  const row = await ctx.db
    .select({ total: count() })
    .from(messages)
    .where(and(eq(messages.tenantId, tenantId), eq(messages.conversationId, conversationId)))
    .get();
  return row?.total ?? 0;
}
