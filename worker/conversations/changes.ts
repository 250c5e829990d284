// How the inbox hears about what agents do to a conversation: a realtime-only
// `conversation.updated` event (not a webhook event; integrators read state
// through the API) with the new state and what changed.
import type { conversations } from "../db/schema";
import type { TenantCtx } from "../lib/context";
import { publishRealtime, realtimeEvent } from "../realtime/publish";
import { conversationView } from "./views";

export type ConversationChange = "assigned" | "unassigned" | "transferred" | "closed" | "reopened" | "mode" | "read";

export async function publishConversationChange(
  ctx: TenantCtx,
  row: typeof conversations.$inferSelect,
  change: ConversationChange,
  details: Record<string, unknown> = {},
): Promise<void> {
  const event = realtimeEvent(ctx, "conversation.updated", {
    change,
    conversation: conversationView(row, ctx.now()),
    actor: ctx.actor,
    ...details,
  });
  await publishRealtime(ctx, ctx.tenantId, [event]);
}
