// The sending loop of one campaign, run by its CampaignPacerDO on each alarm.
//
// Pacing: the pacer keeps the number of recipients released since its clock
// started at ⌊elapsed × rate⌋ plus two seconds' worth, so it catches up after
// a slow tick instead of drifting below the rate; the outbound consumer then
// enforces the rate exactly, per one-second window, before the provider call
// (sending.ts), deferring anything early. Rates below one a second (WAHA) are
// one message per tick with random jitter between ticks.
//
// At most once per recipient: a recipient is claimed (pending → queued, with
// its message id chosen) by a guarded UPDATE before its message exists; the
// message row is written with that id, so a repeated tick, a redelivered job or
// a restart can never produce a second message for the same recipient.
import { and, asc, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { campaignRecipients, campaigns, channels, messages } from "../db/schema";
import { AppError } from "../http/errors";
import type { Ctx } from "../lib/context";
import { newId } from "../lib/ids";
import { beginSending, completeCampaign, pauseCampaign, startDueCampaign, systemTenantCtx } from "./lifecycle";
import type { MessageInput, QuietHours } from "./inputs";
import { checkCampaignTemplate, type TemplateInfo } from "./message";
import { dispatchRecipients, type ClaimedRecipient } from "./dispatch";
import type { CampaignRow } from "./views";
import { isTimeZone } from "../contacts/time-zone";

/** A claimed recipient whose message row is still missing after this long is re-queued with the same id. */
const STALE_CLAIM_MS = 60_000;
/** While messages are still on their way (retries), look again this often. */
const DRAIN_POLL_MS = 2000;
/** How many seconds' worth of recipients the pacer keeps released ahead of the rate. */
export const LEAD_SECONDS = 2;
/** WAHA: after each message, wait the rate's interval plus up to this much random jitter. */
export const WAHA_JITTER_MS = 2000;

/** Minutes since midnight of `at` in `timeZone`. */
function minutesOfDay(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(new Date(at));
  const h = Number(parts.find((p) => p.type === "hour")?.value ?? 0);
  const m = Number(parts.find((p) => p.type === "minute")?.value ?? 0);
  return h * 60 + m;
}
const hhmm = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));

/** When quiet hours are on at `at`: the instant they end (to the minute); otherwise null. */
export function quietUntil(q: QuietHours | null, at: number): number | null {
  if (!q) return null;
  const now = minutesOfDay(at, q.timeZone);
  const start = hhmm(q.start);
  const end = hhmm(q.end);
  if (start === end) return null;
  const inside = start < end ? now >= start && now < end : now >= start || now < end;
  if (!inside) return null;
  const left = (end - now + 1440) % 1440;
  return at - (at % 60_000) + left * 60_000;
}

/** How many recipients to release now, and when to tick next. */
export function pacingPlan(
  c: Pick<CampaignRow, "currentRate" | "dispatched" | "pacerStartedAt">,
  now: number,
  random = Math.random,
  /** The campaign's messages still waiting on the outbound queue. */
  inFlight = 0,
): { due: number; nextAt: number } {
  const rate = c.currentRate;
  if (rate < 1) return { due: inFlight > 0 ? 0 : 1, nextAt: now + Math.ceil(1000 / rate) + Math.floor(random() * WAHA_JITTER_MS) };
  const perSecond = Math.ceil(rate);
  const elapsed = Math.max(0, now - (c.pacerStartedAt ?? now));
  // Two seconds ahead: the queue always holds the next window's messages, which the send gate holds to the rate.
  const owed = Math.floor((elapsed * rate) / 1000) + LEAD_SECONDS * perSecond - c.dispatched;
  // …but never more than that on the queue: a slow consumer gets no backlog, and a pause stops almost at once.
  const room = (LEAD_SECONDS + 1) * perSecond - inFlight;
  return { due: Math.max(0, Math.min(room, owed)), nextAt: now - (now % 1000) + 1000 };
}

interface Claimed {
  id: string;
  contactId: string;
  messageId: string;
}

/**
 * Quiet hours in each recipient's zone (recorded when the audience was frozen; null: the
 * campaign's zone): the zones whose recipients may be sent to now, and when the first
 * held zone's quiet hours end. Null when the campaign has no quiet hours.
 */
