// Response-time percentiles from the histogram (O(days) rows plus the samples
// of one bucket) must equal the exact nearest-rank percentile computed from the
// raw samples, for any range of quarter-hour-aligned days, after deletes too.
import { env } from "cloudflare:workers";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { decompose, msBucket, msBucketSql, nearestRank, percentiles } from "../../../worker/analytics/latency";
import { createDb } from "../../../worker/db/client";
import { ctxWith } from "../helpers/assistant";
import { createTenant } from "../helpers/tenants";

const db = createDb(env.DB);
const QUARTER = 900_000;
const DAY = 86_400_000;
const START = Date.UTC(2026, 2, 1);

function rng(seed: number) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The exact nearest-rank percentile of the raw samples, sorted in full. */
async function exact(tenantId: string, kind: string, start: number, end: number, p: number) {
  const rows = await db.all<{ ms: number }>(sql`SELECT ms FROM analytics_response_times WHERE tenant_id = ${tenantId} AND kind = ${kind} AND at >= ${start} AND at < ${end}`);
  const ms = rows.map((r) => Number(r.ms)).sort((a, b) => a - b);
  return ms.length ? ms[Math.ceil((p / 100) * ms.length) - 1]! : null;
}

describe("response-time percentiles", () => {
  it("msBucket in TypeScript and in SQL agree, and keep two significant digits", async () => {
    const r = rng(3);
    const values = [0, 1, 99, 100, 109, 110, 999, 1000, 1099, 12_345, 99_999, 100_000, 86_399_999, 10 ** 12, 10 ** 13 + 7];
    for (let i = 0; i < 200; i++) values.push(Math.floor(10 ** (r() * 10)));
    const rows = await db.all<{ v: number; b: number }>(sql.raw(`WITH t(v) AS (VALUES ${values.map((v) => `(${v})`).join(", ")}) SELECT v, ${msBucketSql("v")} AS b FROM t`));
    for (const row of rows) {
      expect(Number(row.b), String(row.v)).toBe(msBucket(Number(row.v)));
      expect(msBucket(Number(row.v))).toBeLessThanOrEqual(Number(row.v));
    }
    expect([99, 100, 109, 110, 999, 1000, 1099, 12_345].map(msBucket)).toEqual([99, 100, 100, 110, 990, 1000, 1000, 12_000]);
  });

  it("a range decomposes into days, hours and quarters that cover it exactly once", () => {
    const r = rng(5);
    for (let i = 0; i < 300; i++) {
      const start = START + Math.floor(r() * 400) * QUARTER;
      const end = start + Math.floor(r() * 800) * QUARTER;
      const pieces = decompose(start, end);
      let t = start;
      for (const p of pieces) {
        expect(p.from).toBe(t);
        expect(p.from % p.span).toBe(0);
        expect((p.to - p.from) % p.span).toBe(0);
        t = p.to;
      }
      expect(t).toBe(end === start ? start : end);
      // Whole days in the middle, at most 23 hours and 3 quarters on each side: O(days) histogram rows.
      expect(pieces.length).toBeLessThanOrEqual(5);
    }
  });

  it("nearest rank is the smallest rank with at least p of the samples at or below it", () => {
    expect([1, 2, 3, 9, 10, 11].map((n) => nearestRank(50, n))).toEqual([1, 1, 2, 5, 5, 6]);
    expect([1, 2, 9, 10, 11, 100].map((n) => nearestRank(90, n))).toEqual([1, 2, 9, 9, 10, 90]);
  });

  for (const seed of [1, 2, 3]) {
    it(`equal the exact percentile of the raw samples on random data and ranges (seed ${seed})`, async () => {
      const owner = await createTenant();
      const tenantId = owner.tenant.id;
      const r = rng(seed * 7919);
      const rows: Array<{ id: string; kind: "bot" | "human"; at: number; ms: number }> = [];
      for (let i = 0; i < 1500; i++) {
        // Clustered times (many ties and crowded buckets) and a long tail over six decades.
        const ms = r() < 0.3 ? 1000 + Math.floor(r() * 5) * 37 : Math.floor(10 ** (1 + r() * 6));
        rows.push({ id: `msg_${seed}_${i}`, kind: r() < 0.7 ? "bot" : "human", at: START + Math.floor(r() * 10 * DAY), ms });
      }
      for (let i = 0; i < rows.length; i += 16) {
        const chunk = rows.slice(i, i + 16);
        await db.run(
          sql`INSERT INTO analytics_response_times (message_id, tenant_id, kind, at, ms, ms_bucket) VALUES ${sql.join(
            chunk.map((x) => sql`(${x.id}, ${tenantId}, ${x.kind}, ${x.at}, ${x.ms}, ${msBucket(x.ms)})`),
            sql`, `,
          )}`,
        );
      }
      // A reply deleted (with its message) leaves the histogram too.
      await db.run(sql`DELETE FROM analytics_response_times WHERE tenant_id = ${tenantId} AND message_id IN (SELECT message_id FROM analytics_response_times WHERE tenant_id = ${tenantId} ORDER BY message_id LIMIT 200)`);

      const ctx = ctxWith();
      for (let i = 0; i < 10; i++) {
        // Ranges start and end on any quarter hour (every zone's midnight), from one quarter to ten days; several answered at once.
        const requests = Array.from({ length: 4 }, (_, j) => {
          const start = START - DAY + Math.floor(r() * 11 * 96) * QUARTER;
          const end = i === 0 && j === 0 ? start + 12 * DAY : start + (1 + Math.floor(r() * 10 * 96)) * QUARTER;
          return { kind: j % 2 ? ("human" as const) : ("bot" as const), start, end };
        });
        const got = await percentiles(ctx, tenantId, requests, [50, 75, 90]);
        for (const [j, q] of requests.entries()) {
          expect(got[j], `${q.kind} ${new Date(q.start).toISOString()}..${new Date(q.end).toISOString()}`).toEqual([
            await exact(tenantId, q.kind, q.start, q.end, 50),
            await exact(tenantId, q.kind, q.start, q.end, 75),
            await exact(tenantId, q.kind, q.start, q.end, 90),
          ]);
        }
      }
      // No sample in range: null.
      expect(await percentiles(ctx, tenantId, [{ kind: "bot", start: START - 5 * DAY, end: START - 4 * DAY }], [50, 90])).toEqual([[null, null]]);
    });
  }
});
