// What the outbound consumer asks about a campaign's message: may it go now
// (campaign state and the campaign's rate, per one-second window), and what a
// send result means for the campaign (sent time, 131050 marks the contact,
// 130429 slows the campaign down).
import { and, eq, sql } from "drizzle-orm";
import { campaignRecipients, campaigns, type messages } from "../db/schema";
import type { Ctx } from "../lib/context";
import { hitLimit } from "../limits/client";

type MessageRow = typeof messages.$inferSelect;

/** `sendBy`: the provider call must start before this instant to land in the window it was counted in. */
export type CampaignGate = { kind: "send"; sendBy?: number } | { kind: "defer"; delaySeconds: number } | { kind: "drop"; code: string; title: string };

/** While a campaign is paused, its messages already on the queue wait this long between looks. */
const PAUSED_RECHECK_SECONDS = 5;

/** How many of the next windows a message may wait for in the consumer before it goes back on the queue. */
const MAX_WINDOW_WAITS = 3;
const MAX_WAIT_MS = 1000;

/** A send counted this close to the end of a window could reach the provider in the next one. */
const WINDOW_EDGE_MS = 40;

/** The send-time rate policy: `currentRate` messages per one-second window (one per 1/rate s below 1/s). */
export function campaignPolicy(rate: number) {
  return rate >= 1 ? { limit: Math.floor(rate), windowMs: 1000 } : { limit: 1, windowMs: Math.ceil(1000 / rate) };
}

/** One outbound batch reads each campaign's status and pace once (the claim re-checks the status). */
export type CampaignGateCache = Map<string, Promise<{ status: string; currentRate: number } | undefined>>;

/** The claim's guard for a campaign message: its campaign is still sending. */
export const campaignStillSending = (campaignId: string) =>
  sql`EXISTS (SELECT 1 FROM ${campaigns} WHERE ${campaigns.id} = ${campaignId} AND ${campaigns.status} = 'sending')`;

export async function campaignSendGate(ctx: Ctx, message: Pick<MessageRow, "campaignId" | "tenantId">, cache?: CampaignGateCache): Promise<CampaignGate> {
  if (!message.campaignId) return { kind: "send" };
  const key = `${message.tenantId}:${message.campaignId}`;
  const read =
    cache?.get(key) ??
    ctx.db
      .select({ status: campaigns.status, currentRate: campaigns.currentRate })
      .from(campaigns)
      .where(and(eq(campaigns.id, message.campaignId), eq(campaigns.tenantId, message.tenantId)))
      .get();
  cache?.set(key, read);
  const c = await read;
  if (!c || c.status === "cancelled") return { kind: "drop", code: "campaign_cancelled", title: "The campaign was cancelled before this message was sent" };
  if (c.status === "paused") return { kind: "defer", delaySeconds: PAUSED_RECHECK_SECONDS };
  const policy = campaignPolicy(c.currentRate);
  for (let attempt = 0; ; attempt++) {
    // Counted in the window the provider will see the request in: near a window's end, wait for the next one.
    const left = policy.windowMs - (Date.now() % policy.windowMs);
    if (left < WINDOW_EDGE_MS) await scheduler.wait(left + 1);
    const r = await hitLimit(ctx.env, { name: "campaignSend", policy }, message.campaignId);
    // A slot whose window (nearly) ended while the answer was on its way is not used: count again in the current one.
    if (r.allowed && Date.now() < r.resetAt - WINDOW_EDGE_MS) return { kind: "send", sendBy: r.resetAt - WINDOW_EDGE_MS };
    if (r.allowed) continue;
    const wait = r.resetAt - Date.now();
    // The pacer releases about one window's worth at a time: waiting for the next window here keeps the
    // pace exact without a round trip through the queue; anything further off goes back on the queue.
    if (attempt >= MAX_WINDOW_WAITS || wait > Math.min(policy.windowMs, MAX_WAIT_MS)) return { kind: "defer", delaySeconds: Math.max(1, Math.ceil(wait / 1000)) };
    await scheduler.wait(Math.max(1, wait + 1));
  }
}

/**
 * The provider accepted a campaign message: the recipient's sent time. A statement for the
 * caller's batch (it matches nothing for a message of no campaign); found by the unique
 * (campaign, contact) index, not by scanning the campaign's recipients.
 */
export function campaignMessageSent(ctx: Ctx, row: Pick<MessageRow, "id" | "campaignId" | "tenantId">, contactId: string) {
  return ctx.db
    .update(campaignRecipients)
    .set({ sentAt: ctx.now(), updatedAt: ctx.now() })
    .where(
      and(
        eq(campaignRecipients.campaignId, row.campaignId ?? ""),
        eq(campaignRecipients.contactId, contactId),
        eq(campaignRecipients.tenantId, row.tenantId),
        eq(campaignRecipients.messageId, row.id),
      ),
    );
}

/** Meta: the user stopped marketing messages from this business. */
export const MARKETING_STOPPED = "131050";
/** Meta: rate limit hit. */
export const RATE_LIMITED = "130429";

/** A campaign message failed (at send time or by a later status). */
export async function campaignMessageFailed(ctx: Ctx, row: Pick<MessageRow, "campaignId" | "tenantId" | "conversationId">, code: string | null): Promise<void> {
  if (!row.campaignId || code !== MARKETING_STOPPED) return;
  const now = ctx.now();
  await ctx.env.DB.prepare(
    "UPDATE contacts SET marketing_opted_out_at = ?, updated_at = ? WHERE tenant_id = ? AND marketing_opted_out_at IS NULL AND id = (SELECT contact_id FROM conversations WHERE id = ? AND tenant_id = ?)",
  )
    .bind(now, now, row.tenantId, row.conversationId, row.tenantId)
    .run();
}

/** Not more than one slow-down per this long, however many messages hit the limit at once. */
const SLOWDOWN_SPACING_MS = 10_000;

/** WhatsApp said 130429: halve the campaign's rate (not below one a second, or its configured rate if lower). */
export async function slowDownCampaign(ctx: Ctx, tenantId: string, campaignId: string): Promise<boolean> {
  const now = ctx.now();
  const rows = await ctx.db
    .update(campaigns)
    .set({
      currentRate: sql`MAX(MIN(1.0, ${campaigns.ratePerSecond}), ${campaigns.currentRate} / 2.0)`,
      pacerStartedAt: now,
      dispatched: 0,
      slowedAt: now,
      updatedAt: now,
    })
    .where(
      and(
        eq(campaigns.id, campaignId),
        eq(campaigns.tenantId, tenantId),
        eq(campaigns.status, "sending"),
        sql`(${campaigns.slowedAt} IS NULL OR ${campaigns.slowedAt} < ${now - SLOWDOWN_SPACING_MS})`,
      ),
    )
    .returning({ rate: campaigns.currentRate })
    .all();
  if (rows[0]) ctx.logger.warn("campaign slowed down after a provider rate limit", { campaignId, rate: rows[0].rate });
  return rows.length > 0;
}

