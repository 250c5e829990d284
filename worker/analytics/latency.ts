// Exact response-time percentiles that read O(days) rows, not every sample.
//
// Each sample (analytics_response_times, one per reply that answered waiting
// customer messages) also counts in analytics_response_histogram: per response-
// time bucket (`ms` to two significant digits) and per UTC day, hour and
// quarter hour. A range of local days starts and ends on quarter hours, so it
// is a few runs of whole days, hours and quarters; summing those histogram rows
// gives the count per bucket in the range, which names the bucket holding the
// percentile's rank and the rank inside it. The exact value is then read from
// the samples of that one bucket in the range (an index range on tenant, kind,
// bucket and time), sorted by `ms`.
import { sql, type SQL } from "drizzle-orm";
import type { Ctx } from "../lib/context";

const QUARTER = 900_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
/** The histogram's time spans, largest first. */
export const SPANS = [DAY, HOUR, QUARTER] as const;

/** `ms` to two significant digits, rounded down: 0–99 as they are, then 100, 110, …, 990, 1000, 1100, … */
export function msBucket(ms: number): number {
  if (ms < 100) return ms;
  let div = 10;
  while (ms >= div * 100 && div < 1e12) div *= 10;
  return Math.floor(ms / div) * div;
}

/** The same in SQL, for the migration's triggers and the rebuild (integer division). */
export function msBucketSql(x: string): string {
  const parts = [`WHEN ${x} < 100 THEN ${x}`];
  for (let d = 3; d <= 13; d++) parts.push(`WHEN ${x} < ${10 ** d} THEN (${x} / ${10 ** (d - 2)}) * ${10 ** (d - 2)}`);
  return `CASE ${parts.join(" ")} ELSE (${x} / ${10 ** 12}) * ${10 ** 12} END`;
}

export interface Piece {
  span: number;
  from: number;
  /** Exclusive: the start of the first span after the run. */
  to: number;
}

/** [start, end) (quarter-hour aligned) as runs of whole UTC days, hours and quarters, greedily largest first. */
export function decompose(start: number, end: number): Piece[] {
  if (start % QUARTER !== 0 || end % QUARTER !== 0) throw new Error("range edges must fall on quarter hours");
  const out: Piece[] = [];
  let t = start;
  while (t < end) {
    const span = SPANS.find((s) => t % s === 0 && t + s <= end)!;
    const last = out.at(-1);
    if (last && last.span === span && last.to === t) last.to = t + span;
    else out.push({ span, from: t, to: t + span });
    t += span;
  }
  return out;
}

/** Nearest-rank: the smallest sample with at least p of the n samples at or below it (1-based rank). */
export const nearestRank = (p: number, n: number) => Math.max(1, Math.floor((p * n + 99) / 100));

/** Exact nearest-rank percentiles `ps` (e.g. [50, 90]) of one kind of sample in [start, end); nulls without samples. */
export async function percentiles(ctx: Ctx, tenantId: string, kind: "bot" | "human", start: number, end: number, ps: readonly number[]): Promise<Array<number | null>> {
  const runs = decompose(start, end).map(
    (p) => sql`SELECT ms_bucket, n FROM analytics_response_histogram WHERE tenant_id = ${tenantId} AND kind = ${kind} AND span = ${p.span} AND start >= ${p.from} AND start < ${p.to}`,
  );
  if (!runs.length) return ps.map(() => null);
  const hist = await ctx.db.all<{ b: number; n: number }>(sql`SELECT ms_bucket AS b, sum(n) AS n FROM (${sql.join(runs, sql` UNION ALL `)}) GROUP BY ms_bucket HAVING sum(n) > 0 ORDER BY ms_bucket`);
  const total = hist.reduce((s, h) => s + Number(h.n), 0);
  if (!total) return ps.map(() => null);
  const reads = new Map<string, Promise<number | null>>();
  return Promise.all(
    ps.map((p) => {
      const rank = nearestRank(p, total);
      let below = 0;
      const at = hist.find((h) => (below += Number(h.n)) >= rank)!;
      const offset = rank - (below - Number(at.n)) - 1;
      const key = `${at.b}:${offset}`;
      if (!reads.has(key)) reads.set(key, sampleAt(ctx, tenantId, kind, at.b, start, end, offset));
      return reads.get(key)!;
    }),
  );
}

function sampleAt(ctx: Ctx, tenantId: string, kind: string, bucket: number, start: number, end: number, offset: number): Promise<number | null> {
  const q: SQL = sql`SELECT ms FROM analytics_response_times WHERE tenant_id = ${tenantId} AND kind = ${kind} AND ms_bucket = ${bucket} AND at >= ${start} AND at < ${end} ORDER BY ms LIMIT 1 OFFSET ${offset}`;
  return ctx.db.all<{ ms: number }>(q).then((rows) => (rows[0] ? Number(rows[0].ms) : null));
}
