// Periodic clean-up run by the cron trigger.
import type { Ctx } from "../lib/context";
import { deleteExpiredInvitations } from "../tenancy/invitations";
import { deleteExpiredSessions } from "../tenancy/sessions";
import { renewCreditPeriods } from "../ai/credits";
import { prunePendingStatuses } from "../inbound/statuses";
import { requeueStuckMessages } from "../outbound/send";
import { resolveExpiredClaims } from "../outbound/consumer";
import { applyRetention } from "./retention";
import { deleteExpiredIdempotencyKeys } from "../http/idempotency";

export async function runMaintenance(ctx: Ctx): Promise<Record<string, number>> {
  const [sessions, invitations, creditPeriods, pendingStatuses, requeued, unconfirmed, retention, idempotencyKeys] = await Promise.all([
    deleteExpiredSessions(ctx),
    deleteExpiredInvitations(ctx),
    renewCreditPeriods(ctx),
    prunePendingStatuses(ctx),
    requeueStuckMessages(ctx),
    resolveExpiredClaims(ctx),
    applyRetention(ctx),
    deleteExpiredIdempotencyKeys(ctx),
  ]);
  const result = { expiredSessions: sessions, expiredInvitations: invitations, creditPeriods, pendingStatuses, requeued, unconfirmed, ...retention, idempotencyKeys };
  ctx.logger.info("maintenance done", result);
  return result;
}
