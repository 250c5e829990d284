// Shapes of the outbound-webhook API, mirroring worker/routes/webhook-schemas.ts.
import type { Schema } from "../../../api";
export type WebhookEndpoint = Schema<"WebhookEndpoint">;

export type WebhookDelivery = Schema<"WebhookDelivery">;

export type WebhookAttempt = Schema<"WebhookAttempt">;

export type WebhookDeliveryDetail = Schema<"WebhookDeliveryDetail">;

export type WebhookEventType = Pick<Schema<"WebhookEventType">, "type" | "description">;

export const webhooksKey = ["webhooks"] as const;
export const endpointKey = (id: string) => [...webhooksKey, "endpoint", id] as const;
export const deliveriesKey = (endpointId: string) => [...webhooksKey, "deliveries", endpointId] as const;
