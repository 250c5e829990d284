// Broadcast campaigns, owned by worker/campaigns/: the campaign (audience
// filters, message, pacing) and its frozen audience, one row per contact.
import { sql } from "drizzle-orm";
import { index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, updatedAt } from "./columns";
import { tenants } from "./core";
import { channels, contacts } from "./messaging";

export const CAMPAIGN_STATUSES = ["draft", "scheduled", "sending", "paused", "completed", "cancelled"] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export const campaigns = sqliteTable(
  "campaigns",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    channelId: text("channel_id").notNull().references(() => channels.id, { onDelete: "cascade" }),
    status: text("status", { enum: CAMPAIGN_STATUSES }).notNull().default("draft"),
    /** The audience filters as given (validated by worker/campaigns/audience.ts). */
    audience: text("audience", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    /** `{ template: { name, language, parameters? } }` or `{ text }`. */
    message: text("message", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    /** The configured throughput, messages per second. */
    ratePerSecond: real("rate_per_second").notNull(),
    /** The throughput in force: lowered automatically after a provider rate error (130429). */
    currentRate: real("current_rate").notNull(),
    quietHours: text("quiet_hours", { mode: "json" }).$type<{ start: string; end: string; timeZone: string } | null>(),
    /** Hours after a recipient's message during which a reply is attributed to the campaign. */
    replyWindowHours: integer("reply_window_hours").notNull().default(72),
    scheduledAt: integer("scheduled_at"),
    audienceCount: integer("audience_count").notNull().default(0),
    /** Why a paused campaign is paused (shown to the user), null otherwise. */
    pausedReason: text("paused_reason"),
    /** Recipients released to the outbound queue since the pacer's clock started (pacing state). */
    dispatched: integer("dispatched").notNull().default(0),
    pacerStartedAt: integer("pacer_started_at"),
    /** The last automatic slow-down (130429). */
    slowedAt: integer("slowed_at"),
    startedAt: integer("started_at"),
    completedAt: integer("completed_at"),
    createdBy: text("created_by"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("campaigns_tenant").on(t.tenantId, t.id),
    index("campaigns_scheduled").on(t.scheduledAt).where(sql`status = 'scheduled'`),
    index("campaigns_sending").on(t.status).where(sql`status = 'sending'`),
  ],
);

/** pending → queued (its message exists) | skipped | failed (before a message existed). */
export const RECIPIENT_STATES = ["pending", "queued", "skipped", "failed"] as const;

export const campaignRecipients = sqliteTable(
  "campaign_recipients",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    campaignId: text("campaign_id").notNull().references(() => campaigns.id, { onDelete: "cascade" }),
    contactId: text("contact_id").notNull().references(() => contacts.id, { onDelete: "cascade" }),
    phone: text("phone").notNull(),
    state: text("state", { enum: RECIPIENT_STATES }).notNull().default("pending"),
    messageId: text("message_id"),
    errorCode: text("error_code"),
    errorTitle: text("error_title"),
    queuedAt: integer("queued_at"),
    /** When the provider accepted the message. */
    sentAt: integer("sent_at"),
    /** The contact's zone when the audience was frozen (quiet hours); null: the campaign's zone. */
    timeZone: text("time_zone"),
    repliedAt: integer("replied_at"),
    convertedAt: integer("converted_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // At most one recipient row, hence one message, per contact and campaign.
    uniqueIndex("campaign_recipients_campaign_contact").on(t.campaignId, t.contactId),
    index("campaign_recipients_campaign_state").on(t.campaignId, t.state, t.id),
    index("campaign_recipients_tenant_contact").on(t.tenantId, t.contactId, t.queuedAt),
  ],
);
