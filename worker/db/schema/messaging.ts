// Channels, contacts, conversations and messages.
import { sql } from "drizzle-orm";
import { index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, updatedAt } from "./columns";
import { tenants } from "./core";

export const CHANNEL_TYPES = ["meta", "waha", "sandbox"] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

export const channels = sqliteTable(
  "channels",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    type: text("type", { enum: CHANNEL_TYPES }).notNull(),
    name: text("name").notNull(),
    status: text("status", { enum: ["connected", "needs_attention", "disconnected"] }).notNull().default("connected"),
    attentionReason: text("attention_reason"),
    /** What needs attention: credentials, session, account or quality (worker/channels/health.ts). */
    attentionKind: text("attention_kind"),
    phoneNumber: text("phone_number"),
    phoneNumberId: text("phone_number_id"),
    wabaId: text("waba_id"),
    baseUrl: text("base_url"),
    session: text("session"),
    verifyToken: text("verify_token"),
    /** AES-GCM envelope of the channel's secrets (JSON), never returned. */
    secrets: text("secrets"),
    /** Meta: the business name Meta shows for the number, as read when the token's ownership was proven. */
    verifiedName: text("verified_name"),
    /** Meta: Graph API version for this channel ("v25.0"); null follows WHATSAPP_GRAPH_API_URL. */
    graphApiVersion: text("graph_api_version"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("channels_tenant").on(t.tenantId, t.id),
    uniqueIndex("channels_meta_phone_number_id")
      .on(t.phoneNumberId)
      .where(sql`type = 'meta' AND status != 'disconnected'`),
  ],
);

