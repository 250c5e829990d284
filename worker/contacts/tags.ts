// Tags: list, create, rename (propagates to every contact's tag list) and
// delete (removed from every contact), each with its audit row in one batch.
import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { tags } from "../db/schema";
import { conflict, notFound } from "../http/errors";
import type { TenantCtx } from "../lib/context";
import { newId } from "../lib/ids";
import { auditStatement } from "../tenancy/audit";
import { iso } from "../tenancy/serialize";
import { isUniqueViolation, runBatch } from "./batch";
import type { Keyset } from "./cursor";
import { keysetPage } from "./cursor";
import { closedObject, tagKey, tagNameField } from "./fields";
import { TAG_NAMES_OF_CONTACT } from "./tag-links";

const colorField = z.string().regex(/^#[0-9a-fA-F]{6}$/, { message: "must be a hex colour like #22c55e" });

export const createTagInput = closedObject({ name: tagNameField, color: colorField.optional() });
export const updateTagInput = closedObject({ name: tagNameField.optional(), color: colorField.nullable().optional() }).refine(
  (v) => Object.keys(v).length > 0,
  { message: "nothing to update: send name or color" },
);

type TagRow = typeof tags.$inferSelect;

function tagView(r: TagRow & { contactCount: number }) {
  return { id: r.id, name: r.name, color: r.color, contactCount: r.contactCount, createdAt: iso(r.createdAt)!, updatedAt: iso(r.updatedAt)! };
}
export type TagView = ReturnType<typeof tagView>;

const contactCount = sql<number>`(SELECT count(*) FROM contact_tags ct WHERE ct.tenant_id = ${tags.tenantId} AND ct.tag_id = ${tags.id})`;

function selectTags(ctx: TenantCtx) {
  return ctx.db.select({ tag: tags, contactCount }).from(tags);
}

/** Tags in alphabetical order, each with how many contacts carry it. */
export async function listTags(ctx: TenantCtx, page: { limit: number; cursor: Keyset | null; q?: string }) {
  const after = page.cursor ? sql`(${tags.nameKey}, ${tags.id}) > (${String(page.cursor.value)}, ${page.cursor.id})` : undefined;
  const prefix = page.q ? tagKey(page.q) : null;
  const rows = await selectTags(ctx)
    .where(
      and(
        eq(tags.tenantId, ctx.tenantId),
        after,
        // A prefix range on the (tenant, name_key) index.
        prefix ? sql`${tags.nameKey} >= ${prefix} AND ${tags.nameKey} < ${prefix + "\u{10FFFF}"}` : undefined,
      ),
    )
    .orderBy(asc(tags.nameKey), asc(tags.id))
    .limit(page.limit + 1)
    .all();
  const views = rows.map((r) => ({ ...tagView({ ...r.tag, contactCount: r.contactCount }), nameKey: r.tag.nameKey }));
  const { data, nextCursor } = keysetPage(views, page.limit, "name", (v) => v.nameKey);
  return { data: data.map(({ nameKey: _k, ...v }) => v), nextCursor };
}

async function getTagRow(ctx: TenantCtx, id: string) {
  const row = await selectTags(ctx)
    .where(and(eq(tags.id, id), eq(tags.tenantId, ctx.tenantId)))
    .get();
  if (!row) throw notFound("Tag");
  return { ...row.tag, contactCount: row.contactCount };
}

export async function getTag(ctx: TenantCtx, id: string): Promise<TagView> {
  return tagView(await getTagRow(ctx, id));
}

async function findByKey(ctx: TenantCtx, key: string) {
  return ctx.db.select({ id: tags.id }).from(tags).where(and(eq(tags.tenantId, ctx.tenantId), eq(tags.nameKey, key))).get();
}

function nameTaken(id: string) {
  return conflict(`A tag with this name already exists: ${id}`);
}

export async function createTag(ctx: TenantCtx, input: z.infer<typeof createTagInput>): Promise<TagView> {
  const key = tagKey(input.name);
  const existing = await findByKey(ctx, key);
  if (existing) throw nameTaken(existing.id);
  const id = newId("tag");
  const now = ctx.now();
  try {
    await runBatch(ctx, [
      ctx.db.insert(tags).values({ id, tenantId: ctx.tenantId, name: input.name, nameKey: key, color: input.color ?? null, createdAt: now, updatedAt: now }),
      auditStatement(ctx, { action: "tag.created", targetType: "tag", targetId: id, metadata: { name: input.name } }),
    ]);
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const raced = await findByKey(ctx, key);
    throw nameTaken(raced?.id ?? "unknown");
  }
  return getTag(ctx, id);
}

/** Rename or recolour; a rename rewrites the tag list of every contact that carries it, in the same batch. */
export async function updateTag(ctx: TenantCtx, id: string, input: z.infer<typeof updateTagInput>): Promise<TagView> {
  const row = await getTagRow(ctx, id);
  const name = input.name ?? row.name;
  const key = tagKey(name);
  if (key !== row.nameKey) {
    const other = await findByKey(ctx, key);
    if (other && other.id !== id) throw nameTaken(other.id);
  }
  const renamed = name !== row.name;
  const where = and(eq(tags.id, id), eq(tags.tenantId, ctx.tenantId));
  try {
    await runBatch(ctx, [
      ctx.db
        .update(tags)
        .set({ name, nameKey: key, color: input.color === undefined ? row.color : input.color, updatedAt: ctx.now() })
        .where(where),
      ...(renamed
        ? [
            sql`UPDATE contacts SET tags = ${TAG_NAMES_OF_CONTACT}, updated_at = ${ctx.now()}
              WHERE tenant_id = ${ctx.tenantId} AND id IN (SELECT contact_id FROM contact_tags WHERE tenant_id = ${ctx.tenantId} AND tag_id = ${id})`,
          ]
        : []),
      auditStatement(ctx, {
        action: "tag.updated",
        targetType: "tag",
        targetId: id,
        metadata: renamed ? { from: row.name, to: name, contacts: row.contactCount } : { color: input.color ?? null },
      }),
    ]);
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    throw nameTaken((await findByKey(ctx, key))?.id ?? "unknown");
  }
  return getTag(ctx, id);
}

/** Delete a tag and take it off every contact. */
export async function deleteTag(ctx: TenantCtx, id: string): Promise<void> {
  const row = await getTagRow(ctx, id);
  const carriers = sql`SELECT contact_id FROM contact_tags WHERE tenant_id = ${ctx.tenantId} AND tag_id = ${id}`;
  const now = ctx.now();
  await runBatch(ctx, [
    // While the links still say who carries the tag, rewrite those contacts' lists without it; then drop links and tag.
    sql`UPDATE contacts SET tags = (
        SELECT json_group_array(name) FROM (
          SELECT t.name AS name FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id
          WHERE ct.contact_id = contacts.id AND ct.tag_id != ${id} ORDER BY t.name_key)
      ), updated_at = ${now}
      WHERE tenant_id = ${ctx.tenantId} AND id IN (${carriers})`,
    sql`DELETE FROM contact_tags WHERE tenant_id = ${ctx.tenantId} AND tag_id = ${id}`,
    ctx.db.delete(tags).where(and(eq(tags.id, id), eq(tags.tenantId, ctx.tenantId))),
    auditStatement(ctx, { action: "tag.deleted", targetType: "tag", targetId: id, metadata: { name: row.name, contacts: row.contactCount } }),
  ]);
}
