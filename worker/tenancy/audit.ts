// Audit rows are built as statements so they join the same db.batch as the change.
import { getTableColumns, sql, type SQL } from "drizzle-orm";
import { auditLog } from "../db/schema";
import { newId } from "../lib/ids";
import type { TenantCtx } from "../lib/context";

export interface AuditEntry {
  action: string;
  targetType?: string;
  targetId?: string;
  metadata?: Record<string, unknown>;
}

type AuditCtx = Pick<TenantCtx, "db" | "tenantId" | "actor" | "requestId" | "now">;

function auditRow(ctx: AuditCtx, entry: AuditEntry): typeof auditLog.$inferInsert {
  // One instant for the id and the time: the log's time filters read the id, so they must agree to the millisecond.
  const now = ctx.now();
  return {
    id: newId("audit", now),
    tenantId: ctx.tenantId,
    actorType: ctx.actor.type,
    actorId: ctx.actor.id,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    requestId: ctx.requestId,
    metadata: entry.metadata ?? null,
    createdAt: now,
  };
}

export function auditStatement(ctx: AuditCtx, entry: AuditEntry) {
  return ctx.db.insert(auditLog).values(auditRow(ctx, entry));
}

/**
 * The audit row for a guarded change: written only if `condition` holds when
 * the batch runs. Put it before the change, guarded by the same condition, so
 * both see the same state and either both happen or neither does.
 */
export function auditStatementWhen(ctx: AuditCtx, entry: AuditEntry, condition: SQL) {
  const row = auditRow(ctx, entry) as Record<string, unknown>;
  const values = Object.entries(getTableColumns(auditLog)).map(([key, column]) => sql.param(row[key] ?? null, column));
  return ctx.db.insert(auditLog).select(sql`SELECT ${sql.join(values, sql`, `)} WHERE ${condition}`);
}
