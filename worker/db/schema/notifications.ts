// Emails Parley sends to people (channel alerts, assignments, invitations,
// password resets) and the password-reset tokens.
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, updatedAt } from "./columns";

export const EMAIL_KINDS = ["channel_alert", "conversation_assigned", "invitation", "password_reset"] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];
/** pending: to be sent by the provider; sent; failed: the provider refused it or retries ran out; outbox: no provider, kept to read. */
export const EMAIL_STATUSES = ["pending", "sent", "failed", "outbox"] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];

export const emails = sqliteTable(
  "emails",
  {
    id: text("id").primaryKey(),
    /** The tenant it is about; null for account emails (password reset). */
    tenantId: text("tenant_id"),
    /** The recipient's user id when they have an account. */
    userId: text("user_id"),
    kind: text("kind", { enum: EMAIL_KINDS }).notNull(),
    /** What the email is about (an event id, an invitation id…): one email per key and address. */
    dedupeKey: text("dedupe_key").notNull(),
    toEmail: text("to_email").notNull(),
    subject: text("subject").notNull(),
    /** Plain-text body; cleared once the provider accepted it. */
    body: text("body"),
    status: text("status", { enum: EMAIL_STATUSES }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at"),
    providerMessageId: text("provider_message_id"),
    lastError: text("last_error"),
    sentAt: integer("sent_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("emails_dedupe").on(t.dedupeKey, t.toEmail),
    index("emails_tenant").on(t.tenantId, t.id),
    index("emails_user").on(t.userId, t.id),
    index("emails_due").on(t.status, t.nextAttemptAt),
  ],
);

export const passwordResets = sqliteTable(
  "password_resets",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull(),
    /** SHA-256 of the token in the link; the token itself is never stored. */
    tokenHash: text("token_hash").notNull(),
    createdAt: createdAt(),
    expiresAt: integer("expires_at").notNull(),
    usedAt: integer("used_at"),
  },
  (t) => [uniqueIndex("password_resets_token_hash").on(t.tokenHash), index("password_resets_user").on(t.userId)],
);
