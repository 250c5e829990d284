// Periodic clean-up run by the cron trigger.
import type { Ctx } from "../lib/context";
import { deleteExpiredInvitations } from "../tenancy/invitations";
import { deleteExpiredSessions } from "../tenancy/sessions";
import { renewCreditPeriods } from "../ai/credits";
import { prunePendingStatuses } from "../inbound/statuses";
import { requeueStuckMessages } from "../outbound/send";
import { resolveExpiredClaims } from "../outbound/consumer";
import { applyRetention } from "./retention";
import { rearmCampaigns } from "../campaigns/pacer";
import { armPacer } from "../campaigns/pacer-do";
import { reencryptSecrets } from "./reencrypt";
import { deleteExpiredIdempotencyKeys } from "../http/idempotency";
import { deleteOldEmails, retryDueEmails } from "../notify/outbox";
import { deleteOldPasswordResets } from "../tenancy/passwords";
import { syncDueTemplates } from "../templates/submit";
import { revokeExpiredApiKeys } from "../tenancy/api-keys";
import { decayLeadScores } from "../leads/score";
import { sendBookingReminders } from "../flows/reminders";
import { eraseDeletedTenants } from "../tenancy/tenant-deletion";
import { deleteExpiredMetaMediaIds } from "../media/meta-ids";

export async function runMaintenance(ctx: Ctx): Promise<Record<string, number>> {
  const [sessions, invitations, creditPeriods, pendingStatuses, requeued, unconfirmed, retention, secrets, idempotencyKeys, rotatedApiKeys] = await Promise.all([
    deleteExpiredSessions(ctx),
    deleteExpiredInvitations(ctx),
    renewCreditPeriods(ctx),
    prunePendingStatuses(ctx),
    requeueStuckMessages(ctx),
    resolveExpiredClaims(ctx),
    applyRetention(ctx),
    reencryptSecrets(ctx),
    deleteExpiredIdempotencyKeys(ctx),
    revokeExpiredApiKeys(ctx),
  ]);
  // Campaign pacers run on Durable Object alarms; this re-arms any that should be running (idempotent).
  // Lead scores fall with silence: each scored contact is recomputed once a day.
  const leadScores = await decayLeadScores(ctx);
  const campaigns = await rearmCampaigns(ctx, (tenantId, campaignId, at) => armPacer(ctx.env, tenantId, campaignId, at));
  // Emails whose send failed or died mid-way, then the bodies-free log past 30 days.
  const emails = { emailsRetried: await retryDueEmails(ctx), emailsDeleted: await deleteOldEmails(ctx), passwordResets: await deleteOldPasswordResets(ctx) };
  const templatesSynced = await syncDueTemplates(ctx);
  // Booking reminders that are due, each claimed once.
  const reminders = await sendBookingReminders(ctx);
  // Deleted workspaces: their data erased in bounded chunks, continued by the next run until none is left.
  const deletedWorkspaces = await eraseDeletedTenants(ctx);
  const metaMediaIds = await deleteExpiredMetaMediaIds(ctx);
  const result = {
    campaigns,
    ...emails,
    templatesSynced,
    expiredSessions: sessions,
    expiredInvitations: invitations,
    creditPeriods,
    pendingStatuses,
    requeued,
    unconfirmed,
    ...retention,
    reencryptedSecrets: secrets.reencrypted,
    unreadableSecrets: secrets.unreadable,
    idempotencyKeys,
    rotatedApiKeys,
    leadScores,
    ...reminders,
    workspacesErased: deletedWorkspaces.erased,
    workspacesErasing: deletedWorkspaces.pending,
    metaMediaIds,
  };
  ctx.logger.info("maintenance done", result);
  return result;
}
