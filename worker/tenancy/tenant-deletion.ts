// Deleting a workspace (tenant). An owner asks with their password and the
// workspace's name; in one D1 batch the workspace stops working for everyone
// and everything: members lose it (memberships deleted, sessions pointed at it
// released), API keys and open invitations are revoked, channels are
// disconnected with their secrets dropped and retired (their webhook URLs
// answer 200 and store nothing), running campaigns are cancelled, webhook
// endpoints are disabled and unsent notification emails dropped. Everything
// that sends (outbound consumer, campaign pacer, webhook delivery, template
// sync, reminders) already refuses a disconnected channel, a cancelled
// campaign or a disabled endpoint.
//
// The data is then erased by the maintenance cron in bounded passes: R2 files
// under the tenant's prefix, then every table with a tenant_id in chunks,
// children before parents (so a cascade never has a subtree to walk), the
// analytics rollups last (deleting messages and contacts adjusts them through
// triggers), then the tenant row. Each chunk is one statement over at most
// CHUNK rows of one table; nothing depends on where a previous pass stopped, so
// a pass cut short by its budget or a crash is simply continued by the next.
// The `tenant_deletions` row stays: who asked, when, and when it was done.
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { getTableConfig } from "drizzle-orm/sqlite-core";
import { z } from "zod";
import {
  apiKeys,
  campaigns,
  channels,
  contacts,
  emails,
  invitations,
  memberships,
  retiredChannels,
  sessions,
  tenantDeletions,
  tenants,
  users,
  webhookEndpoints,
} from "../db/schema";
import { AppError, unprocessableField } from "../http/errors";
import { knowledgeFts } from "../ai/fts";
import { forgetChannel } from "../inbound/ingress";
import { verifyPassword } from "../lib/crypto";
import type { Ctx, TenantCtx } from "../lib/context";
import { errorFields } from "../lib/logger";
import { r2Key } from "../media/store";
import { realtimeStub } from "../realtime/publish";
import { tenantTables, type TenantTable } from "./export";
import { iso } from "./serialize";

export const deleteTenantInput = z.object({
  password: z.string().min(1, { message: "is required" }).max(256),
  name: z.string().min(1, { message: "is required" }).max(200),
});


export interface TenantDeletionView {
  id: string;
  name: string;
  status: "scheduled";
  requestedAt: string;
  /** What happens next, in words for people. */
  detail: string;
}

