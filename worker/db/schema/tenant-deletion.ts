// Deleted workspaces. Neither table has a tenant_id column on purpose: they
// describe a tenant that no longer exists and outlive the erasure of every
// tenant-owned table (worker/tenancy/tenant-deletion.ts).
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const tenantDeletions = sqliteTable(
  "tenant_deletions",
  {
    /** The deleted tenant's id. */
    id: text("id").primaryKey(),
    plan: text("plan").notNull(),
    /** The owner who asked (a user id; the account may be deleted later). */
    requestedBy: text("requested_by"),
    requestedAt: integer("requested_at").notNull(),
    /** Set when no row and no stored file of the tenant is left. */
    erasedAt: integer("erased_at"),
    rowsErased: integer("rows_erased").notNull().default(0),
    objectsDeleted: integer("objects_deleted").notNull().default(0),
    /** Erasure passes run so far (one per maintenance run until done). */
    passes: integer("passes").notNull().default(0),
  },
  (t) => [index("tenant_deletions_pending").on(t.erasedAt, t.requestedAt)],
);

/** Channels of deleted workspaces: their webhooks are acknowledged and dropped. */
export const retiredChannels = sqliteTable("retired_channels", {
  id: text("id").primaryKey(),
  deletionId: text("deletion_id").notNull(),
  retiredAt: integer("retired_at").notNull(),
});
