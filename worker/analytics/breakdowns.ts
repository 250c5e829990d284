// The overview's breakdowns: what the headline counts are made of, and the
// lead and usage figures that are a state now rather than a count of a range.
// Range figures read the rollups (O(days)); the "now" figures read indexes
// bounded by the contacts they count (docs/analytics.md).
import { and, eq, gte, inArray, lt, sql } from "drizzle-orm";
import { DAYS, loadBotSettings, type BotSettings } from "../ai/settings";
import { plainError } from "../campaigns/views";
import { analyticsBreakdowns, analyticsBuckets, channels, creditAccounts } from "../db/schema";
import type { Ctx, TenantCtx } from "../lib/context";
import { iso } from "../tenancy/serialize";
import { zonedTime } from "../flows/slots";
import { countersBetween, ensureRollups } from "./queries";
import { resolveRange, tenantTimeZone, type DayRange } from "./range";

const DAY = 86_400_000;
export const DEFAULT_COLD_DAYS = 7;
const HOT_LIST = 10;

type BusinessHours = BotSettings["businessHours"];

/** A ratio to four decimals; null when there is nothing to divide. */
const rate = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);

type Dimension = "channel" | "handoff" | "failure";

/** Each dimension's counts by key in the range, most first. */
async function byKey(ctx: Ctx, tenantId: string, r: DayRange): Promise<Record<Dimension, Array<{ key: string; count: number }>>> {
  const rows = await ctx.db
    .select({ dimension: analyticsBreakdowns.dimension, key: analyticsBreakdowns.key, n: sql<number>`sum(${analyticsBreakdowns.n})` })
    .from(analyticsBreakdowns)
    .where(and(eq(analyticsBreakdowns.tenantId, tenantId), inArray(analyticsBreakdowns.dimension, ["channel", "handoff", "failure"]), gte(analyticsBreakdowns.bucket, r.start), lt(analyticsBreakdowns.bucket, r.end)))
    .groupBy(analyticsBreakdowns.dimension, analyticsBreakdowns.key)
    .all();
  const out: Record<Dimension, Array<{ key: string; count: number }>> = { channel: [], handoff: [], failure: [] };
  for (const row of rows) if (Number(row.n) !== 0) out[row.dimension as Dimension].push({ key: row.key, count: Number(row.n) });
  for (const list of Object.values(out)) list.sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  return out;
}

/** The opening hours of every calendar day around the range, as UTC [start, end) intervals. */
function openIntervals(hours: BusinessHours, r: DayRange): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const first = Date.parse(`${r.from}T00:00:00Z`) - DAY;
  const last = Date.parse(`${r.to}T00:00:00Z`) + DAY;
  for (let t = first; t <= last; t += DAY) {
    const d = new Date(t);
    const weekday = DAYS[(d.getUTCDay() + 6) % 7]!;
    for (const { start, end } of hours.days[weekday] ?? []) {
      const [sh, sm] = start.split(":").map(Number) as [number, number];
      const [eh, em] = end.split(":").map(Number) as [number, number];
      const y = d.getUTCFullYear();
      const m = d.getUTCMonth() + 1;
      const day = d.getUTCDate();
      out.push([zonedTime(y, m, day, sh, sm, hours.timezone), zonedTime(y, m, day, eh, em, hours.timezone)]);
    }
  }
  return out;
}

/** Bot and agent replies in quarter hours that start outside the opening hours; null when no hours are set. */
async function repliesWhileClosed(ctx: Ctx, tenantId: string, hours: BusinessHours, r: DayRange) {
  if (!DAYS.some((d) => (hours.days[d] ?? []).length)) return null;
  const open = openIntervals(hours, r);
  const rows = await ctx.db
    .select({ bucket: analyticsBuckets.bucket, bot: analyticsBuckets.messagesBot, agent: analyticsBuckets.messagesAgent })
    .from(analyticsBuckets)
    .where(and(eq(analyticsBuckets.tenantId, tenantId), gte(analyticsBuckets.bucket, r.start), lt(analyticsBuckets.bucket, r.end), sql`(${analyticsBuckets.messagesBot} != 0 OR ${analyticsBuckets.messagesAgent} != 0)`))
    .all();
  const closed = { bot: 0, agent: 0 };
  for (const row of rows) {
    if (open.some(([a, b]) => row.bucket >= a && row.bucket < b)) continue;
    closed.bot += row.bot;
    closed.agent += row.agent;
  }
  return closed;
}

/** Hot leads whose conversation is with a person and whose customer wrote last: the oldest wait first. */
async function hotLeadsWaiting(ctx: Ctx, tenantId: string) {
  const rows = await ctx.db.all<{ conversationId: string; contactId: string; name: string | null; phone: string; waitingSince: number }>(sql`
    SELECT * FROM (
      SELECT cv.id AS conversationId, ct.id AS contactId, ct.name AS name, ct.phone AS phone,
        (SELECT min(i.created_at) FROM messages i WHERE i.conversation_id = cv.id AND i.direction = 'inbound'
          AND i.created_at > coalesce((SELECT max(o.created_at) FROM messages o WHERE o.conversation_id = cv.id AND o.direction = 'outbound'), -1)) AS waitingSince
      FROM conversations cv JOIN contacts ct ON ct.id = cv.contact_id
      WHERE cv.tenant_id = ${tenantId} AND cv.mode = 'human' AND cv.status = 'open' AND ct.tenant_id = ${tenantId} AND ct.lead_band = 'hot'
    ) WHERE waitingSince IS NOT NULL ORDER BY waitingSince, conversationId`);
  return {
    count: rows.length,
    conversations: rows.slice(0, HOT_LIST).map((r) => ({ conversationId: r.conversationId, contactId: r.contactId, name: r.name, phone: r.phone, waitingSince: iso(Number(r.waitingSince))! })),
  };
}

