// Meta media ids Parley already holds for a stored file: an upload to a
// business number's /media endpoint yields an id that number can send for
// about 30 days, so the same file is uploaded once, not once per message.
// Keyed by tenant, channel, the number's phone number id (ids are bound to
// the number that uploaded them) and the file's SHA-256.
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt } from "./columns";
import { tenants } from "./core";
import { channels } from "./messaging";

export const metaMediaIds = sqliteTable(
  "meta_media_ids",
  {
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    channelId: text("channel_id").notNull().references(() => channels.id, { onDelete: "cascade" }),
    phoneNumberId: text("phone_number_id").notNull(),
    /** Hex SHA-256 of the file's bytes. */
    sha256: text("sha256").notNull(),
    /** The id Meta returned for the upload. */
    mediaId: text("media_id").notNull(),
    /** After this (ms) the id is not used: 29 days after the upload, a day inside Meta's 30. */
    expiresAt: integer("expires_at").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.channelId, t.phoneNumberId, t.sha256] }), index("meta_media_ids_expires").on(t.expiresAt)],
);
