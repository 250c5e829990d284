// Customers' reactions to messages. A reaction is not a message of its own: it
// belongs to the message it reacts to, found by that message's provider id
// (the reaction may arrive before Parley has recorded the provider id of its
// own send, so the link is resolved when the thread is read). One row per
// customer and message: a new emoji replaces the old one, a removal keeps the
// row with `emoji` null so an older delivery arriving late cannot bring it back.
import { integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt, updatedAt } from "./columns";
import { tenants } from "./core";
import { contacts } from "./messaging";

export const messageReactions = sqliteTable(
  "message_reactions",
  {
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    channelId: text("channel_id").notNull(),
    /** The provider id of the message reacted to (Meta wamid, WAHA message id). */
    targetProviderMessageId: text("target_provider_message_id").notNull(),
    contactId: text("contact_id").notNull().references(() => contacts.id, { onDelete: "cascade" }),
    /** Null once the customer removed their reaction. */
    emoji: text("emoji"),
    /** The provider id of the reaction event that set this state. */
    providerMessageId: text("provider_message_id").notNull(),
    /** The provider's time of that event (ms): a delivery older than the stored state changes nothing. */
    reactedAt: integer("reacted_at").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.channelId, t.targetProviderMessageId, t.contactId] })],
);
