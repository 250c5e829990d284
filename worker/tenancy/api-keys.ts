// API keys: shown once, stored as SHA-256 with a visible prefix, revocable,
// rotatable with an overlap during which the old and the new key both work.
import { and, desc, eq, gt, isNotNull, isNull, lt, lte, or, sql } from "drizzle-orm";
import { z } from "zod";
import { apiKeys, memberships, type Role } from "../db/schema";
import { randomToken, sha256Hex } from "../lib/crypto";
import type { Ctx, TenantCtx } from "../lib/context";
import { newId } from "../lib/ids";
import { conflict, notFound } from "../http/errors";
import { auditStatement, auditStatementWhen } from "./audit";
import { apiKeyView } from "./serialize";
import { disconnectRealtime } from "../realtime/publish";

export const KEY_PREFIX = "prl_";
export const createApiKeyInput = z.object({ name: z.string().trim().min(1, { message: "is required" }).max(80) });

/** Longest overlap a rotation may give the old key: one week. */
export const MAX_OVERLAP_HOURS = 168;
export const rotateApiKeyInput = z.object({
  overlapHours: z
    .number()
    .int({ message: "must be a whole number of hours" })
    .min(0, { message: `must be between 0 and ${MAX_OVERLAP_HOURS}` })
    .max(MAX_OVERLAP_HOURS, { message: `must be between 0 and ${MAX_OVERLAP_HOURS}` })
    .describe("How long the old key keeps working next to the new one; 0 revokes it now"),
});

async function newKeyRow(ctx: TenantCtx, name: string) {
  const key = KEY_PREFIX + randomToken(24);
  const row = {
    id: newId("apiKey"),
    tenantId: ctx.tenantId,
    name,
    prefix: key.slice(0, 12),
    keyHash: await sha256Hex(key),
    createdBy: ctx.userId,
    createdAt: ctx.now(),
  };
  return { key, row };
}

const createdView = (row: { id: string; name: string; prefix: string; createdAt: number }, key: string) => ({
  id: row.id,
  name: row.name,
  key,
  prefix: row.prefix,
  createdAt: new Date(row.createdAt).toISOString(),
});

export async function createApiKey(ctx: TenantCtx, input: z.infer<typeof createApiKeyInput>) {
  const { key, row } = await newKeyRow(ctx, input.name);
  await ctx.db.batch([
    ctx.db.insert(apiKeys).values(row),
    auditStatement(ctx, { action: "api_key.created", targetType: "api_key", targetId: row.id, metadata: { name: row.name, prefix: row.prefix } }),
  ]);
  return createdView(row, key);
}

/** A key is usable while it is not revoked and its overlap (if rotated) has not ended. */
const usable = (now: number) => and(isNull(apiKeys.revokedAt), or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, now)));

/**
 * Rotate a key: a new key with the same name, and the old one kept working for
 * `overlapHours` (then revoked by the cron, or by hand before that). The old
 * key's expiry is set only if it is still usable and not rotated already, in
 * the same batch as the new key, so two rotations never both succeed.
 */
export async function rotateApiKey(ctx: TenantCtx, id: string, input: z.infer<typeof rotateApiKeyInput>) {
  const now = ctx.now();
  const existing = await ctx.db.select().from(apiKeys).where(and(eq(apiKeys.id, id), eq(apiKeys.tenantId, ctx.tenantId))).get();
  if (!existing) throw notFound("API key");
  if (existing.revokedAt !== null || (existing.expiresAt !== null && existing.expiresAt <= now)) throw conflict("This key is revoked; create a new key instead");
  if (existing.replacedBy !== null) throw conflict("This key was rotated already; rotate the key that replaced it");
  const { key, row } = await newKeyRow(ctx, existing.name);
  const expiresAt = now + input.overlapHours * 3_600_000;
  const guard = and(eq(apiKeys.id, id), eq(apiKeys.tenantId, ctx.tenantId), isNull(apiKeys.replacedBy), usable(now));
  const [updated] = await ctx.db.batch([
    ctx.db
      .update(apiKeys)
      .set(input.overlapHours === 0 ? { expiresAt: now, revokedAt: now, replacedBy: row.id } : { expiresAt, replacedBy: row.id })
      .where(guard)
      .returning({ id: apiKeys.id }),
    // The new key only if the guarded update above took the old one (same batch, same state).
    ctx.db.insert(apiKeys).select(
      sql`SELECT ${sql.join(
        [row.id, row.tenantId, row.name, row.prefix, row.keyHash, row.createdBy, row.createdAt].map((v) => sql`${v}`),
        sql`, `,
      )}, NULL, NULL, NULL, NULL WHERE EXISTS (SELECT 1 FROM ${apiKeys} WHERE ${apiKeys.id} = ${id} AND ${apiKeys.replacedBy} = ${row.id})`,
    ),
    auditStatementWhen(
      ctx,
      { action: "api_key.rotated", targetType: "api_key", targetId: id, metadata: { name: existing.name, newKeyId: row.id, newPrefix: row.prefix, overlapHours: input.overlapHours } },
      sql`EXISTS (SELECT 1 FROM ${apiKeys} WHERE ${apiKeys.id} = ${row.id})`,
    ),
  ]);
  if (updated.length === 0) throw conflict("This key was rotated or revoked meanwhile; reload the list");
  if (input.overlapHours === 0) await disconnectRealtime(ctx, ctx.tenantId, { actorId: id });
  return { ...createdView(row, key), replaces: { id, expiresAt: new Date(input.overlapHours === 0 ? now : expiresAt).toISOString() } };
}

