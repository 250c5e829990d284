// Writing one tick's worth of campaign messages at once: the recipients'
// contacts in one query, their conversations in one batch, every message row
// in one batch and the jobs in `sendBatch` calls of up to 100 — a handful of
// round trips per tick instead of about ten per message. The rules are those of
// outbound/send.queueOutbound: nobody who opted out, free text only inside the
// 24-hour window, the row `queued` with the id its recipient was claimed with,
// and a row whose job could not be queued failed (so the cron never sends it).
import { and, eq, inArray, sql } from "drizzle-orm";
import { campaignRecipients, contacts, conversations, messages } from "../db/schema";
import { AppError } from "../http/errors";
import type { Ctx } from "../lib/context";
import { newId } from "../lib/ids";
import { errorFields } from "../lib/logger";
import { preview, windowExpiresAt } from "../conversations/views";
import { attachableMedia } from "../media/outbound";
import { contentText } from "../outbound/send";
import type { OutboundJob } from "../outbound/jobs";
import type { MessageInput } from "./inputs";
import { renderFor, type TemplateInfo } from "./message";
import type { CampaignRow } from "./views";

export interface ClaimedRecipient {
  id: string;
  contactId: string;
  messageId: string;
}

/** Values per statement stay under D1's limit of 100 bound parameters. */
const SLICE = 90;

type Skip = { state: "skipped" | "failed"; code: string; title: string };

async function markRecipients(ctx: Ctx, skips: Map<string, Skip>): Promise<void> {
  if (!skips.size) return;
  const now = ctx.now();
  const updates = [...skips].map(([id, s]) =>
    ctx.db.update(campaignRecipients).set({ state: s.state, errorCode: s.code, errorTitle: s.title, updatedAt: now }).where(eq(campaignRecipients.id, id)),
  );
  await ctx.db.batch(updates as [(typeof updates)[number], ...typeof updates]);
}

/** Write and queue the messages of these claimed recipients. Idempotent per recipient: a message id already written is left alone. */
export async function dispatchRecipients(ctx: Ctx, c: CampaignRow, info: TemplateInfo | null, claimed: ClaimedRecipient[]): Promise<void> {
  if (!claimed.length) return;
  const now = ctx.now();
  const skips = new Map<string, Skip>();
  // D1 binds at most 100 values per statement: the contacts are read in slices.
  const people = [];
  const ids = [...new Set(claimed.map((r) => r.contactId))];
  for (let i = 0; i < ids.length; i += SLICE) {
    people.push(...(await ctx.db.select().from(contacts).where(and(eq(contacts.tenantId, c.tenantId), inArray(contacts.id, ids.slice(i, i + SLICE)))).all()));
  }
  const byId = new Map(people.map((p) => [p.id, p]));
  const live = claimed.filter((r) => {
    const contact = byId.get(r.contactId);
    if (!contact || contact.erasedAt !== null) skips.set(r.id, { state: "skipped", code: "invalid_number", title: "No valid WhatsApp number" });
    else if (contact.optedOut || contact.marketingOptedOutAt !== null) skips.set(r.id, { state: "skipped", code: "opted_out", title: "The contact opted out of messages" });
    else return true;
    return false;
  });

  // Every recipient's conversation on the channel, created where missing, in one batch.
  const upserts = live.map((r) =>
    ctx.db
      .insert(conversations)
      .values({ id: newId("conversation", now), tenantId: c.tenantId, contactId: r.contactId, channelId: c.channelId, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: [conversations.tenantId, conversations.contactId, conversations.channelId], set: { updatedAt: sql`${conversations.updatedAt}` } })
      .returning(),
  );
  const convs = upserts.length ? (await ctx.db.batch(upserts as [(typeof upserts)[number], ...typeof upserts])).map((rows) => rows[0]!) : [];

  // A header file is checked once for the tick; gone since the campaign was created → everyone left fails with the reason.
  let headerFile: Awaited<ReturnType<typeof attachableMedia>> | null = null;
  const message = c.message as MessageInput;
  const media = "template" in message && message.template.parameters && !Array.isArray(message.template.parameters) && message.template.parameters.header && !Array.isArray(message.template.parameters.header) ? message.template.parameters.header : null;
  if (media) {
    try {
      headerFile = await attachableMedia(ctx, c.tenantId, media.mediaId);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      for (const r of live) skips.set(r.id, { state: "failed", code: "media_unavailable", title: "The header file can no longer be sent" });
      await markRecipients(ctx, skips);
      return;
    }
  }

  const writes = [];
  const jobs: OutboundJob[] = [];
  for (let i = 0; i < live.length; i++) {
    const r = live[i]!;
    const conversation = convs[i]!;
    const { content, meta } = renderFor(message, info, byId.get(r.contactId)!);
    if (content.type !== "template" && windowExpiresAt(conversation, now) === null) {
      skips.set(r.id, { state: "skipped", code: "window_closed", title: "Outside the 24-hour window: free text can no longer be sent" });
      continue;
    }
    const text = contentText(content);
    writes.push(
      ctx.db
        .insert(messages)
        .values({
          id: r.messageId,
          tenantId: c.tenantId,
          conversationId: conversation.id,
          channelId: conversation.channelId,
          direction: "outbound",
          author: "campaign",
          type: content.type,
          text,
          payload: { content, ...meta, ...(headerFile ? { file: headerFile.file } : {}) },
          mediaId: headerFile?.id ?? null,
          status: "queued",
          campaignId: c.id,
          createdAt: now,
          updatedAt: now,
        })
        // Written by an earlier run of this claim: leave it (and its conversation) as it is.
        .onConflictDoNothing(),
      ctx.db
        .update(conversations)
        .set({ lastMessageAt: now, lastMessagePreview: preview(text, content.type), updatedAt: now })
        .where(and(eq(conversations.id, conversation.id), sql`changes() = 1`)),
    );
    jobs.push({ tenantId: c.tenantId, messageId: r.messageId, lane: conversation.id });
  }
  if (writes.length) await ctx.db.batch(writes as unknown as [(typeof writes)[number], ...typeof writes]);
  await markRecipients(ctx, skips);

  // sendBatch takes at most 100 messages; a chunk that could not be queued is failed, never sent later.
  for (let i = 0; i < jobs.length; i += SLICE) {
    const chunk = jobs.slice(i, i + SLICE);
    try {
      await ctx.env.OUTBOUND_QUEUE.sendBatch(chunk.map((body) => ({ body, contentType: "json" as const })));
    } catch (err) {
      ctx.logger.error("could not queue campaign messages", { campaignId: c.id, count: chunk.length, ...errorFields(err) });
      await ctx.db
        .update(messages)
        .set({ status: "failed", errorCode: "enqueue_failed", errorTitle: "The message could not be queued", errorDetail: "It was not sent.", updatedAt: ctx.now() })
        .where(and(inArray(messages.id, chunk.map((j) => j.messageId)), eq(messages.status, "queued")));
    }
  }
}
