// Text handling shared by indexing and retrieval: tokenizing, a light stemmer
// for English and Indonesian, stop words, and language detection. Indexing and
// queries use the same functions, so their terms always line up.

// Stop words include the generic words of a request ("tell me", "info", "today"):
// they carry no fact the knowledge could be missing.
const STOP_EN = new Set(
  "a an the and or but if then so of to in on at by for with from as is are was were be been being am do does did have has had i me my we our you your he she it its they them their this that these those what which who whom whose when where why how can could would should will shall may might must not no yes please hi hello hey thanks thank ok okay there here about into than too very just also any some all more most much many there's what's it's i'm tell know want need like get info information detail details question ask asking help interested interest looking look find give see check time today tomorrow now still currently anything something someone else good great nice sir madam mr mrs ms dear friend long where morning afternoon evening night".split(
    " ",
  ),
);
const STOP_ID = new Set(
  "yang dan di ke dari untuk dengan pada adalah ini itu apa apakah berapa bagaimana kapan dimana di mana siapa kenapa mengapa saya aku kami kita anda kamu kalian dia mereka tidak bukan ya juga atau tapi tetapi karena jika kalau sudah belum akan bisa dapat mau ingin boleh tolong mohon halo hai terima kasih dong sih nya deh kah pun lah saja hanya masih lagi sangat sekali nggak gak tak info informasi tanya nanya kak kakak min mimin gan pak bu bapak ibu mas mbak sekarang besok tertarik cari mencari lihat tahu minta selamat pagi siang sore malam lama lewat melalui via pakai pake".split(
    " ",
  ),
);

/** Lower-cased word tokens (letters and digits, diacritics folded). */
export function tokenize(text: string): string[] {
  return (
    text
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .match(/[\p{L}\p{N}]+(?:[.,:][\p{N}]+)*/gu) ?? []
  );
}

function stemEn(w: string): string {
  if (w.length <= 3) return w;
  return dropFinalE(stripEnSuffix(w));
}

/** "close"/"closed"/"closes" → "clos", "price"/"prices" → "pric". */
const dropFinalE = (w: string) => (w.length > 4 && w.endsWith("e") ? w.slice(0, -1) : w);

function stripEnSuffix(w: string): string {
  for (const [suffix, replace] of [
    ["ies", "y"],
    ["ing", ""],
    ["edly", ""],
    ["ed", ""],
    ["ly", ""],
    ["es", ""],
    ["s", ""],
  ] as const) {
    // "process", "status", "basis" keep their final s.
    if (suffix === "s" && /(ss|us|is)$/.test(w)) continue;
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) {
      const stem = w.slice(0, -suffix.length) + replace;
      // "running" → "run", "stopped" → "stop"
      return /([bdgmnprt])\1$/.test(stem) ? stem.slice(0, -1) : stem;
    }
  }
  return w;
}

function stemId(w: string): string {
  if (w.length <= 4) return w;
  let s = w.replace(/(lah|kah|pun|nya)$/, "");
  s = s.replace(/(kan|an|i)$/, (m) => (s.length - m.length >= 4 ? "" : m));
  s = s.replace(/^(meng|meny|mem|men|me|peng|peny|pem|pen|pe|ber|be|di|ter|ke|se)/, (m) => (s.length - m.length >= 4 ? "" : m));
  return s;
}

/** One stem that works for both languages: Indonesian affixes first, then English suffixes. */
export function stem(word: string): string {
  if (/^\p{N}/u.test(word)) return word;
  return stemEn(stemId(word));
}

export function isStopWord(w: string): boolean {
  return STOP_EN.has(w) || STOP_ID.has(w);
}

/** Content terms of a text, stemmed, stop words removed. */
export function terms(text: string): string[] {
  return tokenize(text)
    .filter((w) => !isStopWord(w))
    .map(stem)
    .filter((w) => w.length > 1);
}

export type Language = "en" | "id";

const ID_MARKERS = new Set(
  "yang dan di ke dari untuk dengan apa apakah berapa bagaimana kapan saya aku kami kita anda kamu ada tidak bisa mau ingin tolong halo terima kasih harga rumah kamar berhenti manusia sewa beli jual dong sih nya gak nggak bagaimana mohon sudah belum jam buka tutup kantor biaya kuliah daftar".split(
    " ",
  ),
);
const EN_MARKERS = new Set(
  "the and is are what how when where which do does can you your i my we our price how much please hello hi thanks want would like is there open close office house room rent buy sell stop human apply fee".split(" "),
);

/** English or Indonesian, by marker words; `fallback` when unclear. */
export function detectLanguage(text: string, fallback: Language = "en"): Language {
  let id = 0;
  let en = 0;
  for (const w of tokenize(text)) {
    if (ID_MARKERS.has(w)) id++;
    if (EN_MARKERS.has(w)) en++;
  }
  if (id === en) return fallback;
  return id > en ? "id" : "en";
}

/** Numbers as written (prices, dates, times), for checking that an answer invents none. */
export function numbersIn(text: string): string[] {
  return (text.match(/\d[\d.,:]*/g) ?? []).map((n) => n.replace(/[.,:]+$/, "").replace(/[.,]/g, ""));
}

/** Split into sentences, keeping list items and lines apart. */
export function sentences(text: string): string[] {
  return text
    .split(/\n+|(?<=[.!?])\s+(?=[\p{Lu}\p{N}])/u)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
