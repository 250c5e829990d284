// Meta-format webhooks (Cloud API, 360dialog, Kapso "meta" kind) → neutral
// events. Lenient where Meta evolves (unknown fields and message types), strict
// about the envelope so a foreign body is caught instead of silently dropped.
import { z } from "zod";
import { metaHealthEvent } from "./meta-health";
import { metaTemplateEvent } from "./meta-template-events";
import { ChannelPayloadError, payloadError } from "./payload-error";
import type { DeliveryStatus, InboundEvent, InboundMessage, InboundStatus, ProviderError } from "./types";

// Meta sends Unix seconds as a string; a number is accepted too.
const timestampMs = z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]).transform((v) => Number(v) * 1000);

const errorSchema = z.object({
  code: z.coerce.number().int(),
  title: z.string().optional(),
  message: z.string().optional(),
  error_data: z.object({ details: z.string().optional() }).optional().catch(undefined),
});
const errorList = z.array(errorSchema).optional().catch(undefined);

const envelopeSchema = z.object({
  object: z.literal("whatsapp_business_account"),
  entry: z.array(z.looseObject({ changes: z.array(z.object({ field: z.string(), value: z.unknown().optional() })) })),
});

const valueSchema = z.object({
  metadata: z.object({ phone_number_id: z.string().min(1) }),
  // Each contact on its own: one odd card must not hide the others' names.
  contacts: z.array(z.unknown()).optional().catch(undefined),
  // Items are validated one by one below: loose so the per-type body survives.
  messages: z.array(z.looseObject({})).optional(),
  statuses: z.array(z.looseObject({})).optional(),
});

// Users who adopted a username may come with a business-scoped user id
// (`user_id`, "US.1349…") and no phone number (`wa_id` empty, `from` absent).
const contactSchema = z.object({
  wa_id: z.string().optional().catch(undefined),
  user_id: z.string().optional().catch(undefined),
  username: z.string().optional().catch(undefined),
  profile: z.object({ name: z.string().optional().catch(undefined), username: z.string().optional().catch(undefined) }).optional().catch(undefined),
});
type MetaContact = z.infer<typeof contactSchema>;

const messageSchema = z.looseObject({
  id: z.string().min(1),
  from: z.string().optional(),
  from_user_id: z.string().optional(),
  timestamp: timestampMs,
  type: z.string(),
  context: z
    .object({ id: z.string().optional(), forwarded: z.boolean().optional(), frequently_forwarded: z.boolean().optional() })
    .optional()
    .catch(undefined),
  errors: errorList,
});

// `smb_message_echoes` (numbers used in the WhatsApp Business app and the Cloud API
// together): what the business sent from the app, `to` the customer.
const echoValueSchema = z.object({
  metadata: z.object({ phone_number_id: z.string().min(1) }),
  message_echoes: z.array(z.looseObject({})).optional(),
});
const echoSchema = z.looseObject({
  id: z.string().min(1),
  to: z.string().min(1),
  timestamp: timestampMs,
  type: z.string(),
});

const statusSchema = z.object({
  id: z.string().min(1),
  status: z.string(),
  timestamp: timestampMs,
  recipient_id: z.string().optional(),
  recipient_user_id: z.string().optional(),
  errors: errorList,
  biz_opaque_callback_data: z.string().optional(),
});

const mediaSchema = z.object({
  id: z.string().optional(),
  url: z.string().optional(),
  mime_type: z.string().optional(),
  sha256: z.string().optional(),
  caption: z.string().optional(),
  filename: z.string().optional(),
  voice: z.boolean().optional(),
});

const bodies = {
  text: z.object({ body: z.string() }),
  location: z.object({ latitude: z.number(), longitude: z.number(), name: z.string().optional(), address: z.string().optional() }),
  interactive: z.discriminatedUnion("type", [
    z.object({ type: z.literal("button_reply"), button_reply: z.object({ id: z.string(), title: z.string() }) }),
    z.object({ type: z.literal("list_reply"), list_reply: z.object({ id: z.string(), title: z.string(), description: z.string().optional() }) }),
  ]),
  button: z.object({ payload: z.string(), text: z.string() }),
  reaction: z.object({ message_id: z.string(), emoji: z.string().optional() }),
  contacts: z.array(
    z.object({
      name: z.object({ formatted_name: z.string().optional() }).optional(),
      phones: z.array(z.object({ phone: z.string().optional(), wa_id: z.string().optional() })).optional(),
    }),
  ),
};

