// WAHA webhook events → neutral events. Only one-to-one chats with customers
// matter: groups, broadcasts and newsletters are dropped. The business's own
// messages (fromMe) are kept, marked `fromBusiness`, for the inbox.
import { z } from "zod";
import { ChannelPayloadError, payloadError } from "./payload-error";
import type { ChannelStateEvent, DeliveryStatus, InboundEvent, InboundMessage, InboundStatus } from "./types";

const envelopeSchema = z.object({
  event: z.string().min(1),
  // Epoch ms, sent by WAHA releases from 2025 on.
  timestamp: z.number().nonnegative().optional().catch(undefined),
  payload: z.unknown().optional(),
});

// NOWEB/GOWS send "false_<chat>_<id>"; WEBJS may send the id object.
const messageId = z.union([z.string().min(1), z.object({ _serialized: z.string().min(1) }).transform((o) => o._serialized)]);

// Only id and from are required: engines omit optional fields, and an absent
// fromMe means the customer sent it.
const messageSchema = z.object({
  id: messageId,
  timestamp: z.number().nonnegative().optional().catch(undefined),
  from: z.string(),
  to: z.string().nullish().catch(null),
  fromMe: z.boolean().nullish().catch(null),
  body: z.string().nullish(),
  hasMedia: z.boolean().nullish(),
  media: z.object({ url: z.string().nullish(), mimetype: z.string().nullish(), filename: z.string().nullish() }).nullish().catch(null),
  location: z
    .object({ latitude: z.coerce.number(), longitude: z.coerce.number(), description: z.string().nullish() })
    .nullish()
    .catch(null),
  vCards: z.array(z.string()).nullish().catch(null),
  replyTo: z.union([z.string(), z.object({ id: z.string() }).transform((r) => r.id)]).nullish().catch(null),
  _data: z.unknown().optional(),
});

// The sender's push name lives in engine-specific raw data (WEBJS, NOWEB, GOWS).
const engineNameSchema = z.object({
  notifyName: z.string().optional().catch(undefined),
  pushName: z.string().optional().catch(undefined),
  Info: z.object({ PushName: z.string().optional() }).optional().catch(undefined),
});

// `message.reaction`: the customer reacted to a message (empty text = removed).
const reactionSchema = z.object({
  id: messageId,
  timestamp: z.number().nonnegative().optional().catch(undefined),
  from: z.string(),
  fromMe: z.boolean().nullish().catch(null),
  reaction: z.object({ text: z.string().nullish(), messageId: z.string().min(1) }),
});

const ackSchema = z.object({
  id: messageId,
  from: z.string().nullish(),
  to: z.string().nullish(),
  fromMe: z.boolean(),
  ack: z.number().int(),
  ackName: z.string().nullish(),
});

const sessionSchema = z.object({ status: z.string() });
const SESSION_STATES = ["STOPPED", "STARTING", "SCAN_QR_CODE", "WORKING", "FAILED"] as const;

// WAHA ack values: ERROR=-1, PENDING=0 (not yet on the server), SERVER=1, DEVICE=2, READ=3, PLAYED=4.
const ACK_STATUS: Record<number, DeliveryStatus> = { [-1]: "failed", 1: "sent", 2: "delivered", 3: "read", 4: "played" };

/**
 * Digits of a person's WhatsApp id: "15557654321@c.us" (or "@s.whatsapp.net",
 * with or without a ":device" suffix) and "@lid" privacy ids. LID digits are
 * not a phone number; they are kept as-is so the sender is still identifiable.
 */
export function wahaUserId(jid: string | null | undefined): string | null {
  const m = /^(\d+)(?::\d+)?@(c\.us|s\.whatsapp\.net|lid)$/.exec(jid ?? "");
  return m ? m[1]! : null;
}

/**
 * A one-to-one chat with a person: "<digits>@c.us" (or "@s.whatsapp.net", with
 * or without a ":device" suffix) by phone number, or "<digits>@lid" by privacy
 * id. Groups, broadcasts and newsletters are null.
 */
export function wahaChat(jid: string | null | undefined): { chatId: string; phone?: string; lid?: string } | null {
  const m = /^(\d+)(?::\d+)?@(c\.us|s\.whatsapp\.net|lid)$/.exec(jid ?? "");
  if (!m) return null;
  return m[2] === "lid" ? { chatId: `${m[1]}@lid`, lid: m[1]! } : { chatId: `${m[1]}@c.us`, phone: m[1]! };
}