/** Cron: keys whose rotation overlap has ended become revoked (the auth check already refuses them). */
export async function revokeExpiredApiKeys(ctx: Ctx): Promise<number> {
  const now = ctx.now();
  const rows = await ctx.db
    .update(apiKeys)
    .set({ revokedAt: sql`${apiKeys.expiresAt}` })
    .where(and(isNotNull(apiKeys.expiresAt), lte(apiKeys.expiresAt, now), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id, tenantId: apiKeys.tenantId })
    .all();
  for (const r of rows) await disconnectRealtime(ctx, r.tenantId, { actorId: r.id });
  return rows.length;
}

export async function listApiKeys(ctx: TenantCtx, page: { limit: number; cursor: string | null }) {
  const rows = await ctx.db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.tenantId, ctx.tenantId), page.cursor ? lt(apiKeys.id, page.cursor) : undefined))
    .orderBy(desc(apiKeys.id))
    .limit(page.limit + 1)
    .all();
  const now = ctx.now();
  return rows.map((r) => apiKeyView(r, now));
}

export async function revokeApiKey(ctx: TenantCtx, id: string) {
  const now = ctx.now();
  const existing = await ctx.db.select().from(apiKeys).where(and(eq(apiKeys.id, id), eq(apiKeys.tenantId, ctx.tenantId))).get();
  if (!existing) throw notFound("API key");
  if (existing.revokedAt === null) {
    await ctx.db.batch([
      ctx.db.update(apiKeys).set({ revokedAt: now }).where(and(eq(apiKeys.id, id), eq(apiKeys.tenantId, ctx.tenantId))),
      auditStatement(ctx, { action: "api_key.revoked", targetType: "api_key", targetId: id }),
    ]);
    await disconnectRealtime(ctx, ctx.tenantId, { actorId: id });
  }
  return apiKeyView({ ...existing, revokedAt: existing.revokedAt ?? now }, now);
}

export interface ApiKeyIdentity {
  id: string;
  tenantId: string;
  createdBy: string | null;
  /** What the key may do: its creator's current role, never more than admin. */
  role: Role;
}

/** Resolve a presented key; records last use at most once a minute. */
export async function authenticateApiKey(ctx: Ctx, key: string): Promise<ApiKeyIdentity | null> {
  if (!key.startsWith(KEY_PREFIX) || key.length > 200) return null;
  // One round trip: the key and its creator's membership. A key keeps working
  // only while its creator is still a member, and only with the creator's
  // current role: demoting someone demotes their keys.
  const row = await ctx.db
    .select({ id: apiKeys.id, tenantId: apiKeys.tenantId, createdBy: apiKeys.createdBy, lastUsedAt: apiKeys.lastUsedAt, memberRole: memberships.role })
    .from(apiKeys)
    .leftJoin(memberships, and(eq(memberships.userId, apiKeys.createdBy), eq(memberships.tenantId, apiKeys.tenantId)))
    .where(and(eq(apiKeys.keyHash, await sha256Hex(key)), usable(ctx.now())))
    .get();
  if (!row) return null;
  let role: Role = "admin";
  if (row.createdBy) {
    if (!row.memberRole) return null;
    if (row.memberRole === "agent") role = "agent";
  }
  const now = ctx.now();
  if (row.lastUsedAt === null || now - row.lastUsedAt > 60_000) {
    ctx.waitUntil(ctx.db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, row.id)).run());
  }
  return { id: row.id, tenantId: row.tenantId, createdBy: row.createdBy, role };
}
