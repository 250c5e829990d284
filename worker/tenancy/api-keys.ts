// API keys: shown once, stored as SHA-256 with a visible prefix, revocable.
import { and, desc, eq, isNull, lt } from "drizzle-orm";
import { z } from "zod";
import { apiKeys, memberships, type Role } from "../db/schema";
import { randomToken, sha256Hex } from "../lib/crypto";
import type { Ctx, TenantCtx } from "../lib/context";
import { newId } from "../lib/ids";
import { notFound } from "../http/errors";
import { auditStatement } from "./audit";
import { apiKeyView } from "./serialize";
import { disconnectRealtime } from "../realtime/publish";

export const KEY_PREFIX = "prl_";
export const createApiKeyInput = z.object({ name: z.string().trim().min(1, { message: "is required" }).max(80) });

export async function createApiKey(ctx: TenantCtx, input: z.infer<typeof createApiKeyInput>) {
  const key = KEY_PREFIX + randomToken(24);
  const row = {
    id: newId("apiKey"),
    tenantId: ctx.tenantId,
    name: input.name,
    prefix: key.slice(0, 12),
    keyHash: await sha256Hex(key),
    createdBy: ctx.userId,
    createdAt: ctx.now(),
  };
  await ctx.db.batch([
    ctx.db.insert(apiKeys).values(row),
    auditStatement(ctx, { action: "api_key.created", targetType: "api_key", targetId: row.id, metadata: { name: row.name, prefix: row.prefix } }),
  ]);
  return { id: row.id, name: row.name, key, prefix: row.prefix, createdAt: new Date(row.createdAt).toISOString() };
}

export async function listApiKeys(ctx: TenantCtx, page: { limit: number; cursor: string | null }) {
  const rows = await ctx.db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.tenantId, ctx.tenantId), page.cursor ? lt(apiKeys.id, page.cursor) : undefined))
    .orderBy(desc(apiKeys.id))
    .limit(page.limit + 1)
    .all();
  return rows.map(apiKeyView);
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
  return apiKeyView({ ...existing, revokedAt: existing.revokedAt ?? now });
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
    .where(and(eq(apiKeys.keyHash, await sha256Hex(key)), isNull(apiKeys.revokedAt)))
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