// Engines that know a LID sender's phone number say so beside it (NOWEB: key.senderPn /
// key.remoteJidAlt; GOWS: Info.SenderAlt).
const lidPhoneSchema = z.object({
  key: z.object({ senderPn: z.string().optional().catch(undefined), remoteJidAlt: z.string().optional().catch(undefined) }).optional().catch(undefined),
  Info: z.object({ SenderAlt: z.string().optional().catch(undefined) }).optional().catch(undefined),
});

function lidPhoneOf(raw: unknown): string | undefined {
  const parsed = lidPhoneSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  for (const jid of [parsed.data.key?.senderPn, parsed.data.key?.remoteJidAlt, parsed.data.Info?.SenderAlt]) {
    const phone = wahaChat(jid)?.phone;
    if (phone) return phone;
  }
  return undefined;
}

/** The customer's side of a message: who, which chat, and their LID when WhatsApp hid the number. */
function customerOf(chat: NonNullable<ReturnType<typeof wahaChat>>, raw: unknown): Pick<InboundMessage, "from" | "chatId" | "lid" | "lidPhone"> {
  if (!chat.lid) return { from: chat.phone!, chatId: chat.chatId };
  const lidPhone = lidPhoneOf(raw);
  return { from: chat.chatId, chatId: chat.chatId, lid: chat.lid, ...(lidPhone ? { lidPhone } : {}) };
}

function vCardText(cards: string[]): string | null {
  const lines = cards.map((card) => {
    const name = /^FN(?:;[^:]*)?:(.*)$/m.exec(card)?.[1]?.trim();
    const phones = [...card.matchAll(/^(?:item\d+\.)?TEL[^:]*:(.*)$/gm)].map((m) => m[1]!.trim());
    return [name, phones.join(", ")].filter(Boolean).join(": ");
  });
  return lines.filter(Boolean).join("\n") || null;
}

type Body = Pick<InboundMessage, "type" | "text" | "media" | "location">;

function mediaType(mimetype: string): InboundMessage["type"] {
  // WhatsApp stickers are WebP; photos arrive as JPEG/PNG.
  if (mimetype === "image/webp") return "sticker";
  const top = mimetype.split("/")[0];
  return top === "image" || top === "audio" || top === "video" ? top : "document";
}

function messageBody(m: z.infer<typeof messageSchema>): Body {
  const text = m.body ? m.body : null;
  if (m.location && Number.isFinite(m.location.latitude) && Number.isFinite(m.location.longitude)) {
    const name = m.location.description ?? undefined;
    return { type: "location", text: name ?? null, location: { latitude: m.location.latitude, longitude: m.location.longitude, name } };
  }
  if (m.hasMedia) {
    const mime = m.media?.mimetype;
    // Without a downloaded file WAHA cannot tell us what it was.
    if (!mime) return { type: "unsupported", text };
    return {
      type: mediaType(mime),
      text,
      media: { mimeType: mime, ...(m.media?.url ? { url: m.media.url } : {}), ...(m.media?.filename ? { filename: m.media.filename } : {}) },
    };
  }
  if (m.vCards?.length) return { type: "contacts", text: vCardText(m.vCards) };
  return text ? { type: "text", text } : { type: "unsupported", text: null };
}

function toMessage(payload: unknown, envelopeTs: number | undefined, fallbackTs: number): InboundMessage | null {
  const parsed = messageSchema.safeParse(payload);
  if (!parsed.success) throw payloadError("not a WAHA message", parsed.error);
  const m = parsed.data;
  // The business's own messages (from the phone, or Parley's sends echoed back
  // through message.any) belong to the chat they were sent to.
  const fromMe = m.fromMe === true;
  const chat = wahaChat(fromMe ? (m.to ?? /^(?:true|false)_([^_]+)_/.exec(m.id)?.[1]) : m.from);
  if (!chat) return null;
  // A note to self ("Message yourself") is no customer's conversation.
  if (fromMe && m.from === m.to) return null;
  const names = engineNameSchema.safeParse(m._data);
  // On the business's own messages the push name is the business's.
  const profileName = !fromMe && names.success ? names.data.notifyName || names.data.pushName || names.data.Info?.PushName || null : null;
  return {
    kind: "message",
    providerMessageId: m.id,
    ...customerOf(chat, m._data),
    ...(fromMe ? { fromBusiness: true } : {}),
    profileName,
    timestamp: m.timestamp !== undefined ? Math.round(m.timestamp * 1000) : (envelopeTs ?? fallbackTs),
    ...messageBody(m),
    ...(m.replyTo ? { context: replyContext(m.replyTo, m.from) } : {}),
  };
}

