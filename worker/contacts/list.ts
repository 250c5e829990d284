// Listing contacts: search, filters and three orders, each paged with a
// keyset cursor over (sort value, id) served by a (tenant_id, value, id)
// index. Contacts that never wrote sort after all others in the lastMessage
// order; that order is read in two index ranges (dated, then undated).
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
  q: z.string().trim().min(1).max(100).optional().describe("A name or email (substring), or digits of the phone number"),
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

/** `q` on a phone number matches digits anywhere in it (a national "0812…" matches "+62812…"); otherwise name or email. */
function searchCondition(q: string): SQL {
  const digits = q.replace(/\D/g, "");
  if (PHONE_LIKE.test(q) && digits.length >= 3) {
    const needle = digits.replace(/^0+/, "") || digits;
    return sql`instr(${contacts.waId}, ${needle}) > 0`;
  }
  const pattern = likeContains(q);
  return sql`(${contacts.name} LIKE ${pattern} ESCAPE '\\' OR ${contacts.email} LIKE ${pattern} ESCAPE '\\')`;
}

export function filterConditions(ctx: TenantCtx, f: ContactFilters): SQL {
  const t = ctx.tenantId;
  return and(
    eq(contacts.tenantId, t),
    isNull(contacts.erasedAt),
    f.q ? searchCondition(f.q) : undefined,
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
  const base = filterConditions(ctx, req);
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
