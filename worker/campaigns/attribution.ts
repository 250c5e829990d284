// Results attributed to a campaign: a reply within the campaign's reply window
// after its message reached the contact, and a conversion (a booking, or the
// contact's stage becoming `qualified`) within the same window. Each is set
// once per recipient; the most recent campaign that reached the contact wins.
import type { Ctx } from "../lib/context";

export const CONVERTED_STAGE = "qualified";

async function attribute(ctx: Ctx, column: "replied_at" | "converted_at", tenantId: string, contactId: string): Promise<number> {
  const now = ctx.now();
  const res = await ctx.env.DB.prepare(
    `UPDATE campaign_recipients SET ${column} = ?1, updated_at = ?1
     WHERE id = (
       SELECT r.id FROM campaign_recipients r
       JOIN campaigns c ON c.id = r.campaign_id
       JOIN messages m ON m.id = r.message_id
       WHERE r.tenant_id = ?2 AND r.contact_id = ?3 AND r.state = 'queued' AND r.${column} IS NULL
         AND r.sent_at IS NOT NULL AND r.sent_at >= ?1 - c.reply_window_hours * 3600000
         AND m.status IN ('sent', 'delivered', 'read', 'played')
       ORDER BY r.sent_at DESC LIMIT 1)`,
  )
    .bind(now, tenantId, contactId)
    .run();
  return res.meta.changes ?? 0;
}

/** An inbound message from the contact. */
export const attributeReply = (ctx: Ctx, tenantId: string, contactId: string) => attribute(ctx, "replied_at", tenantId, contactId);

/** A booking, or the stage moved to qualified. */
export const attributeConversion = (ctx: Ctx, tenantId: string, contactId: string) => attribute(ctx, "converted_at", tenantId, contactId);
