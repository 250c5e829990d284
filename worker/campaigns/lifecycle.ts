// A campaign's life: draft → (scheduled →) sending ⇄ paused → completed, or
// cancelled from any state before completion. Every transition is one guarded
// UPDATE (status IN …) with its audit row in the same batch, so concurrent
// calls cannot both win. Starting freezes the audience into
// campaign_recipients (one row per contact, unique per campaign).
import { and, eq, inArray, sql } from "drizzle-orm";
import { campaignRecipients, campaigns, type CampaignStatus } from "../db/schema";
import { conflict } from "../http/errors";
import type { Ctx, TenantCtx } from "../lib/context";
import { SYSTEM_ACTOR } from "../lib/context";
import { newId } from "../lib/ids";
import { auditStatementWhen } from "../tenancy/audit";
import { buildEvent, emitEvents } from "../events/emit";
import { resolveAudience } from "./audience";
import { campaignCounts } from "./counts";
import type { AudienceInput, MessageInput } from "./inputs";
import { armPacer } from "./pacer-do";
import { getCampaign, getCampaignRow } from "./store";
import type { CampaignRow } from "./views";
import type { CampaignView } from "./views";

export function systemTenantCtx(ctx: Ctx, tenantId: string): TenantCtx {
  return { ...ctx, tenantId, actor: SYSTEM_ACTOR, role: "owner", userId: null };
}

const eventCampaign = (c: CampaignRow) => ({ id: c.id, name: c.name, channelId: c.channelId, audienceSize: c.audienceCount });

/** Guarded status change with its audit row; false when the campaign was not in one of `from`. */
async function transition(
  ctx: TenantCtx,
  id: string,
  from: CampaignStatus[],
  set: Partial<typeof campaigns.$inferInsert>,
  action: string,
): Promise<boolean> {
  const guard = and(eq(campaigns.id, id), eq(campaigns.tenantId, ctx.tenantId), inArray(campaigns.status, from))!;
  const [, updated] = await ctx.db.batch([
    auditStatementWhen(ctx, { action, targetType: "campaign", targetId: id, metadata: set.status ? { status: set.status } : {} }, sql`EXISTS (SELECT 1 FROM campaigns WHERE ${guard})`),
    ctx.db
      .update(campaigns)
      .set({ ...set, updatedAt: ctx.now() })
      .where(guard)
      .returning({ id: campaigns.id }),
  ]);
  return updated.length > 0;
}

function refuse(row: CampaignRow, what: string): never {
  throw conflict(`This campaign is ${row.status}; it cannot be ${what}`);
}

const INSERT_ROWS = 9; // 9 values a row, D1 binds at most 100 parameters per statement

/** Freeze the audience: idempotent (unique (campaign, contact)), so a retried freeze adds nothing twice. */
export async function freezeAudience(ctx: TenantCtx, row: CampaignRow): Promise<number> {
  const { recipients } = await resolveAudience(ctx, row.channelId, row.audience as AudienceInput, row.message as MessageInput);
  const now = ctx.now();
  const statements = [];
  for (let i = 0; i < recipients.length; i += INSERT_ROWS) {
    statements.push(
      ctx.db
        .insert(campaignRecipients)
        .values(
          recipients.slice(i, i + INSERT_ROWS).map((r) => ({
            id: newId("campaignRecipient", now),
            tenantId: ctx.tenantId,
            campaignId: row.id,
            contactId: r.contactId,
            phone: r.phone,
            timeZone: r.timeZone,
            state: "pending" as const,
            createdAt: now,
            updatedAt: now,
          })),
        )
        .onConflictDoNothing(),
    );
  }
  for (let i = 0; i < statements.length; i += 50) {
    const chunk = statements.slice(i, i + 50);
    await ctx.db.batch(chunk as [(typeof chunk)[number], ...typeof chunk]);
  }
  const n = await ctx.env.DB.prepare("SELECT count(*) AS n FROM campaign_recipients WHERE tenant_id = ? AND campaign_id = ?").bind(ctx.tenantId, row.id).first<number>("n");
  return n ?? 0;
}

/**
 * The campaign is `sending` (claimed by the caller): freeze its audience, start
 * the pacer's clock, announce it and arm the pacer. Safe to repeat after a crash
 * (the cron repeats it for a sending campaign whose clock never started).
 */
