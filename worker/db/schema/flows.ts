// Lead qualification and bookings, owned by worker/flows/: the tenant's
// qualification flow, the answers each contact gave, and booked slots.
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, updatedAt } from "./columns";
import { tenants } from "./core";
import { contacts, conversations } from "./messaging";

/** One qualification flow per tenant; `definition` is validated by worker/flows/definition.ts. */
export const flows = sqliteTable("flows", {
  tenantId: text("tenant_id")
    .primaryKey()
    .references(() => tenants.id, { onDelete: "cascade" }),
  definition: text("definition", { mode: "json" }).notNull().$type<Record<string, unknown>>(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** A contact's answer to one step; the lead score is the sum of `points`. */
export const flowAnswers = sqliteTable(
  "flow_answers",
  {
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    contactId: text("contact_id").notNull().references(() => contacts.id, { onDelete: "cascade" }),
    stepKey: text("step_key").notNull(),
    /** What the customer wrote, trimmed. */
    answer: text("answer").notNull(),
    /** The normalized value: the option label, the number, the email or the ISO date. */
    value: text("value").notNull(),
    points: integer("points").notNull(),
    messageId: text("message_id"),
    answeredAt: integer("answered_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.contactId, t.stepKey] }), index("flow_answers_tenant_contact").on(t.tenantId, t.contactId)],
);

export const BOOKING_STATUSES = ["confirmed", "cancelled"] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

export const bookings = sqliteTable(
  "bookings",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    contactId: text("contact_id").notNull().references(() => contacts.id, { onDelete: "cascade" }),
    conversationId: text("conversation_id").references(() => conversations.id, { onDelete: "set null" }),
    startsAt: integer("starts_at").notNull(),
    endsAt: integer("ends_at").notNull(),
    status: text("status", { enum: BOOKING_STATUSES }).notNull(),
    source: text("source", { enum: ["bot", "agent"] }).notNull(),
    note: text("note"),
    createdBy: text("created_by"),
    cancelledAt: integer("cancelled_at"),
    /** iCalendar SEQUENCE: bumped each time the booking is moved or cancelled, so calendars replace their copy. */
    sequence: integer("sequence").notNull().default(0),
    /** When the cron took the booking's reminder (claimed once, in the statement that sets it). */
    reminderAt: integer("reminder_at"),
    /** What became of it: sent, window_closed (no reminder template), opted_out, no_conversation or failed. */
    reminderResult: text("reminder_result"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // Two confirmed bookings can never start at the same time: the backstop behind the slot check.
    uniqueIndex("bookings_tenant_start_confirmed").on(t.tenantId, t.startsAt).where(sql`status = 'confirmed'`),
    index("bookings_tenant_start").on(t.tenantId, t.startsAt, t.id),
    index("bookings_tenant_contact").on(t.tenantId, t.contactId, t.startsAt),
    // The reminder sweep: confirmed bookings not yet reminded, by start time.
    index("bookings_reminder_due").on(t.startsAt).where(sql`status = 'confirmed' AND reminder_at IS NULL`),
  ],
);

/**
 * The tenant's calendar feed: the SHA-256 of the secret in its subscription
 * URL (the secret itself is never stored). Rotating replaces the hash, so the
 * old URL stops working.
 */
export const calendarFeeds = sqliteTable("calendar_feeds", {
  tenantId: text("tenant_id")
    .primaryKey()
    .references(() => tenants.id, { onDelete: "cascade" }),
  tokenHash: text("token_hash").notNull(),
  createdBy: text("created_by"),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});
