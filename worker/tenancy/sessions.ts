// Sessions: the cookie carries a random token; D1 keeps only its SHA-256.
import { and, eq, gt, lt } from "drizzle-orm";
import { memberships, sessions } from "../db/schema";
import { disconnectRealtime } from "../realtime/publish";
import { randomToken, sha256Hex } from "../lib/crypto";
import type { Ctx } from "../lib/context";
import { newId } from "../lib/ids";

export interface SessionRecord {
  id: string;
  userId: string;
  tenantId: string | null;
  expiresAt: number;
}

export function sessionTtlMs(ctx: Ctx): number {
  return ctx.config.SESSION_TTL_HOURS * 3600_000;
}

/** Builds the insert for a new session; returns the raw token for the cookie. */
export async function newSession(ctx: Ctx, userId: string, tenantId: string | null) {
  const token = randomToken(32);
  const now = ctx.now();
  const row = {
    id: newId("session"),
    tokenHash: await sha256Hex(token),
    userId,
    tenantId,
    createdAt: now,
    expiresAt: now + sessionTtlMs(ctx),
    lastSeenAt: now,
  };
  return { token, row, statement: ctx.db.insert(sessions).values(row) };
}

export async function findSession(ctx: Ctx, token: string): Promise<SessionRecord | null> {
  const hash = await sha256Hex(token);
  const row = await ctx.db
    .select({ id: sessions.id, userId: sessions.userId, tenantId: sessions.tenantId, expiresAt: sessions.expiresAt })
    .from(sessions)
    .where(and(eq(sessions.tokenHash, hash), gt(sessions.expiresAt, ctx.now())))
    .get();
  return row ?? null;
}

/** Sliding expiry: once less than half the lifetime is left, extend it. */
export async function maybeExtendSession(ctx: Ctx, s: SessionRecord): Promise<number | null> {
  const ttl = sessionTtlMs(ctx);
  const now = ctx.now();
  if (s.expiresAt - now > ttl / 2) return null;
  const expiresAt = now + ttl;
  await ctx.db.update(sessions).set({ expiresAt, lastSeenAt: now }).where(eq(sessions.id, s.id));
  return expiresAt;
}

export async function deleteSessionByToken(ctx: Ctx, token: string): Promise<void> {
  await ctx.db.delete(sessions).where(eq(sessions.tokenHash, await sha256Hex(token)));
}

/**
 * Log out: the session row goes, and so do the live-feed sockets it opened, in
 * every tenant of the user (a session may have switched tenants while open).
 */
export async function endSession(ctx: Ctx, token: string): Promise<void> {
  const ended = await ctx.db.delete(sessions).where(eq(sessions.tokenHash, await sha256Hex(token))).returning({ id: sessions.id, userId: sessions.userId }).get();
  if (!ended) return;
  const tenants = await ctx.db.select({ tenantId: memberships.tenantId }).from(memberships).where(eq(memberships.userId, ended.userId)).all();
  await Promise.all(tenants.map((t) => disconnectRealtime(ctx, t.tenantId, { sessionId: ended.id })));
}

export async function setSessionTenant(ctx: Ctx, sessionId: string, tenantId: string): Promise<void> {
  await ctx.db.update(sessions).set({ tenantId }).where(eq(sessions.id, sessionId));
}

export async function deleteExpiredSessions(ctx: Ctx): Promise<number> {
  const res = await ctx.db.delete(sessions).where(lt(sessions.expiresAt, ctx.now()));
  return res.meta.changes ?? 0;
}
