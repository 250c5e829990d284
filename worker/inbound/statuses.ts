// Delivery statuses apply monotonically: sent < delivered < read < played,
// failed is terminal and never overrides read/played. A status for a message
// whose send result is not stored yet waits in pending_statuses.
import { and, asc, eq, inArray, isNull, lt, or } from "drizzle-orm";
import { conversations, messages, pendingStatuses, type MessageStatus } from "../db/schema";
import type { Ctx } from "../lib/context";
import { newId } from "../lib/ids";
import type { InboundStatus } from "../channels/types";
import { buildEvent, emitEvents } from "../events/emit";
import { messageView } from "../conversations/views";
import { handOffUndelivered } from "../conversations/undelivered";
import { campaignMessageFailed } from "../campaigns/sending";
import { forgetMetaMediaIdsOf, META_MEDIA_FAILED_CODE } from "../media/meta-ids";

/** The error code of a send whose outcome is unknown (outbound/consumer.ts UNCONFIRMED). */
const SEND_UNCONFIRMED = "send_unconfirmed";

const RANK: Record<MessageStatus, number> = { received: 0, queued: 0, sending: 0, sent: 1, delivered: 2, read: 3, played: 4, failed: 5 };

/** Statuses a message may be in for `next` to be applied. */
export function statusesBefore(next: MessageStatus): MessageStatus[] {
  if (next === "failed") return ["queued", "sent", "delivered"];
  return (Object.keys(RANK) as MessageStatus[]).filter((s) => s !== "failed" && RANK[s] < RANK[next]);
}

/** Meta's 24-hour-window error: the conversation's window is closed. */
const WINDOW_CLOSED_CODE = 131047;

export interface StatusUpdate {
  status: MessageStatus;
  errorCode?: string | null;
  errorTitle?: string | null;
  errorDetail?: string | null;
}

/** Apply to the stored message if it is behind; emits message.status. Returns whether it changed. */
export async function applyStatusToMessage(ctx: Ctx, tenantId: string, channelId: string, providerMessageId: string, u: StatusUpdate): Promise<boolean> {
  const now = ctx.now();
  const updated = await ctx.db
    .update(messages)
    .set({
      status: u.status,
      ...(u.status === "failed" ? { errorCode: u.errorCode ?? null, errorTitle: u.errorTitle ?? null, errorDetail: u.errorDetail ?? null } : {}),
      updatedAt: now,
    })
    .where(
      and(
        eq(messages.channelId, channelId),
        eq(messages.providerMessageId, providerMessageId),
        eq(messages.tenantId, tenantId),
        eq(messages.direction, "outbound"),
        inArray(messages.status, statusesBefore(u.status)),
      ),
    )
    .returning()
    .all();
  const row = updated[0];
  if (!row) return false;
  if (u.status === "failed" && u.errorCode === String(WINDOW_CLOSED_CODE)) {
    await ctx.db.update(conversations).set({ windowClosedAt: now, updatedAt: now }).where(eq(conversations.id, row.conversationId));
  }
  await emitEvents(ctx, [buildEvent(ctx, tenantId, "message.status", { message: messageView(row), status: u.status, error: row.errorCode ? { code: row.errorCode, title: row.errorTitle, detail: row.errorDetail } : null })]);
  if (u.status === "failed") await campaignMessageFailed(ctx, row, row.errorCode);
  // A bot answer the provider could not deliver: a person takes the conversation.
  if (u.status === "failed") await handOffUndelivered(ctx, row);
  // Meta accepted a file by a kept media id but could not use it: the next send uploads the file again.
  if (u.status === "failed" && u.errorCode === META_MEDIA_FAILED_CODE && row.mediaId) await forgetMetaMediaIdsOf(ctx, tenantId, channelId, row.mediaId);
  return true;
}

async function messageExists(ctx: Ctx, channelId: string, providerMessageId: string): Promise<boolean> {
  const row = await ctx.db
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.channelId, channelId), eq(messages.providerMessageId, providerMessageId)))
    .get();
  return !!row;
}

