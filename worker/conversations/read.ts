// Marking a conversation read: the unread counter drops to zero and, on Meta
// channels, the customer sees blue ticks on the last message they sent. The
// provider call runs after the response and never fails the request.
import { and, eq, gt, isNotNull } from "drizzle-orm";
import { channels, messages, conversations } from "../db/schema";
import type { Ctx, TenantCtx } from "../lib/context";
import { errorFields } from "../lib/logger";
import { metaClient } from "../channels/meta";
import { channelSecrets, channelGraphBaseUrl } from "../channels/store";
import type { Fetcher } from "../channels/types";
import { publishConversationChange } from "./changes";
import { newestFirst } from "./message-order";
import { getConversation, getConversationRow } from "./queries";

export async function markConversationRead(ctx: TenantCtx, conversationId: string, fetcher: Fetcher = fetch) {
  await getConversationRow(ctx, conversationId);
  // Only the request that actually clears the counter tells the provider and the inbox.
  const updated = await ctx.db
    .update(conversations)
    .set({ unreadCount: 0, updatedAt: ctx.now() })
    .where(and(eq(conversations.id, conversationId), eq(conversations.tenantId, ctx.tenantId), gt(conversations.unreadCount, 0)))
    .returning()
    .all();
  const row = updated[0];
  if (row) {
    await publishConversationChange(ctx, row, "read");
    ctx.waitUntil(markReadAtProvider(ctx, row, fetcher));
  }
  return getConversation(ctx, conversationId);
}

/** Meta only: WAHA and the sandbox have no read receipts to send. Resolves in every case. */
export async function markReadAtProvider(ctx: Ctx, conversation: typeof conversations.$inferSelect, fetcher: Fetcher = fetch): Promise<void> {
  try {
    const channel = await ctx.db.select().from(channels).where(eq(channels.id, conversation.channelId)).get();
    if (!channel || channel.type !== "meta" || channel.status === "disconnected" || !channel.phoneNumberId) return;
    const last = await ctx.db
      .select({ providerMessageId: messages.providerMessageId })
      .from(messages)
      .where(
        and(
          eq(messages.tenantId, conversation.tenantId),
          eq(messages.conversationId, conversation.id),
          eq(messages.direction, "inbound"),
          isNotNull(messages.providerMessageId),
        ),
      )
      .orderBy(...newestFirst())
      .limit(1)
      .get();
    if (!last?.providerMessageId) return;
    const secrets = await channelSecrets(ctx, channel);
    const client = metaClient(
      { graphBaseUrl: channelGraphBaseUrl(ctx, channel), phoneNumberId: channel.phoneNumberId, accessToken: secrets.accessToken ?? "" },
      fetcher,
    );
    const result = await client.markRead(last.providerMessageId);
    if (!result.ok) ctx.logger.warn("marking read at Meta failed", { conversationId: conversation.id, code: result.code, title: result.title });
  } catch (err) {
    ctx.logger.warn("marking read at Meta failed", { conversationId: conversation.id, ...errorFields(err) });
  }
}
