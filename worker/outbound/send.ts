// Queueing a message to a customer: the opt-out and 24-hour window rules, the
// stored row (status `queued`), and the job on the outbound queue.
import { and, eq, lt } from "drizzle-orm";
import { z } from "zod";
import { channels, contacts, conversations, messages } from "../db/schema";
import { AppError, notFound } from "../http/errors";
import type { Ctx } from "../lib/context";
import { newId } from "../lib/ids";
import { errorFields } from "../lib/logger";
import { messageView, preview, windowExpiresAt, type MessageView } from "../conversations/views";
import type { OutboundJob } from "./jobs";
import { attachableMedia, mediaContent } from "../media/outbound";

export const textContent = z.object({ type: z.literal("text"), text: z.string().trim().min(1, { message: "is required" }).max(4096) });
export const templateContent = z.object({
  type: z.literal("template"),
  name: z.string().trim().min(1).max(512),
  language: z.string().trim().min(2).max(15),
  components: z.array(z.unknown()).max(20).optional(),
  /** An uploaded file for the template's image, video or document header. */
  headerMedia: z.object({ mediaId: z.string().min(1).max(64) }).optional(),
});
export const buttonsContent = z.object({
  type: z.literal("buttons"),
  body: z.string().trim().min(1).max(1024),
  buttons: z.array(z.object({ id: z.string().min(1).max(256), title: z.string().min(1).max(20) })).min(1).max(3),
  footer: z.string().max(60).optional(),
});
/** A list message (Meta): up to 10 rows in one section; WAHA and the sandbox get it as numbered text. */
export const listContent = z.object({
  type: z.literal("list"),
  body: z.string().trim().min(1).max(4096),
  button: z.string().min(1).max(20),
  rows: z.array(z.object({ id: z.string().min(1).max(200), title: z.string().min(1).max(24), description: z.string().max(72).optional() })).min(1).max(10),
  footer: z.string().max(60).optional(),
});
export const outboundContent = z.discriminatedUnion("type", [textContent, templateContent, buttonsContent, listContent, mediaContent]);
export type OutboundContent = z.infer<typeof outboundContent>;

export type Author = "bot" | "agent" | "campaign";

export interface QueueOutboundInput {
  tenantId: string;
  conversationId: string;
  author: Author;
  authorUserId?: string | null;
  content: OutboundContent;
  /** Extra data kept with the message (e.g. knowledge sources of a bot answer). */
  meta?: Record<string, unknown>;
  /** The one automated message an opted-out contact still gets: the opt-out confirmation. */
  allowOptedOut?: boolean;
  /** The campaign sending this message (author "campaign"). */
  campaignId?: string;
  /** A message id chosen before the call (a campaign claims its recipient with it, so a retry cannot write a second message). */
  messageId?: string;
}

export const OPTED_OUT_DETAIL = "This contact opted out of messages from this business (they sent STOP). Nothing can be sent until they write START.";

export const WINDOW_CLOSED_DETAIL =
  "The 24-hour customer service window is closed: WhatsApp only allows approved template messages until the customer writes again. Send a template instead.";

export function contentText(c: OutboundContent): string | null {
  if (c.type === "text") return c.text;
  if (c.type === "media") return c.caption || null;
  if (c.type === "buttons" || c.type === "list") return c.body;
  return `[template ${c.name}]`;
}