export async function beginSending(ctx: TenantCtx, id: string): Promise<void> {
  const row = await getCampaignRow(ctx, id);
  if (row.status !== "sending" || row.pacerStartedAt !== null) return;
  const count = await freezeAudience(ctx, row);
  const now = ctx.now();
  const started = await ctx.db
    .update(campaigns)
    .set({ audienceCount: count, pacerStartedAt: now, dispatched: 0, startedAt: row.startedAt ?? now, updatedAt: now })
    .where(and(eq(campaigns.id, id), eq(campaigns.tenantId, ctx.tenantId), sql`${campaigns.pacerStartedAt} IS NULL`))
    .returning()
    .all();
  if (!started[0]) return;
  await emitEvents(ctx, [buildEvent(ctx, ctx.tenantId, "campaign.started", { campaign: eventCampaign(started[0]) })]);
  await armPacer(ctx.env, ctx.tenantId, id, now);
}

export async function startCampaign(ctx: TenantCtx, id: string): Promise<CampaignView> {
  const row = await getCampaignRow(ctx, id);
  const now = ctx.now();
  if (row.status === "draft" && row.scheduledAt !== null && row.scheduledAt > now) {
    if (!(await transition(ctx, id, ["draft"], { status: "scheduled" }, "campaign.scheduled"))) refuse(await getCampaignRow(ctx, id), "scheduled");
    await armPacer(ctx.env, ctx.tenantId, id, row.scheduledAt);
    return getCampaign(ctx, id);
  }
  if (!(await transition(ctx, id, ["draft", "scheduled"], { status: "sending", startedAt: now, pacerStartedAt: null }, "campaign.started"))) {
    refuse(await getCampaignRow(ctx, id), "started");
  }
  await beginSending(ctx, id);
  return getCampaign(ctx, id);
}

/** Called by the pacer or the cron when a scheduled campaign is due. */
export async function startDueCampaign(ctx: TenantCtx, id: string): Promise<void> {
  if (await transition(ctx, id, ["scheduled"], { status: "sending", startedAt: ctx.now(), pacerStartedAt: null }, "campaign.started")) await beginSending(ctx, id);
}

export async function pauseCampaign(ctx: TenantCtx, id: string, reason = "Paused by a team member"): Promise<CampaignView> {
  const row = await getCampaignRow(ctx, id);
  if (!(await transition(ctx, id, ["sending"], { status: "paused", pausedReason: reason }, "campaign.paused"))) refuse(row, "paused");
  return getCampaign(ctx, id);
}

export async function resumeCampaign(ctx: TenantCtx, id: string): Promise<CampaignView> {
  const row = await getCampaignRow(ctx, id);
  const now = ctx.now();
  // The pacer's clock restarts: nothing is "owed" for the time spent paused.
  if (!(await transition(ctx, id, ["paused"], { status: "sending", pausedReason: null, pacerStartedAt: row.pacerStartedAt === null ? null : now, dispatched: 0 }, "campaign.resumed"))) {
    refuse(row, "resumed");
  }
  if (row.pacerStartedAt === null) await beginSending(ctx, id);
  else await armPacer(ctx.env, ctx.tenantId, id, now);
  return getCampaign(ctx, id);
}

export async function cancelCampaign(ctx: TenantCtx, id: string): Promise<CampaignView> {
  const row = await getCampaignRow(ctx, id);
  const now = ctx.now();
  if (!(await transition(ctx, id, ["draft", "scheduled", "sending", "paused"], { status: "cancelled", completedAt: now }, "campaign.cancelled"))) refuse(row, "cancelled");
  // Nobody still waiting gets the message; messages already on the queue are dropped by the send gate.
  await ctx.db
    .update(campaignRecipients)
    .set({ state: "skipped", errorCode: "campaign_cancelled", errorTitle: "The campaign was cancelled before this message was sent", updatedAt: now })
    .where(and(eq(campaignRecipients.tenantId, ctx.tenantId), eq(campaignRecipients.campaignId, id), eq(campaignRecipients.state, "pending")));
  return getCampaign(ctx, id);
}

/** Sending is over (nothing pending, nothing on the queue): completed, once, with its totals. */
export async function completeCampaign(ctx: TenantCtx, id: string): Promise<boolean> {
  const now = ctx.now();
  const done = await ctx.db
    .update(campaigns)
    .set({ status: "completed", completedAt: now, updatedAt: now })
    .where(and(eq(campaigns.id, id), eq(campaigns.tenantId, ctx.tenantId), eq(campaigns.status, "sending")))
    .returning()
    .all();
  if (!done[0]) return false;
  const stats = await campaignCounts(ctx, ctx.tenantId, id);
  await emitEvents(ctx, [buildEvent(ctx, ctx.tenantId, "campaign.completed", { campaign: eventCampaign(done[0]), stats })]);
  return true;
}
