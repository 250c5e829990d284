// Operational records: dead letters.
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt } from "./columns";

export const deadLetters = sqliteTable(
  "dead_letters",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id"),
    queue: text("queue").notNull(),
    messageId: text("message_id").notNull(),
    payload: text("payload").notNull(),
    error: text("error"),
    attempts: integer("attempts").notNull(),
    createdAt: createdAt(),
    replayedAt: integer("replayed_at"),
  },
  (t) => [uniqueIndex("dead_letters_queue_message").on(t.queue, t.messageId), index("dead_letters_tenant").on(t.tenantId, t.id)],
);
