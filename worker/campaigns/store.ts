// Creating, reading and listing campaigns and their recipients.
import { and, desc, eq, lt } from "drizzle-orm";
import { z } from "zod";
import { campaigns, type ChannelType } from "../db/schema";
import { notFound } from "../http/errors";
import type { TenantCtx } from "../lib/context";
import { newId } from "../lib/ids";
import { pageQuery, toPage } from "../lib/pagination";
import { auditStatement } from "../tenancy/audit";
import { campaignChannel } from "./audience";
import { campaignCounts, RECIPIENT_STATUS_SQL, RECIPIENT_STATUSES } from "./counts";
import type { CreateCampaignInput } from "./inputs";
import { checkCampaignTemplate } from "./message";
import { campaignView, plainError, type CampaignView } from "./views";

/**
 * The default throughput of a number. Meta: what the number may send
 * (WHATSAPP_NUMBER_MPS). WAHA drives a WhatsApp Web session, which WhatsApp
 * bans for machine-like bursts: one message every 4 s, plus 0–2 s of random
 * jitter per message, and never more than one a second. The sandbox sends to
 * nobody: 20/s.
 */
export const WAHA_DEFAULT_RATE = 0.25;
export const WAHA_MAX_RATE = 1;
export function defaultRate(ctx: TenantCtx, type: ChannelType): number {
  if (type === "waha") return WAHA_DEFAULT_RATE;
  if (type === "sandbox") return 20;
  return ctx.config.WHATSAPP_NUMBER_MPS;
}

export async function getCampaignRow(ctx: TenantCtx, id: string) {
  const row = await ctx.db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.id, id), eq(campaigns.tenantId, ctx.tenantId)))
    .get();
  if (!row) throw notFound("Campaign");
  return row;
}

export async function getCampaign(ctx: TenantCtx, id: string): Promise<CampaignView> {
  const row = await getCampaignRow(ctx, id);
  return campaignView(row, await campaignCounts(ctx, ctx.tenantId, row.id));
}

export async function createCampaign(ctx: TenantCtx, input: CreateCampaignInput): Promise<CampaignView> {
  const channel = await campaignChannel(ctx, input.channelId);
  await checkCampaignTemplate(ctx, channel, input.message);
  let rate = input.ratePerSecond ?? defaultRate(ctx, channel.type);
  if (channel.type === "waha") rate = Math.min(rate, WAHA_MAX_RATE);
  if (channel.type === "meta") rate = Math.min(rate, ctx.config.WHATSAPP_NUMBER_MPS);
  const now = ctx.now();
  const id = newId("campaign", now);
  await ctx.db.batch([
    ctx.db.insert(campaigns).values({
      id,
      tenantId: ctx.tenantId,
      name: input.name,
      channelId: channel.id,
      status: "draft",
      audience: input.audience as Record<string, unknown>,
      message: input.message as Record<string, unknown>,
      ratePerSecond: rate,
      currentRate: rate,
      quietHours: input.quietHours ?? null,
      replyWindowHours: input.replyWindowHours ?? 72,
      scheduledAt: input.scheduledAt ? Date.parse(input.scheduledAt) : null,
      createdBy: ctx.userId,
      createdAt: now,
      updatedAt: now,
    }),
    auditStatement(ctx, { action: "campaign.created", targetType: "campaign", targetId: id, metadata: { name: input.name } }),
  ]);
  return getCampaign(ctx, id);
}

export const campaignListQuery = pageQuery;

export async function listCampaigns(ctx: TenantCtx, q: z.infer<typeof campaignListQuery>) {
  const rows = await ctx.db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.tenantId, ctx.tenantId), q.cursor ? lt(campaigns.id, q.cursor) : undefined))
    .orderBy(desc(campaigns.id))
    .limit(q.limit + 1)
    .all();
  const page = toPage(rows, q.limit);
  const data = [];
  for (const r of page.data) data.push(campaignView(r, await campaignCounts(ctx, ctx.tenantId, r.id)));
  return { data, nextCursor: page.nextCursor };
}

export const recipientListQuery = pageQuery.extend({
  status: z.enum(RECIPIENT_STATUSES).optional().describe("Only recipients in this status"),
});

interface RecipientRow {
  id: string;
  contact_id: string;
  phone: string;
  status: (typeof RECIPIENT_STATUSES)[number];
  r_error_code: string | null;
  r_error_title: string | null;
  m_error_code: string | null;
  m_error_title: string | null;
  message_id: string | null;
  message_exists: number;
  sent_at: number | null;
}

export async function listRecipients(ctx: TenantCtx, campaignId: string, q: z.infer<typeof recipientListQuery>) {
  await getCampaignRow(ctx, campaignId);
  const where = ["r.tenant_id = ?", "r.campaign_id = ?"];
  const binds: unknown[] = [ctx.tenantId, campaignId];
  if (q.cursor) {
    where.push("r.id < ?");
    binds.push(q.cursor);
  }
  if (q.status) {
    where.push(`(${RECIPIENT_STATUS_SQL}) = ?`);
    binds.push(q.status);
  }
  const { results } = await ctx.env.DB.prepare(
    `SELECT r.id, r.contact_id, r.phone, ${RECIPIENT_STATUS_SQL} AS status, r.error_code AS r_error_code, r.error_title AS r_error_title,
            m.error_code AS m_error_code, m.error_title AS m_error_title, r.message_id, (m.id IS NOT NULL) AS message_exists,
            r.sent_at
     FROM campaign_recipients r LEFT JOIN messages m ON m.id = r.message_id AND m.tenant_id = r.tenant_id
     WHERE ${where.join(" AND ")} ORDER BY r.id DESC LIMIT ?`,
  )
    .bind(...binds, q.limit + 1)
    .all<RecipientRow>();
  const page = toPage(results, q.limit);
  return {
    data: page.data.map((r) => ({
      id: r.id,
      contactId: r.contact_id,
      phone: r.phone,
      status: r.status,
      error: plainError(r.r_error_code ?? r.m_error_code, r.r_error_title ?? r.m_error_title),
      messageId: r.message_exists ? r.message_id : null,
      sentAt: r.sent_at === null ? null : new Date(r.sent_at).toISOString(),
    })),
    nextCursor: page.nextCursor,
  };
}

