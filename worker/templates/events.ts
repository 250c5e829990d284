// Meta's template webhooks applied as they arrive: review status (approved,
// rejected with its reason, paused…), quality rating and category. Setting the
// same values again changes nothing, so a redelivered webhook is harmless.
import { and, eq, or, type SQL } from "drizzle-orm";
import { TEMPLATE_CATEGORIES, TEMPLATE_STATUSES, messageTemplates, type TemplateCategory, type TemplateStatus } from "../db/schema";
import type { Ctx } from "../lib/context";
import type { ChannelRow } from "../channels/store";
import type { TemplateUpdateEvent } from "../channels/types";

const QUALITIES = ["green", "yellow", "red", "unknown"];

/** Returns whether a stored template matched. A template Parley has not synced yet is left to the next sync. */
export async function applyTemplateUpdate(ctx: Ctx, channel: Pick<ChannelRow, "id" | "tenantId" | "type">, event: TemplateUpdateEvent): Promise<boolean> {
  if (channel.type !== "meta") return false;
  const matches: SQL[] = [];
  if (event.providerTemplateId) matches.push(eq(messageTemplates.providerTemplateId, event.providerTemplateId));
  if (event.name && event.language) matches.push(and(eq(messageTemplates.name, event.name), eq(messageTemplates.language, event.language))!);
  if (!matches.length) return false;
  const status = event.status && (TEMPLATE_STATUSES as readonly string[]).includes(event.status) ? (event.status as TemplateStatus) : undefined;
  const category = event.category && (TEMPLATE_CATEGORIES as readonly string[]).includes(event.category) ? (event.category as TemplateCategory) : undefined;
  const quality = event.quality && QUALITIES.includes(event.quality) ? event.quality : undefined;
  const set = {
    ...(status ? { status, statusReason: event.reason ?? null } : event.reason !== undefined ? { statusReason: event.reason } : {}),
    ...(category ? { category } : {}),
    ...(quality ? { quality } : {}),
  };
  if (!Object.keys(set).length) return false;
  const updated = await ctx.db
    .update(messageTemplates)
    .set({ ...set, updatedAt: ctx.now() })
    .where(and(eq(messageTemplates.tenantId, channel.tenantId), eq(messageTemplates.channelId, channel.id), or(...matches)))
    .returning({ id: messageTemplates.id })
    .all();
  if (!updated.length) ctx.logger.info("template update for a template not synced yet", { channelId: channel.id, name: event.name, language: event.language });
  return updated.length > 0;
}