/** Everything of the breakdowns endpoint for a range of local days. */
export async function analyticsBreakdownsFor(ctx: TenantCtx, q: { from?: string; to?: string; coldDays: number }) {
  const { coldDays } = q;
  const tenantId = ctx.tenantId;
  const [timeZone, settings] = await Promise.all([tenantTimeZone(ctx, tenantId), loadBotSettings(ctx, tenantId)]);
  const now = ctx.now();
  const { current } = resolveRange(q, timeZone, now);
  await ensureRollups(ctx, tenantId);
  // The burn rate behind the projection: the last 7 days up to today, whatever the range.
  const recent = resolveRange({}, timeZone, now).current;
  const week = { start: recent.days[recent.days.length - 7]!.start, end: recent.end };
  const coldBefore = now - coldDays * DAY;

  const [counters, lastWeek, keyed, closed, hot, scores, cold, account] = await Promise.all([
    countersBetween(ctx, tenantId, current.start, current.end),
    countersBetween(ctx, tenantId, week.start, week.end),
    byKey(ctx, tenantId, current),
    repliesWhileClosed(ctx, tenantId, settings.businessHours, current),
    hotLeadsWaiting(ctx, tenantId),
    ctx.db.all<{ band: number; n: number }>(sql`SELECT min(lead_score / 10, 9) AS band, count(*) AS n FROM contacts WHERE tenant_id = ${tenantId} GROUP BY 1`),
    // contacts.last_message_at moves only when the customer writes (worker/inbound/store.ts).
    ctx.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM contacts WHERE tenant_id = ${tenantId} AND last_message_at < ${coldBefore}`),
    ctx.db.select({ balance: creditAccounts.balance }).from(creditAccounts).where(eq(creditAccounts.tenantId, tenantId)).get(),
  ]);

  const { channel: byChannel, handoff: byHandoff, failure: byFailure } = keyed;
  const names = byChannel.length
    ? await ctx.db
        .select({ id: channels.id, name: channels.name, type: channels.type })
        .from(channels)
        .where(and(eq(channels.tenantId, tenantId), inArray(channels.id, byChannel.map((c) => c.key))))
        .all()
    : [];
  const channelOf = new Map(names.map((c) => [c.id, c]));
  const outbound = counters.messagesBot + counters.messagesAgent + counters.messagesCampaign;
  const perDay = Math.max(0, lastWeek.creditsUsed) / 7;
  const balance = account?.balance ?? null;
  const daysLeft = balance !== null && perDay > 0 ? Math.floor(balance / perDay) : null;
  const scoreBands = Array.from({ length: 10 }, (_, i) => ({ min: i * 10, max: i === 9 ? 100 : i * 10 + 9, count: 0 }));
  for (const s of scores) scoreBands[Math.max(0, Math.min(9, Number(s.band)))]!.count += Number(s.n);

  return {
    range: { from: current.from, to: current.to },
    conversations: {
      new: counters.conversationsNew,
      byChannel: byChannel.map((c) => ({ channelId: c.key, name: channelOf.get(c.key)?.name ?? null, type: channelOf.get(c.key)?.type ?? null, count: c.count })),
      handedOff: counters.conversationsHandedOff,
      byHandoffReason: byHandoff.map((h) => ({ reason: h.key, count: h.count })),
    },
    messages: {
      outbound,
      delivered: counters.messagesDelivered,
      read: counters.messagesRead,
      failed: counters.messagesFailed,
      deliveryRate: rate(counters.messagesDelivered, outbound),
      readRate: rate(counters.messagesRead, outbound),
      failuresByReason: byFailure.map((f) => ({ code: f.key || null, title: plainError(f.key || "unknown", null)!.title, count: f.count })),
    },
    responsiveness: {
      customerMessages: counters.messagesInbound,
      answered: counters.messagesAnswered,
      answeredRate: rate(counters.messagesAnswered, counters.messagesInbound),
      repliesWhileClosed: closed,
    },
    leads: {
      funnel: { asked: counters.leadsAsked, answered: counters.leadsAnswered, qualified: counters.leadsQualified, booked: counters.leadsBooked },
      scoreDistribution: scoreBands,
      hotWaiting: hot,
      cold: { days: coldDays, count: Number(cold[0]?.n ?? 0) },
    },
    credits: {
      used: counters.creditsUsed,
      balance,
      usedPerDayLastWeek: Math.round(perDay * 100) / 100,
      projectedExhaustion: daysLeft === null ? null : new Date(Date.parse(`${recent.to}T00:00:00Z`) + daysLeft * DAY).toISOString().slice(0, 10),
    },
  };
}
