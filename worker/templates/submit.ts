// Submitting a new template to Meta for review from Parley, and keeping Meta
// channels' templates fresh on a schedule.
import { and, eq, isNotNull, isNull, max, ne, or } from "drizzle-orm";
import { z } from "zod";
import { TEMPLATE_CATEGORIES, TEMPLATE_STATUSES, channels, messageTemplates, type TemplateStatus } from "../db/schema";
import { AppError, conflict, notFound } from "../http/errors";
import { SYSTEM_ACTOR, type Ctx, type TenantCtx } from "../lib/context";
import { errorFields } from "../lib/logger";
import { newId } from "../lib/ids";
import { auditStatement } from "../tenancy/audit";
import { reportChannelHealth } from "../channels/health";
import { channelSecrets, getChannelRow } from "../channels/store";
import { createMetaTemplate } from "../channels/meta-templates";
import type { Fetcher } from "../channels/types";
import { localComponentsSchema } from "./definitions";
import { getTemplate, type TemplateView } from "./store";
import { syncTemplates } from "./sync";

export const submitTemplateInput = z.object({
  channelId: z.string().trim().min(1, { message: "is required" }).max(64),
  name: z
    .string()
    .trim()
    .regex(/^[a-z0-9_]{1,512}$/, { message: "must be lowercase letters, digits and underscores (Meta's template name rule)" }),
  language: z
    .string()
    .trim()
    .regex(/^[a-z]{2,3}(_[A-Za-z]{2,4})?$/, { message: "must be a WhatsApp language code such as en, en_US or pt_BR" }),
  category: z.enum(TEMPLATE_CATEGORIES),
  components: localComponentsSchema,
});

/** Send a template to Meta for approval; it is stored as the channel's template with Meta's id and status (usually pending). */
export async function submitTemplate(ctx: TenantCtx, input: z.infer<typeof submitTemplateInput>, fetcher: Fetcher = fetch): Promise<TemplateView> {
  const channel = await getChannelRow(ctx, input.channelId);
  if (!channel) throw notFound("Channel");
  if (channel.type !== "meta") throw new AppError("conflict", "Only Meta channels submit templates for approval; WAHA and the sandbox use local templates");
  if (channel.status === "disconnected") throw new AppError("conflict", "This channel is disconnected");
  if (!channel.wabaId) throw new AppError("conflict", "Set the channel's WhatsApp Business Account ID first: PATCH /api/channels/{id} with { wabaId }");
  const existing = await ctx.db
    .select({ id: messageTemplates.id })
    .from(messageTemplates)
    .where(and(eq(messageTemplates.channelId, channel.id), eq(messageTemplates.name, input.name), eq(messageTemplates.language, input.language)))
    .get();
  if (existing) throw conflict(`This channel already has a template named "${input.name}" in language "${input.language}"`);
  const secrets = await channelSecrets(ctx, channel);
  const result = await createMetaTemplate(
    { graphBaseUrl: ctx.config.WHATSAPP_GRAPH_API_URL, wabaId: channel.wabaId, accessToken: secrets.accessToken ?? "" },
    { name: input.name, language: input.language, category: input.category.toUpperCase(), components: input.components },
    fetcher,
  );
  if (!result.ok) {
    if (result.authFailed) {
      await reportChannelHealth(ctx, channel.id, "credentials", { blocking: true, reason: `Meta rejected the access token: ${result.title} (${result.code}). Update the channel's credentials.` });
      throw new AppError("conflict", `Meta rejected the channel's access token: ${result.title}. Update the channel's credentials.`);
    }
    if (result.retryable) throw new AppError("unavailable", `Meta did not answer: ${result.title}. Try again later.`);
    throw new AppError("unprocessable", `Meta refused the template: ${result.title}${result.detail ? ` — ${result.detail}` : ""} (${result.code})`);
  }
  const status = (result.status?.toLowerCase() ?? "pending") as TemplateStatus;
  const category = result.category?.toLowerCase();
  const now = ctx.now();
  const id = newId("template");
  await ctx.db.batch([
    ctx.db.insert(messageTemplates).values({
      id,
      tenantId: ctx.tenantId,
      source: "meta",
      channelId: channel.id,
      providerTemplateId: result.id,
      name: input.name,
      language: input.language,
      category: category && (TEMPLATE_CATEGORIES as readonly string[]).includes(category) ? (category as typeof input.category) : input.category,
      components: input.components,
      status: (TEMPLATE_STATUSES as readonly string[]).includes(status) ? status : "pending",
      syncedAt: now,
      createdAt: now,
      updatedAt: now,
    }),
    auditStatement(ctx, { action: "template.submitted", targetType: "template", targetId: id, metadata: { channelId: channel.id, name: input.name, language: input.language } }),
  ]);
  return getTemplate(ctx, id);
}

/** How often the cron re-reads a Meta channel's templates (status changes also arrive by webhook). */
export const TEMPLATE_SYNC_INTERVAL_MS = 6 * 3600_000;
const SYNCS_PER_RUN = 5;

/** Cron: sync the Meta channels whose templates were last read longest ago (or never), a few per run. */
export async function syncDueTemplates(ctx: Ctx, fetcher: Fetcher = fetch): Promise<number> {
  const rows = await ctx.db
    .select({ id: channels.id, tenantId: channels.tenantId, lastSync: max(messageTemplates.syncedAt) })
    .from(channels)
    .leftJoin(messageTemplates, eq(messageTemplates.channelId, channels.id))
    // A channel whose token Meta refuses waits for new credentials instead of failing every run.
    .where(and(eq(channels.type, "meta"), ne(channels.status, "disconnected"), isNotNull(channels.wabaId), or(isNull(channels.attentionKind), ne(channels.attentionKind, "credentials"))))
    .groupBy(channels.id)
    .all();
  const due = rows
    .filter((r) => r.lastSync === null || r.lastSync < ctx.now() - TEMPLATE_SYNC_INTERVAL_MS)
    .sort((a, b) => (a.lastSync ?? 0) - (b.lastSync ?? 0))
    .slice(0, SYNCS_PER_RUN);
  let synced = 0;
  for (const r of due) {
    const tenantCtx: TenantCtx = { ...ctx, tenantId: r.tenantId, actor: SYSTEM_ACTOR, role: "owner", userId: null };
    try {
      await syncTemplates(tenantCtx, { channelId: r.id }, fetcher);
      synced++;
    } catch (err) {
      ctx.logger.warn("scheduled template sync failed", { channelId: r.id, ...errorFields(err) });
    }
  }
  return synced;
}
