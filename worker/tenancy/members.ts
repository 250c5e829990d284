// Team members of a tenant and their roles.
import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { memberships, sessions, users, ROLES, type Role } from "../db/schema";
import type { TenantCtx } from "../lib/context";
import { AppError, forbidden, notFound } from "../http/errors";
import { auditStatementWhen } from "./audit";
import { iso } from "./serialize";
import { disconnectRealtime } from "../realtime/publish";

export const updateMemberInput = z.object({ role: z.enum(ROLES) });

export async function listMembers(ctx: TenantCtx) {
  const rows = await ctx.db
    .select({ userId: users.id, email: users.email, name: users.name, role: memberships.role, joinedAt: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.tenantId, ctx.tenantId))
    .orderBy(asc(memberships.createdAt))
    .all();
  return rows.map((r) => ({ ...r, id: r.userId, joinedAt: iso(r.joinedAt)! }));
}

async function getMembership(ctx: TenantCtx, userId: string) {
  const m = await ctx.db
    .select()
    .from(memberships)
    .where(and(eq(memberships.tenantId, ctx.tenantId), eq(memberships.userId, userId)))
    .get();
  if (!m) throw notFound("Member");
  return m;
}

async function ownerCount(ctx: TenantCtx): Promise<number> {
  const row = await ctx.db
    .select({ n: sql<number>`count(*)` })
    .from(memberships)
    .where(and(eq(memberships.tenantId, ctx.tenantId), eq(memberships.role, "owner")))
    .get();
  return row?.n ?? 0;
}

function assertMayManage(ctx: TenantCtx, targetRole: Role, newRole?: Role) {
  // Admins manage agents and admins; only owners touch owners.
  if (ctx.role !== "owner" && (targetRole === "owner" || newRole === "owner")) {
    throw forbidden("Only an owner can change or remove an owner");
  }
}

/**
 * Holds while the membership still has the role we checked and, when an owner
 * steps down, another owner remains. It is evaluated inside the batch that
 * makes the change, so two owners removing each other at once cannot leave
 * the team with none.
 */
function stillAsChecked(ctx: TenantCtx, m: typeof memberships.$inferSelect, losesOwner: boolean): SQL {
  const unchanged = sql`EXISTS (SELECT 1 FROM memberships AS m WHERE m.id = ${m.id} AND m.role = ${m.role})`;
  if (!losesOwner) return unchanged;
  return sql`${unchanged} AND (SELECT count(*) FROM memberships AS o WHERE o.tenant_id = ${ctx.tenantId} AND o.role = 'owner') > 1`;
}

const changedMeanwhile = () => new AppError("conflict", "The team changed while this request ran; reload and try again");

export async function updateMemberRole(ctx: TenantCtx, userId: string, input: z.infer<typeof updateMemberInput>) {
  const m = await getMembership(ctx, userId);
  assertMayManage(ctx, m.role, input.role);
  const losesOwner = m.role === "owner" && input.role !== "owner";
  if (losesOwner && (await ownerCount(ctx)) <= 1) {
    throw new AppError("conflict", "A team needs at least one owner; make someone else an owner first");
  }
  const guard = stillAsChecked(ctx, m, losesOwner);
  const [, updated] = await ctx.db.batch([
    auditStatementWhen(ctx, { action: "member.role_changed", targetType: "user", targetId: userId, metadata: { from: m.role, to: input.role } }, guard),
    ctx.db.update(memberships).set({ role: input.role }).where(and(eq(memberships.id, m.id), guard)),
  ]);
  if ((updated.meta.changes ?? 0) !== 1) throw changedMeanwhile();
  return (await listMembers(ctx)).find((x) => x.userId === userId)!;
}

export async function removeMember(ctx: TenantCtx, userId: string) {
  const m = await getMembership(ctx, userId);
  assertMayManage(ctx, m.role);
  if (m.role === "owner" && (await ownerCount(ctx)) <= 1) {
    throw new AppError("conflict", "The last owner cannot be removed");
  }
  const guard = stillAsChecked(ctx, m, m.role === "owner");
  const [, removed] = await ctx.db.batch([
    auditStatementWhen(ctx, { action: "member.removed", targetType: "user", targetId: userId, metadata: { role: m.role } }, guard),
    ctx.db.delete(memberships).where(and(eq(memberships.id, m.id), guard)),
    // Sessions pointing at this tenant fall back to the user's other tenants (only if the removal happened).
    ctx.db
      .update(sessions)
      .set({ tenantId: null })
      .where(
        and(
          eq(sessions.userId, userId),
          eq(sessions.tenantId, ctx.tenantId),
          sql`NOT EXISTS (SELECT 1 FROM memberships AS m WHERE m.user_id = ${userId} AND m.tenant_id = ${ctx.tenantId})`,
        ),
      ),
  ]);
  if ((removed.meta.changes ?? 0) !== 1) throw changedMeanwhile();
  await disconnectRealtime(ctx, ctx.tenantId, { userId });
}
