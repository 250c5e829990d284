// Reading the rollups: overview totals, daily series, CSV, and the questions
// the assistant could not answer. Every read is bounded by the number of days
// (15-minute buckets) or of gap groups, never by the number of messages.
import { and, asc, count, eq, gte, inArray, isNull, lt, sql } from "drizzle-orm";
import { normalizeQuestion } from "../ai/gaps";
import { createKnowledge, type KnowledgeEntryView } from "../ai/knowledge";
import { analyticsBuckets, analyticsState, knowledgeGaps } from "../db/schema";
import { percentiles } from "./latency";
import { fieldError } from "../http/errors";
import type { Ctx, TenantCtx } from "../lib/context";
import { fromBase64Url, fromUtf8, toBase64Url, utf8 } from "../lib/encoding";
import { iso } from "../tenancy/serialize";
import { COUNTER_COLUMNS, METRICS, columnsOf, METRIC_NAMES, totalsOf, zeroCounters, type Counters, type MetricName, type Totals } from "./metrics";
import { resolveRange, tenantTimeZone, type DayRange } from "./range";
import { rebuildAnalytics } from "./rebuild";

/** Rows written before the rollups existed are counted by one rebuild, the first time a tenant's analytics are read. */
export async function ensureRollups(ctx: Ctx, tenantId: string): Promise<void> {
  const state = await ctx.db.select({ at: analyticsState.rebuiltAt }).from(analyticsState).where(eq(analyticsState.tenantId, tenantId)).get();
  if (!state) await rebuildAnalytics(ctx, tenantId);
}

const sums = Object.fromEntries(COUNTER_COLUMNS.map((c) => [c, sql<number>`coalesce(sum(${analyticsBuckets[c]}), 0)`])) as Record<(typeof COUNTER_COLUMNS)[number], ReturnType<typeof sql<number>>>;

export async function countersBetween(ctx: Ctx, tenantId: string, start: number, end: number): Promise<Counters> {
  return (await countersOf(ctx, tenantId, [{ start, end }]))[0]!;
}

/** The counters of each of several adjacent or disjoint ranges, in one query. */
export async function countersOf(ctx: Ctx, tenantId: string, ranges: ReadonlyArray<{ start: number; end: number }>): Promise<Counters[]> {
  const which = sql.join(
    ranges.map((r, i) => sql`WHEN ${analyticsBuckets.bucket} >= ${r.start} AND ${analyticsBuckets.bucket} < ${r.end} THEN ${i}`),
    sql` `,
  );
  const rows = await ctx.db
    .select({ ...sums, range: sql<number>`CASE ${which} END`.as("range") })
    .from(analyticsBuckets)
    .where(and(eq(analyticsBuckets.tenantId, tenantId), gte(analyticsBuckets.bucket, Math.min(...ranges.map((r) => r.start))), lt(analyticsBuckets.bucket, Math.max(...ranges.map((r) => r.end)))))
    .groupBy(sql`range`)
    .all();
  return ranges.map((_, i) => {
    const row = rows.find((r) => r.range !== null && Number(r.range) === i);
    return { ...zeroCounters(), ...Object.fromEntries(Object.entries(row ?? {}).filter(([k]) => k !== "range").map(([k, v]) => [k, Number(v)])) } as Counters;
  });
}

export async function analyticsOverview(ctx: TenantCtx, q: { from?: string; to?: string }) {
  const range = resolveRange(q, await tenantTimeZone(ctx, ctx.tenantId), ctx.now());
  await ensureRollups(ctx, ctx.tenantId);
  const periods = [range.current, range.previous];
  const [counters, times] = await Promise.all([
    countersOf(ctx, ctx.tenantId, periods),
    percentiles(
      ctx,
      ctx.tenantId,
      periods.flatMap((r) => [
        { kind: "bot" as const, start: r.start, end: r.end },
        { kind: "human" as const, start: r.start, end: r.end },
      ]),
      [50, 90],
    ),
  ]);
  const [current, previous] = periods.map((_, i) => {
    const [bot, human] = [times[2 * i]!, times[2 * i + 1]!];
    return totalsOf(counters[i]!, { botP50Ms: bot[0] ?? null, botP90Ms: bot[1] ?? null, humanP50Ms: human[0] ?? null, humanP90Ms: human[1] ?? null });
  });
  return { range: { from: range.current.from, to: range.current.to }, current: current!, previous: previous! };
}

function parseMetric(metric: string | undefined): MetricName {
  if (!metric) throw fieldError("metric", `is required: one of ${METRIC_NAMES.join(", ")}`);
  if (!(metric in METRICS)) throw fieldError("metric", `must be one of ${METRIC_NAMES.join(", ")}`);
  return metric as MetricName;
}