/** Schedules the deletion of the caller's workspace and makes it unusable at once. Owners only (checked by the route). */
export async function requestTenantDeletion(ctx: TenantCtx, input: z.infer<typeof deleteTenantInput>): Promise<TenantDeletionView> {
  if (ctx.actor.type !== "user" || !ctx.userId) throw new AppError("forbidden", "Deleting a workspace needs a signed-in owner, not an API key");
  const t = ctx.tenantId;
  const [user, tenant] = await Promise.all([
    ctx.db.select().from(users).where(eq(users.id, ctx.userId)).get(),
    ctx.db.select().from(tenants).where(eq(tenants.id, t)).get(),
  ]);
  if (!user || !tenant) throw new AppError("unauthorized", "Log in again to delete this workspace");
  if (!(await verifyPassword(input.password, user.passwordHash))) throw unprocessableField("password", "is not your password");
  if (input.name !== tenant.name) throw unprocessableField("name", "does not match the workspace's name; type it exactly as shown");

  const now = ctx.now();
  const [members, keys, channelRows] = await Promise.all([
    ctx.db.select({ userId: memberships.userId }).from(memberships).where(eq(memberships.tenantId, t)).all(),
    ctx.db.select({ id: apiKeys.id }).from(apiKeys).where(and(eq(apiKeys.tenantId, t), isNull(apiKeys.revokedAt))).all(),
    ctx.db.select({ id: channels.id }).from(channels).where(eq(channels.tenantId, t)).all(),
  ]);
  // Every statement is idempotent: a second owner deleting at the same moment gets the same result.
  await ctx.db.batch([
    ctx.db.insert(tenantDeletions).values({ id: t, plan: tenant.plan, requestedBy: ctx.userId, requestedAt: now }).onConflictDoNothing(),
    ctx.db
      .insert(retiredChannels)
      .select(ctx.db.select({ id: channels.id, deletionId: channels.tenantId, retiredAt: sql<number>`${now}`.as("retired_at") }).from(channels).where(eq(channels.tenantId, t)))
      .onConflictDoNothing(),
    ctx.db
      .update(channels)
      .set({ status: "disconnected", secrets: null, verifyToken: null, attentionReason: null, updatedAt: now })
      .where(eq(channels.tenantId, t)),
    ctx.db
      .update(campaigns)
      .set({ status: "cancelled", completedAt: now, updatedAt: now })
      .where(and(eq(campaigns.tenantId, t), inArray(campaigns.status, ["scheduled", "sending", "paused"]))),
    ctx.db
      .update(webhookEndpoints)
      .set({ enabled: false, disabledReason: "manual", disabledAt: now, updatedAt: now })
      .where(and(eq(webhookEndpoints.tenantId, t), eq(webhookEndpoints.enabled, true))),
    ctx.db.update(apiKeys).set({ revokedAt: now }).where(and(eq(apiKeys.tenantId, t), isNull(apiKeys.revokedAt))),
    ctx.db
      .update(invitations)
      .set({ revokedAt: now })
      .where(and(eq(invitations.tenantId, t), isNull(invitations.acceptedAt), isNull(invitations.revokedAt))),
    ctx.db.delete(emails).where(and(eq(emails.tenantId, t), inArray(emails.status, ["pending", "outbox"]))),
    ctx.db.update(sessions).set({ tenantId: null }).where(eq(sessions.tenantId, t)),
    ctx.db.delete(memberships).where(eq(memberships.tenantId, t)),
  ]);
  for (const c of channelRows) forgetChannel(c.id);
  // Open dashboards and API sockets of this workspace are closed now.
  try {
    const feed = realtimeStub(ctx.env, t);
    await Promise.all([...members.map((m) => feed.disconnect({ userId: m.userId })), ...keys.map((k) => feed.disconnect({ actorId: k.id }))]);
  } catch (err) {
    ctx.logger.error("could not close the live feed of a deleted workspace", { tenantId: t, ...errorFields(err) });
  }
  ctx.logger.info("workspace deletion requested", { tenantId: t, members: members.length, channels: channelRows.length });
  return {
    id: t,
    name: tenant.name,
    status: "scheduled",
    requestedAt: iso(now)!,
    detail: "The workspace is closed. Its messages, contacts, files and settings are erased in the background, usually within the hour.",
  };
}

/** True when the tenant was deleted (its data may still be being erased). */
export async function isTenantDeleted(ctx: Ctx, tenantId: string): Promise<boolean> {
  return !!(await ctx.db.select({ id: tenantDeletions.id }).from(tenantDeletions).where(eq(tenantDeletions.id, tenantId)).get());
}

// ---- Erasure ---------------------------------------------------------------

/** Rows per statement. Children go first, so a parent's cascade finds nothing left to delete. */
const CHUNK = 500;
/** Contacts per chunk: each one's conversation object is cleared first. */
const CONTACT_CHUNK = 50;
/** Keys per R2 list/delete call (R2's maximum for both). */
const R2_PAGE = 1000;
/**
 * Deleted after everything else, in this order: triggers on messages, contacts,
 * conversations, bookings and knowledge gaps write to the rollups while those
 * rows go, and the response-time samples feed the histogram.
 */
const TAIL = ["analytics_response_times", "analytics_response_histogram", "analytics_breakdowns", "analytics_buckets", "analytics_state", "audit_log"];

let order: TenantTable[] | null = null;

