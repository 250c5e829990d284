// What travels on the `inbound` queue, validated when it comes off again.
import { z } from "zod";

const inboundMessageSchema = z.object({
  kind: z.literal("message"),
  providerMessageId: z.string().min(1).max(256),
  from: z.string().min(1).max(64),
  profileName: z.string().max(256).nullable(),
  timestamp: z.number().int().nonnegative(),
  type: z.enum(["text", "image", "audio", "video", "document", "sticker", "location", "interactive", "button", "reaction", "contacts", "unsupported"]),
  text: z.string().max(65_536).nullable(),
});

export const inboundJobSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("webhook"),
    provider: z.enum(["meta", "waha"]),
    tenantId: z.string().min(1),
    channelId: z.string().min(1),
    receivedAt: z.number().int(),
    /** The raw body as received, or the id of a spilled payload row when too large for a queue message. */
    body: z.string().optional(),
    payloadId: z.string().optional(),
  }),
  z.object({
    kind: z.literal("sandbox"),
    tenantId: z.string().min(1),
    channelId: z.string().min(1),
    receivedAt: z.number().int(),
    contactId: z.string().min(1),
    conversationId: z.string().min(1),
    messageId: z.string().min(1),
    message: inboundMessageSchema,
  }),
]);
export type InboundJob = z.infer<typeof inboundJobSchema>;

/**
 * A webhook job travels inside the queue message while its serialized JSON
 * (escapes included) fits in this many bytes; the queue's limit is 128 KB, and
 * the rest is headroom for the message envelope. Bigger bodies are spilled to D1.
 */
export const INLINE_JOB_LIMIT = 120_000;
