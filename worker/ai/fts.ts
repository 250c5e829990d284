// The FTS5 table that indexes knowledge chunks (created by migration
// 0004_knowledge_fts.sql). Described here, outside worker/db/schema, so that
// drizzle can build statements for it without drizzle-kit trying to create it
// as an ordinary table.
import { sqliteTable, text } from "drizzle-orm/sqlite-core";

export const knowledgeFts = sqliteTable("knowledge_fts", {
  terms: text("terms").notNull(),
  chunkId: text("chunk_id").notNull(),
  entryId: text("entry_id").notNull(),
  tenantId: text("tenant_id").notNull(),
});