const MEDIA_TYPES = ["image", "audio", "video", "document", "sticker"] as const;
const STATUSES: readonly string[] = ["sent", "delivered", "read", "played", "failed"] satisfies DeliveryStatus[];

function toProviderError(e: z.infer<typeof errorSchema>): ProviderError {
  return {
    code: e.code,
    title: e.title ?? e.message ?? `Error ${e.code}`,
    ...(e.message ? { message: e.message } : {}),
    ...(e.error_data?.details ? { details: e.error_data.details } : {}),
  };
}

type Body = Pick<InboundMessage, "type" | "text" | "media" | "location" | "interactive" | "reaction">;

const unsupported: Body = { type: "unsupported", text: null };

// A known type whose body does not match degrades to "unsupported" rather than
// failing the whole delivery (which may carry other numbers' events).
function messageBody(type: string, raw: unknown): Body {
  if ((MEDIA_TYPES as readonly string[]).includes(type)) {
    const m = mediaSchema.safeParse(raw);
    if (!m.success) return unsupported;
    const d = m.data;
    return {
      type: type as (typeof MEDIA_TYPES)[number],
      text: d.caption ?? null,
      media: { id: d.id, url: d.url, mimeType: d.mime_type, sha256: d.sha256, filename: d.filename, voice: d.voice },
    };
  }
  switch (type) {
    case "text": {
      const t = bodies.text.safeParse(raw);
      return t.success ? { type, text: t.data.body } : unsupported;
    }
    case "location": {
      const l = bodies.location.safeParse(raw);
      if (!l.success) return unsupported;
      const { latitude, longitude, name, address } = l.data;
      return { type, text: name ?? address ?? null, location: { latitude, longitude, name, address } };
    }
    case "interactive": {
      const i = bodies.interactive.safeParse(raw);
      if (!i.success) return unsupported;
      const reply = i.data.type === "button_reply" ? i.data.button_reply : i.data.list_reply;
      return { type, text: reply.title, interactive: { kind: i.data.type, ...reply } };
    }
    case "button": {
      const b = bodies.button.safeParse(raw);
      return b.success ? { type, text: b.data.text, interactive: { kind: "template_button", id: b.data.payload, title: b.data.text } } : unsupported;
    }
    case "reaction": {
      const r = bodies.reaction.safeParse(raw);
      // No emoji means the customer removed their reaction.
      // Removal arrives with no emoji at all or, in some deliveries, an empty one.
      return r.success ? { type, text: r.data.emoji || null, reaction: { messageId: r.data.message_id, emoji: r.data.emoji || null } } : unsupported;
    }
    case "contacts": {
      const c = bodies.contacts.safeParse(raw);
      if (!c.success) return unsupported;
      // Rendered as text so agents and the AI can read shared cards without a new field.
      const lines = c.data.map((card) => {
        const phones = (card.phones ?? []).map((p) => p.phone ?? (p.wa_id ? `+${p.wa_id}` : null)).filter(Boolean);
        return [card.name?.formatted_name, phones.join(", ")].filter(Boolean).join(": ");
      });
      return { type, text: lines.filter(Boolean).join("\n") || null };
    }
    default:
      return unsupported;
  }
}

function parseContacts(raw: unknown[]): MetaContact[] {
  return raw.flatMap((c) => {
    const parsed = contactSchema.safeParse(c);
    return parsed.success ? [parsed.data] : [];
  });
}

// Matched by wa_id or user id; a change with a single contact names its sender
// even when neither matches (users who adopted a username).
function senderContact(contacts: MetaContact[], from: string | undefined, userId: string | undefined): MetaContact | undefined {
  return (
    contacts.find((c) => (from && c.wa_id === from) || (userId && c.user_id === userId)) ?? (contacts.length === 1 ? contacts[0] : undefined)
  );
}

/** System notices (number changed, identity changed) and deletions are not messages from the customer. */
const NOT_CUSTOMER_MESSAGES: readonly string[] = ["system", "revoke"];

