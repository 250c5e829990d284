// Replies the business sends from WhatsApp on its own phone (WAHA `fromMe`,
// Meta message echoes): stored once as an agent's message "from the device"
// (never sent again), shown in the inbox, and the conversation goes to human
// mode so the bot stops talking over the person (unless the tenant keeps the
// bot on: handoff.onPhoneReply). Parley's own sends come back the same way;
// they already hold the provider's id and are not stored twice.
import { and, eq, gt, sql } from "drizzle-orm";
import { conversations, messages } from "../db/schema";
import type { Ctx } from "../lib/context";
import { newId } from "../lib/ids";
import { loadBotSettings } from "../ai/settings";
import type { InboundMessage } from "../channels/types";
import { buildEvent, emitEvents } from "../events/emit";
import { conversationView, messageView, preview } from "../conversations/views";
import { publishRealtime, realtimeEvent } from "../realtime/publish";
import { upsertConversation } from "./store";

/** Thrown while one of Parley's own sends in this conversation awaits the provider's answer: the echo may be that send. */
export class EchoNotYetMatchable extends Error {
  constructor() {
    super("a send in this conversation is still waiting for the provider's answer; the echo is matched on a retry");
    this.name = "EchoNotYetMatchable";
  }
}

export type DeviceReplyResult = "stored" | "known";

export async function storeDeviceReply(ctx: Ctx, input: { tenantId: string; channelId: string; contactId: string; message: InboundMessage }): Promise<DeviceReplyResult> {
  const { tenantId, channelId, contactId, message: m } = input;
  const byProviderId = and(eq(messages.tenantId, tenantId), eq(messages.channelId, channelId), eq(messages.providerMessageId, m.providerMessageId));
  if (await ctx.db.select({ id: messages.id }).from(messages).where(byProviderId).get()) return "known";

  const conversationId = await upsertConversation(ctx, tenantId, contactId, channelId);
  // One of Parley's own sends here is between claim and result: its echo can arrive
  // before its provider id is stored. Wait for it (the queue retries) rather than guess.
  const inFlight = await ctx.db
    .select({ id: messages.id })
    .from(messages)
    .where(
      and(
        eq(messages.tenantId, tenantId),
        eq(messages.conversationId, conversationId),
        eq(messages.direction, "outbound"),
        eq(messages.status, "sending"),
        gt(messages.leaseUntil, ctx.now()),
      ),
    )
    .get();
  if (inFlight) throw new EchoNotYetMatchable();

  const settings = await loadBotSettings(ctx, tenantId);
  const now = ctx.now();
  const id = newId("message");
  const payload: Record<string, unknown> = { fromDevice: true };
  if (m.media) payload.media = m.media;
  if (m.location) payload.location = m.location;
  if (m.context) payload.context = m.context;
  const changed = sql`changes() = 1`;
  const [inserted, updated] = await ctx.db.batch([
    ctx.db
      .insert(messages)
      .values({
        id,
        tenantId,
        conversationId,
        channelId,
        direction: "outbound",
        author: "agent",
        authorUserId: null,
        type: m.type,
        text: m.text,
        payload,
        status: "sent",
        providerMessageId: m.providerMessageId,
        providerTimestamp: m.timestamp,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning(),
    ctx.db
      .update(conversations)
      .set({
        lastMessageAt: now,
        lastMessagePreview: preview(m.text, m.type),
        ...(settings.handoff.onPhoneReply ? { mode: sql`CASE WHEN ${conversations.mode} = 'bot' THEN 'human' ELSE ${conversations.mode} END` } : {}),
        updatedAt: now,
      })
      .where(and(eq(conversations.id, conversationId), eq(conversations.tenantId, tenantId), changed))
      .returning(),
  ]);
  const row = inserted[0];
  // A redelivery (or a racing copy) found the row already there.
  if (!row) return "known";
  await emitEvents(ctx, [buildEvent(ctx, tenantId, "message.sent", { message: messageView(row) })]);
  const conversation = updated[0];
  if (conversation) {
    await publishRealtime(ctx, tenantId, [
      realtimeEvent(ctx, "conversation.updated", { change: "mode", conversation: conversationView(conversation, now), actor: null, reason: "replied from the phone" }),
    ]);
  }
  return "stored";
}