/** Every tenant table, each before the tables it references (children first), the rollups last. */
export function erasureOrder(): TenantTable[] {
  if (order) return order;
  const tables = tenantTables();
  const names = new Set(tables.map((t) => t.name));
  const parents = new Map(
    tables.map((t) => [
      t.name,
      new Set(
        getTableConfig(t.table)
          .foreignKeys.map((fk) => getTableConfig(fk.reference().foreignTable).name)
          .filter((n) => n !== t.name && names.has(n)),
      ),
    ]),
  );
  const remaining = new Map(tables.map((t) => [t.name, t]));
  const sorted: TenantTable[] = [];
  while (remaining.size) {
    // A table is ready when no remaining table references it.
    const ready = [...remaining.keys()].filter((n) => ![...remaining.keys()].some((m) => m !== n && parents.get(m)!.has(n)));
    if (!ready.length) throw new Error(`foreign keys form a cycle among ${[...remaining.keys()].join(", ")}`);
    for (const n of ready.sort()) {
      sorted.push(remaining.get(n)!);
      remaining.delete(n);
    }
  }
  const rank = (n: string) => TAIL.indexOf(n);
  order = [...sorted.filter((t) => rank(t.name) < 0), ...TAIL.flatMap((n) => sorted.filter((t) => t.name === n))];
  return order;
}

export interface ErasureBudget {
  /** Stop starting new chunks after this time (ms since epoch). */
  deadline: number;
  /** Stop after this many chunks (tests use it to cut a pass short). */
  maxChunks?: number;
}

interface Pass {
  ctx: Ctx;
  tenantId: string;
  budget: ErasureBudget;
  chunks: number;
  removed: number;
}

const outOfBudget = (p: Pass) => p.ctx.now() >= p.budget.deadline || (p.budget.maxChunks !== undefined && p.chunks >= p.budget.maxChunks);

/** Counts a chunk's rows into the deletion record in the same batch as the delete. */
function counted(ctx: Ctx, tenantId: string) {
  return ctx.db
    .update(tenantDeletions)
    .set({ rowsErased: sql`${tenantDeletions.rowsErased} + changes()` })
    .where(eq(tenantDeletions.id, tenantId));
}

const changes = (result: unknown) => (result as { meta?: { changes?: number } }).meta?.changes ?? 0;

/** One chunk of one table; returns the rows deleted (fewer than the chunk size: the table is done). */
async function eraseChunk(p: Pass, t: TenantTable): Promise<{ removed: number; done: boolean }> {
  const { ctx, tenantId } = p;
  if (t.name === "sessions") {
    // A session belongs to its user; it only stops pointing at this workspace.
    const [r] = await ctx.db.batch([ctx.db.update(sessions).set({ tenantId: null }).where(eq(sessions.tenantId, tenantId))]);
    return { removed: changes(r), done: true };
  }
  if (t.name === "contacts") {
    const ids = (await ctx.db.select({ id: contacts.id }).from(contacts).where(eq(contacts.tenantId, tenantId)).orderBy(asc(contacts.id)).limit(CONTACT_CHUNK).all()).map((r) => r.id);
    if (!ids.length) return { removed: 0, done: true };
    // Each contact's conversation object holds receipts and waiting turns: cleared before its row goes.
    await Promise.all(ids.map((id) => ctx.env.CONVERSATIONS.get(ctx.env.CONVERSATIONS.idFromName(`${tenantId}:${id}`)).forget()));
    const [r] = await ctx.db.batch([ctx.db.delete(contacts).where(and(eq(contacts.tenantId, tenantId), inArray(contacts.id, ids))), counted(ctx, tenantId)]);
    return { removed: changes(r), done: ids.length < CONTACT_CHUNK };
  }
  if (t.name === "knowledge_chunks") {
    // The full-text index of the chunks has no trigger: its rows go first, found through its tenant column.
    const match = `tenant_id : "${tenantId.replace(/"/g, "")}"`;
    const [fts] = await ctx.db.batch([
      ctx.db
        .delete(knowledgeFts)
        .where(sql`rowid IN (SELECT rowid FROM knowledge_fts WHERE knowledge_fts MATCH ${match} AND tenant_id = ${tenantId} LIMIT ${CHUNK})`),
      counted(ctx, tenantId),
    ]);
    if (changes(fts) > 0) return { removed: changes(fts), done: false };
  }
  const table = sql.identifier(t.name);
  const [r] = await ctx.db.batch([
    ctx.db.delete(t.table).where(sql`rowid IN (SELECT rowid FROM ${table} WHERE tenant_id = ${tenantId} LIMIT ${CHUNK})`),
    counted(ctx, tenantId),
  ]);
  const removed = changes(r);
  return { removed, done: removed < CHUNK };
}

