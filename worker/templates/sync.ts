// Mirroring a Meta channel's templates: what Meta lists is created or updated
// (with its status, so a paused template is refused before it is sent), what
// Meta no longer lists is removed. Templates of WAHA and sandbox channels are
// edited locally instead.
import { eq } from "drizzle-orm";
import { z } from "zod";
import { TEMPLATE_CATEGORIES, TEMPLATE_STATUSES, messageTemplates, type TemplateCategory, type TemplateStatus } from "../db/schema";
import { AppError, notFound } from "../http/errors";
import type { TenantCtx } from "../lib/context";
import { newId } from "../lib/ids";
import { auditStatement } from "../tenancy/audit";
import { reportChannelHealth } from "../channels/health";
import { channelSecrets, getChannelRow, channelGraphBaseUrl } from "../channels/store";
import { fetchMetaTemplates, type MetaTemplate } from "../channels/meta-templates";
import type { Fetcher } from "../channels/types";

export const syncTemplatesInput = z.object({ channelId: z.string().trim().min(1, { message: "is required" }).max(64) });

export interface SyncResult {
  channelId: string;
  /** Templates Meta listed. */
  fetched: number;
  created: number;
  updated: number;
  /** Synced copies Meta no longer lists. */
  removed: number;
  /** Listed, but with a status or category Parley does not know, or malformed. */
  skipped: number;
}

const asStatus = (s: string) => (TEMPLATE_STATUSES as readonly string[]).includes(s.toLowerCase()) ? (s.toLowerCase() as TemplateStatus) : null;
const asCategory = (s: string | undefined) =>
  s && (TEMPLATE_CATEGORIES as readonly string[]).includes(s.toLowerCase()) ? (s.toLowerCase() as TemplateCategory) : null;

export async function syncTemplates(ctx: TenantCtx, input: z.infer<typeof syncTemplatesInput>, fetcher: Fetcher = fetch): Promise<SyncResult> {
  const channel = await getChannelRow(ctx, input.channelId);
  if (!channel) throw notFound("Channel");
  if (channel.type !== "meta") {
    throw new AppError("conflict", `Templates of ${channel.type} channels are edited locally with POST /api/templates; only Meta channels sync`);
  }
  if (channel.status === "disconnected") throw new AppError("conflict", "This channel is disconnected");
  if (!channel.wabaId) {
    throw new AppError("conflict", "Set the channel's WhatsApp Business Account ID first: PATCH /api/channels/{id} with { wabaId }");
  }
  const secrets = await channelSecrets(ctx, channel);
  const result = await fetchMetaTemplates(
    { graphBaseUrl: channelGraphBaseUrl(ctx, channel), wabaId: channel.wabaId, accessToken: secrets.accessToken ?? "" },
    fetcher,
  );
  if (!result.ok) {
    if (result.authFailed) {
      await reportChannelHealth(ctx, channel.id, "credentials", { blocking: true, reason: `Meta rejected the access token: ${result.title} (${result.code}). Update the channel's credentials.` });
      throw new AppError("conflict", `Meta rejected the channel's access token: ${result.title}. Update the channel's credentials.`);
    }
    if (result.retryable) throw new AppError("unavailable", `Meta did not answer: ${result.title}. Try again later.`);
    throw new AppError("unprocessable", `Meta refused to list the templates: ${result.title} (${result.code})`);
  }

  const now = ctx.now();
  const existing = await ctx.db.select().from(messageTemplates).where(eq(messageTemplates.channelId, channel.id)).all();
  const byKey = new Map(existing.filter((t) => t.tenantId === ctx.tenantId).map((t) => [`${t.name}\u0000${t.language}`, t]));
  const listed = new Set<string>();
  let skipped = result.invalid;
  let created = 0;
  let updated = 0;
  const writes = [];
  for (const t of result.templates as MetaTemplate[]) {
    const key = `${t.name}\u0000${t.language}`;
    const status = asStatus(t.status);
    const category = asCategory(t.category);
    if (!status || !category || listed.has(key)) {
      skipped++;
      continue;
    }
    listed.add(key);
    const quality = t.quality_score?.score ? t.quality_score.score.toLowerCase() : null;
    const reason = t.rejected_reason && t.rejected_reason !== "NONE" ? t.rejected_reason.replace(/_/g, " ").toLowerCase() : null;
    const fields = {
      providerTemplateId: t.id ?? null,
      category,
      status,
      components: t.components,
      ...(quality ? { quality } : {}),
      // A reason from a webhook is kept while the status it explains lasts.
      ...(reason || status === "approved" ? { statusReason: reason } : {}),
      syncedAt: now,
      updatedAt: now,
    };
    const current = byKey.get(key);
    if (current) {
      updated++;
      writes.push(ctx.db.update(messageTemplates).set(fields).where(eq(messageTemplates.id, current.id)));
    } else {
      created++;
      writes.push(
        ctx.db.insert(messageTemplates).values({
          id: newId("template"),
          tenantId: ctx.tenantId,
          source: "meta",
          channelId: channel.id,
          name: t.name,
          language: t.language,
          createdAt: now,
          ...fields,
        }),
      );
    }
  }
  const gone = [...byKey].filter(([key]) => !listed.has(key)).map(([, t]) => t);
  for (const t of gone) writes.push(ctx.db.delete(messageTemplates).where(eq(messageTemplates.id, t.id)));
  const summary: SyncResult = { channelId: channel.id, fetched: result.templates.length + result.invalid, created, updated, removed: gone.length, skipped };
  await ctx.db.batch([auditStatement(ctx, { action: "template.synced", targetType: "channel", targetId: channel.id, metadata: { ...summary } }), ...writes]);
  return summary;
}
