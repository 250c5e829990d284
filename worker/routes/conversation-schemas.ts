// Response schemas of the inbox routes (OpenAPI components).
import { z } from "@hono/zod-openapi";
import { MEDIA_STATUSES, MESSAGE_STATUSES, TEMPLATE_CATEGORIES, TEMPLATE_SOURCES, TEMPLATE_STATUSES } from "../db/schema";

const time = z.string().describe("ISO-8601 UTC");

export const ConversationSchema = z
  .object({
    id: z.string(),
    contactId: z.string(),
    channelId: z.string(),
    mode: z.enum(["bot", "human", "paused"]).describe("bot: the assistant answers; human: an agent has taken over"),
    status: z.enum(["open", "closed"]),
    assignedTo: z.string().nullable().describe("User id of the assigned member"),
    unreadCount: z.number().int(),
    lastMessageAt: time.nullable(),
    lastInboundAt: time.nullable(),
    lastMessagePreview: z.string().nullable(),
    windowExpiresAt: time.nullable().describe("When the 24-hour customer service window closes; null when it is closed (only templates can be sent)"),
    createdAt: time,
    updatedAt: time,
  })
  .openapi("Conversation");

export const ListedConversationSchema = ConversationSchema.extend({
  contact: z
    .object({
      id: z.string(),
      name: z.string().nullable(),
      phone: z.string().describe("E.164; empty for a username-only WhatsApp user"),
      waId: z.string(),
      username: z.string().nullable(),
      optedOut: z.boolean(),
      tags: z.array(z.string()),
    })
    .nullable()
    .describe("The conversation's contact, so a list needs no request per row"),
}).openapi("ListedConversation");

export const MediaDescriptorSchema = z
  .object({
    id: z.string(),
    type: z.string().describe("image, sticker, audio, video or document"),
    mimeType: z.string().nullable(),
    size: z.number().int().nullable().describe("Bytes; null until the file is downloaded"),
    fileName: z.string().nullable(),
    caption: z.string().nullable(),
    status: z.enum(MEDIA_STATUSES).describe("pending: being downloaded; stored: available at `url`; refused: over WhatsApp's limit or not an allowed type; failed: the provider could not deliver it; expired: removed by retention"),
    url: z.string().describe("GET it (authenticated) for the bytes"),
  })
  .openapi("MediaDescriptor");

export const ReactionSchema = z
  .object({
    emoji: z.string(),
    author: z.enum(["customer"]),
    contactId: z.string(),
    reactedAt: time,
  })
  .openapi("Reaction");

export const QuotedMessageSchema = z
  .object({
    id: z.string().nullable().describe("The quoted message; null when Parley never stored it"),
    providerMessageId: z.string(),
    direction: z.enum(["inbound", "outbound"]).nullable(),
    author: z.enum(["customer", "bot", "agent", "campaign"]).nullable(),
    type: z.string().nullable(),
    text: z.string().nullable(),
  })
  .openapi("QuotedMessage");

export const MessageSchema = z
  .object({
    id: z.string(),
    conversationId: z.string(),
    channelId: z.string(),
    direction: z.enum(["inbound", "outbound"]),
    author: z.enum(["customer", "bot", "agent", "campaign"]),
    authorUserId: z.string().nullable(),
    type: z.string().describe("text, image, template, interactive…"),
    text: z.string().nullable(),
    status: z.enum(MESSAGE_STATUSES),
    error: z.object({ code: z.string(), title: z.string().nullable(), detail: z.string().nullable() }).nullable(),
    providerMessageId: z.string().nullable(),
    providerTimestamp: time.nullable(),
    stale: z.boolean(),
    payload: z.record(z.string(), z.unknown()).nullable(),
    media: MediaDescriptorSchema.nullable().describe("The file of an image, sticker, audio, video or document message"),
    transcript: z.string().nullable().describe("What a voice note says, once transcribed"),
    reactions: z
      .array(ReactionSchema)
      .optional()
      .describe("Customers' reactions to this message, oldest first (a removed reaction is not listed). Present on thread reads (GET …/messages)"),
    replyTo: QuotedMessageSchema.nullable()
      .optional()
      .describe("The message this one replies to (quotes), or null. Present on thread reads (GET …/messages)"),
    sentiment: z
      .object({ label: z.enum(["positive", "neutral", "negative"]), score: z.number().describe("−1 … 1") })
      .nullable()
      .describe("A customer message's sentiment (built-in lexicon or Workers AI, per bot settings `scoring.sentiment`); null for the business's messages and messages without text"),
    createdAt: time,
    updatedAt: time,
  })
  .openapi("Message");

export const NoteSchema = z
  .object({
    id: z.string(),
    conversationId: z.string(),
    text: z.string(),
    author: z.object({
      type: z.enum(["user", "api_key", "system"]),
      id: z.string().nullable(),
      userId: z.string().nullable(),
      name: z.string().nullable(),
    }),
    createdAt: time,
  })
  .openapi("Note");

export const QuickReplySchema = z
  .object({ id: z.string(), shortcut: z.string(), title: z.string(), text: z.string(), createdBy: z.string().nullable(), createdAt: time, updatedAt: time })
  .openapi("QuickReply");

export const RenderedQuickReplySchema = z
  .object({
    quickReplyId: z.string(),
    conversationId: z.string(),
    text: z.string().describe("The reply with every variable filled in"),
    missing: z.array(z.string()).describe("Variables with no value and no fallback; they rendered as empty text"),
  })
  .openapi("RenderedQuickReply");

export const TemplateSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    language: z.string(),
    category: z.enum(TEMPLATE_CATEGORIES),
    status: z.enum(TEMPLATE_STATUSES),
    quality: z.string().nullable().describe("Meta's quality rating: green, yellow, red or unknown (Meta templates)"),
    statusReason: z.string().nullable().describe("Why Meta rejected, paused or flagged it"),
    components: z.array(z.record(z.string(), z.unknown())).describe("Meta's template components: HEADER, BODY, FOOTER, BUTTONS"),
    source: z.enum(TEMPLATE_SOURCES).describe("meta: synced from a Meta channel (read-only); local: edited in Parley"),
    channelId: z.string().nullable(),
    providerTemplateId: z.string().nullable(),
    syncedAt: time.nullable(),
    createdAt: time,
    updatedAt: time,
  })
  .openapi("Template");

export const TemplateSyncSchema = z
  .object({
    channelId: z.string(),
    fetched: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    removed: z.number().int().describe("Synced copies Meta no longer lists"),
    skipped: z.number().int().describe("Listed with an unknown status or category, or malformed"),
  })
  .openapi("TemplateSync");
