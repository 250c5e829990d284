// Changing a password (the current one required; every other session ends) and
// resetting a forgotten one by email: a single-use link valid for an hour, whose
// token only exists in the email (D1 keeps its SHA-256). Asking for a reset
// answers the same whether the address has an account or not.
import { and, eq, gt, isNull, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { memberships, passwordResets, sessions, users } from "../db/schema";
import { AppError, fieldError } from "../http/errors";
import { hashPassword, randomToken, sha256Hex, verifyPassword } from "../lib/crypto";
import type { Ctx } from "../lib/context";
import { newId } from "../lib/ids";
import { errorFields } from "../lib/logger";
import { passwordResetEmail } from "../notify/messages";
import { sendEmails } from "../notify/outbox";
import { disconnectRealtime } from "../realtime/publish";
import { emailSchema, findUserByEmail, passwordSchema } from "./accounts";

export const RESET_TTL_MS = 60 * 60_000;

export const changePasswordInput = z.object({
  currentPassword: z.string().min(1, { message: "is required" }).max(256),
  newPassword: passwordSchema,
});

export const requestResetInput = z.object({ email: emailSchema });

export const resetPasswordInput = z.object({
  token: z.string().min(20).max(200),
  password: passwordSchema,
});

/** Live-feed sockets of the user's ended sessions are closed in every tenant they belong to. */
async function closeSockets(ctx: Ctx, userId: string, sessionIds: string[]): Promise<void> {
  if (!sessionIds.length) return;
  const tenants = await ctx.db.select({ tenantId: memberships.tenantId }).from(memberships).where(eq(memberships.userId, userId)).all();
  await Promise.all(tenants.flatMap((t) => sessionIds.map((sessionId) => disconnectRealtime(ctx, t.tenantId, { sessionId }))));
}

/** The signed-in user changes their password; every session but this one ends. Returns how many ended. */
export async function changePassword(ctx: Ctx, userId: string, currentSessionId: string, input: z.infer<typeof changePasswordInput>): Promise<number> {
  const user = await ctx.db.select().from(users).where(eq(users.id, userId)).get();
  if (!user) throw new AppError("unauthorized", "Log in again to change your password");
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) throw fieldError("currentPassword", "is not your current password");
  if (input.currentPassword === input.newPassword) throw fieldError("newPassword", "must be different from your current password");
  const passwordHash = await hashPassword(input.newPassword);
  const [, ended] = await ctx.db.batch([
    ctx.db.update(users).set({ passwordHash, updatedAt: ctx.now() }).where(eq(users.id, userId)),
    ctx.db.delete(sessions).where(and(eq(sessions.userId, userId), ne(sessions.id, currentSessionId))).returning({ id: sessions.id }),
    // A reset link asked for earlier must not undo this change.
    ctx.db.update(passwordResets).set({ usedAt: ctx.now() }).where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt))),
  ]);
  await closeSockets(ctx, userId, ended.map((s) => s.id));
  return ended.length;
}

/**
 * Email a reset link when the address has an account; nothing otherwise. Runs
 * after the answer (the caller's waitUntil), so the answer takes the same time either way.
 */
export async function requestPasswordReset(ctx: Ctx, input: z.infer<typeof requestResetInput>): Promise<void> {
  try {
    const user = await findUserByEmail(ctx, input.email);
    if (!user) return;
    const token = randomToken(32);
    const now = ctx.now();
    const id = newId("passwordReset", now);
    await ctx.db.insert(passwordResets).values({ id, userId: user.id, tokenHash: await sha256Hex(token), createdAt: now, expiresAt: now + RESET_TTL_MS });
    await sendEmails(ctx, [
      {
        tenantId: null,
        userId: user.id,
        kind: "password_reset",
        dedupeKey: `password-reset:${id}`,
        to: user.email,
        ...passwordResetEmail(ctx.config, { recipientName: user.name, token, expiresInMinutes: RESET_TTL_MS / 60_000 }),
      },
    ]);
  } catch (err) {
    ctx.logger.error("password reset email failed", errorFields(err));
  }
}

const LINK_UNUSABLE = "This reset link has expired or was already used. Ask for a new one.";

/** Whether a reset link can still be used (the reset page asks before showing the form). */
export async function checkResetToken(ctx: Ctx, token: string): Promise<void> {
  const row = await ctx.db
    .select({ id: passwordResets.id })
    .from(passwordResets)
    .where(and(eq(passwordResets.tokenHash, await sha256Hex(token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, ctx.now())))
    .get();
  if (!row) throw new AppError("gone", LINK_UNUSABLE);
}

/** Set a new password with a reset link: the link is burned with the change, and every session of the account ends. */
export async function resetPassword(ctx: Ctx, input: z.infer<typeof resetPasswordInput>): Promise<void> {
  const now = ctx.now();
  const reset = await ctx.db
    .select()
    .from(passwordResets)
    .where(and(eq(passwordResets.tokenHash, await sha256Hex(input.token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)))
    .get();
  if (!reset) throw new AppError("gone", LINK_UNUSABLE);
  const passwordHash = await hashPassword(input.password);
  let ended: { id: string }[];
  try {
    // One transaction: the guarded update burns the link; if another request burned it first,
    // the guard fails the batch and the password is not changed twice.
    const results = await ctx.db.batch([
      ctx.db
        .update(passwordResets)
        .set({ usedAt: now })
        .where(and(eq(passwordResets.id, reset.id), isNull(passwordResets.usedAt))),
      ctx.db.run(sql`SELECT CASE WHEN changes() = 1 THEN 1 ELSE abs(-9223372036854775808) END`),
      ctx.db.update(users).set({ passwordHash, updatedAt: now }).where(eq(users.id, reset.userId)),
      ctx.db.update(passwordResets).set({ usedAt: now }).where(and(eq(passwordResets.userId, reset.userId), isNull(passwordResets.usedAt))),
      ctx.db.delete(sessions).where(eq(sessions.userId, reset.userId)).returning({ id: sessions.id }),
    ]);
    ended = results[4];
  } catch (err) {
    const again = await ctx.db.select({ usedAt: passwordResets.usedAt }).from(passwordResets).where(eq(passwordResets.id, reset.id)).get();
    if (again?.usedAt) throw new AppError("gone", LINK_UNUSABLE);
    throw err;
  }
  await closeSockets(ctx, reset.userId, ended.map((s) => s.id));
}

export async function deleteOldPasswordResets(ctx: Ctx): Promise<number> {
  const res = await ctx.db.delete(passwordResets).where(sql`${passwordResets.expiresAt} < ${ctx.now() - 24 * 3600_000}`).run();
  return res.meta.changes ?? 0;
}