/**
 * WAHA names the quoted message either by its full id ("true_<chat>_<id>", as
 * sends and messages are stored) or, in `replyTo.id`, by the bare id: then it
 * is ours ("true_") or the customer's ("false_") in this chat.
 */
function replyContext(replyTo: string, chat: string): NonNullable<InboundMessage["context"]> {
  if (/^(true|false)_/.test(replyTo)) return { messageId: replyTo };
  return { messageId: `true_${chat}_${replyTo}`, alsoMessageIds: [`false_${chat}_${replyTo}`] };
}

function toReaction(payload: unknown, envelopeTs: number | undefined, fallbackTs: number): InboundMessage | null {
  const parsed = reactionSchema.safeParse(payload);
  if (!parsed.success) throw payloadError("not a WAHA message.reaction", parsed.error);
  const r = parsed.data;
  const chat = wahaChat(r.from);
  if (r.fromMe || !chat) return null;
  const emoji = r.reaction.text || null;
  return {
    kind: "message",
    providerMessageId: r.id,
    ...customerOf(chat, undefined),
    profileName: null,
    timestamp: r.timestamp !== undefined ? Math.round(r.timestamp * 1000) : (envelopeTs ?? fallbackTs),
    type: "reaction",
    text: emoji,
    reaction: { messageId: r.reaction.messageId, emoji },
  };
}

// The chat of "true_15557654321@c.us_3EB0…" is the customer, whatever the
// engine puts in from/to (NOWEB reports the chat as `from` on direct acks).
function ackRecipient(a: z.infer<typeof ackSchema>): string | null {
  const chat = /^(?:true|false)_([^_]+)_/.exec(a.id)?.[1];
  if (chat) return wahaUserId(chat);
  return wahaUserId(a.to);
}

function toStatus(payload: unknown, envelopeTs: number | undefined, fallbackTs: number): InboundStatus | null {
  const parsed = ackSchema.safeParse(payload);
  if (!parsed.success) throw payloadError("not a WAHA message.ack", parsed.error);
  const a = parsed.data;
  const status = ACK_STATUS[a.ack];
  const recipient = ackRecipient(a);
  // Acks of customers' messages, pending acks and group chats say nothing about our sends.
  if (!a.fromMe || !status || !recipient) return null;
  return {
    kind: "status",
    providerMessageId: a.id,
    status,
    timestamp: envelopeTs ?? fallbackTs,
    recipient,
    ...(status === "failed" ? { error: { code: -1, title: "WhatsApp reported an error delivering the message", ...(a.ackName ? { message: a.ackName } : {}) } } : {}),
  };
}

function toChannelState(payload: unknown, envelopeTs: number | undefined, fallbackTs: number): ChannelStateEvent | null {
  const parsed = sessionSchema.safeParse(payload);
  if (!parsed.success) throw payloadError("not a WAHA session.status", parsed.error);
  const state = SESSION_STATES.find((s) => s === parsed.data.status);
  return state ? { kind: "channel_state", state, timestamp: envelopeTs ?? fallbackTs } : null;
}

/**
 * One WAHA webhook → zero or one event. `fallbackTimestamp` stands in when
 * neither the envelope nor the payload carries a time (acks from older WAHA).
 */
export function parseWahaPayload(body: unknown, fallbackTimestamp: number = Date.now()): InboundEvent[] {
  const envelope = envelopeSchema.safeParse(body);
  if (!envelope.success) throw payloadError("not a WAHA webhook payload", envelope.error);
  const { event, payload, timestamp } = envelope.data;
  let result: InboundEvent | null = null;
  if (event === "message" || event === "message.any") result = toMessage(payload, timestamp, fallbackTimestamp);
  else if (event === "message.reaction") result = toReaction(payload, timestamp, fallbackTimestamp);
  else if (event === "message.ack") result = toStatus(payload, timestamp, fallbackTimestamp);
  else if (event === "session.status") result = toChannelState(payload, timestamp, fallbackTimestamp);
  return result ? [result] : [];
}

export { ChannelPayloadError };