/** One point per local day of the range, zero-filled. */
export async function analyticsTimeseries(ctx: TenantCtx, q: { metric?: string; from?: string; to?: string }) {
  const metric = parseMetric(q.metric);
  const { current } = resolveRange(q, await tenantTimeZone(ctx, ctx.tenantId), ctx.now());
  await ensureRollups(ctx, ctx.tenantId);
  const columns = Object.fromEntries(columnsOf(metric).map((c) => [c, analyticsBuckets[c]]));
  const rows = await ctx.db
    .select({ bucket: analyticsBuckets.bucket, ...columns })
    .from(analyticsBuckets)
    .where(and(eq(analyticsBuckets.tenantId, ctx.tenantId), gte(analyticsBuckets.bucket, current.start), lt(analyticsBuckets.bucket, current.end)))
    .orderBy(asc(analyticsBuckets.bucket))
    .all();
  const data = current.days.map((d) => ({ date: d.date, value: 0 }));
  let day = 0;
  for (const row of rows) {
    while (day + 1 < current.days.length && row.bucket >= current.days[day + 1]!.start) day++;
    data[day]!.value += METRICS[metric](row as unknown as Counters); // it reads only the selected columns
  }
  return { metric, data };
}

export function timeseriesCsv(series: { metric: string; data: Array<{ date: string; value: number }> }): string {
  return `date,${series.metric}\r\n${series.data.map((p) => `${p.date},${p.value}`).join("\r\n")}\r\n`;
}

const MAX_CONVERSATION_IDS = 20;

function decodeOffset(cursor: string | undefined): number {
  if (!cursor) return 0;
  const bytes = fromBase64Url(cursor);
  const m = bytes ? /^o:(\d{1,7})$/.exec(fromUtf8(bytes)) : null;
  if (!m) throw fieldError("cursor", "is not a valid cursor");
  return Number(m[1]);
}

/** Unresolved unanswered questions in the range, grouped by their normalized text, most asked first. */
export async function unansweredQuestions(ctx: TenantCtx, q: { from?: string; to?: string; cursor?: string; limit: number }) {
  const { current } = resolveRange(q, await tenantTimeZone(ctx, ctx.tenantId), ctx.now());
  const offset = decodeOffset(q.cursor);
  const n = count();
  const last = sql<number>`max(${knowledgeGaps.createdAt})`;
  const groups = await ctx.db
    .select({ normalized: knowledgeGaps.normalized, count: n, lastAskedAt: last, conversationIds: sql<string>`group_concat(DISTINCT ${knowledgeGaps.conversationId})` })
    .from(knowledgeGaps)
    .where(and(eq(knowledgeGaps.tenantId, ctx.tenantId), isNull(knowledgeGaps.resolvedAt), gte(knowledgeGaps.createdAt, current.start), lt(knowledgeGaps.createdAt, current.end)))
    .groupBy(knowledgeGaps.normalized)
    .orderBy(sql`count(*) DESC`, sql`max(${knowledgeGaps.createdAt}) DESC`, asc(knowledgeGaps.normalized))
    .limit(q.limit + 1)
    .offset(offset)
    .all();
  const page = groups.slice(0, q.limit);
  // The question as it was last asked, in the customer's words.
  const latest = page.length
    ? await ctx.db
        .select({ normalized: knowledgeGaps.normalized, question: knowledgeGaps.question, createdAt: knowledgeGaps.createdAt })
        .from(knowledgeGaps)
        .where(and(eq(knowledgeGaps.tenantId, ctx.tenantId), isNull(knowledgeGaps.resolvedAt), inArray(knowledgeGaps.normalized, page.map((g) => g.normalized)), gte(knowledgeGaps.createdAt, current.start), lt(knowledgeGaps.createdAt, current.end)))
        .orderBy(asc(knowledgeGaps.createdAt))
        .all()
    : [];
  const questionOf = new Map(latest.map((r) => [r.normalized, r.question]));
  return {
    data: page.map((g) => ({
      question: questionOf.get(g.normalized) ?? g.normalized,
      count: Number(g.count),
      lastAskedAt: iso(Number(g.lastAskedAt))!,
      conversationIds: (g.conversationIds ?? "").split(",").filter(Boolean).slice(0, MAX_CONVERSATION_IDS),
    })),
    nextCursor: groups.length > q.limit ? toBase64Url(utf8(`o:${offset + q.limit}`)) : null,
  };
}

/** Mark every unresolved question asked like `question` as answered by the knowledge; returns how many were. */
export async function resolveQuestion(ctx: TenantCtx, question: string): Promise<number> {
  const normalized = normalizeQuestion(question);
  if (!normalized) throw fieldError("question", "must contain letters or digits");
  const rows = await ctx.db
    .update(knowledgeGaps)
    .set({ resolvedAt: ctx.now() })
    .where(and(eq(knowledgeGaps.tenantId, ctx.tenantId), eq(knowledgeGaps.normalized, normalized), isNull(knowledgeGaps.resolvedAt)))
    .returning({ id: knowledgeGaps.id });
  return rows.length;
}

/** "Add to knowledge": create the entry that answers the question, then take the question off the gap list. */
export async function answerQuestion(ctx: TenantCtx, input: { question: string; title: string; content: string; tags?: string[] }): Promise<{ entry: KnowledgeEntryView; resolved: number }> {
  if (!normalizeQuestion(input.question)) throw fieldError("question", "must contain letters or digits");
  const entry = await createKnowledge(ctx, { title: input.title, content: input.content, tags: input.tags });
  return { entry, resolved: await resolveQuestion(ctx, input.question) };
}
