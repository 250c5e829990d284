// The tenant's message templates. Meta channels' templates are mirrored from
// Meta (sync.ts) and read-only here; WAHA and sandbox channels use templates
// edited locally (channel_id null).
import { and, desc, eq, isNull, lt, sql } from "drizzle-orm";
import { z } from "zod";
import { TEMPLATE_CATEGORIES, TEMPLATE_STATUSES, messageTemplates, type ChannelType } from "../db/schema";
import { AppError, conflict, notFound } from "../http/errors";
import type { TenantCtx } from "../lib/context";
import { newId } from "../lib/ids";
import { auditStatement } from "../tenancy/audit";
import { iso } from "../tenancy/serialize";
import { localComponentsSchema } from "./definitions";

export type TemplateRow = typeof messageTemplates.$inferSelect;

const name = z
  .string()
  .trim()
  .regex(/^[a-z0-9_]{1,512}$/, { message: "must be lowercase letters, digits and underscores (Meta's template name rule)" });
const language = z
  .string()
  .trim()
  .regex(/^[a-z]{2,3}(_[A-Za-z]{2,4})?$/, { message: "must be a WhatsApp language code such as en, en_US or pt_BR" });

export const createTemplateInput = z.object({
  name,
  language,
  category: z.enum(TEMPLATE_CATEGORIES),
  components: localComponentsSchema,
  status: z.enum(TEMPLATE_STATUSES).default("approved").describe("Local templates need no approval; set another status to keep one from being sent"),
});

export const updateTemplateInput = z
  .object({
    name: name.optional(),
    language: language.optional(),
    category: z.enum(TEMPLATE_CATEGORIES).optional(),
    components: localComponentsSchema.optional(),
    status: z.enum(TEMPLATE_STATUSES).optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: "nothing to update" });

export const templateListQuery = z.object({
  status: z.enum(TEMPLATE_STATUSES).optional(),
  category: z.enum(TEMPLATE_CATEGORIES).optional(),
  language: z.string().trim().min(2).max(15).optional(),
  channelId: z.string().trim().min(1).max(64).optional().describe("Templates synced from this Meta channel; `local` for locally edited ones"),
  q: z.string().trim().min(1).max(100).optional().describe("Part of the name"),
});

export function templateView(t: TemplateRow) {
  return {
    id: t.id,
    name: t.name,
    language: t.language,
    category: t.category,
    status: t.status,
    quality: t.quality,
    statusReason: t.statusReason,
    components: t.components,
    source: t.source,
    channelId: t.channelId,
    providerTemplateId: t.providerTemplateId,
    syncedAt: iso(t.syncedAt),
    createdAt: iso(t.createdAt)!,
    updatedAt: iso(t.updatedAt)!,
  };
}
export type TemplateView = ReturnType<typeof templateView>;

const duplicate = (n: string, l: string) => conflict(`A local template named "${n}" in language "${l}" already exists`);
const isUnique = (err: unknown) => String(err).includes("UNIQUE");

export async function listTemplates(ctx: TenantCtx, q: z.infer<typeof templateListQuery> & { limit: number; cursor: string | null }) {
  const rows = await ctx.db
    .select()
    .from(messageTemplates)
    .where(
      and(
        eq(messageTemplates.tenantId, ctx.tenantId),
        q.status ? eq(messageTemplates.status, q.status) : undefined,
        q.category ? eq(messageTemplates.category, q.category) : undefined,
        q.language ? eq(messageTemplates.language, q.language) : undefined,
        q.channelId === "local" ? isNull(messageTemplates.channelId) : q.channelId ? eq(messageTemplates.channelId, q.channelId) : undefined,
        q.q ? sql`instr(lower(${messageTemplates.name}), lower(${q.q})) > 0` : undefined,
        q.cursor ? lt(messageTemplates.id, q.cursor) : undefined,
      ),
    )
    .orderBy(desc(messageTemplates.id))
    .limit(q.limit + 1)
    .all();
  return rows.map(templateView);
}

async function getRow(ctx: TenantCtx, id: string): Promise<TemplateRow> {
  const row = await ctx.db.select().from(messageTemplates).where(and(eq(messageTemplates.id, id), eq(messageTemplates.tenantId, ctx.tenantId))).get();
  if (!row) throw notFound("Template");
  return row;
}

export const getTemplate = async (ctx: TenantCtx, id: string) => templateView(await getRow(ctx, id));

export async function createTemplate(ctx: TenantCtx, input: z.infer<typeof createTemplateInput>): Promise<TemplateView> {
  const now = ctx.now();
  const id = newId("template");
  try {
    await ctx.db.batch([
      ctx.db.insert(messageTemplates).values({
        id,
        tenantId: ctx.tenantId,
        source: "local",
        channelId: null,
        name: input.name,
        language: input.language,
        category: input.category,
        components: input.components,
        status: input.status,
        createdAt: now,
        updatedAt: now,
      }),
      auditStatement(ctx, { action: "template.created", targetType: "template", targetId: id, metadata: { name: input.name, language: input.language } }),
    ]);
  } catch (err) {
    if (isUnique(err)) throw duplicate(input.name, input.language);
    throw err;
  }
  return getTemplate(ctx, id);
}

const readOnly = () =>
  new AppError("conflict", "This template is synced from Meta: edit it in WhatsApp Manager, then POST /api/templates/sync");

export async function updateTemplate(ctx: TenantCtx, id: string, input: z.infer<typeof updateTemplateInput>): Promise<TemplateView> {
  const row = await getRow(ctx, id);
  if (row.source === "meta") throw readOnly();
  const next = {
    name: input.name ?? row.name,
    language: input.language ?? row.language,
    category: input.category ?? row.category,
    components: input.components ?? row.components,
    status: input.status ?? row.status,
  };
  try {
    await ctx.db.batch([
      ctx.db
        .update(messageTemplates)
        .set({ ...next, updatedAt: ctx.now() })
        .where(and(eq(messageTemplates.id, id), eq(messageTemplates.tenantId, ctx.tenantId))),
      auditStatement(ctx, { action: "template.updated", targetType: "template", targetId: id, metadata: { fields: Object.keys(input) } }),
    ]);
  } catch (err) {
    if (isUnique(err)) throw duplicate(next.name, next.language);
    throw err;
  }
  return getTemplate(ctx, id);
}

/** Deleting a synced template only removes the copy: the next sync brings it back if Meta still has it. */
export async function deleteTemplate(ctx: TenantCtx, id: string): Promise<void> {
  const row = await getRow(ctx, id);
  await ctx.db.batch([
    ctx.db.delete(messageTemplates).where(and(eq(messageTemplates.id, id), eq(messageTemplates.tenantId, ctx.tenantId))),
    auditStatement(ctx, { action: "template.deleted", targetType: "template", targetId: id, metadata: { name: row.name, language: row.language, source: row.source } }),
  ]);
}

/**
 * The definition a send on this channel uses: a Meta channel's synced copy, or
 * the tenant's local template for WAHA and sandbox channels. Null when none.
 */
export async function findDefinition(
  ctx: TenantCtx,
  channel: { id: string; type: ChannelType },
  templateName: string,
  templateLanguage: string,
): Promise<TemplateRow | null> {
  const row = await ctx.db
    .select()
    .from(messageTemplates)
    .where(
      and(
        eq(messageTemplates.tenantId, ctx.tenantId),
        channel.type === "meta" ? eq(messageTemplates.channelId, channel.id) : isNull(messageTemplates.channelId),
        eq(messageTemplates.name, templateName),
        eq(messageTemplates.language, templateLanguage),
      ),
    )
    .get();
  return row ?? null;
}
