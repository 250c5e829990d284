// Buying signals in a customer's message, English and Indonesian: asking the
// price, to view, whether it is available, when they can come, or to buy.
// Hesitation ("just looking", "nanti aja") counts against them.

export const INTENT_KINDS = ["price", "viewing", "availability", "timing", "purchase"] as const;
export type IntentKind = (typeof INTENT_KINDS)[number];

const norm = (text: string) =>
  ` ${text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/([a-z]+)2\b/g, "$1 $1")
    .replace(/[^a-z0-9]+/g, " ")
    .trim()} `;

const SIGNALS: Record<IntentKind, string[]> = {
  price: ["price", "prices", "pricing", "how much", "cost", "costs", "fee", "fees", "installment", "installments", "down payment", "mortgage", "discount", "promo", "harga", "harganya", "berapa", "brp", "brapa", "biaya", "biayanya", "cicilan", "dp", "kpr", "diskon", "nego", "budget"],
  viewing: ["viewing", "view it", "see it", "see the", "visit", "site visit", "tour", "open house", "showroom", "survey", "survei", "lihat", "liat", "melihat", "lihat lokasi", "ke lokasi", "kunjungan", "berkunjung", "mampir", "cek lokasi", "cek unit"],
  availability: ["available", "availability", "still have", "in stock", "ready stock", "sold out", "any left", "masih ada", "masih", "ready", "tersedia", "ada unit", "ada stok", "stok", "kosong", "sisa"],
  timing: ["when can i", "when could i", "when can we", "when is", "what time", "today", "tomorrow", "this week", "this weekend", "asap", "right away", "kapan bisa", "kapan", "jam berapa", "hari ini", "besok", "minggu ini", "weekend", "secepatnya", "segera", "sekarang"],
  purchase: ["buy", "purchase", "book", "booking", "reserve", "order", "take it", "deal", "sign", "beli", "membeli", "ambil", "pesan", "booking", "jadi ambil", "mau ambil", "fix", "transfer", "bayar", "sewa"],
};

const HESITATION = [
  "just looking",
  "just browsing",
  "just asking",
  "maybe later",
  "not now",
  "not sure",
  "not interested",
  "no longer interested",
  "thinking about it",
  "think about it",
  "too expensive",
  "cuma lihat lihat",
  "cuma liat liat",
  "lihat lihat dulu",
  "liat liat dulu",
  "cuma tanya",
  "cuma nanya",
  "nanya nanya",
  "tanya tanya",
  "nanti aja",
  "nanti dulu",
  "nanti saja",
  "kapan kapan",
  "belum tertarik",
  "tidak tertarik",
  "gak tertarik",
  "ga tertarik",
  "masih mikir",
  "pikir pikir",
  "mikir dulu",
  "belum butuh",
  "ga jadi",
  "gak jadi",
  "tidak jadi",
  "kemahalan",
];

export interface Intent {
  kinds: IntentKind[];
  hesitant: boolean;
}

export function intentOf(text: string): Intent {
  let t = norm(text);
  let hesitant = false;
  for (const h of HESITATION) {
    if (t.includes(` ${h} `)) {
      hesitant = true;
      // "lihat-lihat dulu" is not asking for a viewing.
      t = t.replace(` ${h} `, " ");
    }
  }
  const kinds = INTENT_KINDS.filter((k) => SIGNALS[k].some((s) => t.includes(` ${s} `)));
  return { kinds, hesitant };
}
