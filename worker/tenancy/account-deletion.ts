// A user deletes their own account: their memberships, sessions and reset links
// go with it. Refused while a workspace would be left without anyone in charge:
// the only owner of a workspace with other members must make someone else an
// owner first, and a workspace they are the only member of must be deleted
// first (its data would otherwise be kept with nobody able to reach it).
import { and, eq, notExists, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { memberships, passwordResets, sessions, tenants, users } from "../db/schema";
import { AppError, conflict, fieldError } from "../http/errors";
import { verifyPassword } from "../lib/crypto";
import type { Ctx } from "../lib/context";
import { disconnectRealtime } from "../realtime/publish";
import { auditStatementWhen } from "./audit";

export const deleteAccountInput = z.object({ password: z.string().min(1, { message: "is required" }).max(256) });

/** True (as SQL) while deleting `userId` would leave a workspace with no owner or no member. */
function blocked(userId: string): SQL {
  return sql`EXISTS (
    SELECT 1 FROM memberships m WHERE m.user_id = ${userId} AND (
      (SELECT COUNT(*) FROM memberships x WHERE x.tenant_id = m.tenant_id) = 1
      OR (m.role = 'owner' AND (SELECT COUNT(*) FROM memberships o WHERE o.tenant_id = m.tenant_id AND o.role = 'owner') = 1)
    )
  )`;
}

async function refusal(ctx: Ctx, userId: string): Promise<AppError | null> {
  const rows = await ctx.db
    .select({
      name: tenants.name,
      role: memberships.role,
      members: sql<number>`(SELECT COUNT(*) FROM memberships x WHERE x.tenant_id = ${memberships.tenantId})`,
      owners: sql<number>`(SELECT COUNT(*) FROM memberships o WHERE o.tenant_id = ${memberships.tenantId} AND o.role = 'owner')`,
    })
    .from(memberships)
    .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
    .where(eq(memberships.userId, userId))
    .all();
  const sole = rows.find((r) => r.role === "owner" && r.owners === 1 && r.members > 1);
  if (sole) return conflict(`You are the only owner of ${sole.name}, which has other members. Make someone else an owner there first.`);
  const alone = rows.find((r) => r.members === 1);
  if (alone) {
    return conflict(
      `You are the only member of ${alone.name}. Delete that workspace first: download its data, then delete it on the Team page.`,
    );
  }
  return null;
}

/** Deletes the account after checking the password; 409 while a workspace depends on it. */
export async function deleteAccount(ctx: Ctx, userId: string, input: z.infer<typeof deleteAccountInput>): Promise<void> {
  const user = await ctx.db.select().from(users).where(eq(users.id, userId)).get();
  if (!user) throw new AppError("unauthorized", "Log in again to delete your account");
  if (!(await verifyPassword(input.password, user.passwordHash))) throw fieldError("password", "is not your password");
  const early = await refusal(ctx, userId);
  if (early) throw early;

  const tenantIds = (await ctx.db.select({ tenantId: memberships.tenantId }).from(memberships).where(eq(memberships.userId, userId)).all()).map((r) => r.tenantId);
  const allowed = sql`NOT ${blocked(userId)}`;
  const gone = notExists(ctx.db.select({ one: sql`1` }).from(users).where(eq(users.id, userId)));
  // One batch. The user row goes only if the rule still holds when it runs (a teammate
  // leaving at the same moment cannot strand a workspace); everything after it happens
  // only if it went.
  const results = await ctx.db.batch([
    ctx.db.delete(users).where(and(eq(users.id, userId), allowed)).returning({ id: users.id }),
    ...tenantIds.map((tenantId) =>
      auditStatementWhen(
        { ...ctx, tenantId, actor: { type: "user", id: userId } },
        { action: "member.account_deleted", targetType: "user", targetId: userId, metadata: { email: user.email } },
        gone,
      ),
    ),
    ctx.db.delete(memberships).where(and(eq(memberships.userId, userId), gone)),
    ctx.db.delete(sessions).where(and(eq(sessions.userId, userId), gone)),
    ctx.db.delete(passwordResets).where(and(eq(passwordResets.userId, userId), gone)),
  ]);
  const deleted = results[0] as Array<{ id: string }>;
  if (!deleted.length) throw (await refusal(ctx, userId)) ?? conflict("Your account changed while it was being deleted. Try again.");
  await Promise.all(tenantIds.map((tenantId) => disconnectRealtime(ctx, tenantId, { userId })));
}
