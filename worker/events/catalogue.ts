// The event catalogue: for every type in EVENT_TYPES, a zod schema of its
// `data`, a one-line description and an example (used by docs/webhooks.md and
// by "send test event"). Objects are loose: fields may be added to an event
// without breaking subscribers or this validation, but the documented ones
// must be there with the documented types.
import { z } from "zod";
import { CHANNEL_TYPES, MESSAGE_STATUSES } from "../db/schema";
import { EVENT_TYPES, type EventType } from "./emit";

const timestamp = z.string().describe("ISO-8601 UTC");

const contact = z.looseObject({
  id: z.string(),
  phone: z.string().nullable(),
  name: z.string().nullable(),
});

const message = z.looseObject({
  id: z.string(),
  conversationId: z.string(),
  channelId: z.string(),
  direction: z.enum(["inbound", "outbound"]),
  author: z.string().describe("customer, bot, agent or campaign"),
  type: z.string().describe("text, image, interactive, template…"),
  text: z.string().nullable(),
  status: z.enum(MESSAGE_STATUSES),
  providerMessageId: z.string().nullable(),
  /** A media message's file: a descriptor with an authenticated `url`, never the bytes. */
  media: z
    .looseObject({
      id: z.string(),
      type: z.string(),
      mimeType: z.string().nullable(),
      size: z.number().nullable(),
      fileName: z.string().nullable(),
      caption: z.string().nullable(),
      url: z.string(),
    })
    .nullable()
    .optional(),
  transcript: z.string().nullable().optional(),
  createdAt: timestamp,
});

const conversation = z.looseObject({
  id: z.string(),
  contactId: z.string(),
  channelId: z.string(),
  mode: z.enum(["bot", "human", "paused"]),
  status: z.enum(["open", "closed"]),
  assignedTo: z.string().nullable(),
  lastMessageAt: timestamp.nullable(),
  windowExpiresAt: timestamp.nullable(),
});

const channel = z.looseObject({
  id: z.string(),
  type: z.enum(CHANNEL_TYPES),
  name: z.string(),
  status: z.enum(["connected", "needs_attention", "disconnected"]),
  phoneNumber: z.string().nullable(),
});

const messageError = z.looseObject({
  code: z.union([z.string(), z.number()]).nullable(),
  title: z.string().nullable(),
  detail: z.string().nullable(),
});

const campaign = z.looseObject({ id: z.string(), name: z.string() });

const booking = z.looseObject({
  id: z.string(),
  contactId: z.string(),
  conversationId: z.string().nullable(),
  start: timestamp,
  end: timestamp,
  status: z.enum(["confirmed", "cancelled"]),
  source: z.enum(["bot", "agent"]),
});

const credits = z.looseObject({
  balance: z.number(),
  monthlyCredits: z.number(),
  plan: z.string(),
});

const EXAMPLE_TIME = "2026-11-20T09:30:00.000Z";
const exampleContact = { id: "con_01JD5S8Q3N6V7W8X9Y0Z1A2B3C", phone: "+6281234567890", name: "Sari" };
const exampleConversation = {
  id: "cnv_01JD5S8Q3P0A1B2C3D4E5F6G7H",
  contactId: exampleContact.id,
  channelId: "chn_01JD5S7ZK2M3N4P5Q6R7S8T9V0",
  mode: "bot" as const,
  status: "open" as const,
  assignedTo: null,
  unreadCount: 1,
  lastMessageAt: EXAMPLE_TIME,
  windowExpiresAt: "2026-11-21T09:30:00.000Z",
};
const inboundMessage = {
  id: "msg_01JD5S8Q3Q9J8K7M6N5P4Q3R2S",
  conversationId: exampleConversation.id,
  channelId: exampleConversation.channelId,
  direction: "inbound" as const,
  author: "customer",
  type: "text",
  text: "Hi, do you deliver to Bandung?",
  status: "received" as const,
  providerMessageId: "wamid.HBgNNjI4MTIzNDU2Nzg5MBUCABIYFjNFQjBDMkE1",
  createdAt: EXAMPLE_TIME,
};
const outboundMessage = {
  ...inboundMessage,
  id: "msg_01JD5S8R1T2V3W4X5Y6Z7A8B9C",
  direction: "outbound" as const,
  author: "bot",
  text: "Yes! We deliver to Bandung within 2 days.",
  status: "sent" as const,
  providerMessageId: "wamid.HBgNNjI4MTIzNDU2Nzg5MBUCABEYEjRBMUI2",
  createdAt: "2026-11-20T09:30:02.000Z",
};
const exampleChannel = { id: exampleConversation.channelId, type: "meta" as const, name: "Sales line", status: "connected" as const, phoneNumber: "+6221555010" };
const exampleBooking = {
  id: "bkg_01JD5T2M3N4P5Q6R7S8T9V0W1X",
  contactId: exampleContact.id,
  conversationId: exampleConversation.id,
  start: "2026-11-21T03:00:00.000Z",
  end: "2026-11-21T03:30:00.000Z",
  status: "confirmed",
  source: "bot",
  note: null,
};
const exampleCampaign = { id: "cmp_01JD5T0A1B2C3D4E5F6G7H8J9K", name: "November promo", channelId: "chn_01JD5S8Q3N6V7W8X9Y0Z1A2B3C" };

