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
    /** Customer messages a bot or agent reply followed (on the customer message's bucket). */
    messagesAnswered: counter("messages_answered"),
    /** Contacts the bot asked their first qualification question (contacts.flow_asked_at). */
    leadsAsked: counter("leads_asked"),
    /** Contacts that gave their first qualification answer (contacts.flow_answered_at). */
    leadsAnswered: counter("leads_answered"),
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
    /** `ms` to two significant digits (worker/analytics/latency.ts msBucket): the histogram bucket it counts in. */
    msBucket: integer("ms_bucket").notNull().default(0),
  },
  (t) => [index("analytics_response_times_bucket").on(t.tenantId, t.kind, t.msBucket, t.at, t.ms)],
);

/**
 * How many samples fell in each response-time bucket per UTC day, hour and
 * quarter hour (`span` ms long, starting at `start`); kept by triggers on
 * analytics_response_times, so a percentile reads O(days) rows.
 */
export const analyticsResponseHistogram = sqliteTable(
  "analytics_response_histogram",
  {
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["bot", "human"] }).notNull(),
    span: integer("span").notNull(),
    start: integer("start").notNull(),
    msBucket: integer("ms_bucket").notNull(),
    n: integer("n").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.kind, t.span, t.start, t.msBucket] })],
);

/**
 * Counters by a key within a dimension, per 15-minute UTC bucket: `channel`
 * (new conversations by channel id), `handoff` (handed-off conversations by
 * the first handoff's reason, "agent" when a person took over), `failure`
 * (failed outbound messages by error code, "" without one).
 */
export const analyticsBreakdowns = sqliteTable(
  "analytics_breakdowns",
  {
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    dimension: text("dimension", { enum: ["channel", "handoff", "failure"] }).notNull(),
    bucket: integer("bucket").notNull(),
    key: text("key").notNull(),
    n: integer("n").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.dimension, t.bucket, t.key] })],
);

/** Tenants whose rollups were computed from the raw rows at least once (rows older than the triggers included). */
export const analyticsState = sqliteTable("analytics_state", {
  tenantId: text("tenant_id").primaryKey().references(() => tenants.id, { onDelete: "cascade" }),
  rebuiltAt: integer("rebuilt_at").notNull(),
  /** 1 only inside the rebuild's batch: the histogram triggers stand aside while it recomputes the histogram in one statement. */
  rebuilding: integer("rebuilding").notNull().default(0),
});