function toMessage(raw: unknown, contacts: MetaContact[], businessPhoneNumberId: string, path: string): InboundMessage | null {
  const parsed = messageSchema.safeParse(raw);
  if (!parsed.success) throw payloadError(`not a Meta message at ${path}`, parsed.error);
  const m = parsed.data;
  if (NOT_CUSTOMER_MESSAGES.includes(m.type)) return null;
  const contact = senderContact(contacts, m.from || undefined, m.from_user_id || undefined);
  const phone = m.from || contact?.wa_id || "";
  const userId = m.from_user_id || contact?.user_id || "";
  // The address replies go to: the phone number's wa_id, else the user id.
  const from = phone || userId;
  if (!from) throw new ChannelPayloadError(`not a Meta message at ${path}: neither from nor from_user_id names the sender`);
  const username = contact?.username || contact?.profile?.username || "";
  const ctx = m.context;
  const context =
    ctx && (ctx.id || ctx.forwarded || ctx.frequently_forwarded)
      ? { ...(ctx.id ? { messageId: ctx.id } : {}), ...(ctx.forwarded || ctx.frequently_forwarded ? { forwarded: true } : {}) }
      : undefined;
  return {
    kind: "message",
    providerMessageId: m.id,
    from,
    ...(userId ? { userId } : {}),
    ...(username ? { username } : {}),
    profileName: contact?.profile?.name || null,
    timestamp: m.timestamp,
    ...messageBody(m.type, m[m.type]),
    ...(context ? { context } : {}),
    ...(m.errors?.length ? { errors: m.errors.map(toProviderError) } : {}),
    businessPhoneNumberId,
  };
}

/** A message the business sent from the WhatsApp Business app: the customer is `to`. */
function toEcho(raw: unknown, businessPhoneNumberId: string, path: string): InboundMessage | null {
  const parsed = echoSchema.safeParse(raw);
  if (!parsed.success) throw payloadError(`not a Meta message echo at ${path}`, parsed.error);
  const m = parsed.data;
  if (NOT_CUSTOMER_MESSAGES.includes(m.type)) return null;
  return {
    kind: "message",
    providerMessageId: m.id,
    from: m.to.replace(/^\+/, ""),
    profileName: null,
    timestamp: m.timestamp,
    ...messageBody(m.type, m[m.type]),
    fromBusiness: true,
    businessPhoneNumberId,
  };
}

function toStatus(raw: unknown, businessPhoneNumberId: string, path: string): InboundStatus | null {
  const parsed = statusSchema.safeParse(raw);
  if (!parsed.success) throw payloadError(`not a Meta status at ${path}`, parsed.error);
  const s = parsed.data;
  // Newer status kinds (e.g. "deleted", "warning") are not delivery states Parley tracks.
  if (!STATUSES.includes(s.status)) return null;
  const first = s.errors?.[0];
  return {
    kind: "status",
    providerMessageId: s.id,
    status: s.status as DeliveryStatus,
    timestamp: s.timestamp,
    recipient: s.recipient_id || s.recipient_user_id || "",
    ...(first ? { error: toProviderError(first) } : {}),
    ...(s.biz_opaque_callback_data ? { reference: s.biz_opaque_callback_data } : {}),
    businessPhoneNumberId,
  };
}

/** One event of a delivery that could not be read, and why (the rest of the delivery still counts). */
export interface MetaParseFailure {
  /** Where it sits: "entry.0.changes.1.value.messages.2". */
  path: string;
  reason: string;
  /** A Meta body holding only this event (with its change's metadata and contacts), so a dead letter can show and replay it alone. */
  delivery: unknown;
}

/**
 * Every message and status in every entry × change, in payload order, read one
 * by one: a malformed message or change becomes a failure of its own and the
 * valid events beside it are kept. Only a body that is not Meta's envelope
 * at all throws.
 */
