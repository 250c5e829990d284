// Analytics rollups, owned by worker/analytics/. The counters live in 15-minute
// UTC buckets (every time zone's midnight falls on a bucket edge) and are kept
// current by SQL triggers on the raw rows (migrations/0015_analytics.sql), so
// any write path counts once; worker/analytics/rebuild.ts recomputes them.
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { tenants } from "./core";

const counter = (name: string) => integer(name).notNull().default(0);

export const analyticsBuckets = sqliteTable(
  "analytics_buckets",
  {
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    /** Start of the 15-minute UTC bucket, epoch ms. */
    bucket: integer("bucket").notNull(),
    conversationsNew: counter("conversations_new"),
    conversationsHandedOff: counter("conversations_handed_off"),
    conversationsClosed: counter("conversations_closed"),
    messagesInbound: counter("messages_inbound"),
    messagesBot: counter("messages_bot"),
    messagesAgent: counter("messages_agent"),
    messagesCampaign: counter("messages_campaign"),
    messagesDelivered: counter("messages_delivered"),
    messagesRead: counter("messages_read"),
    messagesFailed: counter("messages_failed"),
    campaignsSent: counter("campaigns_sent"),
    campaignsDelivered: counter("campaigns_delivered"),
    campaignsRead: counter("campaigns_read"),
    campaignsReplied: counter("campaigns_replied"),
    assistantAnswered: counter("assistant_answered"),
    assistantUnanswered: counter("assistant_unanswered"),
    leadsNewContacts: counter("leads_new_contacts"),
    leadsQualified: counter("leads_qualified"),
    leadsBooked: counter("leads_booked"),
    creditsUsed: counter("credits_used"),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.bucket] })],
);

/** One sample per bot or agent reply that answered waiting customer messages: the percentiles' input. */
export const analyticsResponseTimes = sqliteTable(
  "analytics_response_times",
  {
    messageId: text("message_id").primaryKey(),
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["bot", "human"] }).notNull(),
    /** When the reply was stored, epoch ms. */
    at: integer("at").notNull(),
    ms: integer("ms").notNull(),
  },
  (t) => [index("analytics_response_times_tenant").on(t.tenantId, t.kind, t.at, t.ms)],
);

/** Tenants whose rollups were computed from the raw rows at least once (rows older than the triggers included). */
export const analyticsState = sqliteTable("analytics_state", {
  tenantId: text("tenant_id").primaryKey().references(() => tenants.id, { onDelete: "cascade" }),
  rebuiltAt: integer("rebuilt_at").notNull(),
});
