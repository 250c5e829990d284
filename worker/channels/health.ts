// A channel's health: what needs attention (credentials, the WAHA session, the
// Meta account, the number's quality) and the one place that changes it. Each
// change is written once (a guarded update: a redelivered webhook or a second
// failing send changes nothing), emits one event and emails the tenant's
// owners and admins once.
import { and, eq, isNull, ne, sql } from "drizzle-orm";
import { channels, tenants } from "../db/schema";
import type { Ctx } from "../lib/context";
import { SYSTEM_ACTOR } from "../lib/context";
import { buildEvent, emitEvents } from "../events/emit";
import { auditStatement } from "../tenancy/audit";
import { channelAlertEmail } from "../notify/messages";
import { deliverEmails, emailStatements } from "../notify/outbox";
import { membersWithRoles } from "../notify/recipients";
import type { ChannelRow } from "./store";

export type HealthArea = "credentials" | "session" | "account" | "quality";
export interface HealthProblem {
  /** The number cannot send any more (channel.disconnected) rather than sends with a warning (channel.updated). */
  blocking: boolean;
  reason: string;
  /** false: shown on the channel and sent as an event, but nobody is emailed (a session that is starting). */
  notify?: boolean;
}

// A problem is not hidden by a lesser one arriving later.
const RANK: Record<HealthArea, number> = { quality: 1, account: 2, session: 3, credentials: 3 };
const rankOf = (kind: string | null) => (kind && kind in RANK ? RANK[kind as HealthArea] : 0);

type Current = Pick<ChannelRow, "id" | "tenantId" | "type" | "name" | "status" | "attentionReason" | "attentionKind" | "phoneNumber">;

/** What the change to `current` would be, or null when there is none. */
export function nextHealth(current: Current, area: HealthArea, problem: HealthProblem | null) {
  if (current.status === "disconnected") return null;
  if (problem === null) {
    // Only the area that raised the flag clears it (a successful send does not clear a quality warning).
    if (current.status !== "needs_attention") return null;
    if (current.attentionKind !== null && current.attentionKind !== area) return null;
    return { status: "connected" as const, attentionReason: null, attentionKind: null };
  }
  if (current.status === "needs_attention") {
    if (current.attentionKind === area && current.attentionReason === problem.reason) return null;
    if (rankOf(current.attentionKind) > RANK[area]) return null;
  }
  return { status: "needs_attention" as const, attentionReason: problem.reason, attentionKind: area };
}

/**
 * Record what a provider said about a channel's health. Returns true when the
 * channel changed (and the event and emails went out), false when it already
 * was in that state.
 */
export async function reportChannelHealth(ctx: Ctx, channelId: string, area: HealthArea, problem: HealthProblem | null): Promise<boolean> {
  const current = await ctx.db.select().from(channels).where(eq(channels.id, channelId)).get();
  if (!current) return false;
  const next = nextHealth(current, area, problem);
  if (!next) return false;
  const now = ctx.now();
  const event = buildEvent(ctx, current.tenantId, problem?.blocking ? "channel.disconnected" : "channel.updated", {
    channel: { id: current.id, type: current.type, name: current.name, status: next.status, phoneNumber: current.phoneNumber, attentionReason: next.attentionReason },
    previousStatus: current.status,
    reason: next.attentionReason,
  });
  const tenant = await ctx.db.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, current.tenantId)).get();
  const people = problem && problem.notify !== false ? await membersWithRoles(ctx, current.tenantId, ["owner", "admin"]) : [];
  const mail = emailStatements(
    ctx,
    people.map((p) => ({
      tenantId: current.tenantId,
      userId: p.userId,
      kind: "channel_alert" as const,
      dedupeKey: `channel-health:${event.id}`,
      to: p.email,
      ...channelAlertEmail(ctx.config, { recipientName: p.name, tenantName: tenant?.name ?? "your team", channelName: current.name, blocking: problem!.blocking, reason: problem!.reason }),
    })),
  );
  // Guarded on the state read above: of two deliveries racing, one writes; the
  // other's batch fails on the guard and writes nothing (no audit row, no email).
  const unchanged = and(
    eq(channels.id, current.id),
    eq(channels.status, current.status),
    current.attentionReason === null ? isNull(channels.attentionReason) : eq(channels.attentionReason, current.attentionReason),
    ne(channels.status, "disconnected"),
  );
  try {
    await ctx.db.batch([
      ctx.db.update(channels).set({ ...next, updatedAt: now }).where(unchanged),
      ctx.db.run(sql`SELECT CASE WHEN changes() = 1 THEN 1 ELSE abs(-9223372036854775808) END`),
      auditStatement(
        { db: ctx.db, tenantId: current.tenantId, actor: SYSTEM_ACTOR, requestId: ctx.requestId, now: ctx.now },
        { action: "channel.health_changed", targetType: "channel", targetId: current.id, metadata: { area, status: next.status, reason: next.attentionReason } },
      ),
      ...mail.statements,
    ]);
  } catch (err) {
    const after = await ctx.db.select().from(channels).where(eq(channels.id, channelId)).get();
    if (after && (after.status !== current.status || after.attentionReason !== current.attentionReason)) return false;
    throw err;
  }
  await emitEvents(ctx, [event]);
  await deliverEmails(ctx, mail.ids);
  ctx.logger.info("channel health changed", { channelId, area, status: next.status });
  return true;
}
