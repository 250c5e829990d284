// Meta-format webhooks (Cloud API, 360dialog, Kapso "meta" kind) → neutral
// events. Lenient where Meta evolves (unknown fields and message types), strict
// about the envelope so a foreign body is caught instead of silently dropped.
import { z } from "zod";
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
  entry: z.array(z.object({ changes: z.array(z.object({ field: z.string(), value: z.unknown().optional() })) })),
});

const valueSchema = z.object({
  metadata: z.object({ phone_number_id: z.string().min(1) }),
  contacts: z
    .array(z.object({ wa_id: z.string().optional(), profile: z.object({ name: z.string().optional() }).optional() }))
    .optional()
    .catch(undefined),
  // Items are validated one by one below: loose so the per-type body survives.
  messages: z.array(z.looseObject({})).optional(),
  statuses: z.array(z.looseObject({})).optional(),
});

const messageSchema = z.looseObject({
  id: z.string().min(1),
  from: z.string(),
  timestamp: timestampMs,
  type: z.string(),
  context: z
    .object({ id: z.string().optional(), forwarded: z.boolean().optional(), frequently_forwarded: z.boolean().optional() })
    .optional()
    .catch(undefined),
  errors: errorList,
});

const statusSchema = z.object({
  id: z.string().min(1),
  status: z.string(),
  timestamp: timestampMs,
  recipient_id: z.string().optional(),
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
      return r.success ? { type, text: r.data.emoji ?? null, reaction: { messageId: r.data.message_id, emoji: r.data.emoji ?? null } } : unsupported;
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

type Contacts = NonNullable<z.infer<typeof valueSchema>["contacts"]>;

// Matched by wa_id; a change with a single contact names its sender even when
// the wa_id is blank (users who adopted a username).
function profileName(contacts: Contacts, from: string): string | null {
  const match = contacts.find((c) => c.wa_id === from) ?? (contacts.length === 1 ? contacts[0] : undefined);
  return match?.profile?.name || null;
}

function toMessage(raw: unknown, contacts: Contacts, businessPhoneNumberId: string, path: string): InboundMessage {
  const parsed = messageSchema.safeParse(raw);
  if (!parsed.success) throw payloadError(`not a Meta message at ${path}`, parsed.error);
  const m = parsed.data;
  const ctx = m.context;
  const context =
    ctx && (ctx.id || ctx.forwarded || ctx.frequently_forwarded)
      ? { ...(ctx.id ? { messageId: ctx.id } : {}), ...(ctx.forwarded || ctx.frequently_forwarded ? { forwarded: true } : {}) }
      : undefined;
  return {
    kind: "message",
    providerMessageId: m.id,
    from: m.from,
    profileName: profileName(contacts, m.from),
    timestamp: m.timestamp,
    ...messageBody(m.type, m[m.type]),
    ...(context ? { context } : {}),
    ...(m.errors?.length ? { errors: m.errors.map(toProviderError) } : {}),
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
    recipient: s.recipient_id ?? "",
    ...(first ? { error: toProviderError(first) } : {}),
    ...(s.biz_opaque_callback_data ? { reference: s.biz_opaque_callback_data } : {}),
    businessPhoneNumberId,
  };
}

/** Every message and status in every entry × change, in payload order. */
export function parseMetaPayload(body: unknown): InboundEvent[] {
  const envelope = envelopeSchema.safeParse(body);
  if (!envelope.success) throw payloadError("not a Meta webhook payload", envelope.error);
  const events: InboundEvent[] = [];
  envelope.data.entry.forEach((entry, e) => {
    entry.changes.forEach((change, c) => {
      // Other fields (template status, account updates) carry no conversation events.
      if (change.field !== "messages") return;
      const path = `entry.${e}.changes.${c}.value`;
      const value = valueSchema.safeParse(change.value);
      if (!value.success) throw payloadError(`not a Meta messages change at ${path}`, value.error);
      const { metadata, contacts = [], messages = [], statuses = [] } = value.data;
      messages.forEach((m, i) => events.push(toMessage(m, contacts, metadata.phone_number_id, `${path}.messages.${i}`)));
      statuses.forEach((s, i) => {
        const status = toStatus(s, metadata.phone_number_id, `${path}.statuses.${i}`);
        if (status) events.push(status);
      });
    });
  });
  return events;
}

const routingSchema = z.object({
  entry: z.array(z.object({ changes: z.array(z.object({ value: z.object({ metadata: z.object({ phone_number_id: z.string() }) }).optional().catch(undefined) })).catch([]) })),
});

/**
 * Distinct business numbers a delivery is addressed to, for the shared platform
 * webhook. A body that is not Meta's shape routes nowhere ([]), not an error:
 * the caller has already authenticated it and should still ack it.
 */
export function metaPhoneNumberIds(body: unknown): string[] {
  const parsed = routingSchema.safeParse(body);
  if (!parsed.success) return [];
  const ids = new Set<string>();
  for (const entry of parsed.data.entry) for (const change of entry.changes) if (change.value) ids.add(change.value.metadata.phone_number_id);
  return [...ids];
}

export { ChannelPayloadError };
