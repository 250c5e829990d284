// Exact fixed-window counters. A Durable Object runs one event at a time and
// the check-and-increment below has no await inside it, so a limit of N admits
// exactly N however many isolates call at once. An alarm removes expired rows.
import { DurableObject } from "cloudflare:workers";
import { z } from "zod";
import type { Env } from "../env";
import { policySchema, type RateLimitPolicy, type RateLimitResult } from "./policies";

const keySchema = z.string().min(1).max(512);
/** Cost 0 only looks: "would one more be allowed?" without counting it. */
const costSchema = z.number().int().min(0).max(1000);
const checksSchema = z.array(z.object({ key: keySchema, policy: policySchema, cost: costSchema.default(1) })).min(1).max(10);

interface WindowRow extends Record<string, SqlStorageValue> {
  window_start: number;
  reset_at: number;
  count: number;
}

export class RateLimiterDO extends DurableObject<Env> {
  /** Whether the table exists; the alarm's deleteAll() drops it while this instance lives on. */
  private schemaReady = false;

  private ensureSchema(): void {
    if (this.schemaReady) return;
    this.ctx.storage.sql.exec(
      `CREATE TABLE IF NOT EXISTS windows (
         key TEXT PRIMARY KEY,
         window_start INTEGER NOT NULL,
         reset_at INTEGER NOT NULL,
         count INTEGER NOT NULL
       )`,
    );
    this.schemaReady = true;
  }

  async limit(key: string, policy: RateLimitPolicy, cost = 1): Promise<RateLimitResult> {
    return this.limitAll([{ key, policy, cost }]);
  }

  /**
   * Several counters of this object checked together and counted together: all
   * of them, or none when one would go over (that one's result is returned;
   * otherwise the first's). One call for, say, a number's rate and one of its
   * customers', with the customers' counters as rows of the number's object.
   */
  async limitAll(checks: Array<{ key: string; policy: RateLimitPolicy; cost?: number }>): Promise<RateLimitResult> {
    const parsed = checksSchema.parse(checks);
    this.ensureSchema();
    const now = Date.now();
    const sql = this.ctx.storage.sql;
    const windows = parsed.map(({ key, policy: { limit, windowMs }, cost }) => {
      const windowStart = Math.floor(now / windowMs) * windowMs;
      const row = sql.exec<WindowRow>("SELECT window_start, reset_at, count FROM windows WHERE key = ?", key).toArray()[0];
      const used = row && row.window_start === windowStart ? row.count : 0;
      const allowed = cost === 0 ? used < limit : used + cost <= limit;
      return { key, limit, used, cost, allowed, windowStart, resetAt: windowStart + windowMs };
    });
    const all = windows.every((w) => w.allowed);
    const countOf = (w: (typeof windows)[number]) => (all ? w.used + w.cost : w.used);
    for (const w of windows) {
      sql.exec(
        `INSERT INTO windows (key, window_start, reset_at, count) VALUES (?, ?, ?, ?)
         ON CONFLICT(key) DO UPDATE SET window_start = excluded.window_start, reset_at = excluded.reset_at, count = excluded.count`,
        w.key,
        w.windowStart,
        w.resetAt,
        countOf(w),
      );
    }
    await this.scheduleCleanup(Math.min(...windows.map((w) => w.resetAt)));
    const shown = windows.find((w) => !w.allowed) ?? windows[0]!;
    return { allowed: all, limit: shown.limit, remaining: Math.max(0, shown.limit - countOf(shown)), resetAt: shown.resetAt };
  }

  /**
   * Give back one counted hit of the window that ends at `resetAt` (a login that
   * turned out to be the right password). A later window is left alone.
   */
  async refund(key: string, resetAt: number): Promise<void> {
    keySchema.parse(key);
    this.ensureSchema();
    this.ctx.storage.sql.exec("UPDATE windows SET count = count - 1 WHERE key = ? AND reset_at = ? AND count > 0", key, resetAt);
  }

  /** Cheap liveness probe for the health check. */
  async ping(): Promise<"pong"> {
    return "pong";
  }

  override async alarm(): Promise<void> {
    this.ensureSchema();
    const now = Date.now();
    this.ctx.storage.sql.exec("DELETE FROM windows WHERE reset_at <= ?", now);
    const next = this.ctx.storage.sql.exec<{ next: number | null }>("SELECT MIN(reset_at) AS next FROM windows").one().next;
    if (next !== null) {
      await this.ctx.storage.setAlarm(next);
    } else {
      // Nothing left to count: drop all storage so idle keys cost nothing.
      await this.ctx.storage.deleteAlarm();
      await this.ctx.storage.deleteAll();
      this.schemaReady = false;
    }
  }

  private async scheduleCleanup(at: number): Promise<void> {
    const current = await this.ctx.storage.getAlarm();
    if (current === null || current > at) await this.ctx.storage.setAlarm(at);
  }
}
