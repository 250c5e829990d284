// Audit rows are built as statements so they join the same db.batch as the change.
import { auditLog } from "../db/schema";
import { newId } from "../lib/ids";
import type { TenantCtx } from "../lib/context";

export interface AuditEntry {
  action: string;
  targetType?: string;
  targetId?: string;
  metadata?: Record<string, unknown>;
}

export function auditStatement(ctx: Pick<TenantCtx, "db" | "tenantId" | "actor" | "requestId" | "now">, entry: AuditEntry) {
  return ctx.db.insert(auditLog).values({
    id: newId("audit"),
    tenantId: ctx.tenantId,
    actorType: ctx.actor.type,
    actorId: ctx.actor.id,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    requestId: ctx.requestId,
    metadata: entry.metadata ?? null,
    createdAt: ctx.now(),
  });
}
