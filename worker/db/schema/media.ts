// Media files: what customers send (downloaded from the provider into R2) and
// what agents upload to send. Bytes live in the MEDIA bucket under `r2_key`;
// this row is the tenant-owned record of them.
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt, updatedAt } from "./columns";
import { tenants } from "./core";

export const MEDIA_TYPES = ["image", "sticker", "audio", "video", "document"] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];
/** pending: waiting for download; stored: bytes in R2; refused: over the limit or not allowed; failed: the provider could not deliver it; expired: removed by retention. */
export const MEDIA_STATUSES = ["pending", "stored", "refused", "failed", "expired"] as const;
export type MediaStatus = (typeof MEDIA_STATUSES)[number];

export const media = sqliteTable(
  "media",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    /** inbound: sent by a customer; upload: uploaded by a member to send. */
    origin: text("origin", { enum: ["inbound", "upload"] }).notNull(),
    channelId: text("channel_id"),
    contactId: text("contact_id"),
    messageId: text("message_id"),
    type: text("type", { enum: MEDIA_TYPES }).notNull(),
    status: text("status", { enum: MEDIA_STATUSES }).notNull(),
    mimeType: text("mime_type"),
    size: integer("size"),
    fileName: text("file_name"),
    sha256: text("sha256"),
    r2Key: text("r2_key"),
    /** Meta's media id, or WAHA's file URL: where the bytes are fetched from. */
    providerMediaId: text("provider_media_id"),
    providerUrl: text("provider_url"),
    voice: integer("voice", { mode: "boolean" }).notNull().default(false),
    /** Why the file was refused or could not be downloaded. */
    error: text("error"),
    attempts: integer("attempts").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("media_tenant").on(t.tenantId, t.id),
    index("media_tenant_contact").on(t.tenantId, t.contactId),
    index("media_pending").on(t.status, t.updatedAt),
  ],
);
