// Periodic clean-up run by the cron trigger.
import type { Ctx } from "../lib/context";
import { deleteExpiredInvitations } from "../tenancy/invitations";
import { deleteExpiredSessions } from "../tenancy/sessions";
import { renewCreditPeriods } from "../ai/credits";
import { prunePendingStatuses } from "../inbound/statuses";
import { requeueStuckMessages } from "../outbound/send";
import { applyRetention } from "./retention";
import { reencryptSecrets } from "./reencrypt";

export async function runMaintenance(ctx: Ctx): Promise<Record<string, number>> {
  const [sessions, invitations, creditPeriods, pendingStatuses, requeued, retention, secrets] = await Promise.all([
    deleteExpiredSessions(ctx),
    deleteExpiredInvitations(ctx),
    renewCreditPeriods(ctx),
    prunePendingStatuses(ctx),
    requeueStuckMessages(ctx),
    applyRetention(ctx),
    reencryptSecrets(ctx),
  ]);
  const result = {
    expiredSessions: sessions,
    expiredInvitations: invitations,
    creditPeriods,
    pendingStatuses,
    requeued,
    ...retention,
    reencryptedSecrets: secrets.reencrypted,
    unreadableSecrets: secrets.unreadable,
  };
  ctx.logger.info("maintenance done", result);
  return result;
}