export function parseMetaDelivery(body: unknown): { events: InboundEvent[]; failures: MetaParseFailure[] } {
  const envelope = envelopeSchema.safeParse(body);
  if (!envelope.success) throw payloadError("not a Meta webhook payload", envelope.error);
  const events: InboundEvent[] = [];
  const failures: MetaParseFailure[] = [];
  const alone = (entryId: unknown, change: unknown) => ({ object: "whatsapp_business_account", entry: [{ ...(entryId !== undefined ? { id: entryId } : {}), changes: [change] }] });
  envelope.data.entry.forEach((entry, e) => {
    const entryId = (entry as { id?: unknown }).id;
    entry.changes.forEach((change, c) => {
      const attempt = (path: string, key: "messages" | "statuses" | "message_echoes", item: unknown, read: () => void) => {
        try {
          read();
        } catch (err) {
          if (!(err instanceof ChannelPayloadError)) throw err;
          const { messages: _m, statuses: _s, message_echoes: _e, ...rest } = change.value as Record<string, unknown>;
          failures.push({ path, reason: err.message, delivery: alone(entryId, { field: change.field, value: { ...rest, [key]: [item] } }) });
        }
      };
      // Account and number health changes become channel_health events.
      const entryTime = (entry as { time?: unknown }).time;
      const health = metaHealthEvent(change, entryId, entryTime, Date.now());
      if (health) events.push(health);
      const template = metaTemplateEvent(change, typeof entryTime === "number" && entryTime > 0 ? entryTime * 1000 : Date.now());
      if (template) events.push(template);
      const path = `entry.${e}.changes.${c}.value`;
      if (change.field === "smb_message_echoes") {
        const echoes = echoValueSchema.safeParse(change.value);
        if (!echoes.success) {
          failures.push({ path, reason: payloadError(`not a Meta message echoes change at ${path}`, echoes.error).message, delivery: alone(entryId, change) });
          return;
        }
        (echoes.data.message_echoes ?? []).forEach((m, i) =>
          attempt(`${path}.message_echoes.${i}`, "message_echoes", m, () => {
            const echo = toEcho(m, echoes.data.metadata.phone_number_id, `${path}.message_echoes.${i}`);
            if (echo) events.push(echo);
          }),
        );
        return;
      }
      // Other fields (template status, account updates) carry no conversation events.
      if (change.field !== "messages") return;
      const value = valueSchema.safeParse(change.value);
      if (!value.success) {
        failures.push({ path, reason: payloadError(`not a Meta messages change at ${path}`, value.error).message, delivery: alone(entryId, change) });
        return;
      }
      const { metadata, contacts: rawContacts = [], messages = [], statuses = [] } = value.data;
      const contacts = parseContacts(rawContacts);
      messages.forEach((m, i) =>
        attempt(`${path}.messages.${i}`, "messages", m, () => {
          const message = toMessage(m, contacts, metadata.phone_number_id, `${path}.messages.${i}`);
          if (message) events.push(message);
        }),
      );
      statuses.forEach((s, i) =>
        attempt(`${path}.statuses.${i}`, "statuses", s, () => {
          const status = toStatus(s, metadata.phone_number_id, `${path}.statuses.${i}`);
          if (status) events.push(status);
        }),
      );
    });
  });
  return { events, failures };
}

/** Strict form of parseMetaDelivery: the first unreadable event throws. */
export function parseMetaPayload(body: unknown): InboundEvent[] {
  const { events, failures } = parseMetaDelivery(body);
  if (failures[0]) throw new ChannelPayloadError(failures[0].reason);
  return events;
}

const routingSchema = z.object({
  entry: z.array(z.looseObject({ changes: z.array(z.unknown()).catch([]) })),
});
const routedChangeSchema = z.object({ value: z.object({ metadata: z.object({ phone_number_id: z.string().min(1) }) }) });

/**
 * The shared platform webhook's body split by business number: for each
 * phone_number_id, the same envelope holding only the entries and changes
 * addressed to that number, so one tenant's job never carries another's
 * customers. Changes without a number (account updates) route nowhere, and a
 * body that is not Meta's shape routes nowhere (empty map), not an error: the
 * caller has already authenticated it and should still ack it.
 */
export function splitMetaByPhoneNumberId(body: unknown): Map<string, unknown> {
  const parsed = routingSchema.safeParse(body);
  const out = new Map<string, { entry: unknown[] }>();
  if (!parsed.success) return out;
  const envelope = body as Record<string, unknown>;
  for (const entry of parsed.data.entry) {
    const byNumber = new Map<string, unknown[]>();
    for (const change of entry.changes) {
      const routed = routedChangeSchema.safeParse(change);
      if (!routed.success) continue;
      const id = routed.data.value.metadata.phone_number_id;
      byNumber.set(id, [...(byNumber.get(id) ?? []), change]);
    }
    for (const [id, changes] of byNumber) {
      const split = out.get(id) ?? { ...envelope, entry: [] };
      split.entry.push({ ...entry, changes });
      out.set(id, split);
    }
  }
  return out;
}

export { ChannelPayloadError };
