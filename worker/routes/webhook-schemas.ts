// Response schemas of the outbound-webhook routes (OpenAPI components).
import { z } from "@hono/zod-openapi";
import { WEBHOOK_ATTEMPT_TRIGGERS, WEBHOOK_DELIVERY_STATUSES, WEBHOOK_DISABLED_REASONS } from "../db/schema";

const time = z.string().describe("ISO-8601 UTC");

export const WebhookEndpointSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    description: z.string().nullable(),
    events: z.array(z.string()).describe('Subscribed event types, or ["*"] for all'),
    enabled: z.boolean(),
    disabledReason: z.enum(WEBHOOK_DISABLED_REASONS).nullable().describe("manual: disabled by a person; gone: the endpoint answered 410; failing: it failed continuously for the auto-disable period"),
    disabledAt: time.nullable(),
    failingSince: time.nullable().describe("Start of the current run of failed deliveries; null while healthy"),
    lastSuccessAt: time.nullable(),
    lastFailureAt: time.nullable(),
    rateLimitPerSecond: z.number().int(),
    secretRotatedAt: time.nullable(),
    previousSecretExpiresAt: time.nullable().describe("While set, requests carry a second signature made with the previous secret"),
    createdAt: time,
    updatedAt: time,
  })
  .openapi("WebhookEndpoint");

export const WebhookEndpointWithSecretSchema = WebhookEndpointSchema.extend({
  secret: z.string().describe("The whsec_ signing secret. Shown only in this response"),
}).openapi("WebhookEndpointWithSecret");

export const WebhookSecretRotationSchema = z
  .object({
    id: z.string(),
    secret: z.string().describe("The new whsec_ signing secret. Shown only in this response"),
    previousSecretExpiresAt: time.describe("Until then both the old and the new secret sign every request"),
  })
  .openapi("WebhookSecretRotation");

export const WebhookDeliverySchema = z
  .object({
    id: z.string(),
    endpointId: z.string(),
    eventId: z.string().describe("Sent as webhook-id; the same on every attempt"),
    eventType: z.string(),
    status: z.enum(WEBHOOK_DELIVERY_STATUSES),
    attempts: z.number().int(),
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    lastAttemptAt: time.nullable(),
    nextAttemptAt: time.nullable(),
    replayQueued: z.boolean(),
    test: z.boolean(),
    createdAt: time,
    updatedAt: time,
  })
  .openapi("WebhookDelivery");

export const WebhookAttemptSchema = z
  .object({
    id: z.string(),
    trigger: z.enum(WEBHOOK_ATTEMPT_TRIGGERS),
    status: z.enum(["succeeded", "failed"]),
    statusCode: z.number().int().nullable(),
    durationMs: z.number().int(),
    responseBody: z.string().nullable().describe("The first 2 KB of the response"),
    error: z.string().nullable(),
    url: z.string(),
    webhookTimestamp: z.number().int().describe("The webhook-timestamp header of this attempt"),
    createdAt: time,
  })
  .openapi("WebhookAttempt");

export const WebhookDeliveryDetailSchema = WebhookDeliverySchema.extend({
  payload: z.record(z.string(), z.unknown()).nullable().describe("The exact body sent: { type, timestamp, data }"),
  attemptLog: z.array(WebhookAttemptSchema).describe("Attempts, newest first (at most 100)"),
}).openapi("WebhookDeliveryDetail");

export const WebhookRecoverySchema = z.object({ endpointId: z.string(), since: time, until: time }).openapi("WebhookRecovery");

export const WebhookEventTypeSchema = z
  .object({ type: z.string(), description: z.string(), example: z.record(z.string(), z.unknown()) })
  .openapi("WebhookEventType");