/**
 * Record the provider id of a message whose send result was never recorded (still claimed, or
 * failed as unconfirmed after its claim expired): it was sent. Returns whether it matched.
 */
async function adoptProviderId(ctx: Ctx, tenantId: string, channelId: string, messageId: string, providerMessageId: string): Promise<boolean> {
  const rows = await ctx.db
    .update(messages)
    .set({ status: "sent", providerMessageId, errorCode: null, errorTitle: null, errorDetail: null, leaseUntil: null, updatedAt: ctx.now() })
    .where(
      and(
        eq(messages.id, messageId),
        eq(messages.tenantId, tenantId),
        eq(messages.channelId, channelId),
        eq(messages.direction, "outbound"),
        isNull(messages.providerMessageId),
        or(eq(messages.status, "sending"), and(eq(messages.status, "failed"), eq(messages.errorCode, SEND_UNCONFIRMED))),
      ),
    )
    .returning()
    .all();
  const row = rows[0];
  if (!row) return false;
  await emitEvents(ctx, [buildEvent(ctx, tenantId, "message.sent", { message: messageView(row) })]);
  return true;
}

export async function handleStatus(ctx: Ctx, tenantId: string, channelId: string, s: InboundStatus): Promise<void> {
  const update: StatusUpdate = {
    status: s.status,
    errorCode: s.error ? String(s.error.code) : null,
    errorTitle: s.error?.title ?? null,
    errorDetail: s.error?.details ?? s.error?.message ?? null,
  };
  if (await messageExists(ctx, channelId, s.providerMessageId)) {
    await applyStatusToMessage(ctx, tenantId, channelId, s.providerMessageId, update);
    return;
  }
  // The send's result was lost (the consumer died after the provider accepted it): the status
  // echoes our message id, which is how the provider answers "was it sent?".
  if (s.reference && (await adoptProviderId(ctx, tenantId, channelId, s.reference, s.providerMessageId))) {
    await applyStatusToMessage(ctx, tenantId, channelId, s.providerMessageId, update);
    return;
  }
  // Arrived before the send result: park it, then look once more in case the
  // send result landed in between.
  const id = newId("pendingStatus");
  await ctx.db.insert(pendingStatuses).values({
    id,
    tenantId,
    channelId,
    providerMessageId: s.providerMessageId,
    status: s.status,
    errorCode: update.errorCode,
    errorTitle: update.errorTitle,
    errorDetail: update.errorDetail,
    providerTimestamp: s.timestamp,
    createdAt: ctx.now(),
  });
  if (await messageExists(ctx, channelId, s.providerMessageId)) await applyPendingStatuses(ctx, tenantId, channelId, s.providerMessageId);
}

/** Called when a send result (provider id) is stored. */
export async function applyPendingStatuses(ctx: Ctx, tenantId: string, channelId: string, providerMessageId: string): Promise<void> {
  const pending = await ctx.db
    .select()
    .from(pendingStatuses)
    .where(and(eq(pendingStatuses.channelId, channelId), eq(pendingStatuses.providerMessageId, providerMessageId)))
    .orderBy(asc(pendingStatuses.providerTimestamp))
    .all();
  for (const p of pending) {
    await applyStatusToMessage(ctx, tenantId, channelId, providerMessageId, { status: p.status, errorCode: p.errorCode, errorTitle: p.errorTitle, errorDetail: p.errorDetail });
  }
  if (pending.length) await ctx.db.delete(pendingStatuses).where(inArray(pendingStatuses.id, pending.map((p) => p.id)));
}

/** Statuses for messages Parley never sent (or long gone) are dropped after a week. */
export async function prunePendingStatuses(ctx: Ctx): Promise<number> {
  const res = await ctx.db.delete(pendingStatuses).where(lt(pendingStatuses.createdAt, ctx.now() - 7 * 24 * 3600_000)).run();
  return res.meta.changes ?? 0;
}

