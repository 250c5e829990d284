// Campaign totals and per-recipient status, derived in SQL from the frozen
// audience and the messages it produced, so they follow every delivery status
// as soon as it is stored. Counts are cumulative: a read message is also sent
// and delivered.
import type { Ctx } from "../lib/context";
import { ZERO_COUNTS, type CampaignCounts } from "./views";

const CANCELLED = "'campaign_cancelled'";

/** The recipient's status as the API shows it (r = campaign_recipients, m = messages). */
export const RECIPIENT_STATUS_SQL = `CASE
  WHEN r.converted_at IS NOT NULL THEN 'converted'
  WHEN r.replied_at IS NOT NULL THEN 'replied'
  WHEN r.state IN ('pending', 'skipped', 'failed') THEN r.state
  WHEN m.id IS NULL THEN 'queued'
  WHEN m.status = 'failed' AND m.error_code = ${CANCELLED} THEN 'skipped'
  WHEN m.status = 'played' THEN 'read'
  ELSE m.status END`;

export const RECIPIENT_STATUSES = ["pending", "queued", "sent", "delivered", "read", "failed", "replied", "converted", "skipped"] as const;

export async function campaignCounts(ctx: Ctx, tenantId: string, campaignId: string): Promise<CampaignCounts> {
  const row = await ctx.env.DB.prepare(
    `SELECT
       COALESCE(SUM(r.state = 'queued' AND NOT (COALESCE(m.status, '') = 'failed' AND m.error_code = ${CANCELLED})), 0) AS queued,
       COALESCE(SUM(m.status IN ('sent', 'delivered', 'read', 'played')), 0) AS sent,
       COALESCE(SUM(m.status IN ('delivered', 'read', 'played')), 0) AS delivered,
       COALESCE(SUM(m.status IN ('read', 'played')), 0) AS read,
       COALESCE(SUM(r.state = 'failed' OR (m.status = 'failed' AND COALESCE(m.error_code, '') != ${CANCELLED})), 0) AS failed,
       COALESCE(SUM(r.replied_at IS NOT NULL), 0) AS replied,
       COALESCE(SUM(r.converted_at IS NOT NULL), 0) AS converted,
       COALESCE(SUM(r.state = 'skipped' OR (m.status = 'failed' AND m.error_code = ${CANCELLED})), 0) AS skipped
     FROM campaign_recipients r LEFT JOIN messages m ON m.id = r.message_id AND m.tenant_id = r.tenant_id
     WHERE r.tenant_id = ? AND r.campaign_id = ?`,
  )
    .bind(tenantId, campaignId)
    .first<CampaignCounts>();
  return row ? { ...ZERO_COUNTS, ...row } : { ...ZERO_COUNTS };
}