/** One page of the tenant's stored files (media/store.ts keys them `{tenant}/{media id}`). */
async function eraseObjects(p: Pass): Promise<{ removed: number; done: boolean }> {
  const { ctx, tenantId } = p;
  const prefix = r2Key(tenantId, "");
  const listed = await ctx.env.MEDIA.list({ prefix, limit: R2_PAGE });
  const keys = listed.objects.map((o) => o.key);
  if (keys.length) {
    await ctx.env.MEDIA.delete(keys);
    await ctx.db.update(tenantDeletions).set({ objectsDeleted: sql`${tenantDeletions.objectsDeleted} + ${keys.length}` }).where(eq(tenantDeletions.id, tenantId));
  }
  return { removed: keys.length, done: !listed.truncated };
}

/** The workspace's live feed keeps a day of events (with message texts) in its object: dropped. */
async function eraseLiveFeed(p: Pass): Promise<{ removed: number; done: boolean }> {
  await realtimeStub(p.ctx.env, p.tenantId).forget();
  // Not counted as removed: the feed is cleared once per pass and nothing refills it.
  return { removed: 0, done: true };
}

/**
 * Erases as much of one deleted tenant as the budget allows. Returns true once
 * nothing of it is left (and records that); false when the budget ran out first.
 */
export async function eraseTenant(ctx: Ctx, tenantId: string, budget: ErasureBudget): Promise<boolean> {
  const p: Pass = { ctx, tenantId, budget, chunks: 0, removed: 0 };
  await ctx.db.update(tenantDeletions).set({ passes: sql`${tenantDeletions.passes} + 1` }).where(eq(tenantDeletions.id, tenantId));
  for (;;) {
    // A pass that finds nothing anywhere (after the tenant row is gone) is the proof the erasure is complete.
    p.removed = 0;
    const steps: Array<() => Promise<{ removed: number; done: boolean }>> = [
      () => eraseLiveFeed(p),
      () => eraseObjects(p),
      ...erasureOrder().map((t) => () => eraseChunk(p, t)),
    ];
    for (const step of steps) {
      for (;;) {
        if (outOfBudget(p)) return false;
        p.chunks += 1;
        const { removed, done } = await step();
        p.removed += removed;
        if (done) break;
      }
    }
    if (outOfBudget(p)) return false;
    p.chunks += 1;
    // Last: the tenant row (its cascades find empty tables; late rows of a job still running go with it).
    const [gone] = await ctx.db.batch([ctx.db.delete(tenants).where(eq(tenants.id, tenantId))]);
    if (p.removed === 0 && changes(gone) === 0) break;
  }
  await ctx.db.update(tenantDeletions).set({ erasedAt: ctx.now() }).where(and(eq(tenantDeletions.id, tenantId), isNull(tenantDeletions.erasedAt)));
  ctx.logger.info("deleted workspace erased", { tenantId });
  return true;
}

/** The cron's part: erase deleted workspaces, oldest first, within the budget. */
export async function eraseDeletedTenants(ctx: Ctx, budget: ErasureBudget = { deadline: ctx.now() + 60_000 }): Promise<{ erased: number; pending: number }> {
  const pending = await ctx.db
    .select({ id: tenantDeletions.id })
    .from(tenantDeletions)
    .where(isNull(tenantDeletions.erasedAt))
    .orderBy(asc(tenantDeletions.requestedAt))
    .limit(20)
    .all();
  let erased = 0;
  for (const { id } of pending) {
    if (ctx.now() >= budget.deadline) break;
    try {
      if (await eraseTenant(ctx, id, budget)) erased += 1;
      else break;
    } catch (err) {
      // The next run continues where this one stopped.
      ctx.logger.error("erasing a deleted workspace failed; the next run continues it", { tenantId: id, ...errorFields(err) });
    }
  }
  return { erased, pending: pending.length - erased };
}
