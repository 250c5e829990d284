// The assistant: knowledge, bot settings, credits.
import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, updatedAt } from "./columns";
import { tenants } from "./core";

export const knowledgeEntries = sqliteTable(
  "knowledge_entries",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    content: text("content").notNull(),
    tags: text("tags", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("knowledge_entries_tenant").on(t.tenantId, t.id)],
);

/** Retrieval units of an entry; their stemmed text is indexed in the FTS5 table knowledge_fts. */
export const knowledgeChunks = sqliteTable(
  "knowledge_chunks",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    entryId: text("entry_id").notNull().references(() => knowledgeEntries.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    text: text("text").notNull(),
  },
  (t) => [index("knowledge_chunks_entry").on(t.entryId, t.position), index("knowledge_chunks_tenant").on(t.tenantId)],
);

export const botSettings = sqliteTable("bot_settings", {
  tenantId: text("tenant_id").primaryKey().references(() => tenants.id, { onDelete: "cascade" }),
  settings: text("settings", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
  updatedAt: updatedAt(),
});

export const creditAccounts = sqliteTable("credit_accounts", {
  tenantId: text("tenant_id").primaryKey().references(() => tenants.id, { onDelete: "cascade" }),
  plan: text("plan").notNull(),
  monthlyCredits: integer("monthly_credits").notNull(),
  balance: integer("balance").notNull(),
  periodStart: integer("period_start").notNull(),
  /** When credit.low / credit.exhausted were last emitted in this period. */
  lowNotifiedAt: integer("low_notified_at"),
  exhaustedNotifiedAt: integer("exhausted_notified_at"),
  updatedAt: updatedAt(),
});

export const creditLedger = sqliteTable(
  "credit_ledger",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    delta: integer("delta").notNull(),
    reason: text("reason", { enum: ["monthly_grant", "answer", "refund", "adjustment"] }).notNull(),
    /** What the movement is for, e.g. the reservation id of an answer. */
    reference: text("reference"),
    balanceAfter: integer("balance_after").notNull(),
    metadata: text("metadata", { mode: "json" }).$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [
    index("credit_ledger_tenant").on(t.tenantId, t.id),
    index("credit_ledger_tenant_time").on(t.tenantId, t.createdAt),
    uniqueIndex("credit_ledger_reference").on(t.tenantId, t.reason, t.reference),
  ],
);

/**
 * Questions the assistant could not answer from the knowledge (a handoff or an
 * "I don't know"): the gap list that tells the owner what to teach next.
 * `normalized` groups the same question asked in different words.
 */
export const knowledgeGaps = sqliteTable(
  "knowledge_gaps",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    conversationId: text("conversation_id").notNull(),
    /** The customer's message that went unanswered (unique: a redelivered turn records it once). */
    messageId: text("message_id").notNull(),
    question: text("question").notNull(),
    normalized: text("normalized").notNull(),
    /** Set when an entry was added to the knowledge from this question. */
    resolvedAt: integer("resolved_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("knowledge_gaps_message").on(t.tenantId, t.messageId),
    index("knowledge_gaps_tenant_time").on(t.tenantId, t.createdAt),
    index("knowledge_gaps_tenant_normalized").on(t.tenantId, t.normalized, t.createdAt),
  ],
);
