// Idempotency-Key records: the first response to a POST, replayed for a retry
// with the same key from the same tenant and actor.
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const idempotencyKeys = sqliteTable(
  "idempotency_keys",
  {
    tenantId: text("tenant_id").notNull(),
    /** `user:<id>` or `api_key:<id>`. */
    actor: text("actor").notNull(),
    key: text("key").notNull(),
    /** SHA-256 of method, path and body. */
    requestHash: text("request_hash").notNull(),
    /** Null while the first request is in flight. */
    responseStatus: integer("response_status"),
    responseHeaders: text("response_headers"),
    responseBody: text("response_body"),
    /** An in-flight claim older than this is abandoned and may be taken over. */
    lockedUntil: integer("locked_until").notNull(),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.actor, t.key] }), index("idempotency_keys_expiry").on(t.expiresAt)],
);
