// Phone numbers in the two forms Parley uses: E.164 ("+15557654321") for
// storage and Meta sends, and WhatsApp ids (digits only) for wa_id / WAHA chats.

// Separators people type or paste; anything else (letters, '#', '*') means it is not a number.
const FORMATTING = /[\s\-().\/\u00a0]/g;

/**
 * "+62 812-3456-789", "0062…", "628123…" and "15551234567@c.us" → "+<8–15 digits>".
 * Numbers without a country code ("0812…") and non-phone WhatsApp ids
 * (groups, "@lid", broadcasts) are not phone numbers: null.
 */
export function normalizeE164(input: string): string | null {
  let s = input.trim();
  const at = s.indexOf("@");
  if (at !== -1) {
    const domain = s.slice(at + 1).toLowerCase();
    if (domain !== "c.us" && domain !== "s.whatsapp.net") return null;
    s = s.slice(0, at);
  }
  s = s.replace(FORMATTING, "");
  if (s.startsWith("+")) s = s.slice(1);
  else if (s.startsWith("00")) s = s.slice(2);
  // Country codes never start with 0, so a leading 0 is a national trunk prefix.
  if (!/^[1-9]\d{7,14}$/.test(s)) return null;
  return `+${s}`;
}

/** "+15557654321" → "15557654321" (Meta wa_id / WAHA chat number). */
export function waIdFromE164(e164: string): string {
  return e164.replace(/\D/g, "");
}

/** "15557654321" → "+15557654321". */
export function e164FromWaId(waId: string): string {
  return `+${waId.replace(/\D/g, "")}`;
}

/**
 * The WAHA chat to send to: a chat id as the customer wrote from it
 * ("<digits>@lid", "<digits>@c.us"), or a phone number (E.164 or digits) → "<digits>@c.us".
 */
export function wahaChatId(to: string): string | null {
  if (/^\d{5,20}@(?:c\.us|lid)$/.test(to)) return to;
  const e164 = normalizeE164(to);
  return e164 ? `${waIdFromE164(e164)}@c.us` : null;
}
