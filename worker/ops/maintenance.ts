// Periodic clean-up run by the cron trigger.
import type { Ctx } from "../lib/context";
import { deleteExpiredInvitations } from "../tenancy/invitations";
import { deleteExpiredSessions } from "../tenancy/sessions";

export async function runMaintenance(ctx: Ctx): Promise<Record<string, number>> {
  const [sessions, invitations] = await Promise.all([deleteExpiredSessions(ctx), deleteExpiredInvitations(ctx)]);
  const result = { expiredSessions: sessions, expiredInvitations: invitations };
  ctx.logger.info("maintenance done", result);
  return result;
}
