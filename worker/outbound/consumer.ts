// The `outbound` queue consumer: pace per number and per contact, send through
// the channel's client, record the provider id and status, retry what is worth
// retrying and record permanent failures on the message.
import { and, eq } from "drizzle-orm";
import { channels, contacts, conversations, messages } from "../db/schema";
import type { Ctx } from "../lib/context";
import { errorFields } from "../lib/logger";
import { hitLimit } from "../limits/client";
import { clientFor } from "../channels/clients";
import { flagChannel } from "../channels/store";
import type { Fetcher, OutboundMessage, SendResult } from "../channels/types";
import { buildEvent, emitEvents } from "../events/emit";
import { messageView, windowExpiresAt } from "../conversations/views";
import { applyPendingStatuses } from "../inbound/statuses";
import { outboundJobSchema, type OutboundJob } from "./jobs";
import { WINDOW_CLOSED_DETAIL, type OutboundContent } from "./send";

/** Attempts before a retryable failure is recorded as a failed message. */
export const MAX_SEND_ATTEMPTS = 6;
export const sendRetryDelaySeconds = (attempts: number) => Math.min(900, 5 * 3 ** Math.max(0, attempts - 1));

/** Throughput per business number: WHATSAPP_NUMBER_MPS messages a second (Meta's default is 80). */
const numberPolicy = (ctx: Ctx) => ({ limit: ctx.config.WHATSAPP_NUMBER_MPS, windowMs: 1000 });
/** Per-customer pacing, well inside Meta's pair rate limit (bursts allowed, ~1 per 6 s sustained). */
export const CONTACT_POLICY = { limit: 10, windowMs: 60_000 };

type Outcome = { kind: "done" } | { kind: "retry"; delaySeconds: number } | { kind: "defer"; delaySeconds: number };

function toProviderMessage(content: OutboundContent, to: string, replyTo?: string): OutboundMessage {
  if (content.type === "text") return { type: "text", to, text: content.text, ...(replyTo ? { replyTo } : {}) };
  if (content.type === "template") return { type: "template", to, name: content.name, language: content.language, components: content.components };
  return { type: "buttons", to, body: content.body, buttons: content.buttons, footer: content.footer };
}

async function markFailed(ctx: Ctx, messageId: string, code: string, title: string, detail?: string): Promise<void> {
  const now = ctx.now();
  const rows = await ctx.db
    .update(messages)
    .set({ status: "failed", errorCode: code, errorTitle: title, errorDetail: detail ?? null, updatedAt: now })
    .where(and(eq(messages.id, messageId), eq(messages.status, "queued")))
    .returning()
    .all();
  const row = rows[0];
  if (row) await emitEvents(ctx, [buildEvent(ctx, row.tenantId, "message.status", { message: messageView(row), status: "failed", error: { code, title, detail: detail ?? null } })]);
}

