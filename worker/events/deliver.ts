// The webhook-deliveries queue consumer: one signed attempt per message,
// recorded in D1, then the next step of the retry schedule enqueued.
//
// Duplicated queue messages are harmless: a scheduled attempt only records if
// the delivery is still pending at exactly the previous attempt count, and a
// replay/manual attempt only if the delivery still holds its token. The next
// attempt is enqueued *before* the record is written, so a crash in between
// re-sends (which the subscriber dedupes on webhook-id) instead of stranding
// the delivery.
import { and, eq, sql, type SQL } from "drizzle-orm";
import { webhookAttempts, webhookDeliveries, webhookEndpoints, webhookEvents, type WebhookAttemptTrigger } from "../db/schema";
import type { Env } from "../env";
import { SYSTEM_ACTOR, type Ctx } from "../lib/context";
import { newId } from "../lib/ids";
import { errorFields } from "../lib/logger";
import { hitLimit } from "../limits/client";
import { auditStatementWhen } from "../tenancy/audit";
import type { RateLimitPolicy, RateLimitResult } from "../limits/policies";
import { deliveryMessageSchema, enqueueDeliveries, type OnceMessage, type ScheduledMessage } from "./delivery-queue";
import { DEFAULT_RATE_LIMIT_PER_SECOND, signingSecrets, type EndpointRow } from "./endpoints";
import { insertWhen } from "./guarded";
import { postWebhook, type Fetcher, type HttpOutcome } from "./http";
import { runRecoverPage } from "./recover";
import { hopDelaySeconds, nextDelaySeconds, parseRetryAfter, retryDelaySeconds } from "./schedule";
import { signatureHeader } from "./signing";
import { endpointUrlProblem } from "./url-policy";

// The queue's DLQ handler lives beside this consumer; worker/index.ts takes both from here.
export { handleDeliveryDeadLetters } from "./delivery-dlq";

export const USER_AGENT = "Parley-Webhooks/1.0";
/** Queue delays have one-second granularity: a message this close to its time is due. */
const EARLY_TOLERANCE_MS = 2000;

export type Limiter = (env: Env, policy: { name: string; policy: RateLimitPolicy }, key: string) => Promise<RateLimitResult>;

/** Seams for tests: the subscriber's network, jitter, and the per-endpoint limiter. */
export interface DeliveryDeps {
  fetcher?: Fetcher;
  random?: () => number;
  limiter?: Limiter;
}

export async function handleDeliveryBatch(ctx: Ctx, batch: MessageBatch<unknown>, deps: DeliveryDeps = {}): Promise<void> {
  // Concurrently: each message waits on a subscriber for up to 15 s.
  await Promise.all(
    batch.messages.map(async (msg) => {
      try {
        await processDeliveryMessage(ctx, msg.body, deps);
        msg.ack();
      } catch (err) {
        // Our side failed (D1, the queue): the message itself is retried; the DLQ catches what never succeeds.
        ctx.logger.error("webhook delivery message failed", { messageId: msg.id, attempts: msg.attempts, ...errorFields(err) });
        msg.retry({ delaySeconds: Math.min(600, 30 * msg.attempts) });
      }
    }),
  );
}

export async function processDeliveryMessage(ctx: Ctx, body: unknown, deps: DeliveryDeps = {}): Promise<void> {
  const parsed = deliveryMessageSchema.safeParse(body);
  if (!parsed.success) {
    // Only this worker produces these messages; one that does not parse can never succeed.
    ctx.logger.error("dropping malformed webhook delivery message", { issues: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) });
    return;
  }
  const msg = parsed.data;
  if (msg.kind === "scheduled") return runScheduled(ctx, msg, deps);
  if (msg.kind === "recover") return runRecoverPage(ctx, msg);
  return runOnce(ctx, msg, deps);
}

async function loadDelivery(ctx: Ctx, tenantId: string, deliveryId: string) {
  return ctx.db
    .select({ delivery: webhookDeliveries, endpoint: webhookEndpoints, payload: webhookEvents.payload })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
    .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.tenantId, tenantId)))
    .get();
}
type Loaded = NonNullable<Awaited<ReturnType<typeof loadDelivery>>>;

/** Seconds to wait when the endpoint's throughput cap is reached now, or null to go ahead. */
async function throttled(ctx: Ctx, endpoint: EndpointRow, deps: DeliveryDeps): Promise<number | null> {
  const limit = endpoint.rateLimitPerSecond ?? DEFAULT_RATE_LIMIT_PER_SECOND;
  let result: RateLimitResult;
  try {
    result = await (deps.limiter ?? hitLimit)(ctx.env, { name: "webhookEndpoint", policy: { limit, windowMs: 1000 } }, endpoint.id);
  } catch (err) {
    // Fail open, as the API limiter does: an unreachable limiter must not stop deliveries.
    ctx.logger.error("webhook rate limiter unavailable", { endpointId: endpoint.id, ...errorFields(err) });
    return null;
  }
  if (result.allowed) return null;
  // The limiter counts in real time, so the wait is measured against the real clock; a little
  // jitter keeps a deferred burst from arriving back all in the same second.
  const random = deps.random ?? Math.random;
  return Math.max(1, Math.ceil((result.resetAt - Date.now()) / 1000)) + Math.floor(random() * 3);
}

