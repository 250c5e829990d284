// Prefixed, time-sortable ids (`usr_01J…`): 48 bits of milliseconds then 80
// random bits, Crockford base32. Monotonic within an isolate, so ordering by id
// is ordering by creation time — list cursors rely on that.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

export const ID_PREFIXES = {
  tenant: "ten",
  user: "usr",
  membership: "mem",
  session: "ses",
  apiKey: "key",
  invitation: "inv",
  audit: "aud",
  channel: "chn",
  contact: "con",
  tag: "tag",
  customField: "fld",
  contactImport: "imp",
  conversation: "cnv",
  message: "msg",
  deadLetter: "dlq",
  pendingStatus: "pst",
  payload: "pay",
  knowledge: "kb",
  chunk: "chk",
  ledger: "cred",
  request: "req",
  event: "evt",
  webhookEndpoint: "ep",
  webhookDelivery: "dlv",
  webhookAttempt: "atmpt",
  note: "note",
  quickReply: "qr",
  template: "tpl",
  booking: "bkg",
  knowledgeGap: "gap",
  media: "med",
  campaign: "cmp",
  campaignRecipient: "cmr",
  email: "eml",
  passwordReset: "pwr",
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

let lastTime = -1;
let lastRandom: Uint8Array = new Uint8Array(10);

function encodeTime(ms: number): string {
  let out = "";
  let t = ms;
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[t % 32] + out;
    t = Math.floor(t / 32);
  }
  return out;
}

function encodeRandom(bytes: Uint8Array): string {
  // 80 bits → 16 base32 characters.
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out;
}

function increment(bytes: Uint8Array): Uint8Array {
  const next = new Uint8Array(bytes);
  for (let i = next.length - 1; i >= 0; i--) {
    if (next[i]! < 255) {
      next[i]!++;
      return next;
    }
    next[i] = 0;
  }
  return crypto.getRandomValues(new Uint8Array(10));
}

export function ulid(now: number = Date.now()): string {
  // An explicit earlier time (backdating) is not part of the monotonic sequence.
  if (now < lastTime) return encodeTime(now) + encodeRandom(crypto.getRandomValues(new Uint8Array(10)));
  if (now === lastTime) {
    lastRandom = increment(lastRandom);
  } else {
    lastTime = now;
    lastRandom = crypto.getRandomValues(new Uint8Array(10));
  }
  return encodeTime(now) + encodeRandom(lastRandom);
}

export function newId(kind: IdKind, now?: number): string {
  return `${ID_PREFIXES[kind]}_${ulid(now)}`;
}

/** The creation time encoded in an id made by `newId`. */
export function idTime(id: string): number {
  const body = id.slice(id.indexOf("_") + 1, id.indexOf("_") + 11);
  let t = 0;
  for (const ch of body) t = t * 32 + ALPHABET.indexOf(ch);
  return t;
}

/** The smallest id of `kind` created at `ms`: every older id sorts below it (retention sweeps). */
export function idFloor(kind: IdKind, ms: number): string {
  return `${ID_PREFIXES[kind]}_${encodeTime(ms)}${"0".repeat(16)}`;
}