export async function sendQueuedMessage(ctx: Ctx, job: OutboundJob, attempts: number, fetcher: Fetcher = fetch): Promise<Outcome> {
  const message = await ctx.db.select().from(messages).where(and(eq(messages.id, job.messageId), eq(messages.tenantId, job.tenantId))).get();
  // Already sent or failed: a redelivered job changes nothing.
  if (!message || message.status !== "queued") return { kind: "done" };
  const conversation = (await ctx.db.select().from(conversations).where(eq(conversations.id, message.conversationId)).get())!;
  const contact = (await ctx.db.select().from(contacts).where(eq(contacts.id, conversation.contactId)).get())!;
  const channel = await ctx.db.select().from(channels).where(eq(channels.id, message.channelId)).get();
  if (!channel || channel.status === "disconnected") {
    await markFailed(ctx, message.id, "channel_disconnected", "The channel was disconnected before the message was sent");
    return { kind: "done" };
  }
  const content = (message.payload as { content?: OutboundContent } | null)?.content;
  if (!content) {
    await markFailed(ctx, message.id, "invalid_message", "The message has no content to send");
    return { kind: "done" };
  }
  const now = ctx.now();
  if (content.type !== "template" && windowExpiresAt(conversation, now) === null) {
    await markFailed(ctx, message.id, "window_closed", "24-hour window closed", WINDOW_CLOSED_DETAIL);
    return { kind: "done" };
  }
  if (channel.type !== "sandbox") {
    for (const [name, policy, key] of [
      ["sendNumber", numberPolicy(ctx), channel.id],
      ["sendContact", CONTACT_POLICY, `${channel.id}:${contact.id}`],
    ] as const) {
      const r = await hitLimit(ctx.env, { name, policy }, key);
      if (!r.allowed) return { kind: "defer", delaySeconds: Math.max(1, Math.ceil((r.resetAt - now) / 1000)) };
    }
  }

  const client = await clientFor(ctx, channel, fetcher);
  // WhatsApp Web (WAHA) has no templates: send the template's rendered text instead.
  const rendered = (message.payload as { template?: { renderedText?: string | null } } | null)?.template?.renderedText;
  const providerMessage =
    channel.type !== "meta" && content.type === "template" && rendered
      ? toProviderMessage({ type: "text", text: rendered }, contact.phone || contact.waId)
      : toProviderMessage(content, contact.phone || contact.waId);
  const result: SendResult = await client.send(providerMessage);
  if (result.ok) {
    const status = channel.type === "sandbox" ? "delivered" : "sent";
    const rows = await ctx.db
      .update(messages)
      .set({ status, providerMessageId: result.providerMessageId, updatedAt: ctx.now() })
      .where(and(eq(messages.id, message.id), eq(messages.status, "queued")))
      .returning()
      .all();
    if (rows[0]) {
      await emitEvents(ctx, [buildEvent(ctx, message.tenantId, "message.sent", { message: messageView(rows[0]) })]);
      await applyPendingStatuses(ctx, message.tenantId, channel.id, result.providerMessageId);
    }
    if (channel.status === "needs_attention" && channel.type === "meta") await flagChannel(ctx, channel.id, "connected", null);
    return { kind: "done" };
  }
  if (result.authFailed) await flagChannel(ctx, channel.id, "needs_attention", `Sending failed: ${result.title} (${result.code}). Update the channel's credentials.`);
  if (result.windowClosed) await ctx.db.update(conversations).set({ windowClosedAt: ctx.now() }).where(eq(conversations.id, conversation.id));
  if (result.retryable && attempts < MAX_SEND_ATTEMPTS) {
    const delay = result.retryAfterMs ? Math.ceil(result.retryAfterMs / 1000) : sendRetryDelaySeconds(attempts);
    ctx.logger.warn("send failed; will retry", { messageId: message.id, code: result.code, attempts });
    return { kind: "retry", delaySeconds: Math.min(900, Math.max(1, delay)) };
  }
  await markFailed(ctx, message.id, result.code, result.title, result.detail);
  return { kind: "done" };
}

export async function handleOutboundBatch(ctx: Ctx, batch: MessageBatch<unknown>, fetcher: Fetcher = fetch): Promise<void> {
  for (const msg of batch.messages) {
    const parsed = outboundJobSchema.safeParse(msg.body);
    if (!parsed.success) {
      ctx.logger.error("invalid outbound job dropped", { error: parsed.error.message });
      msg.ack();
      continue;
    }
    try {
      const outcome = await sendQueuedMessage(ctx, parsed.data, msg.attempts, fetcher);
      if (outcome.kind === "retry") msg.retry({ delaySeconds: outcome.delaySeconds });
      else if (outcome.kind === "defer") {
        // Pacing is not a failure: re-queue without spending an attempt.
        await ctx.env.OUTBOUND_QUEUE.send(parsed.data, { contentType: "json", delaySeconds: outcome.delaySeconds });
        msg.ack();
      } else msg.ack();
    } catch (err) {
      ctx.logger.error("outbound job crashed; will retry", { messageId: parsed.data.messageId, ...errorFields(err) });
      msg.retry({ delaySeconds: sendRetryDelaySeconds(msg.attempts) });
    }
  }
}