interface AttemptOutcome extends HttpOutcome {
  /** Retrying cannot help (the URL is refused by policy). */
  permanent: boolean;
  timestamp: number;
}

async function attempt(ctx: Ctx, loaded: Loaded, deps: DeliveryDeps, now: number): Promise<AttemptOutcome> {
  const { delivery, endpoint, payload } = loaded;
  const timestamp = Math.floor(now / 1000);
  // Re-checked at send time: a URL stored under a development config must not be called from production.
  const problem = endpointUrlProblem(ctx.config, endpoint.url);
  if (problem) {
    return { succeeded: false, statusCode: null, durationMs: 0, responseBody: null, error: `not sent: the URL ${problem}`, retryAfter: null, permanent: true, timestamp };
  }
  const secrets = await signingSecrets(ctx, endpoint, now);
  const headers = {
    "content-type": "application/json",
    "user-agent": USER_AGENT,
    "webhook-id": delivery.eventId,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": await signatureHeader(secrets, delivery.eventId, timestamp, payload),
  };
  const outcome = await postWebhook(deps.fetcher ?? fetch, endpoint.url, payload, headers);
  ctx.logger.info("webhook attempt", { deliveryId: delivery.id, endpointId: endpoint.id, statusCode: outcome.statusCode, durationMs: outcome.durationMs, succeeded: outcome.succeeded });
  return { ...outcome, permanent: false, timestamp };
}

function attemptStatement(ctx: Ctx, loaded: Loaded, trigger: WebhookAttemptTrigger, o: AttemptOutcome, now: number, claimed: SQL) {
  return insertWhen(
    ctx.db,
    webhookAttempts,
    {
      id: newId("webhookAttempt"),
      tenantId: loaded.delivery.tenantId,
      deliveryId: loaded.delivery.id,
      trigger,
      succeeded: o.succeeded,
      statusCode: o.statusCode,
      durationMs: o.durationMs,
      responseBody: o.responseBody,
      error: o.error,
      url: loaded.endpoint.url,
      webhookTimestamp: o.timestamp,
      createdAt: now,
    },
    claimed,
  );
}

/** The audit row for the system disabling an endpoint, written with the change. */
function disabledAudit(ctx: Ctx, endpoint: EndpointRow, reason: "gone" | "failing", condition: SQL) {
  const auditCtx = { ...ctx, tenantId: endpoint.tenantId, actor: SYSTEM_ACTOR };
  return auditStatementWhen(auditCtx, { action: "webhook_endpoint.disabled", targetType: "webhook_endpoint", targetId: endpoint.id, metadata: { reason } }, condition);
}

const exists = (condition: SQL | undefined) => sql`EXISTS (SELECT 1 FROM ${webhookDeliveries} WHERE ${condition})`;

