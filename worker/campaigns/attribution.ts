// Results attributed to a campaign: a reply within the campaign's reply window
// after its message reached the contact, and a conversion (a booking, or the
// contact's stage becoming `qualified`) within the same window. Each is set
// once per recipient; the most recent campaign that reached the contact wins.
import { sql, type SQL } from "drizzle-orm";
import { campaignRecipients } from "../db/schema";
import type { Ctx } from "../lib/context";
import type { Value } from "../db/prepared";

export const CONVERTED_STAGE = "qualified";

/** The UPDATE that attributes a result to the recipient row of the latest campaign that reached the contact; `when` must also hold. */
function attributeQuery(ctx: Pick<Ctx, "db">, column: "replied_at" | "converted_at", now: Value<number>, tenantId: Value<string>, contactId: Value<string>, when: SQL = sql`1`) {
  return ctx.db
    .update(campaignRecipients)
    .set(column === "replied_at" ? { repliedAt: sql`${now}`, updatedAt: sql`${now}` } : { convertedAt: sql`${now}`, updatedAt: sql`${now}` })
    .where(
      sql`${when} AND ${campaignRecipients.id} = (
       SELECT r.id FROM campaign_recipients r
       JOIN campaigns c ON c.id = r.campaign_id
       JOIN messages m ON m.id = r.message_id
       WHERE r.tenant_id = ${tenantId} AND r.contact_id = ${contactId} AND r.state = 'queued' AND r.${sql.raw(column)} IS NULL
         AND r.sent_at IS NOT NULL AND r.sent_at >= ${now} - c.reply_window_hours * 3600000
         AND m.status IN ('sent', 'delivered', 'read', 'played')
       ORDER BY r.sent_at DESC LIMIT 1)`,
    );
}

async function attribute(ctx: Ctx, column: "replied_at" | "converted_at", tenantId: string, contactId: string): Promise<number> {
  const res = await attributeQuery(ctx, column, ctx.now(), tenantId, contactId);
  return res.meta.changes ?? 0;
}

/** A reply's attribution as a statement, for the inbound insert's batch; it applies only where `when` holds. */
export const attributeReplyQuery = (ctx: Pick<Ctx, "db">, now: Value<number>, tenantId: Value<string>, contactId: Value<string>, when: SQL) => attributeQuery(ctx, "replied_at", now, tenantId, contactId, when);

/** A booking, or the stage moved to qualified. */
export const attributeConversion = (ctx: Ctx, tenantId: string, contactId: string) => attribute(ctx, "converted_at", tenantId, contactId);
