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
import { SQLiteSyncDialect } from "drizzle-orm/sqlite-core";
import type { Ctx } from "../lib/context";

const QUARTER = 900_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
/** The histogram's time spans, largest first. */
export const SPANS = [DAY, HOUR, QUARTER] as const;

/** `ms` to two significant digits, rounded down: 0–99 as they are, then 100, 110, …, 990, 1000, 1100, … */
export function msBucket(value: number): number {
  const ms = Math.trunc(value);
  if (ms < 100) return ms;
  let div = 10;
  while (ms >= div * 100 && div < 1e12) div *= 10;
  return Math.floor(ms / div) * div;
}

/** The same in SQL, for the migration's triggers and the rebuild (integer division; a fractional time counts by its whole milliseconds). */
export function msBucketSql(value: string): string {
  const x = `CAST(${value} AS INTEGER)`;
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

export interface PercentileRequest {
  kind: "bot" | "human";
  start: number;
  end: number;
}

/** An integer the code computed itself, written into the SQL text (fewer bound parameters per query). */
const int = (n: number) => {
  if (!Number.isSafeInteger(n)) throw new Error(`not an integer: ${n}`);
  return sql.raw(String(n));
};

const dialect = new SQLiteSyncDialect();

/** Several reads in one D1 batch (one round trip); D1 allows few terms in a compound SELECT, so each stays a query of its own. */
async function readAll<T>(ctx: Ctx, queries: SQL[]): Promise<T[][]> {
  if (!queries.length) return [];
  const results = await ctx.env.DB.batch<T>(
    queries.map((q) => {
      const { sql: text, params } = dialect.sqlToQuery(q);
      return ctx.env.DB.prepare(text).bind(...params);
    }),
  );
  return results.map((r) => r.results ?? []);
}

/**
 * Exact nearest-rank percentiles `ps` (e.g. [50, 90]) for each request (a kind
 * of sample in [start, end)); null without samples. Two round trips whatever
 * the number of requests: the histogram of every request, then the one sample
 * at each percentile's offset inside its bucket.
 */
export async function percentiles(ctx: Ctx, tenantId: string, requests: readonly PercentileRequest[], ps: readonly number[]): Promise<Array<Array<number | null>>> {
  const hist = (
    await readAll<{ b: number; n: number }>(
      ctx,
      requests.map((r) => {
        const runs = decompose(r.start, r.end).map(
          (p) => sql`SELECT ms_bucket, n FROM analytics_response_histogram WHERE tenant_id = ${tenantId} AND kind = ${r.kind} AND span = ${int(p.span)} AND start >= ${int(p.from)} AND start < ${int(p.to)}`,
        );
        return runs.length
          ? sql`SELECT ms_bucket AS b, sum(n) AS n FROM (${sql.join(runs, sql` UNION ALL `)}) GROUP BY ms_bucket HAVING sum(n) > 0 ORDER BY ms_bucket`
          : sql`SELECT 0 AS b, 0 AS n WHERE 0`;
      }),
    )
  ).map((rows) => rows.map((x) => ({ b: Number(x.b), n: Number(x.n) })));

  // Where each percentile falls: its bucket and its offset among that bucket's samples in the range.
  const reads = new Map<string, { q: number; b: number; offset: number }>();
  const wanted = requests.map((_, q) =>
    ps.map((p) => {
      const h = hist[q]!;
      const total = h.reduce((s, x) => s + x.n, 0);
      if (!total) return null;
      const rank = nearestRank(p, total);
      let below = 0;
      for (const x of h) {
        if (below + x.n >= rank) {
          const key = `${q}:${x.b}:${rank - below - 1}`;
          reads.set(key, { q, b: x.b, offset: rank - below - 1 });
          return key;
        }
        below += x.n;
      }
      return null;
    }),
  );
  const keys = [...reads.keys()];
  const values = await readAll<{ ms: number }>(
    ctx,
    keys.map((key) => {
      const { q, b, offset } = reads.get(key)!;
      const r = requests[q]!;
      return sql`SELECT ms FROM analytics_response_times WHERE tenant_id = ${tenantId} AND kind = ${r.kind} AND ms_bucket = ${int(b)} AND at >= ${int(r.start)} AND at < ${int(r.end)} ORDER BY ms LIMIT 1 OFFSET ${int(offset)}`;
    }),
  );
  const valueOf = new Map(keys.map((key, i) => [key, values[i]?.[0] ? Number(values[i]![0]!.ms) : null]));
  return wanted.map((row) => row.map((key) => (key === null ? null : (valueOf.get(key) ?? null))));
}