async function runScheduled(ctx: Ctx, msg: ScheduledMessage, deps: DeliveryDeps): Promise<void> {
  const loaded = await loadDelivery(ctx, msg.tenantId, msg.deliveryId);
  // Gone (endpoint deleted), finished, or a duplicate of an attempt already recorded.
  if (!loaded || loaded.delivery.status !== "pending" || loaded.delivery.scheduledAttempts !== msg.attempt - 1) return;
  const { delivery, endpoint } = loaded;
  const now = ctx.now();
  if (msg.notBefore - now > EARLY_TOLERANCE_MS) {
    // A wait longer than one queue hop: send it on towards its time.
    await enqueueDeliveries(ctx, [{ body: msg, delaySeconds: hopDelaySeconds(msg.notBefore, now) }]);
    return;
  }
  const claim = and(eq(webhookDeliveries.id, delivery.id), eq(webhookDeliveries.status, "pending"), eq(webhookDeliveries.scheduledAttempts, msg.attempt - 1));
  if (!endpoint.enabled) {
    await ctx.db
      .update(webhookDeliveries)
      .set({ status: "failed", nextAttemptAt: null, lastError: `not sent: the endpoint is disabled (${endpoint.disabledReason ?? "manual"})`, updatedAt: now })
      .where(claim);
    return;
  }
  const wait = await throttled(ctx, endpoint, deps);
  if (wait !== null) {
    await enqueueDeliveries(ctx, [{ body: msg, delaySeconds: wait }]);
    return;
  }

  const o = await attempt(ctx, loaded, deps, now);
  const gone = o.statusCode === 410;
  let status: "pending" | "succeeded" | "failed" = o.succeeded ? "succeeded" : "failed";
  let delay: number | null = null;
  let lastError = gone ? "HTTP 410 Gone: the endpoint asked not to be called again and was disabled" : o.error;
  if (!o.succeeded && !gone && !o.permanent) {
    const scheduled = retryDelaySeconds(msg.attempt, deps.random ?? Math.random);
    if (scheduled !== null) {
      delay = nextDelaySeconds(scheduled, parseRetryAfter(o.retryAfter, now));
      status = "pending";
    }
  }
  // Auto-disable: scheduled attempts (never replays or tests) failing without a success for the configured time.
  const disableAfterMs = ctx.config.WEBHOOK_AUTO_DISABLE_DAYS * 86_400_000;
  const autoDisable = !o.succeeded && !gone && endpoint.enabled && disableAfterMs > 0 && now - (endpoint.failingSince ?? now) >= disableAfterMs;
  if (autoDisable) {
    status = "failed";
    delay = null;
    lastError = `${o.error}; the endpoint was disabled after failing continuously for ${ctx.config.WEBHOOK_AUTO_DISABLE_DAYS} days`;
  }

  if (delay !== null) {
    const notBefore = now + delay * 1000;
    await enqueueDeliveries(ctx, [
      { body: { kind: "scheduled", tenantId: msg.tenantId, deliveryId: delivery.id, attempt: msg.attempt + 1, notBefore }, delaySeconds: hopDelaySeconds(notBefore, now) },
    ]);
  }

  const health = o.succeeded
    ? { failingSince: null, lastSuccessAt: now }
    : { lastFailureAt: now, failingSince: sql`COALESCE(${webhookEndpoints.failingSince}, ${now})` };
  const disabledReason = gone && endpoint.enabled ? ("gone" as const) : autoDisable ? ("failing" as const) : null;
  const disable = disabledReason ? { enabled: false, disabledReason, disabledAt: now } : {};
  const disabling = disabledReason ? [disabledAudit(ctx, endpoint, disabledReason, exists(claim))] : [];
  // Everything guarded by the claim runs before the delivery update that consumes it.
  const results = await ctx.db.batch([
    attemptStatement(ctx, loaded, "scheduled", o, now, exists(claim)),
    ...disabling,
    ctx.db.update(webhookEndpoints).set({ ...health, ...disable }).where(and(eq(webhookEndpoints.id, endpoint.id), exists(claim))),
    ctx.db
      .update(webhookDeliveries)
      .set({
        status,
        attempts: sql`${webhookDeliveries.attempts} + 1`,
        scheduledAttempts: msg.attempt,
        lastStatusCode: o.statusCode,
        lastError: o.succeeded ? null : lastError,
        lastAttemptAt: now,
        nextAttemptAt: delay !== null ? now + delay * 1000 : null,
        updatedAt: now,
      })
      .where(claim)
      .returning({ id: webhookDeliveries.id }),
  ]);
  const updated = results[results.length - 1] as Array<{ id: string }>;
  if (updated.length === 0) ctx.logger.warn("webhook attempt raced a duplicate; not recorded", { deliveryId: delivery.id, attempt: msg.attempt });
  if (disabledReason) ctx.logger.warn("webhook endpoint disabled", { endpointId: endpoint.id, reason: disabledReason });
}

/** A replay or a test send: one attempt, no retries, and no effect on the endpoint's failure streak. */
async function runOnce(ctx: Ctx, msg: OnceMessage, deps: DeliveryDeps): Promise<void> {
  const loaded = await loadDelivery(ctx, msg.tenantId, msg.deliveryId);
  if (!loaded || loaded.delivery.replayToken !== msg.token) return;
  const { delivery, endpoint } = loaded;
  const wait = await throttled(ctx, endpoint, deps);
  if (wait !== null) {
    await enqueueDeliveries(ctx, [{ body: msg, delaySeconds: wait }]);
    return;
  }
  const now = ctx.now();
  const o = await attempt(ctx, loaded, deps, now);
  const gone = o.statusCode === 410;
  const claim = and(eq(webhookDeliveries.id, delivery.id), eq(webhookDeliveries.replayToken, msg.token));
  // A failed replay leaves the delivery as it was (failed stays failed, a pending one keeps its
  // schedule); a test send has no schedule, so its one attempt decides.
  const status = o.succeeded ? "succeeded" : delivery.test ? "failed" : delivery.status;
  const statements = [
    attemptStatement(ctx, loaded, msg.kind, o, now, exists(claim)),
    ctx.db
      .update(webhookDeliveries)
      .set({
        status,
        replayToken: null,
        attempts: sql`${webhookDeliveries.attempts} + 1`,
        lastStatusCode: o.statusCode,
        lastError: o.succeeded ? null : gone ? "HTTP 410 Gone: the endpoint asked not to be called again and was disabled" : o.error,
        lastAttemptAt: now,
        ...(status !== "pending" ? { nextAttemptAt: null } : {}),
        updatedAt: now,
      })
      .where(claim),
  ] as const;
  if (gone && endpoint.enabled) {
    await ctx.db.batch([
      disabledAudit(ctx, endpoint, "gone", exists(claim)),
      ctx.db.update(webhookEndpoints).set({ enabled: false, disabledReason: "gone", disabledAt: now }).where(and(eq(webhookEndpoints.id, endpoint.id), exists(claim))),
      ...statements,
    ]);
  } else {
    await ctx.db.batch(statements);
  }
}
