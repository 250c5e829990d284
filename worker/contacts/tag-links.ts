// Statements that attach tags to contacts. contact_tags is the truth (and the
// index behind `?tag=`); contacts.tags is the cached list of names the API
// returns, recomputed in the same batch by every statement set here. Other
// modules that tag contacts (the AI, automations) should build on these.
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { newId } from "../lib/ids";
import { jsonParam } from "./batch";
import { tagKey } from "./fields";

interface TagCtx {
  db: Db;
  tenantId: string;
  now: () => number;
}

/** Create the tags among `names` that the tenant does not have yet (existing spellings are kept). */
export function ensureTags(ctx: TagCtx, names: string[]) {
  const now = ctx.now();
  const rows = names.map((name) => ({ id: newId("tag", now), name: name.trim(), key: tagKey(name) }));
  return sql`
    INSERT INTO tags (id, tenant_id, name, name_key, color, created_at, updated_at)
    SELECT json_extract(value, '$.id'), ${ctx.tenantId}, json_extract(value, '$.name'), json_extract(value, '$.key'), NULL, ${now}, ${now}
    FROM json_each(${jsonParam(rows)}) WHERE true
    ON CONFLICT (tenant_id, name_key) DO NOTHING`;
}

/** The tag ids (as a subquery) of the given names. */
const tagIdsOf = (tenantId: string, names: string[]): SQL =>
  sql`SELECT id FROM tags WHERE tenant_id = ${tenantId} AND name_key IN (SELECT value FROM json_each(${jsonParam(names.map(tagKey))}))`;

/** Give every contact in `contactIds` every tag in `names` (the tags must exist: ensureTags first). */
export function addTags(ctx: TagCtx, contactIds: string[], names: string[]) {
  return sql`
    INSERT INTO contact_tags (tenant_id, tag_id, contact_id, created_at)
    SELECT ${ctx.tenantId}, t.id, c.value, ${ctx.now()}
    FROM json_each(${jsonParam(contactIds)}) c, (${tagIdsOf(ctx.tenantId, names)}) t WHERE true
    ON CONFLICT DO NOTHING`;
}

export function removeTags(ctx: TagCtx, contactIds: string[], names: string[]) {
  return sql`
    DELETE FROM contact_tags
    WHERE tenant_id = ${ctx.tenantId}
      AND contact_id IN (SELECT value FROM json_each(${jsonParam(contactIds)}))
      AND tag_id IN (${tagIdsOf(ctx.tenantId, names)})`;
}

/** Remove the contact's tags that are not among `names`. */
export function removeOtherTags(ctx: TagCtx, contactId: string, names: string[]) {
  return sql`
    DELETE FROM contact_tags
    WHERE tenant_id = ${ctx.tenantId} AND contact_id = ${contactId}
      AND tag_id NOT IN (${tagIdsOf(ctx.tenantId, names)})`;
}

/** contacts.tags recomputed from contact_tags: names in alphabetical order. */
export const TAG_NAMES_OF_CONTACT = sql.raw(
  `(SELECT json_group_array(name) FROM (SELECT t.name AS name FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.contact_id = contacts.id ORDER BY t.name_key))`,
);

/** Recompute contacts.tags for the contacts `which` selects (a subquery of contact ids); updated_at moves only where the list changed. */
export function refreshTagCache(ctx: Pick<TagCtx, "db" | "tenantId" | "now">, which: SQL) {
  return sql`UPDATE contacts
    SET tags = ${TAG_NAMES_OF_CONTACT},
        updated_at = CASE WHEN tags IS NOT ${TAG_NAMES_OF_CONTACT} THEN ${ctx.now()} ELSE updated_at END
    WHERE tenant_id = ${ctx.tenantId} AND id IN (${which})`;
}

export const contactIdsParam = (ids: string[]): SQL => sql`SELECT value FROM json_each(${jsonParam(ids)})`;

/** Set a contact's tags to exactly `names` (creating missing tags). */
export function replaceTagStatements(ctx: TagCtx, contactId: string, names: string[]) {
  return [
    ensureTags(ctx, names),
    removeOtherTags(ctx, contactId, names),
    addTags(ctx, [contactId], names),
    refreshTagCache(ctx, contactIdsParam([contactId])),
  ];
}
