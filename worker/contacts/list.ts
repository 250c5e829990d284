// Listing contacts: search, filters and three orders, each paged with a
// keyset cursor over (sort value, id) served by a (tenant_id, value, id)
// index. Contacts that never wrote sort after all others in the lastMessage
// order; that order is read in two index ranges (dated, then undated).
//
// A search first asks an index for the matching contacts: the trigram index
// (contacts_fts, tenant first) for three characters or more, the
// (tenant_id, lower(name|email)) prefix indexes for one or two. When at most
// SEARCH_CANDIDATES match, the page is read from those rows by rowid and sorted
// in memory; when more match, the term is common and the page is read in index
// order as without a search, each row checked, which stops after a page because
// matches are frequent.
import { and, desc, eq, exists, gte, inArray, isNotNull, isNull, lt, lte, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { contactTags, contacts, conversations, tags } from "../db/schema";
import type { TenantCtx } from "../lib/context";
import { pageQuery } from "../lib/pagination";
import { likeContains } from "./batch";
import { keysetCursorField, keysetPage, type Keyset } from "./cursor";
import { stageField, tagKey } from "./fields";
import type { ContactRow } from "./views";

export const CONTACT_SORTS = ["created", "lastMessage", "score"] as const;
export type ContactSort = (typeof CONTACT_SORTS)[number];

const boolParam = z.enum(["true", "false"]).transform((v) => v === "true");
const score = z.coerce.number().int().min(0).max(100);

export const contactFiltersQuery = z.object({
  q: z.string().trim().min(1).max(100).optional().describe("A name or email (substring, any case; one or two characters: the start of the name or email), or digits of the phone number"),
  tag: z.string().trim().min(1).max(40).optional().describe("A tag name, any case"),
  stage: stageField.optional(),
  minScore: score.optional(),
  maxScore: score.optional(),
  optedOut: boolParam.optional(),
  channelId: z.string().trim().min(1).max(64).optional().describe("Contacts with a conversation on this channel"),
  sort: z.enum(CONTACT_SORTS).default("created").describe("created: newest first; lastMessage: most recent first, never-messaged last; score: highest first"),
});

export const contactListQuery = contactFiltersQuery
  .extend({ limit: pageQuery.shape.limit, cursor: keysetCursorField(CONTACT_SORTS) })
  .superRefine((v, ctx) => {
    if (v.minScore !== undefined && v.maxScore !== undefined && v.minScore > v.maxScore) {
      ctx.addIssue({ code: "custom", path: ["maxScore"], message: "must not be below minScore" });
    }
    if (v.cursor && v.cursor.kind !== v.sort) ctx.addIssue({ code: "custom", path: ["cursor"], message: `belongs to sort=${v.cursor.kind}, not sort=${v.sort}` });
  });

export type ContactFilters = Omit<z.infer<typeof contactFiltersQuery>, "sort">;
export interface ContactListRequest extends ContactFilters {
  sort: ContactSort;
  limit: number;
  cursor: Keyset | null;
}

const PHONE_LIKE = /^[+\d\s\-().]+$/;

/** At most this many trigram matches are read by rowid; more means a common term, read in index order. */
export const SEARCH_CANDIDATES = 200;

interface Search {
  /** The exact condition every returned row meets (also rechecked on the candidates). */
  condition: SQL;
  /**
   * The matching rows' rowids, at most SEARCH_CANDIDATES + 1 of them, from an
   * index inside the tenant; null: no index fits (one or two digits of a
   * number, which most numbers contain).
   */
  candidates: SQL | null;
}

/** A literal FTS5 string: the trigram tokenizer matches it as a substring. */
const ftsString = (text: string) => `"${text.replace(/"/g, '""')}"`;

/** `lower(column)` starts with `lower(prefix)`: a range of a (tenant_id, lower(column)) index. */
const startsWith = (column: SQL, prefix: string) => sql`(lower(${column}) >= lower(${prefix}) AND lower(${column}) < lower(${prefix}) || char(1114111))`;

/**
 * `q` on a phone number matches digits anywhere in it (a national "0812…"
 * matches "+62812…"); otherwise name or email (`nameOnly`: the name, as the
 * inbox searches), anywhere in them. One or two characters (below a trigram)
 * match the start of the name or email instead, any case.
 */
export function contactSearch(tenantId: string, q: string, { nameOnly = false } = {}): Search {
  const tenant = `tenant_id : ${ftsString(tenantId)}`;
  const fromIndex = (match: string) =>
    sql`SELECT rowid AS r FROM contacts_fts WHERE contacts_fts MATCH ${match} LIMIT ${SEARCH_CANDIDATES + 1}`;
  const digits = q.replace(/\D/g, "");
  const needle = digits.replace(/^0+/, "") || digits;
  if (PHONE_LIKE.test(q) && digits.length >= 3) {
    return { condition: sql`instr(${contacts.waId}, ${needle}) > 0`, candidates: needle.length >= 3 ? fromIndex(`${tenant} AND wa_id : ${ftsString(needle)}`) : null };
  }
  if ([...q].length < 3) {
    const prefixOf = (column: SQL) =>
      sql`SELECT rowid AS r FROM ${contacts} WHERE ${contacts.tenantId} = ${tenantId} AND ${contacts.erasedAt} IS NULL AND ${startsWith(column, q)} LIMIT ${SEARCH_CANDIDATES + 1}`;
    return {
      condition: nameOnly ? startsWith(sql`${contacts.name}`, q) : sql`(${startsWith(sql`${contacts.name}`, q)} OR ${startsWith(sql`${contacts.email}`, q)})`,
      candidates: nameOnly
        ? prefixOf(sql`${contacts.name}`)
        : sql`SELECT r FROM (${prefixOf(sql`${contacts.name}`)}) UNION SELECT r FROM (${prefixOf(sql`${contacts.email}`)})`,
    };
  }
  const pattern = likeContains(q);
  return {
    condition: nameOnly
      ? sql`${contacts.name} LIKE ${pattern} ESCAPE '\\'`
      : sql`(${contacts.name} LIKE ${pattern} ESCAPE '\\' OR ${contacts.email} LIKE ${pattern} ESCAPE '\\')`,
    candidates: fromIndex(`${tenant} AND ${nameOnly ? "name" : "{name email}"} : ${ftsString(q)}`),
  };
}

/**
 * The rowids of the tenant's contacts matching the search, from the trigram
 * index (or the prefix indexes for one or two characters); null when more than
 * SEARCH_CANDIDATES contacts match or no index fits.
 */
export async function searchCandidates(ctx: TenantCtx, search: Search): Promise<number[] | null> {
  if (!search.candidates) return null;
  const hits = await ctx.db.all<{ r: number }>(search.candidates);
  return hits.length > SEARCH_CANDIDATES ? null : hits.map((h) => h.r);
}

/**
 * `candidates`: read only these rows (by rowid). The tenant condition is then
 * written `+tenant_id = ?`, which keeps the planner off the tenant indexes: a
 * few rows looked up by rowid and sorted beat walking the tenant's range.
 */
export function filterConditions(ctx: TenantCtx, f: ContactFilters, candidates: number[] | null = null): SQL {
  const t = ctx.tenantId;
  return and(
    candidates ? sql`${contacts}.rowid IN (SELECT value FROM json_each(${JSON.stringify(candidates)}))` : undefined,
    candidates ? sql`+${contacts.tenantId} = ${t}` : eq(contacts.tenantId, t),
    isNull(contacts.erasedAt),
    f.q ? contactSearch(t, f.q).condition : undefined,
    f.stage ? eq(contacts.stage, f.stage) : undefined,
    f.minScore !== undefined ? gte(contacts.leadScore, f.minScore) : undefined,
    f.maxScore !== undefined ? lte(contacts.leadScore, f.maxScore) : undefined,
    f.optedOut !== undefined ? eq(contacts.optedOut, f.optedOut) : undefined,
    f.tag
      ? inArray(
          contacts.id,
          ctx.db
            .select({ id: contactTags.contactId })
            .from(contactTags)
            .innerJoin(tags, eq(tags.id, contactTags.tagId))
            .where(and(eq(contactTags.tenantId, t), eq(tags.tenantId, t), eq(tags.nameKey, tagKey(f.tag)))),
        )
      : undefined,
    f.channelId
      ? exists(
          ctx.db
            .select({ one: sql`1` })
            .from(conversations)
            .where(and(eq(conversations.tenantId, t), eq(conversations.contactId, contacts.id), eq(conversations.channelId, f.channelId))),
        )
      : undefined,
  )!;
}

export function sortValue(sort: ContactSort, row: ContactRow): number | null {
  if (sort === "score") return row.leadScore;
  if (sort === "lastMessage") return row.lastMessageAt;
  return null;
}

async function page(ctx: TenantCtx, where: SQL, order: SQL[], limit: number): Promise<ContactRow[]> {
  if (limit <= 0) return [];
  return ctx.db
    .select()
    .from(contacts)
    .where(where)
    .orderBy(...order)
    .limit(limit)
    .all();
}

/** One page (limit+1 rows fetched to know whether there is a next one). */
export async function listContacts(ctx: TenantCtx, req: ContactListRequest): Promise<{ data: ContactRow[]; nextCursor: string | null }> {
  const candidates = req.q ? await searchCandidates(ctx, contactSearch(ctx.tenantId, req.q)) : null;
  if (candidates?.length === 0) return { data: [], nextCursor: null };
  const base = filterConditions(ctx, req, candidates);
  const want = req.limit + 1;
  const c = req.cursor;
  let rows: ContactRow[];
  if (req.sort === "created") {
    rows = await page(ctx, and(base, c ? lt(contacts.id, c.id) : undefined)!, [desc(contacts.id)], want);
  } else if (req.sort === "score") {
    const after = c ? sql`(${contacts.leadScore}, ${contacts.id}) < (${Number(c.value)}, ${c.id})` : undefined;
    rows = await page(ctx, and(base, after)!, [desc(contacts.leadScore), desc(contacts.id)], want);
  } else {
    rows = [];
    if (!c || c.value !== null) {
      const after = c ? sql`(${contacts.lastMessageAt}, ${contacts.id}) < (${Number(c.value)}, ${c.id})` : undefined;
      rows = await page(ctx, and(base, isNotNull(contacts.lastMessageAt), after)!, [desc(contacts.lastMessageAt), desc(contacts.id)], want);
    }
    if (rows.length < want) {
      const after = c && c.value === null ? lt(contacts.id, c.id) : undefined;
      rows.push(...(await page(ctx, and(base, isNull(contacts.lastMessageAt), after)!, [desc(contacts.id)], want - rows.length)));
    }
  }
  return keysetPage(rows, req.limit, req.sort, (r) => sortValue(req.sort, r));
}
