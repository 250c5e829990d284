// Shapes of the inbox API, mirroring worker/routes/conversation-schemas.ts.
export type ConversationMode = "bot" | "human" | "paused";
export type MessageStatus = "received" | "queued" | "sending" | "sent" | "delivered" | "read" | "played" | "failed";

export interface Conversation {
  id: string;
  contactId: string;
  channelId: string;
  mode: ConversationMode;
  status: "open" | "closed";
  assignedTo: string | null;
  unreadCount: number;
  lastMessageAt: string | null;
  lastInboundAt: string | null;
  lastMessagePreview: string | null;
  /** Null when the 24-hour window is closed: only templates can be sent. */
  windowExpiresAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The contact fields a conversation list carries with each row (GET /api/conversations). */
export interface ListedContact {
  id: string;
  name: string | null;
  phone: string;
  waId: string;
  username: string | null;
  optedOut: boolean;
  tags: string[];
}

export interface ListedConversation extends Conversation {
  contact: ListedContact | null;
}

export interface Message {
  id: string;
  conversationId: string;
  channelId: string;
  direction: "inbound" | "outbound";
  author: "customer" | "bot" | "agent" | "campaign";
  authorUserId: string | null;
  type: string;
  text: string | null;
  status: MessageStatus;
  error: { code: string; title: string | null; detail: string | null } | null;
  providerMessageId: string | null;
  providerTimestamp: string | null;
  stale: boolean;
  payload: Record<string, unknown> | null;
  /** The file of an image, sticker, audio, video or document message. */
  media: MediaDescriptor | null;
  /** What a voice note says, once transcribed. */
  transcript: string | null;
  /** Customers' reactions to this message, oldest first (thread reads only). */
  reactions?: Reaction[];
  /** The message this one replies to, or null (thread reads only). */
  replyTo?: QuotedMessage | null;
  /** A customer message's sentiment (−1…1); null for the business's messages and messages without text. */
  sentiment: { label: "positive" | "neutral" | "negative"; score: number } | null;
  createdAt: string;
  updatedAt: string;
}

export interface Reaction {
  emoji: string;
  author: "customer";
  contactId: string;
  reactedAt: string;
}

export interface QuotedMessage {
  /** Null when Parley never stored the quoted message. */
  id: string | null;
  providerMessageId: string;
  direction: "inbound" | "outbound" | null;
  author: "customer" | "bot" | "agent" | "campaign" | null;
  type: string | null;
  text: string | null;
}

export interface MediaDescriptor {
  id: string;
  type: string;
  mimeType: string | null;
  size: number | null;
  fileName: string | null;
  caption: string | null;
  status: "pending" | "stored" | "refused" | "failed" | "expired";
  /** Same-origin, authenticated by the session cookie. */
  url: string;
}

export interface Note {
  id: string;
  conversationId: string;
  text: string;
  author: { type: "user" | "api_key" | "system"; id: string | null; userId: string | null; name: string | null };
  createdAt: string;
}

export interface QuickReply {
  id: string;
  shortcut: string;
  title: string;
  text: string;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Template {
  id: string;
  name: string;
  language: string;
  category: string;
  status: string;
  components: Array<Record<string, unknown>>;
  source: "meta" | "local";
  channelId: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Every inbox query key starts here, so one invalidation refreshes the inbox. */
export const conversationsKey = ["conversations"] as const;
