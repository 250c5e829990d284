// What a thread shows around a message besides the message itself: the
// customers' reactions to it, and the message it replies to (quoted). Both are
// linked by provider id within the message's channel, and read for a whole
// page at once (two indexed queries, whatever the page size).
import { and, eq, inArray, isNotNull } from "drizzle-orm";
import { messageReactions, messages } from "../db/schema";
import type { Ctx } from "../lib/context";
import { iso } from "../tenancy/serialize";
import type { MessageView } from "./views";

export interface ReactionView {
  emoji: string;
  /** Who reacted: customers only (the contact). */
  author: "customer";
  contactId: string;
  reactedAt: string;
}

export interface QuotedMessageView {
  /** The quoted message in Parley; null when Parley never stored it (then only the provider id is known). */
  id: string | null;
  providerMessageId: string;
  direction: "inbound" | "outbound" | null;
  author: "customer" | "bot" | "agent" | "campaign" | null;
  type: string | null;
  text: string | null;
}

export type LinkedMessageView = MessageView & { reactions: ReactionView[]; replyTo: QuotedMessageView | null };

/** The provider ids a message's payload says it replies to, the first being the main one. */
function quotedIds(v: MessageView): string[] {
  const context = (v.payload as { context?: { messageId?: unknown; alsoMessageIds?: unknown } } | null)?.context;
  if (!context || typeof context.messageId !== "string") return [];
  const also = Array.isArray(context.alsoMessageIds) ? context.alsoMessageIds.filter((x): x is string => typeof x === "string") : [];
  return [context.messageId, ...also];
}

const CHUNK = 90;
function chunks<T>(xs: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += CHUNK) out.push(xs.slice(i, i + CHUNK));
  return out;
}

/** Add `reactions` and `replyTo` to a page of one tenant's messages. */
export async function linkMessages(ctx: Ctx, tenantId: string, views: MessageView[]): Promise<LinkedMessageView[]> {
  const byChannel = new Map<string, { targets: Set<string>; quoted: Set<string> }>();
  for (const v of views) {
    const c = byChannel.get(v.channelId) ?? { targets: new Set(), quoted: new Set() };
    if (v.providerMessageId) c.targets.add(v.providerMessageId);
    for (const id of quotedIds(v)) c.quoted.add(id);
    byChannel.set(v.channelId, c);
  }
  const reactions = new Map<string, ReactionView[]>();
  const quoted = new Map<string, QuotedMessageView>();
  for (const [channelId, c] of byChannel) {
    for (const ids of chunks([...c.targets])) {
      const rows = await ctx.db
        .select()
        .from(messageReactions)
        .where(
          and(
            eq(messageReactions.tenantId, tenantId),
            eq(messageReactions.channelId, channelId),
            inArray(messageReactions.targetProviderMessageId, ids),
            isNotNull(messageReactions.emoji),
          ),
        )
        .all();
      for (const r of rows) {
        const key = `${channelId} ${r.targetProviderMessageId}`;
        const list = reactions.get(key) ?? [];
        list.push({ emoji: r.emoji!, author: "customer", contactId: r.contactId, reactedAt: iso(r.reactedAt)! });
        reactions.set(key, list);
      }
    }
    for (const ids of chunks([...c.quoted])) {
      const rows = await ctx.db
        .select({ id: messages.id, providerMessageId: messages.providerMessageId, direction: messages.direction, author: messages.author, type: messages.type, text: messages.text })
        .from(messages)
        .where(and(eq(messages.tenantId, tenantId), eq(messages.channelId, channelId), inArray(messages.providerMessageId, ids)))
        .all();
      for (const r of rows) quoted.set(`${channelId} ${r.providerMessageId}`, { ...r, providerMessageId: r.providerMessageId! });
    }
  }
  return views.map((v) => {
    const ids = quotedIds(v);
    let replyTo: QuotedMessageView | null = null;
    if (ids.length) {
      const found = ids.map((id) => quoted.get(`${v.channelId} ${id}`)).find(Boolean);
      replyTo = found ?? { id: null, providerMessageId: ids[0]!, direction: null, author: null, type: null, text: null };
    }
    const list = v.providerMessageId ? (reactions.get(`${v.channelId} ${v.providerMessageId}`) ?? []) : [];
    list.sort((a, b) => a.reactedAt.localeCompare(b.reactedAt));
    return { ...v, reactions: list, replyTo };
  });
}
