// API shapes of conversations and messages.
import type { conversationNotes, conversations, messages } from "../db/schema";
import { iso } from "../tenancy/serialize";
import type { FileDescriptor } from "../media/store";

export const WINDOW_MS = 24 * 3600_000;

/** When the 24-hour customer-service window closes; null when it is closed. */
export function windowExpiresAt(c: Pick<typeof conversations.$inferSelect, "lastInboundAt" | "windowClosedAt">, now: number): number | null {
  if (c.lastInboundAt == null) return null;
  if (c.windowClosedAt != null && c.windowClosedAt >= c.lastInboundAt) return null;
  const expires = c.lastInboundAt + WINDOW_MS;
  return expires > now ? expires : null;
}

export function conversationView(c: typeof conversations.$inferSelect, now: number) {
  return {
    id: c.id,
    contactId: c.contactId,
    channelId: c.channelId,
    mode: c.mode,
    status: c.status,
    assignedTo: c.assignedTo,
    unreadCount: c.unreadCount,
    lastMessageAt: iso(c.lastMessageAt),
    lastInboundAt: iso(c.lastInboundAt),
    lastMessagePreview: c.lastMessagePreview,
    windowExpiresAt: iso(windowExpiresAt(c, now)),
    createdAt: iso(c.createdAt)!,
    updatedAt: iso(c.updatedAt)!,
  };
}
export type ConversationView = ReturnType<typeof conversationView>;

/** The file of a media message, from its row and the descriptor kept in `payload.file`. */
function mediaOf(m: typeof messages.$inferSelect) {
  if (!m.mediaId) return null;
  const file = (m.payload as { file?: Partial<FileDescriptor> } | null)?.file;
  return {
    id: m.mediaId,
    type: file?.type ?? m.type,
    mimeType: file?.mimeType ?? null,
    size: file?.size ?? null,
    fileName: file?.fileName ?? null,
    caption: m.text,
    status: file?.status ?? "pending",
    url: `/api/media/${m.mediaId}`,
  };
}

export function messageView(m: typeof messages.$inferSelect) {
  return {
    id: m.id,
    conversationId: m.conversationId,
    channelId: m.channelId,
    direction: m.direction,
    author: m.author,
    authorUserId: m.authorUserId,
    type: m.type,
    text: m.text,
    status: m.status,
    error: m.errorCode ? { code: m.errorCode, title: m.errorTitle, detail: m.errorDetail } : null,
    providerMessageId: m.providerMessageId,
    providerTimestamp: iso(m.providerTimestamp),
    stale: m.stale,
    campaignId: m.campaignId ?? null,
    payload: m.payload ?? null,
    media: mediaOf(m),
    transcript: m.transcript ?? null,
    sentiment: m.sentimentLabel ? { label: m.sentimentLabel, score: m.sentiment ?? 0 } : null,
    createdAt: iso(m.createdAt)!,
    updatedAt: iso(m.updatedAt)!,
  };
}
export type MessageView = ReturnType<typeof messageView>;

export const preview = (text: string | null, type: string) => (text ? text.slice(0, 140) : `[${type}]`);

export function noteView(n: typeof conversationNotes.$inferSelect, authorName: string | null) {
  return {
    id: n.id,
    conversationId: n.conversationId,
    text: n.text,
    author: { type: n.authorType, id: n.authorId, userId: n.authorUserId, name: authorName },
    createdAt: iso(n.createdAt)!,
  };
}
export type NoteView = ReturnType<typeof noteView>;
