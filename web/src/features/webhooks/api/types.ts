// Shapes of the outbound-webhook API, mirroring worker/routes/webhook-schemas.ts.
export interface WebhookEndpoint {
  id: string;
  url: string;
  description: string | null;
  /** Subscribed event types, or ["*"] for all. */
  events: string[];
  enabled: boolean;
  disabledReason: "manual" | "gone" | "failing" | null;
  disabledAt: string | null;
  failingSince: string | null;
  lastSuccessAt: string | null;
  lastFailureAt: string | null;
  rateLimitPerSecond: number;
  secretRotatedAt: string | null;
  previousSecretExpiresAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface WebhookDelivery {
  id: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  status: "pending" | "succeeded" | "failed";
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  replayQueued: boolean;
  test: boolean;
  createdAt: string;
}

export interface WebhookAttempt {
  id: string;
  trigger: "scheduled" | "manual" | "replay";
  status: "succeeded" | "failed";
  statusCode: number | null;
  durationMs: number;
  responseBody: string | null;
  error: string | null;
  url: string;
  createdAt: string;
}

export interface WebhookDeliveryDetail extends WebhookDelivery {
  payload: Record<string, unknown> | null;
  attemptLog: WebhookAttempt[];
}

export interface WebhookEventType {
  type: string;
  description: string;
}

export const webhooksKey = ["webhooks"] as const;
export const endpointKey = (id: string) => [...webhooksKey, "endpoint", id] as const;
export const deliveriesKey = (endpointId: string) => [...webhooksKey, "deliveries", endpointId] as const;
