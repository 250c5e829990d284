// Reading the audit trail: newest first, filtered on the server, one tenant's
// rows only, with the actor's display name (a member's name or a key's name).
import { and, desc, eq, gte, lt } from "drizzle-orm";
import { z } from "zod";
import { apiKeys, auditLog, users } from "../db/schema";
import type { TenantCtx } from "../lib/context";
import { idFloor } from "../lib/ids";
import { iso } from "./serialize";

const timestamp = z.iso.datetime({ offset: true, message: "must be an ISO-8601 date-time" });

export const auditLogFilters = z.object({
    actorId: z.string().trim().min(1).max(64).optional().describe("A member's user id or an API key's id"),
    action: z
      .string()
      .trim()
      .regex(/^[a-z_]+(\.[a-z_]+)*\.?$/, { message: "must look like 'contact.created' or a prefix like 'contact.'" })
      .max(64)
      .optional()
      .describe("An exact action, or a prefix ending in '.' (e.g. `api_key.`)"),
    targetType: z.string().trim().regex(/^[a-z_]+$/, { message: "must be a type like 'contact'" }).max(40).optional().describe("The kind of object changed"),
    targetId: z.string().trim().min(1).max(64).optional().describe("The object changed"),
    from: timestamp.optional().describe("Rows at or after this time"),
    to: timestamp.optional().describe("Rows before this time"),
});

export const rangeInOrder = (q: { from?: string; to?: string }) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to);

export type AuditLogQuery = z.infer<typeof auditLogFilters> & { limit: number; cursor: string | null };

/** An exact action, or every action under a prefix: a range of the (tenant, action, id) index ('~' sorts after [a-z_.]). */
const actionFilter = (action: string) =>
  action.endsWith(".") ? and(gte(auditLog.action, action), lt(auditLog.action, `${action}~`)) : eq(auditLog.action, action);

export async function listAuditLog(ctx: TenantCtx, q: AuditLogQuery) {
  // Ids sort by creation time, so the date range is a range of ids: it stays on the (tenant, …, id) indexes.
  const upper = [q.cursor, q.to ? idFloor("audit", Date.parse(q.to)) : null].filter((v): v is string => v !== null).sort()[0];
  const rows = await ctx.db
    .select({
      id: auditLog.id,
      actorType: auditLog.actorType,
      actorId: auditLog.actorId,
      action: auditLog.action,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      requestId: auditLog.requestId,
      metadata: auditLog.metadata,
      createdAt: auditLog.createdAt,
      userName: users.name,
      userEmail: users.email,
      keyName: apiKeys.name,
      keyPrefix: apiKeys.prefix,
    })
    .from(auditLog)
    .leftJoin(users, and(eq(auditLog.actorType, "user"), eq(users.id, auditLog.actorId)))
    .leftJoin(apiKeys, and(eq(auditLog.actorType, "api_key"), eq(apiKeys.id, auditLog.actorId), eq(apiKeys.tenantId, auditLog.tenantId)))
    .where(
      and(
        eq(auditLog.tenantId, ctx.tenantId),
        q.actorId ? eq(auditLog.actorId, q.actorId) : undefined,
        q.action ? actionFilter(q.action) : undefined,
        q.targetType ? eq(auditLog.targetType, q.targetType) : undefined,
        q.targetId ? eq(auditLog.targetId, q.targetId) : undefined,
        q.from ? gte(auditLog.id, idFloor("audit", Date.parse(q.from))) : undefined,
        upper ? lt(auditLog.id, upper) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(q.limit + 1)
    .all();
  return rows.map((r) => ({
    id: r.id,
    actor: {
      type: r.actorType,
      id: r.actorId,
      name: r.actorType === "user" ? (r.userName ?? r.userEmail) : r.actorType === "api_key" ? (r.keyName ? `${r.keyName} (${r.keyPrefix}…)` : null) : "Parley",
    },
    action: r.action,
    targetType: r.targetType,
    targetId: r.targetId,
    requestId: r.requestId,
    metadata: r.metadata ?? {},
    createdAt: iso(r.createdAt)!,
  }));
}

/** The actions recorded for this tenant, for the filter's choices. */
export async function listAuditActions(ctx: TenantCtx): Promise<string[]> {
  const rows = await ctx.db
    .select({ action: auditLog.action })
    .from(auditLog)
    .where(eq(auditLog.tenantId, ctx.tenantId))
    .groupBy(auditLog.action)
    .orderBy(auditLog.action)
    .limit(500)
    .all();
  return rows.map((r) => r.action);
}
