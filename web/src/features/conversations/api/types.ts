// Shapes of the inbox API: the OpenAPI document's (worker/routes/conversation-schemas.ts).
import type { Schema } from "../../../api";

export type Conversation = Schema<"Conversation">;
export type ConversationMode = Conversation["mode"];
export type ListedConversation = Schema<"ListedConversation">;
/** The contact fields a conversation list carries with each row (GET /api/conversations). */
export type ListedContact = NonNullable<ListedConversation["contact"]>;
export type Message = Schema<"Message">;
export type MessageStatus = Message["status"];
export type Reaction = Schema<"Reaction">;
export type QuotedMessage = NonNullable<Message["replyTo"]>;
export type MediaDescriptor = NonNullable<Schema<"MediaDescriptor">>;
export type Note = Schema<"Note">;
export type QuickReply = Schema<"QuickReply">;
export type Template = Schema<"Template">;

/** Every inbox query key starts here, so one invalidation refreshes the inbox. */
export const conversationsKey = ["conversations"] as const;
