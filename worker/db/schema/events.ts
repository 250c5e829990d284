// Outbound webhooks: subscriber endpoints, the events sent to them, one
// delivery per (event, endpoint) and every HTTP attempt of a delivery.
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, updatedAt } from "./columns";
import { tenants } from "./core";

/** Why an endpoint is disabled: by a person, by a `410 Gone`, or after failing continuously. */
export const WEBHOOK_DISABLED_REASONS = ["manual", "gone", "failing"] as const;
export type WebhookDisabledReason = (typeof WEBHOOK_DISABLED_REASONS)[number];

export const WEBHOOK_DELIVERY_STATUSES = ["pending", "succeeded", "failed"] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/** What started an attempt: the retry schedule, a test send, or a replay/recover. */
export const WEBHOOK_ATTEMPT_TRIGGERS = ["scheduled", "manual", "replay"] as const;
export type WebhookAttemptTrigger = (typeof WEBHOOK_ATTEMPT_TRIGGERS)[number];

export const webhookEndpoints = sqliteTable(
  "webhook_endpoints",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    description: text("description"),
    /** Subscribed event types, or ["*"] for all. */
    eventTypes: text("event_types", { mode: "json" }).$type<string[]>().notNull(),
    enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
    disabledReason: text("disabled_reason", { enum: WEBHOOK_DISABLED_REASONS }),
    disabledAt: integer("disabled_at"),
    /** Deliveries per second; null means the platform default. */
    rateLimitPerSecond: integer("rate_limit_per_second"),
    /** The `whsec_…` signing secret, AES-GCM encrypted under ENCRYPTION_KEY. */
    secret: text("secret").notNull(),
    /** The secret replaced by the last rotation, still signing until previous_secret_expires_at. */
    previousSecret: text("previous_secret"),
    previousSecretExpiresAt: integer("previous_secret_expires_at"),
    secretRotatedAt: integer("secret_rotated_at"),
    /** Start of the current run of failed scheduled attempts; null while healthy. */
    failingSince: integer("failing_since"),
    lastSuccessAt: integer("last_success_at"),
    lastFailureAt: integer("last_failure_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("webhook_endpoints_tenant").on(t.tenantId, t.id)],
);

/** One row per event that had at least one subscriber; `payload` is the exact body that is signed and sent. */
export const webhookEvents = sqliteTable(
  "webhook_events",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    payload: text("payload").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("webhook_events_tenant").on(t.tenantId, t.id)],
);

export const webhookDeliveries = sqliteTable(
  "webhook_deliveries",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    endpointId: text("endpoint_id").notNull().references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    eventId: text("event_id").notNull().references(() => webhookEvents.id, { onDelete: "cascade" }),
    eventType: text("event_type").notNull(),
    /** A "send test event" delivery: one manual attempt, no retries. */
    test: integer("test", { mode: "boolean" }).notNull().default(false),
    status: text("status", { enum: WEBHOOK_DELIVERY_STATUSES }).notNull().default("pending"),
    /** Every attempt, whatever triggered it. */
    attempts: integer("attempts").notNull().default(0),
    /** Attempts made by the retry schedule; also the guard against duplicate queue messages. */
    scheduledAttempts: integer("scheduled_attempts").notNull().default(0),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    lastAttemptAt: integer("last_attempt_at"),
    nextAttemptAt: integer("next_attempt_at"),
    /** Set when a replay is queued; the attempt that clears it is the only one that runs for it. */
    replayToken: text("replay_token"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // Queue delivery is at-least-once: a redelivered event must not fan out twice.
    uniqueIndex("webhook_deliveries_event_endpoint").on(t.eventId, t.endpointId),
    index("webhook_deliveries_endpoint").on(t.endpointId, t.id),
    index("webhook_deliveries_endpoint_status").on(t.endpointId, t.status, t.id),
    index("webhook_deliveries_endpoint_type").on(t.endpointId, t.eventType, t.id),
    // Recover: an endpoint's failed deliveries in a time range.
    index("webhook_deliveries_endpoint_status_created").on(t.endpointId, t.status, t.createdAt),
    index("webhook_deliveries_tenant").on(t.tenantId, t.id),
    index("webhook_deliveries_tenant_status").on(t.tenantId, t.status, t.id),
  ],
);

export const webhookAttempts = sqliteTable(
  "webhook_attempts",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    deliveryId: text("delivery_id").notNull().references(() => webhookDeliveries.id, { onDelete: "cascade" }),
    trigger: text("trigger", { enum: WEBHOOK_ATTEMPT_TRIGGERS }).notNull(),
    succeeded: integer("succeeded", { mode: "boolean" }).notNull(),
    /** Null when no response arrived (network error, timeout, refused URL). */
    statusCode: integer("status_code"),
    durationMs: integer("duration_ms").notNull(),
    /** The first 2 KB of the response body. */
    responseBody: text("response_body"),
    error: text("error"),
    /** The URL as it was when the attempt was made. */
    url: text("url").notNull(),
    /** The `webhook-timestamp` this attempt was signed with (unix seconds). */
    webhookTimestamp: integer("webhook_timestamp").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("webhook_attempts_delivery").on(t.deliveryId, t.id)],
);
