// The agents' inbox: internal notes on conversations, quick replies (canned
// responses) and WhatsApp message templates.
import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, updatedAt } from "./columns";
import { tenants } from "./core";
import { channels, conversations } from "./messaging";

/** Notes agents leave on a conversation for each other. Never sent to the customer. */
export const conversationNotes = sqliteTable(
  "conversation_notes",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    conversationId: text("conversation_id").notNull().references(() => conversations.id, { onDelete: "cascade" }),
    authorType: text("author_type", { enum: ["user", "api_key", "system"] }).notNull(),
    authorId: text("author_id"),
    /** The person behind the note: the user, or the creator of the API key that posted it. */
    authorUserId: text("author_user_id"),
    text: text("text").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("conversation_notes_conversation").on(t.tenantId, t.conversationId, t.id)],
);

export const quickReplies = sqliteTable(
  "quick_replies",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    /** What an agent types after "/" in the composer; lowercase, unique per tenant. */
    shortcut: text("shortcut").notNull(),
    title: text("title").notNull(),
    /** The reply, with variables such as {{contact.name}}. */
    text: text("text").notNull(),
    createdBy: text("created_by"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("quick_replies_tenant_shortcut").on(t.tenantId, t.shortcut), index("quick_replies_tenant").on(t.tenantId, t.id)],
);

export const TEMPLATE_CATEGORIES = ["marketing", "utility", "authentication"] as const;
export type TemplateCategory = (typeof TEMPLATE_CATEGORIES)[number];

/** Meta's template statuses, lowercased. Only `approved` templates can be sent. */
export const TEMPLATE_STATUSES = [
  "approved",
  "pending",
  "rejected",
  "paused",
  "disabled",
  "in_appeal",
  "pending_deletion",
  "deleted",
  "limit_exceeded",
  "archived",
] as const;
export type TemplateStatus = (typeof TEMPLATE_STATUSES)[number];

/** `meta`: mirrored from a Meta channel's WhatsApp Business Account; `local`: edited in Parley (WAHA and sandbox channels). */
export const TEMPLATE_SOURCES = ["local", "meta"] as const;
export type TemplateSource = (typeof TEMPLATE_SOURCES)[number];

export const messageTemplates = sqliteTable(
  "message_templates",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    source: text("source", { enum: TEMPLATE_SOURCES }).notNull(),
    /** The Meta channel a synced template belongs to; null for local templates. */
    channelId: text("channel_id").references(() => channels.id, { onDelete: "cascade" }),
    providerTemplateId: text("provider_template_id"),
    name: text("name").notNull(),
    language: text("language").notNull(),
    category: text("category", { enum: TEMPLATE_CATEGORIES }).notNull(),
    /** Meta's template components (HEADER, BODY, FOOTER, BUTTONS) as JSON. */
    components: text("components", { mode: "json" }).$type<Record<string, unknown>[]>().notNull().default(sql`'[]'`),
    status: text("status", { enum: TEMPLATE_STATUSES }).notNull(),
    /** Meta's quality rating (green, yellow, red, unknown), from its webhooks. */
    quality: text("quality"),
    /** Why Meta rejected, paused or flagged it, from its webhooks. */
    statusReason: text("status_reason"),
    syncedAt: integer("synced_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("message_templates_tenant").on(t.tenantId, t.id),
    uniqueIndex("message_templates_local_name").on(t.tenantId, t.name, t.language).where(sql`channel_id IS NULL`),
    uniqueIndex("message_templates_channel_name").on(t.channelId, t.name, t.language).where(sql`channel_id IS NOT NULL`),
  ],
);