interface CatalogueEntry {
  description: string;
  data: z.ZodType<Record<string, unknown>>;
  example: Record<string, unknown>;
}

export const EVENT_CATALOGUE = {
  "message.received": {
    description: "A customer sent a message (any channel, the sandbox included).",
    data: z.looseObject({ message, conversation, contact }),
    example: { message: inboundMessage, conversation: exampleConversation, contact: exampleContact },
  },
  "message.sent": {
    description: "The provider accepted a message from the bot, an agent or a campaign.",
    data: z.looseObject({ message }),
    example: { message: outboundMessage },
  },
  "message.status": {
    description: "An outbound message changed status: delivered, read, played or failed.",
    data: z.looseObject({ message, status: z.enum(MESSAGE_STATUSES), error: messageError.nullable() }),
    example: { message: { ...outboundMessage, status: "delivered" }, status: "delivered", error: null },
  },
  "contact.created": {
    description: "A new contact wrote for the first time.",
    data: z.looseObject({ contact }),
    example: { contact: exampleContact },
  },
  "contact.updated": {
    description: "A contact's name, tags or stage changed, or its lead score moved to another band (hot, warm, cold; `changes` has leadBand and `previousBand` the band before).",
    data: z.looseObject({ contact, changes: z.array(z.string()).optional() }),
    example: { contact: { ...exampleContact, tags: ["vip"], stage: "qualified", leadScore: 72 }, changes: ["tags", "stage", "leadScore"] },
  },
  "contact.deleted": {
    description: "A contact was deleted (for example on a data-erasure request).",
    data: z.looseObject({ contact: z.looseObject({ id: z.string() }) }),
    example: { contact: { id: exampleContact.id } },
  },
  "conversation.handoff": {
    description: "A conversation was handed from the bot to a human.",
    data: z.looseObject({
      conversation,
      reason: z
        .string()
        .describe(
          "customer_request, negative_sentiment, outside_business_hours, no_knowledge, low_confidence, credits_exhausted, assistant_error, qualified, no_availability, media (a file the assistant cannot read), hot_lead (the lead score reached the hot band) or delivery_failed (an answer of the assistant was refused or not delivered)",
        ),
    }),
    example: { conversation: { ...exampleConversation, mode: "human" }, reason: "customer_request" },
  },
  "booking.created": {
    description: "A slot was booked, by the assistant in a chat or by an agent.",
    data: z.looseObject({ booking, contact }),
    example: { booking: exampleBooking, contact: exampleContact },
  },
  "booking.rescheduled": {
    description: "The customer moved a booking to another free slot from the chat; `previousStart` is the time it had.",
    data: z.looseObject({ booking, contact, previousStart: z.string() }),
    example: { booking: exampleBooking, contact: exampleContact, previousStart: "2026-11-24T03:00:00.000Z" },
  },
  "booking.cancelled": {
    description: "A booking was cancelled; its slot is free again.",
    data: z.looseObject({ booking, contact }),
    example: { booking: { ...exampleBooking, status: "cancelled" }, contact: exampleContact },
  },
  "campaign.started": {
    description: "A broadcast campaign started sending.",
    data: z.looseObject({ campaign }),
    example: { campaign: { ...exampleCampaign, audienceSize: 1200 } },
  },
  "campaign.completed": {
    description: "A broadcast campaign finished sending; stats are its final cumulative totals (as in GET /api/campaigns/{id}).",
    data: z.looseObject({ campaign, stats: z.looseObject({ sent: z.number(), failed: z.number() }) }),
    example: {
      campaign: { ...exampleCampaign, audienceSize: 1200 },
      stats: { queued: 1192, sent: 1187, delivered: 1150, read: 802, failed: 5, replied: 96, converted: 14, skipped: 8 },
    },
  },
  "channel.connected": {
    description: "A WhatsApp number was connected.",
    data: z.looseObject({ channel }),
    example: { channel: exampleChannel },
  },
  "channel.disconnected": {
    description:
      "A WhatsApp number was disconnected by the team (status disconnected), or stopped working: an access token Meta no longer accepts, an account Meta disabled, a WAHA session that failed or stopped (status needs_attention, with the reason).",
    data: z.looseObject({ channel, previousStatus: z.string().optional(), reason: z.string().nullable().optional() }),
    example: {
      channel: { ...exampleChannel, status: "needs_attention", attentionReason: "Sending failed: Error validating access token (190). Update the channel's credentials." },
      previousStatus: "connected",
      reason: "Sending failed: Error validating access token (190). Update the channel's credentials.",
    },
  },
  "channel.updated": {
    description:
      "A WhatsApp number's health changed while it still sends (Meta flagged its quality, restricted the account, or a WAHA session is starting), or it works again (status connected).",
    data: z.looseObject({ channel, previousStatus: z.string(), reason: z.string().nullable() }),
    example: {
      channel: { ...exampleChannel, status: "needs_attention", attentionReason: "Meta flagged this number's quality as low (messaging limit now: 10,000 customers a day). Improve it within 7 days or the messaging limit drops." },
      previousStatus: "connected",
      reason: "Meta flagged this number's quality as low (messaging limit now: 10,000 customers a day). Improve it within 7 days or the messaging limit drops.",
    },
  },
  "credit.low": {
    description: "The credit balance fell below the low-balance threshold.",
    data: z.looseObject({ credits }),
    example: { credits: { balance: 480, monthlyCredits: 5000, plan: "growth" } },
  },
  "credit.exhausted": {
    description: "The credit balance reached zero: the bot stops and conversations go to humans.",
    data: z.looseObject({ credits }),
    example: { credits: { balance: 0, monthlyCredits: 5000, plan: "growth" } },
  },
} satisfies Record<EventType, CatalogueEntry>;

export const eventTypeSchema = z.enum(EVENT_TYPES);

/** An endpoint's subscription: specific types, or ["*"] for everything (now and later). */
export const eventFilterSchema = z
  .array(z.union([eventTypeSchema, z.literal("*")]))
  .min(1, { message: "must name at least one event type, or [\"*\"]" })
  .max(EVENT_TYPES.length)
  .refine((types) => !types.includes("*") || types.length === 1, { message: "\"*\" subscribes to everything and cannot be combined with other types" })
  .transform((types) => [...new Set(types)]);

export function subscribes(filter: readonly string[], type: string): boolean {
  return filter.includes("*") || filter.includes(type);
}

/** Issues with an event's data, or null when it matches its type's schema. */
export function eventDataProblems(type: EventType, data: unknown): string | null {
  const result = EVENT_CATALOGUE[type].data.safeParse(data);
  if (result.success) return null;
  return result.error.issues.map((i) => `${i.path.join(".") || "data"}: ${i.message}`).join("; ");
}

/** The exact body of a delivery: Standard Webhooks' suggested envelope. */
export function eventBody(event: { type: string; timestamp: string; data: Record<string, unknown> }): string {
  return JSON.stringify({ type: event.type, timestamp: event.timestamp, data: event.data });
}
