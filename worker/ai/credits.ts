// Credits: each tenant has a plan with monthly credits. An AI answer reserves
// its cost first with a conditional UPDATE that cannot take the balance below
// zero, and is refunded if the answer fails. Every movement is in the ledger.
import { and, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import { creditAccounts, creditLedger, tenants } from "../db/schema";
import type { Ctx, TenantCtx } from "../lib/context";
import { newId } from "../lib/ids";
import { buildEvent, emitEvents } from "../events/emit";
import { iso } from "../tenancy/serialize";
import { planNamed } from "./plans";

const MONTH_MS = 30 * 24 * 3600_000;

/**
 * A ledger row computed from the account row, written only when the statement
 * before it in the same batch changed exactly one row (`changes() = 1`): the
 * ledger can never record a movement that did not happen.
 */
function ledgerAfterChange(
  ctx: Ctx,
  row: { tenantId: string; delta: number; reason: "monthly_grant" | "answer" | "refund"; reference: string; balanceAfter: SQL | number; metadata?: Record<string, unknown> },
) {
  const now = ctx.now();
  const select = ctx.db
    .select({
      id: sql<string>`${newId("ledger", now)}`.as("id"),
      tenantId: creditAccounts.tenantId,
      delta: sql<number>`${row.delta}`.as("delta"),
      reason: sql<string>`${row.reason}`.as("reason"),
      reference: sql<string>`${row.reference}`.as("reference"),
      balanceAfter: sql<number>`${row.balanceAfter}`.as("balance_after"),
      metadata: sql<string | null>`${row.metadata ? JSON.stringify(row.metadata) : null}`.as("metadata"),
      createdAt: sql<number>`${now}`.as("created_at"),
    })
    .from(creditAccounts)
    .where(and(eq(creditAccounts.tenantId, row.tenantId), sql`changes() = 1`));
  return ctx.db.insert(creditLedger).select(select).onConflictDoNothing();
}

async function ensureAccount(ctx: Ctx, tenantId: string) {
  const existing = await ctx.db.select().from(creditAccounts).where(eq(creditAccounts.tenantId, tenantId)).get();
  if (existing) return existing;
  const tenant = await ctx.db.select({ plan: tenants.plan }).from(tenants).where(eq(tenants.id, tenantId)).get();
  const { name: plan, plan: terms } = planNamed(tenant?.plan);
  const monthly = terms.monthlyCredits;
  const now = ctx.now();
  await ctx.db.batch([
    ctx.db.insert(creditAccounts).values({ tenantId, plan, monthlyCredits: monthly, balance: monthly, periodStart: now, updatedAt: now }).onConflictDoNothing(),
    // Only the request that created the account writes its grant.
    ledgerAfterChange(ctx, { tenantId, delta: monthly, reason: "monthly_grant", reference: `period:${now}`, balanceAfter: monthly }),
  ]);
  return (await ctx.db.select().from(creditAccounts).where(eq(creditAccounts.tenantId, tenantId)).get())!;
}

export interface Reservation {
  ok: boolean;
  reference: string;
  cost: number;
  balance: number;
}

/** Take `cost` credits, or nothing at all when the balance is short. */
export async function reserveCredits(
  ctx: Ctx,
  tenantId: string,
  cost: number,
  opts: { reference?: string; lowThreshold?: number } = {},
): Promise<Reservation> {
  const reference = opts.reference ?? newId("ledger");
  const account = await ensureAccount(ctx, tenantId);
  if (cost === 0) return { ok: true, reference, cost, balance: account.balance };
  const now = ctx.now();
  const [updated] = await ctx.db.batch([
    ctx.db
      .update(creditAccounts)
      .set({ balance: sql`${creditAccounts.balance} - ${cost}`, updatedAt: now })
      .where(and(eq(creditAccounts.tenantId, tenantId), gte(creditAccounts.balance, cost)))
      .returning({ balance: creditAccounts.balance }),
    // The ledger row exists only if the update above took the credits.
    ledgerAfterChange(ctx, { tenantId, delta: -cost, reason: "answer", reference, balanceAfter: sql`${creditAccounts.balance}` }),
  ]);
  const row = updated[0];
  await notifyThresholds(ctx, tenantId, opts.lowThreshold);
  if (!row) return { ok: false, reference, cost, balance: account.balance };
  return { ok: true, reference, cost, balance: row.balance };
}

/** Give back a reservation whose answer failed; idempotent per reservation. */
export async function refundCredits(ctx: Ctx, tenantId: string, reservation: Reservation, why: string): Promise<void> {
  if (!reservation.ok || reservation.cost === 0) return;
  const now = ctx.now();
  await ctx.db.batch([
    // At most one refund per reservation (unique reference); the balance moves only if this row was written.
    ctx.db
      .insert(creditLedger)
      .select(
        ctx.db
          .select({
            id: sql<string>`${newId("ledger", now)}`.as("id"),
            tenantId: creditAccounts.tenantId,
            delta: sql<number>`${reservation.cost}`.as("delta"),
            reason: sql<string>`'refund'`.as("reason"),
            reference: sql<string>`${reservation.reference}`.as("reference"),
            balanceAfter: sql<number>`${creditAccounts.balance} + ${reservation.cost}`.as("balance_after"),
            metadata: sql<string>`${JSON.stringify({ why })}`.as("metadata"),
            createdAt: sql<number>`${now}`.as("created_at"),
          })
          .from(creditAccounts)
          .where(eq(creditAccounts.tenantId, tenantId)),
      )
      .onConflictDoNothing(),
    ctx.db
      .update(creditAccounts)
      .set({ balance: sql`${creditAccounts.balance} + ${reservation.cost}`, updatedAt: now })
      .where(and(eq(creditAccounts.tenantId, tenantId), sql`changes() = 1`)),
  ]);
}

/** credit.low once per period when the balance crosses the threshold; credit.exhausted at zero. */
async function notifyThresholds(ctx: Ctx, tenantId: string, lowThreshold = 0.2): Promise<void> {
  const a = await ctx.db.select().from(creditAccounts).where(eq(creditAccounts.tenantId, tenantId)).get();
  if (!a) return;
  const now = ctx.now();
  const events = [];
  if (a.balance <= 0 && a.exhaustedNotifiedAt === null) {
    const claimed = await ctx.db
      .update(creditAccounts)
      .set({ exhaustedNotifiedAt: now })
      .where(and(eq(creditAccounts.tenantId, tenantId), sql`${creditAccounts.exhaustedNotifiedAt} IS NULL`))
      .returning({ t: creditAccounts.tenantId });
    if (claimed.length) events.push(buildEvent(ctx, tenantId, "credit.exhausted", { credits: { balance: a.balance, monthlyCredits: a.monthlyCredits, plan: a.plan } }));
  } else if (a.balance > 0 && a.balance <= a.monthlyCredits * lowThreshold && a.lowNotifiedAt === null) {
    const claimed = await ctx.db
      .update(creditAccounts)
      .set({ lowNotifiedAt: now })
      .where(and(eq(creditAccounts.tenantId, tenantId), sql`${creditAccounts.lowNotifiedAt} IS NULL`))
      .returning({ t: creditAccounts.tenantId });
    if (claimed.length) events.push(buildEvent(ctx, tenantId, "credit.low", { credits: { balance: a.balance, monthlyCredits: a.monthlyCredits, plan: a.plan }, threshold: lowThreshold }));
  }
  await emitEvents(ctx, events);
}

export async function creditSummary(ctx: TenantCtx) {
  const a = await ensureAccount(ctx, ctx.tenantId);
  const now = ctx.now();
  const weekAgo = now - 7 * 24 * 3600_000;
  const burn = await ctx.db
    .select({ spent: sql<number>`coalesce(-sum(${creditLedger.delta}), 0)` })
    .from(creditLedger)
    .where(and(eq(creditLedger.tenantId, ctx.tenantId), gte(creditLedger.createdAt, weekAgo), sql`${creditLedger.reason} IN ('answer', 'refund')`))
    .get();
  const perDay = Math.max(0, burn?.spent ?? 0) / 7;
  const projected = perDay > 0 ? now + (a.balance / perDay) * 24 * 3600_000 : null;
  return {
    balance: a.balance,
    monthlyCredits: a.monthlyCredits,
    plan: a.plan,
    periodStart: iso(a.periodStart)!,
    periodEndsAt: iso(a.periodStart + MONTH_MS)!,
    burnPerDay: Math.round(perDay * 100) / 100,
    projectedExhaustionAt: projected === null ? null : iso(Math.round(projected)),
  };
}

export async function listLedger(ctx: TenantCtx, q: { limit: number; cursor: string | null }) {
  await ensureAccount(ctx, ctx.tenantId);
  const rows = await ctx.db
    .select()
    .from(creditLedger)
    .where(and(eq(creditLedger.tenantId, ctx.tenantId), q.cursor ? lt(creditLedger.id, q.cursor) : undefined))
    .orderBy(desc(creditLedger.id))
    .limit(q.limit + 1)
    .all();
  return rows.map((r) => ({ id: r.id, delta: r.delta, reason: r.reason, reference: r.reference, balanceAfter: r.balanceAfter, metadata: r.metadata ?? null, createdAt: iso(r.createdAt)! }));
}

/** Cron: start a new period for accounts whose month is over. */
export async function renewCreditPeriods(ctx: Ctx): Promise<number> {
  const now = ctx.now();
  const due = await ctx.db.select().from(creditAccounts).where(lt(creditAccounts.periodStart, now - MONTH_MS)).limit(100).all();
  for (const a of due) {
    const reference = `period:${a.periodStart + MONTH_MS}`;
    await ctx.db.batch([
      ctx.db
        .update(creditAccounts)
        .set({ balance: a.monthlyCredits, periodStart: a.periodStart + MONTH_MS, lowNotifiedAt: null, exhaustedNotifiedAt: null, updatedAt: now })
        .where(and(eq(creditAccounts.tenantId, a.tenantId), eq(creditAccounts.periodStart, a.periodStart))),
      ledgerAfterChange(ctx, { tenantId: a.tenantId, delta: a.monthlyCredits - a.balance, reason: "monthly_grant", reference, balanceAfter: a.monthlyCredits }),
    ]);
  }
  return due.length;
}