export async function openZones(ctx: Ctx, c: CampaignRow, now: number): Promise<{ open: Array<string | null>; wakeAt: number | null } | null> {
  const q = (c.quietHours ?? null) as QuietHours | null;
  if (!q) return null;
  const rows = await ctx.db
    .selectDistinct({ timeZone: campaignRecipients.timeZone })
    .from(campaignRecipients)
    .where(and(eq(campaignRecipients.campaignId, c.id), eq(campaignRecipients.state, "pending")))
    .all();
  const open: Array<string | null> = [];
  let wakeAt: number | null = null;
  for (const { timeZone } of rows) {
    const until = quietUntil({ ...q, timeZone: timeZone && isTimeZone(timeZone) ? timeZone : q.timeZone }, now);
    if (until === null) open.push(timeZone);
    else wakeAt = wakeAt === null ? until : Math.min(wakeAt, until);
  }
  return { open, wakeAt };
}

/** Claim up to `n` pending recipients (of these zones only, when given): each UPDATE only succeeds if the row is still pending. */
async function claimRecipients(ctx: Ctx, c: CampaignRow, n: number, zones: Array<string | null> | null = null): Promise<Claimed[]> {
  if (n <= 0) return [];
  const named = zones?.filter((z): z is string => z !== null) ?? [];
  const inZones = zones ? or(named.length ? inArray(campaignRecipients.timeZone, named) : undefined, zones.includes(null) ? isNull(campaignRecipients.timeZone) : undefined) : undefined;
  const ids = await ctx.db
    .select({ id: campaignRecipients.id })
    .from(campaignRecipients)
    .where(and(eq(campaignRecipients.campaignId, c.id), eq(campaignRecipients.state, "pending"), inZones))
    .orderBy(asc(campaignRecipients.id))
    .limit(n)
    .all();
  if (!ids.length) return [];
  const now = ctx.now();
  const updates = ids.map((r) =>
    ctx.db
      .update(campaignRecipients)
      .set({ state: "queued", messageId: newId("message", now), queuedAt: now, updatedAt: now })
      .where(and(eq(campaignRecipients.id, r.id), eq(campaignRecipients.state, "pending")))
      .returning({ id: campaignRecipients.id, contactId: campaignRecipients.contactId, messageId: campaignRecipients.messageId }),
  );
  const results = await ctx.db.batch(updates as [(typeof updates)[number], ...typeof updates]);
  return results.flat().map((r) => ({ id: r.id, contactId: r.contactId, messageId: r.messageId! }));
}

/** A claim whose message row never got written (crash between claim and write): write it now, same id. */
async function recoverStaleClaims(ctx: Ctx, c: CampaignRow, info: TemplateInfo | null): Promise<void> {
  const stale = await ctx.db
    .select({ id: campaignRecipients.id, contactId: campaignRecipients.contactId, messageId: campaignRecipients.messageId, existing: messages.id, status: messages.status })
    .from(campaignRecipients)
    .leftJoin(messages, eq(messages.id, campaignRecipients.messageId))
    .where(and(eq(campaignRecipients.campaignId, c.id), eq(campaignRecipients.state, "queued"), lt(campaignRecipients.queuedAt, ctx.now() - STALE_CLAIM_MS), isNull(messages.id)))
    .limit(50)
    .all();
  const now = ctx.now();
  const mine: ClaimedRecipient[] = [];
  for (const s of stale) {
    if (!s.messageId) continue;
    // One tick recovers it: the others see a fresh queued_at and leave it alone.
    const won = await ctx.db
      .update(campaignRecipients)
      .set({ queuedAt: now, updatedAt: now })
      .where(and(eq(campaignRecipients.id, s.id), eq(campaignRecipients.state, "queued"), lt(campaignRecipients.queuedAt, now - STALE_CLAIM_MS)))
      .returning({ id: campaignRecipients.id })
      .all();
    if (won.length) mine.push({ id: s.id, contactId: s.contactId, messageId: s.messageId });
  }
  await dispatchRecipients(ctx, c, info, mine);
}

