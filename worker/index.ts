// The Worker's entry: fetch, queue and scheduled handlers, and the Durable
// Object classes. Everything else lives behind these.
import { createApp } from "./app";
import type { Env } from "./env";
import { errorFields } from "./lib/logger";
import { withSentry } from "@sentry/cloudflare";
import { reportError, sentryEnabled, sentryOptions } from "./lib/sentry";
import { systemContext } from "./lib/system-context";
import { runMaintenance } from "./ops/maintenance";
import { storeDeadLetters } from "./ops/dead-letters";
import { handleInboundBatch } from "./inbound/consumer";
import { handleOutboundBatch, handleOutboundDeadLetters } from "./outbound/consumer";
import { handleEventsBatch } from "./events/fanout";
import { handleDeliveryBatch, handleDeliveryDeadLetters } from "./events/deliver";
import { handleImportBatch } from "./contacts/import/consumer";
import { handleMediaBatch } from "./media/consumer";

export { RateLimiterDO } from "./limits/rate-limiter-do";
export { ConversationDO } from "./conversations/conversation-do";
export { RealtimeDO } from "./realtime/realtime-do";
export { CampaignPacerDO } from "./campaigns/pacer-do";

const app = createApp();

const handlers = {
  fetch: (request, env, ctx) => app.fetch(request, env, ctx),

  async queue(batch, env, ctx) {
    const sys = systemContext(env, (p) => ctx.waitUntil(p), { queue: batch.queue });
    try {
      if (batch.queue === "parley-webhook-deliveries-dlq") return await handleDeliveryDeadLetters(sys, batch);
      if (batch.queue === "parley-outbound-dlq") return await handleOutboundDeadLetters(sys, batch);
      if (batch.queue.endsWith("-dlq")) {
        await storeDeadLetters(sys, batch.queue, batch.messages);
        batch.ackAll();
        return;
      }
      if (batch.queue === "parley-inbound") return await handleInboundBatch(sys, batch);
      if (batch.queue === "parley-outbound") return await handleOutboundBatch(sys, batch);
      if (batch.queue === "parley-events") return await handleEventsBatch(sys, batch);
      if (batch.queue === "parley-webhook-deliveries") return await handleDeliveryBatch(sys, batch);
      if (batch.queue === "parley-imports") return await handleImportBatch(sys, batch);
      if (batch.queue === "parley-media") return await handleMediaBatch(sys, batch);
      sys.logger.error("no consumer for queue", { queue: batch.queue });
      batch.retryAll({ delaySeconds: 60 });
    } catch (err) {
      sys.logger.error("queue batch failed", { queue: batch.queue, ...errorFields(err) });
      reportError(env, ctx, err, { tags: { queue: batch.queue } });
      throw err;
    }
  },

  async scheduled(controller, env, ctx) {
    const sys = systemContext(env, (p) => ctx.waitUntil(p), { cron: controller.cron });
    try {
      await runMaintenance(sys);
    } catch (err) {
      sys.logger.error("scheduled run failed", errorFields(err));
      reportError(env, ctx, err, { tags: { cron: controller.cron } });
      throw err;
    }
  },
} satisfies ExportedHandler<Env>;

/**
 * The SDK wraps every invocation (a client per request, proxies around every
 * binding, a span, a flush): worth it only when errors are reported. Without a
 * DSN (local runs, tests) invocations go straight to the handlers; with one the
 * wrapped handlers are built once, on the first invocation, since the DSN is
 * only known from `env`.
 */
let reported: ExportedHandler<Env> | null = null;
const withReporting = (env: Env): ExportedHandler<Env> | null => {
  if (!sentryEnabled(env)) return null;
  reported ??= withSentry(sentryOptions, { ...handlers });
  return reported;
};

export default {
  fetch: (request, env, ctx) => (withReporting(env) ?? handlers).fetch!(request, env, ctx),
  queue: (batch, env, ctx) => (withReporting(env) ?? handlers).queue!(batch, env, ctx),
  scheduled: (controller, env, ctx) => (withReporting(env) ?? handlers).scheduled!(controller, env, ctx),
} satisfies ExportedHandler<Env>;