export const contacts = sqliteTable(
  "contacts",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    /** The address replies go to: the WhatsApp id (digits), or the Meta user id of a username-only user. */
    waId: text("wa_id").notNull(),
    /** E.164; empty for a username-only user whose number Meta does not share. */
    phone: text("phone").notNull(),
    /** Meta business-scoped user id ("US.1349…"), when known. */
    userId: text("user_id"),
    /** Meta username ("@name"), when the user adopted one. */
    username: text("username"),
    /** WAHA privacy id (the digits of "…@lid"), when WhatsApp addressed this person by one. */
    wahaLid: text("waha_lid"),
    name: text("name"),
    email: text("email"),
    tags: text("tags", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    leadScore: integer("lead_score").notNull().default(0),
    stage: text("stage").notNull().default("new"),
    optedOut: integer("opted_out", { mode: "boolean" }).notNull().default(false),
    optedOutAt: integer("opted_out_at"),
    /** WhatsApp reported that the user stopped marketing messages (131050): no campaign reaches them. */
    marketingOptedOutAt: integer("marketing_opted_out_at"),
    customFields: text("custom_fields", { mode: "json" }).$type<Record<string, unknown>>().notNull().default(sql`'{}'`),
    /** IANA zone set by a team member; null: the one the number implies, if any (contacts/time-zone.ts). */
    timeZone: text("time_zone"),
    lastMessageAt: integer("last_message_at"),
    /** Set by GDPR erasure: personal data is gone, the row stays for aggregate counts. */
    erasedAt: integer("erased_at"),
    /** When the stage first became "qualified" (set by a trigger; analytics counts it). */
    qualifiedAt: integer("qualified_at"),
    /** When the bot first asked this contact a qualification question (analytics' funnel). */
    flowAskedAt: integer("flow_asked_at"),
    /** When this contact first answered one (set by a trigger on flow_answers). */
    flowAnsweredAt: integer("flow_answered_at"),
    /** hot / warm / cold from lead_score and the tenant's thresholds (worker/leads/). */
    leadBand: text("lead_band", { enum: ["cold", "warm", "hot"] }).notNull().default("cold"),
    /** How lead_score was reached: one item per component (worker/leads/model.ts). */
    scoreBreakdown: text("score_breakdown", { mode: "json" }).$type<unknown[]>(),
    /** What the score remembers between messages (worker/leads/model.ts LeadState). */
    leadState: text("lead_state", { mode: "json" }).$type<Record<string, unknown>>(),
    /** When lead_score was last computed; the daily decay picks the oldest. */
    scoreUpdatedAt: integer("score_updated_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("contacts_tenant_wa_id").on(t.tenantId, t.waId),
    uniqueIndex("contacts_tenant_user_id").on(t.tenantId, t.userId).where(sql`user_id IS NOT NULL`),
    uniqueIndex("contacts_tenant_waha_lid").on(t.tenantId, t.wahaLid).where(sql`waha_lid IS NOT NULL`),
    index("contacts_tenant").on(t.tenantId, t.id),
    // Keyset pagination for each list sort (value, id) and the selective filters.
    index("contacts_tenant_last_message").on(t.tenantId, t.lastMessageAt, t.id),
    index("contacts_tenant_score").on(t.tenantId, t.leadScore, t.id),
    index("contacts_tenant_stage").on(t.tenantId, t.stage, t.id),
    index("contacts_tenant_opted_out").on(t.tenantId, t.optedOut, t.id),
    // Searches of one or two characters (below a trigram of contacts_fts): names and emails starting with them.
    index("contacts_tenant_name_key").on(t.tenantId, sql`lower("name")`).where(sql`erased_at IS NULL`),
    index("contacts_tenant_email_key").on(t.tenantId, sql`lower("email")`).where(sql`erased_at IS NULL`),
    // The daily decay: scored contacts, least recently computed first.
    index("contacts_score_decay").on(t.scoreUpdatedAt).where(sql`lead_score > 0 OR lead_band != 'cold'`),
  ],
);

export const conversations = sqliteTable(
  "conversations",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    contactId: text("contact_id").notNull().references(() => contacts.id, { onDelete: "cascade" }),
    channelId: text("channel_id").notNull().references(() => channels.id, { onDelete: "cascade" }),
    mode: text("mode", { enum: ["bot", "human", "paused"] }).notNull().default("bot"),
    status: text("status", { enum: ["open", "closed"] }).notNull().default("open"),
    assignedTo: text("assigned_to"),
    unreadCount: integer("unread_count").notNull().default(0),
    lastMessageAt: integer("last_message_at"),
    lastInboundAt: integer("last_inbound_at"),
    lastMessagePreview: text("last_message_preview"),
    /** WAHA: the chat id the customer last wrote from ("…@lid" or "…@c.us"); replies go there. */
    replyChatId: text("reply_chat_id"),
    /** Set when the provider reports the 24-hour window closed (131047). */
    windowClosedAt: integer("window_closed_at"),
    summary: text("summary"),
    /** How many of the conversation's messages the summary covers. */
    summaryMessageCount: integer("summary_message_count").notNull().default(0),
    /** The qualification step whose answer the bot is waiting for, or "booking" while slots are on offer. */
    flowStep: text("flow_step"),
    /** The slots last offered to the customer (epoch ms starts), in the order they were numbered. */
    flowOffer: text("flow_offer", { mode: "json" }).$type<number[]>(),
    /** When the conversation was first handed to a person (set by a trigger; analytics counts it). */
    handedOffAt: integer("handed_off_at"),
    /** Why the assistant first handed the conversation over (conversations/handoff HandoffReason); null when a person took over. */
    handoffReason: text("handoff_reason"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("conversations_tenant_contact_channel").on(t.tenantId, t.contactId, t.channelId),
    index("conversations_tenant").on(t.tenantId, t.id),
    index("conversations_tenant_mode").on(t.tenantId, t.mode, t.id),
    // The inbox's sort=lastMessage order (the expression in conversations/queries.ts).
    index("conversations_tenant_activity").on(t.tenantId, sql`coalesce("last_message_at", "created_at")`, t.id),
  ],
);

/** `sending`: claimed by one outbound consumer until `lease_until`; nobody else may call the provider for it. */
export const MESSAGE_STATUSES = ["received", "queued", "sending", "sent", "delivered", "read", "played", "failed"] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export const messages = sqliteTable(
  "messages",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    conversationId: text("conversation_id").notNull().references(() => conversations.id, { onDelete: "cascade" }),
    channelId: text("channel_id").notNull(),
    direction: text("direction", { enum: ["inbound", "outbound"] }).notNull(),
    author: text("author", { enum: ["customer", "bot", "agent", "campaign"] }).notNull(),
    authorUserId: text("author_user_id"),
    type: text("type").notNull(),
    text: text("text"),
    payload: text("payload", { mode: "json" }).$type<Record<string, unknown>>(),
    status: text("status", { enum: MESSAGE_STATUSES }).notNull(),
    errorCode: text("error_code"),
    errorTitle: text("error_title"),
    errorDetail: text("error_detail"),
    providerMessageId: text("provider_message_id"),
    providerTimestamp: integer("provider_timestamp"),
    /** Older than the stale age on arrival: stored, never auto-answered. */
    stale: integer("stale", { mode: "boolean" }).notNull().default(false),
    /** While `sending`: when the claim expires (the consumer that holds it is presumed dead after that). */
    leaseUntil: integer("lease_until"),
    /** The campaign that sent this message (author "campaign"). */
    campaignId: text("campaign_id"),
    /** The file of a media message (table `media`). */
    mediaId: text("media_id"),
    /** What a voice note says, once transcribed. */
    transcript: text("transcript"),
    /** A customer message's sentiment, −1…1, and its label (worker/leads/sentiment.ts). */
    sentiment: real("sentiment"),
    sentimentLabel: text("sentiment_label", { enum: ["positive", "neutral", "negative"] }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("messages_channel_provider_id").on(t.channelId, t.providerMessageId),
    index("messages_conversation").on(t.tenantId, t.conversationId, t.id),
    // A conversation's messages in time order (conversations/message-order.ts).
    index("messages_conversation_time").on(t.tenantId, t.conversationId, sql`coalesce(provider_timestamp, created_at)`, t.id),
    // The cron's sweep for messages whose send job was lost.
    index("messages_queued").on(t.updatedAt).where(sql`status = 'queued'`),
    // The cron's sweep for claims whose consumer died.
    index("messages_sending").on(t.leaseUntil).where(sql`status = 'sending'`),
    index("messages_campaign").on(t.campaignId).where(sql`campaign_id IS NOT NULL`),
    // Analytics triggers: the previous reply and the waiting customer messages of one conversation.
    index("messages_conversation_created").on(t.conversationId, t.createdAt),
  ],
);


/**
 * Delivery statuses that arrived before Parley recorded the provider id of the
 * message they describe; applied as soon as the send result is stored.
 */
export const pendingStatuses = sqliteTable(
  "pending_statuses",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    channelId: text("channel_id").notNull(),
    providerMessageId: text("provider_message_id").notNull(),
    status: text("status", { enum: MESSAGE_STATUSES }).notNull(),
    errorCode: text("error_code"),
    errorTitle: text("error_title"),
    errorDetail: text("error_detail"),
    providerTimestamp: integer("provider_timestamp"),
    createdAt: createdAt(),
  },
  (t) => [index("pending_statuses_lookup").on(t.channelId, t.providerMessageId), index("pending_statuses_created").on(t.createdAt)],
);

/** Webhook bodies too large for a queue message wait here; the queue carries their id. */
export const webhookPayloads = sqliteTable(
  "webhook_payloads",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    channelId: text("channel_id").notNull(),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("webhook_payloads_created").on(t.createdAt)],
);