/** Whether anything of this campaign is still waiting or on its way to the provider. */
async function inFlight(ctx: Ctx, c: CampaignRow): Promise<boolean> {
  const row = await ctx.env.DB.prepare(
    `SELECT EXISTS (SELECT 1 FROM campaign_recipients WHERE campaign_id = ?1 AND state = 'pending')
         OR EXISTS (SELECT 1 FROM campaign_recipients r LEFT JOIN messages m ON m.id = r.message_id
                    WHERE r.campaign_id = ?1 AND r.state = 'queued' AND (m.id IS NULL OR m.status IN ('queued', 'sending'))) AS busy`,
  )
    .bind(c.id)
    .first<number>("busy");
  return row === 1;
}

/** One tick: returns when to tick next, or null when the loop stops (paused, cancelled, completed). */
export async function pacerTick(ctx: Ctx, tenantId: string, campaignId: string, random = Math.random): Promise<number | null> {
  const tctx = systemTenantCtx(ctx, tenantId);
  let c = await ctx.db.select().from(campaigns).where(and(eq(campaigns.id, campaignId), eq(campaigns.tenantId, tenantId))).get();
  if (!c) return null;
  const now = ctx.now();
  if (c.status === "scheduled") {
    if (c.scheduledAt !== null && c.scheduledAt > now) return c.scheduledAt;
    await startDueCampaign(tctx, c.id);
    c = (await ctx.db.select().from(campaigns).where(eq(campaigns.id, campaignId)).get())!;
  }
  if (c.status !== "sending") return null;
  if (c.pacerStartedAt === null) {
    await beginSending(tctx, c.id);
    return ctx.now() + 1000;
  }
  const channel = await ctx.db.select().from(channels).where(eq(channels.id, c.channelId)).get();
  if (!channel || channel.status === "disconnected") {
    await pauseCampaign(tctx, c.id, "The channel is disconnected: connect the number again, then resume");
    return null;
  }
  let info: TemplateInfo | null = null;
  try {
    info = await checkCampaignTemplate(tctx, channel, c.message as MessageInput);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    await pauseCampaign(tctx, c.id, `The template can no longer be sent: ${err.detail}`);
    return null;
  }
  await recoverStaleClaims(ctx, c, info);

  const zones = await openZones(ctx, c, now);
  if (zones && zones.open.length === 0 && zones.wakeAt !== null) {
    // Everyone still waiting is in their quiet hours: nothing is owed for the quiet time, the clock restarts when the first of them end.
    await ctx.db.update(campaigns).set({ pacerStartedAt: zones.wakeAt, dispatched: 0 }).where(eq(campaigns.id, c.id));
    return zones.wakeAt;
  }

  const queued = await ctx.env.DB.prepare("SELECT count(*) AS n FROM messages WHERE campaign_id = ? AND status = 'queued'").bind(c.id).first<number>("n");
  const plan = pacingPlan(c, now, random, queued ?? 0);
  const claimed = await claimRecipients(ctx, c, plan.due, zones?.open ?? null);
  if (claimed.length) {
    await ctx.db
      .update(campaigns)
      .set({ dispatched: sql`${campaigns.dispatched} + ${claimed.length}` })
      .where(eq(campaigns.id, c.id));
  }
  // The whole tick's messages in a few round trips (campaigns/dispatch.ts).
  await dispatchRecipients(ctx, c, info, claimed);
  if (claimed.length === 0 && !(await inFlight(ctx, c))) {
    await completeCampaign(tctx, c.id);
    return null;
  }
  return claimed.length === 0 ? ctx.now() + DRAIN_POLL_MS : plan.nextAt;
}

/** The cron's backstop: start due scheduled campaigns and re-arm every campaign still sending. */
export async function rearmCampaigns(ctx: Ctx, armer: (tenantId: string, campaignId: string, at: number) => Promise<void>): Promise<number> {
  const rows = await ctx.db
    .select({ id: campaigns.id, tenantId: campaigns.tenantId, status: campaigns.status, scheduledAt: campaigns.scheduledAt })
    .from(campaigns)
    .where(inArray(campaigns.status, ["scheduled", "sending"]))
    .limit(200)
    .all();
  for (const r of rows) await armer(r.tenantId, r.id, r.status === "scheduled" && r.scheduledAt ? r.scheduledAt : ctx.now());
  return rows.length;
}