export async function queueOutbound(ctx: Ctx, input: QueueOutboundInput): Promise<MessageView> {
  const conversation = await ctx.db
    .select()
    .from(conversations)
    .where(and(eq(conversations.id, input.conversationId), eq(conversations.tenantId, input.tenantId)))
    .get();
  if (!conversation) throw notFound("Conversation");
  const channel = await ctx.db.select().from(channels).where(eq(channels.id, conversation.channelId)).get();
  if (!channel || channel.status === "disconnected") {
    throw new AppError("conflict", "This conversation's channel is disconnected; connect the number again to reply");
  }
  const now = ctx.now();
  if (input.content.type !== "template" && windowExpiresAt(conversation, now) === null) {
    throw new AppError("unprocessable", WINDOW_CLOSED_DETAIL, { errors: [{ path: "type", message: "must be a template outside the 24-hour window" }] });
  }
  // Every author: bot, agent, API and campaign. Only the opt-out confirmation itself goes through.
  if (!input.allowOptedOut) {
    const contact = await ctx.db.select({ optedOut: contacts.optedOut }).from(contacts).where(eq(contacts.id, conversation.contactId)).get();
    if (contact?.optedOut) throw new AppError("conflict", OPTED_OUT_DETAIL, { errors: [{ path: "contact", message: "opted out" }] });
  }
  const id = input.messageId ?? newId("message");
  const text = contentText(input.content);
  const attached = input.content.type === "media" ? await attachableMedia(ctx, input.tenantId, input.content.mediaId) : null;
  // A template's header file travels with the message, so the thread shows it; the message stays a template.
  const header = input.content.type === "template" && input.content.headerMedia ? await attachableMedia(ctx, input.tenantId, input.content.headerMedia.mediaId) : null;
  await ctx.db.batch([
    ctx.db.insert(messages).values({
      id,
      tenantId: input.tenantId,
      conversationId: conversation.id,
      channelId: conversation.channelId,
      direction: "outbound",
      author: input.author,
      authorUserId: input.authorUserId ?? null,
      type: attached ? attached.file.type : input.content.type,
      text,
      payload: { content: input.content, ...(input.meta ?? {}), ...(input.allowOptedOut ? { allowOptedOut: true } : {}), ...((attached ?? header) ? { file: (attached ?? header)!.file } : {}) },
      mediaId: (attached ?? header)?.id ?? null,
      status: "queued",
      campaignId: input.campaignId ?? null,
      createdAt: now,
      updatedAt: now,
    }),
    ctx.db
      .update(conversations)
      .set({ lastMessageAt: now, lastMessagePreview: preview(text, attached ? attached.file.type : input.content.type), updatedAt: now })
      .where(eq(conversations.id, conversation.id)),
  ]);
  const job: OutboundJob = { tenantId: input.tenantId, messageId: id, lane: conversation.id };
  try {
    await ctx.env.OUTBOUND_QUEUE.send(job, { contentType: "json" });
  } catch (err) {
    // The caller is told it failed, so it must never be sent later: fail the row (the sweep skips it).
    ctx.logger.error("could not queue an outbound message", { messageId: id, ...errorFields(err) });
    await ctx.db
      .update(messages)
      .set({ status: "failed", errorCode: "enqueue_failed", errorTitle: "The message could not be queued", errorDetail: "It was not sent.", updatedAt: ctx.now() })
      .where(and(eq(messages.id, id), eq(messages.status, "queued")));
    throw new AppError("unavailable", "The message could not be queued for sending and was not sent; try again in a moment");
  }
  return messageView((await ctx.db.select().from(messages).where(eq(messages.id, id)).get())!);
}

/**
 * A message stays `queued` only while its job is on the queue (retries and
 * pacing touch `updatedAt`). One untouched for longer than any retry delay lost
 * its job: the cron puts it back on the queue. The consumer sends only after
 * claiming the row (queued → sending), so a duplicate job never sends twice,
 * and nothing claimed, sent or failed is picked up here. Claims whose consumer
 * died are failed as unconfirmed, never resent (outbound/consumer.ts).
 */
export async function requeueStuckMessages(ctx: Ctx, olderThanMs = 30 * 60_000): Promise<number> {
  const stuck = await ctx.db
    .select({ id: messages.id, tenantId: messages.tenantId })
    .from(messages)
    .where(and(eq(messages.status, "queued"), lt(messages.updatedAt, ctx.now() - olderThanMs)))
    .limit(100)
    .all();
  for (const m of stuck) {
    await ctx.env.OUTBOUND_QUEUE.send({ tenantId: m.tenantId, messageId: m.id } satisfies OutboundJob, { contentType: "json" });
    await ctx.db.update(messages).set({ updatedAt: ctx.now() }).where(and(eq(messages.id, m.id), eq(messages.status, "queued")));
  }
  return stuck.length;
}
