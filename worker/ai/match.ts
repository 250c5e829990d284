// How a customer's message is matched against knowledge chunks, without the
// database: the message is split into the questions it asks, each question
// into concepts (content words after normalization, with their synonyms and
// translations, misspellings corrected against the knowledge's own words)
// plus what kind of fact it asks for (a price, a time, a place, a duration).
//
// The grounding rule: a question is answered from a chunk only when
//   1. every concept it names appears somewhere in the knowledge,
//   2. every name or specific word it uses (a word outside the common lexicon:
//      "Menteng", "Monash", "crown") is in that chunk, and
//   3. the chunk covers at least MIN_COVERAGE of its concepts.
// Otherwise the question is not covered and a person answers it.
import { alternatives, alternativesWhenUnsaid, contrasts, isCommonWord, LEXICON_STEMS, synonyms } from "./lexicon";
import { chatSpelling, isStopWord, sentences, stem, terms, tokenize, words } from "./text";

/** Share of a question's concepts a chunk must cover; tuned on test/eval (see docs/assistant.md). */
export const MIN_COVERAGE = 0.8;

export type Intent = "price" | "clock" | "time" | "place" | "duration" | "size";

export interface Concept {
  /** The stem as the customer wrote it (after corrections). */
  key: string;
  /** Stems that count as this concept in the knowledge. */
  alts: string[];
  /** Those of them that say the same thing (not merely a narrower word): they weigh more when picking sentences. */
  strong: string[];
  /** In the common lexicon: missing it from a chunk lowers coverage instead of ruling the chunk out. */
  common: boolean;
  /** The business itself or what it does by definition: missing it from a chunk does not lower coverage. */
  light?: boolean;
  /** Who or where the question is for, or the condition it is asked under: light, and never counted against a chunk. */
  aside?: boolean;
  /** What the customer rules out ("bukan jerawat", "(not reformer)"): a chunk that says it only of the thing asked is about it. */
  excluded?: boolean;
  /** A word of the condition the question is asked under ("if I cancel"), one the knowledge never uses. */
  condition?: boolean;
  /** A name the knowledge never uses, told as where ("dikirim ke medan", "to Kebayoran"). */
  where?: boolean;
  /** Of those, where the customer is ("in Uluwatu", "di Ungaran"), not where something goes ("cicilan ke kodecamp"). */
  within?: boolean;
  /** The choice it is offered against ("before or after", "di awal atau setelah"): a chunk that says that one answers the choice. */
  either?: string;
}

/** A concept as the answer needs it: the stems that count, and those that count fully. */
export interface Focus {
  alts: string[];
  strong: string[];
  common: boolean;
  /** Which question of the message the concept belongs to, and the kind of fact that question asks for. */
  question?: number;
  intent?: Intent | null;
  /** Something the customer rules out ("bukan wisuda"): a sentence that says it is not the answer. */
  excluded?: boolean;
}
/** The focus of a question that asks only a kind of fact ("where is it?", "and what time does it start?"): no words to find. */
const FACT_ONLY: Focus = { alts: [], strong: [], common: true };

export interface Question {
  text: string;
  concepts: Concept[];
  /** The customer's own words (stemmed, before synonyms): a chunk using them wins a tie. */
  literal: string[];
  intent: Intent | null;
  /** A cue that may mean other things ("berapa" is also "what number"): counts only when the chunk has such a fact. */
  weakIntent: boolean;
  /** Words written as one that the knowledge writes as two ("snackbox"): the two stems' alternatives, said side by side. */
  joined?: [string[], string[]][];
}

export interface Candidate {
  chunkId: string;
  entryId: string;
  title: string;
  text: string;
}

export interface ChunkMatch extends Candidate {
  coverage: number;
  score: number;
  /** The concepts of the question this chunk covers, for picking the sentences that answer. */
  focus: Focus[];
  intent: Intent | null;
}

export type QuestionResult =
  | { kind: "answer"; question: Question; matches: ChunkMatch[] }
  | { kind: "ambiguous"; question: Question; matches: ChunkMatch[] }
  | { kind: "none"; question: Question };

// The words of a measure ("ukuran", "size", "tebal"): asked with "berapa"/"what"/"how", they ask for the measure itself.
const SIZE_WORDS = /(?:size|sizes|sizenya|ukuran|ukurannya|dimension|dimensions|dimensi|dimensinya|tebal|tebalnya|thickness|luas|luasnya|berat|beratnya|weight)/;
const SIZE_CUE = new RegExp(
  String.raw`\b(?:${SIZE_WORDS.source}(?: nya)? berapa|berapa (?:ukuran|tebal|luas|berat|besar)|seberapa (?:besar|tebal|luas|berat)|what(?: is| are|s)?(?: the)? ${SIZE_WORDS.source}|how (?:big|large|thick|heavy|wide))\b`,
);
/** The words of a measure as stems: where the knowledge never says them, they are what the intent asks, not a thing. */
const SIZE_STEMS = new Set(["size", "ukuran", "dimension", "dimensi", "tebal", "thickness", "thick", "luas", "berat", "weight", "besar", "big", "large", "heavy", "wide"].map(stem));

// What kind of fact a question asks for, and how such a fact looks in the knowledge.
const INTENT_CUES: [Intent, RegExp, boolean][] = [
  // "berapa jam" is how many hours; "jam berapa" is what time.
  // "berapa bulan sebelum", "how many days": how long, counted in a unit of time.
  ["duration", /\b(how long|how many hours|berapa lama|berapa jam|lamanya|lama|length|duration|durasi)\b/, false],
  // "berapa bulan sebelum", "how many days": how long, counted in a unit of time; weak, as "berapa hari" may also ask a price.
  ["duration", /\b(how many (?:minutes|days|weeks|months|years)|berapa (?:menit|hari|minggu|bulan|tahun))\b/, true],
  ["clock", /\b(what time|jam berapa|sampai jam|pukul|(?:latest|earliest|last) time)\b/, false],
  // "Until when can I reschedule" is answered by "up to 24 hours before" as well as by a clock time.
  // Not "when" before a verb in "-ing" ("do i have to leave my passport when renting?"): while doing it, not a time asked.
  ["time", /\b(till when|until when|sampai kapan|when(?! \p{L}+ing\b)|kapan|hari apa|what days?|which days?|what date|which date|tanggal berapa)\b/u, false],
  // Weak: a place is often just a name ("our office is in Kemang") the pattern cannot see.
  // "Yang mana" is which one, not where.
  ["place", /\b(where|dimana|di mana|(?<!yang )mana)\b/, true],
  // Not how much of something that is not money ("how much power does the medium package need?").
  ["price", /\b(how much)\b(?! (?:power|electricity|watts?|wattage|space|data|storage|weight|luggage|baggage)\b)/, false],
  // "Brp sekilo", "berapa per meter": a price per unit, not a bare "berapa".
  ["price", /\b(berapa per (?:kg|kilo|meter|pcs|lembar|unit|porsi|pax|orang|item|buah))\b/, false],
  // "Ukurannya brp", "what size is it", "how thick": a measure, which the knowledge states in numbers ("100x60x150 cm", "8 mm").
  ["size", SIZE_CUE, false],
  // "Berapa orang", "berapa kali", "berapa ekor" count people, times or animals; "berapa kilo", "berapa meter" a weight or a size: they do not ask a price.
  // "Umur berapa", "tanggal berapa", "lantai berapa" ask an age, a date, a floor.
  ["price", /(?<!\b(?:umur|usia|tanggal|nomor|lantai|kelas|ukuran) )\b(berapa)\b(?! (?:orang|kali|buah|lembar|pcs|biji|porsi|pax|tamu|peserta|anak|people|persons|guests|unit|sesi|pertemuan|kg|kilo|kilogram|gram|ton|meter|cm|km|liter|watt|va|ekor|pasang|botol)\b)/, true],
];
const INTENT_FACTS: Record<Intent, RegExp> = {
  // "80x50x60 cm", "8 mm", "36 m²", "2,5 kg": a dimension, or a number with a unit of length, area or weight.
  size: /\d\s*[x×]\s*\d|\d\s*(?:mm|cm|m|m2|m²|meters?|metres?|km|inch(?:es)?|inci|kg|kilos?|grams?|gr|g|sqm|ha|hektar)\b/i,
  price: /(idr|rp\.?|aud|usd|sgd|us\$|\$|€)\s?\d|\d\s?(k|rb|ribu|juta|jt|million|billion|miliar|%)\b|\bfree\b|\bgratis\b|\d%/i,
  clock: /\b\d{1,2}[:.]\d{2}\b/,
  // "When" is also answered by how far ahead or how soon: "at least one month before", "within 24 hours".
  time: /\b\d{1,2}[:.]\d{2}\b|\bH-\d+\b|\b\d+\s*(hari kerja|working days?|business days?)\b|\b(\d+|one|two|three|four|five|six|seven|ten|a|an|satu|dua|tiga|empat|lima|tujuh|sepuluh)\s*(minutes?|hours?|days?|weeks?|months?|years?|menit|jam|hari|minggu|bulan|tahun)\s*(before|ahead|in advance|after|sebelum|sesudah|setelah|sebelumnya)\b|\b(within|dalam waktu|paling lambat|maksimal|max|maximum)\s*\d|\b(after|setelah|sesudah|saat|upon|once)\s+[a-z]{3,}|\b\d{1,2}(?:st|nd|rd|th)\b|\b(?:tanggal|tgl\.?)\s*\d{1,2}\b|\b(?:every|each|setiap|tiap)\s+(?:\d+\s+|other\s+)?(?:days?|weeks?|months?|years?|semesters?|hari|minggu|bulan|tahun|semester)\b|\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|senin|selasa|rabu|kamis|jumat|sabtu|minggu|weekdays?|january|february|march|april|may|june|july|august|september|october|november|december|januari|februari|maret|mei|juni|juli|agustus|oktober|desember)/i,
  place: /\b(jalan|jl\.?|street|road|floor|lantai|located|address|alamat|building|gedung|next to|above|sebelah)\b/i,
  // "2 hours", "3 to 5 days", "7-10 working days", "a 90-minute intro lesson" (between two entries that state one, the
  // plain one answers: "Each lesson is 90 minutes", not "a 60-minute trial lesson", for how long a lesson is).
  duration: /\d+\s*((?:to|-|–|sampai)\s*\d+\s*)?-?(?:working\s+|business\s+)?(minutes?|hours?|hrs?|weeks?|days?|months?|years?|menit|jam|minggu|hari|bulan|tahun)\b/i,
};
/** The lexicon word that names each kind of fact: a question that already names it needs no separate cue. */
const INTENT_WORD: Partial<Record<Intent, string>> = { price: "price", place: "address", duration: "process" };

/**
 * The kind of fact a question asks for: the cue that comes first ("where can I park when I come in"
 * asks for a place, not a time), the stronger cue when two start at the same word.
 */
/** A question that names nothing but the kind of fact it wants ("how much?", "biayanya?", "alamatnya?"): it asks about what came before. */
function asksOnlyForAFact(q: Question, before?: string): boolean {
  const factWords = Object.values(INTENT_WORD).map(stem);
  // "…bisa dikirim ga kak? ongkirnya brp": the delivery the sentence before asks about, and its fee.
  const said = before === undefined ? null : new Set(terms(before).flatMap(alternatives));
  const fact = (c: Concept) => factWords.some((w) => c.alts.includes(w)) || (q.intent === "size" && SIZE_STEMS.has(c.key));
  return q.concepts.every((c) => fact(c) || (said !== null && said.has(c.key))) && (said === null || q.concepts.some(fact));
}

function detectIntent(text: string, without?: Intent): { intent: Intent; weak: boolean } | null {
  // "paket 10 jam berapa?" asks the price of ten hours, not what time it is.
  // "brp sebulan", "berapa per hari" ask a price per unit of time, not how many months.
  const t = words(text.replace(/\b(?:se|per)\s?(hari|minggu|bulan|tahun|jam|malam)\b/gi, (_, u: string) => `per ${u.toLowerCase() === "jam" ? "hour" : u}`))
    .join(" ")
    .replace(/\b(\d+(?:[.,]\d+)?) jam\b/g, "$1 hour");
  let best: { intent: Intent; weak: boolean; at: number } | null = null;
  for (const [intent, cue, weak] of INTENT_CUES) {
    if (intent === without) continue;
    const at = cue.exec(t)?.index;
    if (at !== undefined && (!best || at < best.at)) best = { intent, weak, at };
  }
  return best && { intent: best.intent, weak: best.weak };
}

// Words for the business itself ("your clinic", "kantornya"), and regional ways of addressing the seller that are
// also words (Sundanese "teh"/"teteh", sister, where "teh" is also tea; "akang", "neng"): a question is not about
// something else because the knowledge never calls the business that.
const SELF = new Set(
  [
    "teh", "teteh", "akang", "kang", "neng",
    "clinic", "klinik", "office", "kantor", "agency", "agensi", "company", "perusahaan", "shop", "store", "toko", "place", "tempat", "business", "usaha", "sini", "disini", "team", "tim", "guys",
    "laundry", "salon", "outlet", "studio", "restaurant", "resto", "cafe", "kafe", "warung", "bengkel", "workshop", "boutique", "butik", "gerai", "gym", "fitness", "petshop",
    "daycare", "preschool", "optik", "optical", "optician", "barbershop", "carwash", "showroom", "dealer", "apotek", "pharmacy", "homestay", "school", "sekolah",
  ].map(stem),
);
// The kinds of business among them: after "a"/"any"/"ada" ("is there a gym?", "ada salon?") such a word
// is something asked about, not the business itself, which a customer never calls "a gym".
const SELF_KINDS = new Set(
  ["clinic", "klinik", "laundry", "salon", "studio", "restaurant", "resto", "cafe", "kafe", "warung", "bengkel", "workshop", "boutique", "butik", "gym", "fitness", "petshop", "daycare", "preschool", "optik", "barbershop", "carwash", "showroom", "dealer", "apotek", "pharmacy", "homestay", "school", "sekolah"].map(stem),
);
const INDEFINITE = /^(a|an|any|another|ada)$/;
/** A boarding house, a vet: the business itself where its knowledge names it so (see `self` in analyze). */
const SELF_WHEN_SAID = new Set(["kos", "kost", "kosan", "vet", "vets"].map(stem));
// An address beside one of these is where to write ("alamat emailnya"), not where the business is.
const ADDRESS_WORDS = new Set(["address", "alamat"].map(stem));
const ONLINE_ADDRESSES = new Set(["email", "surel", "web", "website", "situs", "url"].map(stem));
// What the business does by definition ("wash" at a laundry, "service"): a chunk that leaves it
// unsaid still answers the rest ("how much to wash a blanket" → "blankets IDR 25,000").
// The same for words that only qualify the question ("first", "dulu", "in advance", "buy"): they are
// never the thing asked about, so a knowledge that does not use them can still answer. A chunk
// that says the opposite (rent when asked to buy) is still ruled out.
// The start and end of something, which a time range states ("08.00–16.00").
const START_END = new Set(["start", "begin", "mulai", "finish", "end", "selesai", "earliest"].map(stem));
const OPEN_CLOSE = new Set(["open", "close", "buka", "tutup"].map(stem));
const TIME_RANGE = /\b\d{1,2}[:.]\d{2}\s*(?:-|–|to|until|sampai|hingga|s\/d)\s*\d{1,2}[:.]\d{2}\b/i;
const LIGHT = new Set(
  [
    "wash", "cuci", "clean", "cleaning", "bersih", "service", "layanan", "jasa", "treat", "treatment", "perawatan", "do", "bikin",
    "buy", "beli", "purchase", "order", "pesan", "study", "belajar", "learn", "start", "begin", "mulai", "finish", "end", "selesai", "first", "pertama", "dulu", "before", "sebelum", "advance", "ahead", "early", "again", "lagi",
    // Circumstances around the question ("after the surgery", "at short notice", "before I go home for Eid").
    "after", "setelah", "sesudah", "habis", "dadak", "lastminute", "sudden", "suddenly", "upfront", "full", "new", "baru", "leave", "tunggu", "wait", "waiting", "mudik", "client", "clients", "klien", "customer", "pelanggan",
    // Taking a package is buying it ("kalo udah ambil 16 jam"); "max how many" asks how many; checking and
    // replacing are what a repair service does ("garansi ganti LCD"); the extreme of a list is read off
    // the list ("the smallest cake").
    "ambil", "ikut", "length", "duration", "durasi", "max", "maximum", "maksimal", "lengkap", "complete", "penuh", "naik", "langsung", "check", "checking", "ganti", "replace", "replacement", "change", "smallest", "biggest", "largest", "lowest", "highest", "shortest", "longest",
    // When it is due is when; fitting something is what a fitter does ("biaya pasang behel"), and a pair is how it is sold ("sepasang").
    "due", "pasang", "sepasang",
    // Fixing is what a repair service does ("toilet clogged how much to fix").
    "fix",
    // What to get ready is asked of what the knowledge lists, whether or not it says "prepare".
    "prepare",
  ].map(stem),
);
// A "not" before how something misbehaves ("not cooling", "gak muter", "wont drain"), as `words` spells it.
const NEGATION = /^(?:not|tidak|never|belum)$/;
// Words that weigh as little as the circumstances of a question where the knowledge has none of their words (see
// `unsaid` in analyze):
// - words Indonesian knowledge says only with a stop word ("bring" against "tinggal bawa jilbab sendiri");
// - the customer's trouble ("mobil sy mogok", "stuck di tol", "is that a problem"): why they ask;
// - whether something is allowed ("is he allowed to climb?" is whether he can).
const LIGHT_WHEN_UNSAID = new Set(
  ["bring", "brought", "mogok", "breakdown", "stalled", "stuck", "problem", "problems", "masalah", "trouble", "kendala", "allow", "allowed", "permitted", "tambah", "tambahan", "nambah", "add", "adding"].map(stem),
);
// The package a thing is sold as ("paketnya brp?" at a gym whose birthday parties are never called packages) weighs as
// little, but not a package of a number of things ("a private package for 20 hours"), a bundle the knowledge would name.
const PACKAGE = new Set(["package", "packages", "paket", "pkg"].map(stem));
// The size of the customer's own thing ("just need 2 cams for my small shop", "tenda yg kecil 4x6"), where the knowledge
// never says small: what they have or want, given with a number or as theirs, not a small kind of thing to be sold.
const SMALL = new Set(["small", "kecil", "mini"].map(stem));
// One's own ("bawa sendiri", "bring our own"), where the knowledge never says it: bringing the thing is what is asked.
const OWN = new Set(["sendiri", "own"].map(stem));
// The extremes of a list, read off a chunk that lists several prices.
const EXTREME = new Set(["smallest", "biggest", "largest", "lowest", "highest", "shortest", "longest", "cheapest", "termurah", "termahal", "terkecil", "terbesar"].map(stem));
// Whether one thing comes with another ("is shampoo included in the haircut?") is asked by naming the two.
const INCLUDED = new Set(["include", "includes", "included", "including", "termasuk", "isi", "berisi", "contain", "contains", "separately", "terpisah"].map(stem));
// The people a customer asks for ("my son", "ibu saya", "our guests"): who the question is about, not what.
const PEOPLE = new Set(
  ["son", "daughter", "child", "kid", "baby", "wife", "husband", "mother", "mom", "mum", "father", "dad", "parent", "friend", "brother", "sister", "family", "anak", "istri", "suami", "ibu", "mama", "bapak", "ayah", "papa", "ortu", "teman", "adik", "kakak", "keluarga", "bayi", "pacar", "bf", "gf", "boyfriend", "girlfriend", "partner", "pasangan"].map(stem),
);
// Who comes along with the customer ("sekeluarga", "with friends").
const COMPANY = new Set(["family", "families", "keluarga", "friend", "friends", "teman", "ortu", "parents", "pacar", "boyfriend", "girlfriend", "bf", "gf", "pasangan", "partner", "istri", "suami", "wife", "husband"].map(stem));
const POSSESSIVE_BEFORE = /^(my|our|his|her|their)$/;
const POSSESSIVE_AFTER = /^(saya|sy|aku|ku|kami|gue|gw)$/;
// Words of a business that comes to its customers: only where its knowledge has one is the customer's home the place of
// the service ("survey ke rumah"); elsewhere coming to the home is what is asked ("coach nya bisa dtg ke rumah?").
const VISITS = ["survey", "survei", "visit", "visits", "kunjungan", "panggilan", "pickup", "jemput", "antar", "delivery", "deliver", "onsite", "kirim", "send", "ship", "shipping"].map(stem);
// A home or office the service comes to ("survey ke rumah", "to my house"): where, not what.
const PREMISES = new Set(["rumah", "house", "home", "apartment", "apartemen", "kantor", "office", "kos", "address", "alamat"].map(stem));

// Conjunctions that join two questions in one sentence.
// A comma between two digits is a decimal one ("2x1,5", "1,25 m"), not a break between parts.
// An emoji between words parts them as a comma does ("just landed in Bali 🌴 what's the address?").
const JOINERS = /\s*(?:(?<!\d),|,(?!\d))\s*|\s(?:and|also|plus|then|dan|juga|trs|trus|terus|serta|lalu|sama|&)\s|(?<=\p{Extended_Pictographic}\uFE0F?)\s+(?=\p{L})/iu;

/** The knowledge's vocabulary: its words (for correcting misspellings) and its stems (for coverage). */
export interface Vocabulary {
  words: Set<string>;
  stems: Set<string>;
  /** In how many chunks each stem appears. */
  df: Map<string, number>;
  chunks: number;
  /** The knowledge's texts, read again only when a question needs more of them (the names it writes in capitals). */
  texts: readonly string[];
}

export function vocabulary(texts: string[]): Vocabulary {
  const v: Vocabulary = { words: new Set(), stems: new Set(), df: new Map(), chunks: texts.length, texts };
  for (const t of texts) {
    for (const w of words(t)) v.words.add(w);
    for (const s of new Set(terms(t))) {
      v.stems.add(s);
      v.df.set(s, (v.df.get(s) ?? 0) + 1);
    }
  }
  return v;
}

/**
 * The names the knowledge writes in capitals, by their initials ("aow" → "advanced open water"), where only one name has
 * them: two to four capitalised words in a row ("Open Water", "Discover Scuba Diving") and every run of two or more in
 * them. Read once per vocabulary, and only for a question with capitals in it.
 */
const INITIALS = new WeakMap<Vocabulary, Map<string, string>>();
function initialsOf(v: Vocabulary): Map<string, string> {
  let initials = INITIALS.get(v);
  if (initials) return initials;
  const named = new Map<string, Set<string>>();
  for (const t of v.texts)
    for (const m of t.matchAll(/\p{Lu}\p{Ll}+(?:[ -]\p{Lu}\p{Ll}+){1,3}/gu)) {
      const ws = m[0].split(/[ -]/);
      for (let i = 0; i < ws.length; i++)
        for (let j = i + 2; j <= ws.length; j++) {
          const run = ws.slice(i, j);
          const key = run.map((w) => w[0]!.toLowerCase()).join("");
          named.set(key, (named.get(key) ?? new Set()).add(run.join(" ").toLowerCase()));
        }
    }
  initials = new Map([...named].filter(([key, names]) => names.size === 1 && !v.words.has(key) && !isStopWord(key)).map(([key, names]) => [key, [...names][0]!]));
  INITIALS.set(v, initials);
  return initials;
}

/**
 * The knowledge's own compounds: for each word, the words it is written right after and right before within a
 * clause ("cooking class", "kelas masak"), as stems. Read once per vocabulary, and only for a question with a
 * name or specific word in it.
 */
const NEIGHBOURS = new WeakMap<Vocabulary, { before: Map<string, Set<string>>; after: Map<string, Set<string>> }>();
function neighboursOf(v: Vocabulary) {
  let n = NEIGHBOURS.get(v);
  if (n) return n;
  n = { before: new Map(), after: new Map() };
  const add = (m: Map<string, Set<string>>, k: string, x: string) => m.set(k, (m.get(k) ?? new Set()).add(x));
  for (const t of v.texts)
    for (const clause of t.split(/[.,;:!?()\n]/)) {
      const ws = words(clause);
      for (let i = 1; i < ws.length; i++) {
        if (isStopWord(ws[i - 1]!) || isStopWord(ws[i]!)) continue;
        const [a, b] = [stem(ws[i - 1]!), stem(ws[i]!)];
        add(n.before, b, a);
        add(n.after, a, b);
      }
    }
  NEIGHBOURS.set(v, n);
  return n;
}

const KEY_ROWS = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];
const KEY_AT = new Map<string, [number, number]>(KEY_ROWS.flatMap((row, r) => [...row].map((k, c) => [k, [r, c + [0, 0.3, 0.8][r]!]] as [string, [number, number]])));
/** Letters that stand for the same sound in chat spellings of either language ("saptu", "vakansi", "kopi"). */
const SOUND_PAIRS = new Set(["bp", "dt", "gk", "ck", "fv", "fp", "sz", "cs", "iy", "jz", "kq", "ks", "xs"].flatMap((p) => [p, p[1]! + p[0]!]));
/**
 * What it costs to type one letter for another: one edit for a slip of the finger (a key beside it
 * on the keyboard), a vowel for a vowel or a letter of the same sound; more for any other letter, so
 * a word is not "corrected" into another word that merely has similar letters ("piercing" is not
 * "perming", "dubai" is not "dura").
 */
function substitution(x: string, y: string): number {
  if (x === y) return 0;
  if (/[aeiou]/.test(x) && /[aeiou]/.test(y)) return 1;
  if (SOUND_PAIRS.has(x + y)) return 1;
  const [p, q] = [KEY_AT.get(x), KEY_AT.get(y)];
  if (p && q && ((p[0] === q[0] && Math.abs(p[1] - q[1]) === 1) || (Math.abs(p[0] - q[0]) === 1 && Math.abs(p[1] - q[1]) <= 0.8))) return 1;
  return 1.5;
}

/** Damerau–Levenshtein distance (a substitution weighed by `substitution`), stopping early past `max`. */
function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    let rowMin = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = substitution(a[i - 1]!, b[j - 1]!);
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
  }
  return d[a.length]![b.length]!;
}

const LEXICON_WORDS = new Set(LEXICON_STEMS);

/**
 * A misspelled word's intended word from the knowledge's vocabulary (or the
 * lexicon): one edit for words of 4–7 letters, two from 8, same first letter,
 * and only when a single closest word exists.
 */
/**
 * How a word sounds, spelled one way for English and Indonesian: loanwords
 * then meet their originals ("vaksin"/"vaccine", "loker"/"locker",
 * "sesi"/"session", "konsultasi"/"consultation", "foto"/"photo").
 */
export function soundKey(word: string): string {
  return word
    .replace(/(nya|lah|kah)$/, "")
    .replace(/ph/g, "f")
    // "theory"/"teori", "acoustic"/"akustik", "group"/"grup", "tour"/"tur".
    .replace(/th/g, "t")
    .replace(/ou/g, "u")
    // "quality"/"kualitas", "facility"/"fasilitas", "university"/"universitas".
    .replace(/tas$/, "ty")
    // "apartment"/"apartemen", "document"/"dokumen".
    .replace(/e?ments?$/, "men")
    .replace(/emen$/, "men")
    .replace(/ck/g, "k")
    .replace(/cc(?=[eiy])/g, "ks")
    .replace(/c(?=[eiy])/g, "s")
    .replace(/c/g, "k")
    .replace(/q/g, "k")
    .replace(/x/g, "ks")
    .replace(/v/g, "f")
    .replace(/[ts]ion(s)?$/, "si")
    // "conventional"/"konvensional", "traditional"/"tradisional".
    .replace(/[ts]ional$/, "sional")
    // "instructor"/"instruktur", "director"/"direktur".
    .replace(/or(s)?$/, "ur")
    .replace(/y/g, "i")
    .replace(/(\p{L})\1+/gu, "$1")
    .replace(/(?<=\p{L}{3})e$/u, "");
}

/** A word of the knowledge that is the same loanword as `word`, when exactly one is. */
function sameLoanword(word: string, v: Vocabulary): string | null {
  const key = soundKey(word);
  if (key.length < 4) return null;
  const found = (soundsOf(v).get(key) ?? []).filter((cand) => cand !== word);
  return new Set(found.map(stem)).size === 1 ? found[0]! : null;
}

/** The knowledge's words of four letters or more by how they sound (as they are, and their stems): built once per vocabulary. */
const SOUNDS = new WeakMap<Vocabulary, Map<string, string[]>>();
function soundsOf(v: Vocabulary): Map<string, string[]> {
  let sounds = SOUNDS.get(v);
  if (sounds) return sounds;
  sounds = new Map();
  for (const w of v.words) {
    if (w.length < 4) continue;
    for (const key of new Set([soundKey(w), soundKey(stem(w))])) {
      const list = sounds.get(key);
      if (list) list.push(w);
      else sounds.set(key, [w]);
    }
  }
  SOUNDS.set(v, sounds);
  return sounds;
}

// Endings that make one word of another ("steril" → "sterilization", "sterilisasi"; "rehab" → "rehabilitation").
const DERIVED = /^(nese|ese|i[sz]ation|i[sz]ations|isasi|ation|ations|asi|ilitation|ilitasi|ize|ise|ized|ised|ing|al|ity|itas|ic|ik|ist|is|y|i)$/;

/** A word of the knowledge of the same family as `word` (one is the other plus a derivational ending), when exactly one stem is. */
function sameFamily(word: string, v: Vocabulary): string | null {
  if (word.length < 5) return null;
  let found = [...v.words].filter((cand) => cand.length >= 5 && cand !== word && ((cand.startsWith(word) && DERIVED.test(cand.slice(word.length))) || (word.startsWith(cand) && DERIVED.test(word.slice(cand.length)))));
  // A longer ending says more than a one-letter one: "sunda" is of "Sundanese" before "Sunday".
  const longer = found.filter((cand) => Math.abs(cand.length - word.length) > 1);
  if (longer.length && new Set(longer.map(stem)).size === 1) found = longer;
  return new Set(found.map(stem)).size === 1 ? found[0]! : null;
}

/** A word the customer shortens ("cert", "admin") that begins exactly one word of the knowledge ("certificate", "administration"). */
function shortFor(word: string, v: Vocabulary): string | null {
  const found = [...v.words].filter((cand) => cand.length >= word.length + 3 && cand.startsWith(word));
  return found.length && new Set(found.map(stem)).size === 1 ? found[0]! : null;
}

/**
 * A common word or chat spelling typed with two letters swapped ("wehre", "pkaai", "ardes"), as it
 * was meant; only for a word the knowledge and the lexicon do not know.
 */
function swappedLetters(word: string): string | null {
  // Four letters are too few to tell a typo from another word: "main" (play) is not "mani" (manicure).
  if (word.length < 5) return null;
  for (let i = 0; i < word.length - 1; i++) {
    if (word[i] === word[i + 1]) continue;
    const s = word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
    if (isStopWord(s)) return s;
    const chat = chatSpelling(s);
    if (chat && !chat.includes(" ")) return chat;
  }
  return null;
}

/** Whether the knowledge or the lexicon knows a word. */
const known = (word: string, v: Vocabulary) => v.words.has(word) || v.stems.has(stem(word)) || LEXICON_WORDS.has(stem(word));

function correct(word: string, v: Vocabulary): string {
  // A word whose stem is a stop word ("dibenerin" → "bener") is spelled right: it says nothing, and must not become "beer".
  if (word.length < 3 || /\d/.test(word) || known(word, v) || isStopWord(word) || isStopWord(stem(word)) || chatSpelling(word)) return word;
  if (LIGHT.has(stem(word)) || SELF.has(stem(word))) return word;
  // "Di-" before "s" and a consonant stays on a word ("discount", "display"): on one the knowledge does not know
  // ("disteril"), it is the prefix of a word it does ("steril", "sterilise").
  if (/^dis[^aiueo]/.test(word)) {
    const rest = word.slice(2);
    const meant = known(rest, v) ? rest : sameFamily(rest, v);
    if (meant) return meant;
  }
  const swapped = swappedLetters(word);
  if (swapped) return swapped;
  // Colloquial "ny-" for a verb in s- or c-: "nyewa" is "sewa", "nyuci" is "cuci".
  if (/^ny[aeiou]/.test(word)) {
    const meant = ["s", "c"].map((x) => x + word.slice(2)).filter((x) => known(x, v));
    if (meant.length === 1) return meant[0]!;
  }
  // Colloquial "m-" for a verb in p- and "n-" for one in t-: "masang" is "pasang", "motong" "potong", "nunggu" "tunggu".
  if (/^[mn][aeiou]/.test(word)) {
    const meant = (word[0] === "m" ? "p" : "t") + word.slice(1);
    if (known(meant, v) && !known(word, v)) return meant;
  }
  if (word.length < 4) return word;
  const loan = sameLoanword(word, v) ?? sameFamily(word, v) ?? shortFor(word, v);
  if (loan) return loan;
  if (word.length < 5) return word;
  const max = word.length >= 8 ? 2 : 1;
  let best: string[] = [];
  let bestD = max + 1;
  for (const cand of [...v.words, ...LEXICON_WORDS]) {
    // A correction lands on a content word: "drone" is not "done" (a stop word), which would erase it from the question.
    if (cand[0] !== word[0] || cand.length < 4 || isStopWord(cand)) continue;
    // A lexicon word the knowledge does not use is not reached by two letters left out or added
    // ("karawang", a town, is not "karang", tartar, whose synonyms would make it a cleaning).
    if (Math.abs(cand.length - word.length) > 1 && !v.words.has(cand) && !v.stems.has(stem(cand))) continue;
    const dd = distance(word, cand, max);
    if (dd < bestD) {
      bestD = dd;
      best = [cand];
    } else if (dd === bestD && !best.includes(cand)) best.push(cand);
  }
  const stems = new Set(best.map(stem));
  if (bestD <= max && stems.size === 1) return best[0]!;
  return closeStem(word, v) ?? word;
}

/**
 * A misspelling of another form of a word ("colse" for the knowledge's "closed", "aalmatnya" for
 * "alamat"): its stem within one edit (two from 8 letters) of exactly one stem of the knowledge or the
 * lexicon, same first letter.
 */
function closeStem(word: string, v: Vocabulary): string | null {
  const s = stem(word);
  if (s.length < 4) return null;
  const max = s.length >= 8 ? 2 : 1;
  const found = new Set<string>();
  let bestD = max + 1;
  for (const cand of new Set([...v.stems, ...LEXICON_WORDS])) {
    // Only a stem that is its own stem can stand for the word ("clos" would stem again to "clo").
    if (cand[0] !== s[0] || cand.length < 4 || isStopWord(cand) || stem(cand) !== cand) continue;
    // A lexicon word the knowledge does not use is reached only by letters swapped or mistyped, not by
    // one left out or added: its synonyms then make it a guess on a guess ("piercing" → "piece" →
    // "potong", the price of a haircut).
    if (!v.stems.has(cand) && cand.length !== s.length) continue;
    const dd = distance(s, cand, max);
    if (dd < bestD) {
      bestD = dd;
      found.clear();
    }
    if (dd === bestD) found.add(cand);
  }
  return bestD <= max && found.size === 1 ? [...found][0]! : null;
}

/**
 * A word written as two ("snackbox", "carseat", "lunchbox"): its two halves, when the word itself is
 * unknown and exactly one split gives two known content words, one of them the knowledge's own.
 */
function splitCompound(word: string, v: Vocabulary): string[] {
  if (word.length < 6 || /\d/.test(word) || isStopWord(word) || known(word, v) || LIGHT.has(stem(word)) || SELF.has(stem(word))) return [word];
  const splits: string[][] = [];
  for (let i = 3; i <= word.length - 3; i++) {
    const [a, b] = [word.slice(0, i), word.slice(i)];
    if (isStopWord(a) || isStopWord(b) || !known(a, v) || !known(b, v)) continue;
    if (v.stems.has(stem(a)) || v.stems.has(stem(b))) splits.push([a, b]);
  }
  return splits.length === 1 ? splits[0]! : [word];
}

/** "Jam" and "pukul" before a number say a clock time; hours after one a duration, also said in minutes. */
const CLOCK = new Set(["jam", "pukul"].map(stem));
/** The word a customer rules out: after "bukan", "selain", "kecuali", "except", or a "not" that opens a clause ("(not reformer)", ", not for acne"). */
const EXCLUDING = /(?:\b(?:bukan|selain|kecuali|except|excluding)|[(,]\s*not|\bbut not)\s+(?:(?:for|untuk|buat|utk|the|a|an|yang|yg)\s+)?(\p{L}+)/giu;
const HOURS = new Set(["hour", "hours", "jam"].map(stem));
const MINUTES = alternatives(stem("minutes"));
/** Words that say what a thing is for ("buat", "untuk", "for"). */
const PURPOSE = /^(buat|untuk|for|utk)$/;
const ADDRESS = alternatives(stem("address"));
/** Occasions a thing is for ("buat wisuda", "for a birthday", "buat lamar kerja"): the circumstance of a question, not its topic. */
const OCCASIONS = new Set(
  [
    "wisuda", "graduation", "birthday", "ultah", "wedding", "nikah", "nikahan", "pernikahan", "kondangan", "party", "pesta", "acara", "event", "lamaran", "engagement", "arisan", "meeting", "rapat",
    "lebaran", "natal", "christmas", "ramadan", "ramadhan", "imlek", "interview", "lamar", "kerja", "job", "work", "kantor", "office", "sekolah", "school", "kuliah", "kampus", "liburan", "holiday", "vacation", "trip", "mudik", "gift", "kado", "hadiah", "ulangtahun",
    "seminar", "workshop", "gathering", "reuni", "reunion", "syukuran", "pelatihan", "training", "presentasi", "presentation", "festival", "resepsi", "campus",
  ].map(stem),
);
/** Words for a day of the calendar, before the date itself ("tgl 17"). */
const DATE_WORDS = new Set(["tanggal", "date"].map(stem));
/** Words for a limit in time ("batas", "deadline", "paling lambat"). */
const LIMIT = new Set(["batas", "deadline", "limit", "tenggat", "lambat", "latest", "telat", "last", "terakhir"].map(stem));
/** A name or code written as one ("SP2DK", "PPh 21" is not one): capitals of three letters or more, or letters with digits inside. */
const CODE_WORD = /(?<![\p{L}\d])(?:\p{Lu}{3,}|(?=[\p{L}\d]*\d)(?=[\p{L}\d]*\p{L})\p{L}[\p{L}\d]*\d[\p{L}\d]*\p{L}[\p{L}\d]*)(?![\p{L}\d])/gu;
/** Booking a thing ("mau book", "reserve"). */
const BOOKING = new Set(["book", "booking", "reserve", "reservation", "reservasi"].map(stem));
/** The words of a timetable ("jadwalnya kapan", "slot nya jam brp"): asked with when or what time, they ask for the time itself. */
const SCHEDULE = new Set(["jadwal", "schedule", "schedules", "timetable", "slot", "slots"].map(stem));
/** Words that name only the kind of fact asked for ("price", "harga", "biaya"): not a thing a purpose can be of. */
const FACT_WORDS = new Set(["price", "prices", "harga", "biaya", "cost", "fee", "tarif", "ongkos", "much", "berapa"].map(stem));

/** One question's concepts, with misspellings corrected against the knowledge. */
export function analyze(text: string, v: Vocabulary): Question {
  const seen = new Set<string>();
  const concepts: Concept[] = [];
  /** Which word each concept was read from. */
  const conceptAt = new Map<number, Concept>();
  // Initials the customer writes in capitals ("the OW course", "AOW") are the name the knowledge spells out.
  const capitals = new Set([...text.matchAll(/(?<![\p{L}\d])\p{Lu}{2,4}(?![\p{L}\d])/gu)].map((m) => m[0].toLowerCase()));
  const initials = capitals.size ? initialsOf(v) : null;
  const spelled = words(text).flatMap((w) => (initials && capitals.has(w) && !known(w, v) && initials.has(w) ? initials.get(w)!.split(" ") : [w]));
  // Not a place named after "ke", "di", "to"… ("kirim ke Pekanbaru" is not "pekan" and "baru").
  const split = spelled.map((w, i) => (i > 0 && AT_PLACE.test(spelled[i - 1]!) ? [w] : splitCompound(w, v)));
  const all = split.flat();
  const joined = split.filter((x) => x.length === 2).map(([a, b]) => [alternatives(stem(a!)), alternatives(stem(b!))] as [string[], string[]]);
  // What a thing is for, said after it ("kebaya buat wisuda", "a cake for my mum's party"): a word there the
  // knowledge never uses is the circumstance, not something else asked about.
  const distance = /\d\s?(?:km|kilometers?|kilometres?)\b/i.test(text);
  // "If I cancel", "if it rains": what follows is the condition the question is asked under.
  // Only a condition the knowledge has no word of: "if we invite 1000 guests" names the guests the packages are for.
  const corrected = all.map((w) => correct(w, v));
  let ifAt = all.indexOf("if");
  if (ifAt >= 0 && corrected.slice(ifAt + 1).some((w) => !isStopWord(w) && !/^\d/.test(w) && alternatives(stem(w)).some((a) => v.stems.has(a)))) ifAt = -1;
  const excluding = new Set([...text.toLowerCase().matchAll(EXCLUDING)].map((m) => stem(correct(m[1]!, v))));
  const purpose = all.findIndex((w, i) => PURPOSE.test(w) && all.slice(0, i).some((x) => !isStopWord(x) && !/^\d/.test(x) && !FACT_WORDS.has(stem(x))));
  for (const [i, raw] of all.entries()) {
    const w = corrected[i]!;
    // A number, an ordinal among them ("my daughter's 17th birthday").
    if (isStopWord(w) || /^\d[\d.,:]*$/.test(w) || /^\d+(?:st|nd|rd|th)$/.test(w)) continue;
    const key = stem(w);
    // "jam 3 sore", "pukul 10": a clock time, not the opening hours.
    if (CLOCK.has(key) && /^\d/.test(all[i + 1] ?? "")) continue;
    if (key.length < 2 || isStopWord(key)) continue;
    const alts = alternatives(key);
    const strong = synonyms(key);
    // "1 jam", "2 hours": a duration, said in minutes as often as in hours ("60 menit").
    if (HOURS.has(key) && /^\d+(?:[.,]\d+)?$/.test(all[i - 1] ?? "")) for (const m of MINUTES) if (!alts.includes(m)) alts.push(m), strong.push(m);
    // A lexicon word the knowledge spells as a loanword ("instructor" → "instruktur"): that spelling counts too.
    if (!alts.some((a) => v.stems.has(a))) {
      const loan = sameLoanword(w, v) ?? sameFamily(w, v);
      if (loan && !alts.includes(stem(loan))) {
        alts.push(stem(loan));
        strong.push(stem(loan));
      }
    }
    // A word the knowledge never uses for what it sells under another name ("a 5 class pack" → "5-class pass").
    if (!alts.some((a) => v.stems.has(a))) for (const a of alternativesWhenUnsaid(key)) if (!alts.includes(a)) alts.push(a), strong.push(a);
    // A boarding house ("kos"), a vet: the business only where its knowledge says so (elsewhere a place the customer lives,
    // a vet the business may or may not have).
    const self = (SELF.has(key) || (SELF_WHEN_SAID.has(key) && strong.some((a) => v.stems.has(a)))) && !(SELF_KINDS.has(key) && INDEFINITE.test(all[i - 1] ?? ""));
    // The business itself, named in a word its knowledge never uses, is not something else.
    if (self && !strong.some((a) => v.stems.has(a))) continue;
    // "Alamat emailnya", "email address", "alamat web": where to write, not where the business is.
    if (ADDRESS_WORDS.has(key) && [all[i - 1], all[i + 1]].some((x) => x !== undefined && ONLINE_ADDRESSES.has(stem(x)))) continue;
    const signature = [...alts].sort().join(" ");
    if (seen.has(signature)) continue;
    seen.add(signature);
    // A place the knowledge does not know, beside the distance to it ("ke antapani, kira2 8km"): the distance is what is asked about.
    const unseen = !alts.some((a) => v.stems.has(a));
    const place = distance && !isCommonWord(key) && unseen && /^(ke|di|in|to|from|dari|daerah|area|near)$/.test(all[i - 1] ?? "");
    // "My son", "anak saya": the person the question is for.
    // A family or friends the knowledge never names are who come along ("vaksin flu sekeluarga 4 orang").
    const person = PEOPLE.has(key) && (POSSESSIVE_BEFORE.test(all[i - 1] ?? "") || POSSESSIVE_AFTER.test(all[i + 1] ?? "") || /(nya|kku)$/.test(raw) || (unseen && COMPANY.has(key)));
    // "Survey ke rumah", "come to my house": the customer's premises, when the knowledge never names them.
    const premises = unseen && PREMISES.has(key) && (/^(ke|di|to|at|my|our)$/.test(all[i - 1] ?? "") || (POSSESSIVE_AFTER.test(all[i + 1] ?? "") && /^(di|ke|in|at)$/.test(all[i + 2] ?? ""))) && VISITS.some((x) => v.stems.has(x));
    // A condition the knowledge never speaks of ("can I get my deposit back if I cancel"): the circumstance of the question.
    const condition = unseen && ifAt >= 0 && i > ifAt && isCommonWord(key);
    // A measure of the customer's own thing the knowledge never speaks of ("rumah 2 lantai", "lemari 3 pintu"): what it is, not what is asked.
    const measure = unseen && isCommonWord(key) && /^\d+$/.test(all[i - 1] ?? "") && i >= 2 && !isStopWord(all[i - 2]!);
    // A word that only frames the question, where the knowledge has none of its words (LIGHT_WHEN_UNSAID, PACKAGE).
    const unsaid =
      unseen &&
      (LIGHT_WHEN_UNSAID.has(key) ||
        (PACKAGE.has(key) && !/\d/.test(text)) ||
        (SMALL.has(key) && (/\d/.test(text) || all.some((w) => POSSESSIVE_BEFORE.test(w) || POSSESSIVE_AFTER.test(w) || /^(have|has|punya)$/.test(w)))) ||
        (OWN.has(key) && all.slice(Math.max(0, i - 3), i).some((w) => /^(bawa|membawa|bring|brings|bringing)$/.test(w))));
    // "4 cameras installed", "a 5kw system installed": the thing with its installation, which a package price includes.
    const fitted = /^(installed|terpasang)$/.test(raw) && i > 0 && !isStopWord(all[i - 1]!) && !/^\d/.test(all[i - 1]!);
    // "Mobil pengganti", "a replacement car": a thing that stands in for another is what is asked about, not the replacing a repair does.
    const standIn = (/^pengganti$/.test(raw) && i > 0 && !isStopWord(all[i - 1]!) && !/^\d/.test(all[i - 1]!)) || (raw === "replacement" && all[i + 1] !== undefined && !isStopWord(all[i + 1]!));
    // A date the customer gives ("acara sy tgl 17 agustus", "on the date 5 May"): when it is, not something asked about.
    const dated = DATE_WORDS.has(key) && /^\d/.test(all[i + 1] ?? "");
    const light = self || unsaid || dated || fitted || (LIGHT.has(key) && !standIn) || INCLUDED.has(key) || place || person || premises || condition || measure || (purpose >= 0 && i > purpose && OCCASIONS.has(key) && !strong.some((a) => v.stems.has(a)));
    const excluded = excluding.has(key);
    const aside = dated || person || premises || condition || measure || excluded || INCLUDED.has(key);
    const where = unseen && !isCommonWord(key) && toPlace(all, i);
    const within = where && IN_PLACE.test(all[i - 1]!);
    concepts.push({ key, alts, strong, common: light || excluded || isCommonWord(key), light: light || excluded, ...(aside ? { aside } : {}), ...(excluded ? { excluded } : {}), ...(condition ? { condition } : {}), ...(where ? { where } : {}), ...(within ? { within } : {}) });
    conceptAt.set(i, concepts[concepts.length - 1]!);
  }
  // "Before or after", "di awal atau setelah": the words either side of the "or" are the choice.
  all.forEach((w, i) => {
    if (w !== "or" && w !== "atau") return;
    const [before, after] = [conceptAt.get(i - 1), conceptAt.get(i + 1)];
    if (before && after && !before.either && !after.either) [before.either, after.either] = [after.key, before.key];
  });
  let cue = detectIntent(text);
  // A knowledge that says the measure's word ("cetak ukuran 10R") answers it by that word, as any other.
  if (cue?.intent === "size" && concepts.some((c) => SIZE_STEMS.has(c.key) && c.alts.some((a) => v.stems.has(a)))) cue = detectIntent(text, "size");
  let intent = cue?.intent ?? null;
  // In "jam berapa", "jam" is the question, not the opening hours.
  if (intent === "clock") {
    const hour = concepts.findIndex((c) => c.key === stem("jam"));
    if (hour >= 0 && /\bjam berapa\b/.test(words(text).join(" "))) concepts.splice(hour, 1);
  }
  // How long or until when something may be done: the limit is what the fact says ("laporkan dalam 1 x 24 jam"), so
  // "batas laporannya brp lama?" asks for the time, whether or not the knowledge says "batas".
  if (intent === "duration" || intent === "time" || intent === "clock") for (const c of concepts) if (LIMIT.has(c.key)) c.light = c.common = true;
  // "Mau book snorkeling, per orangnya brp?": booking a thing, asked with its price, asks the price of the thing.
  if (intent === "price") for (const c of concepts) if (BOOKING.has(c.key) && concepts.some((k) => k !== c && !k.light)) c.light = c.common = true;
  // "Jadwalnya kapan" against "setiap Sabtu dan Minggu pukul 08:00": the timetable is the time asked, whatever the knowledge calls it.
  if (intent === "time" || intent === "clock") for (const c of concepts) if (SCHEDULE.has(c.key)) c.light = c.common = true;
  // "Ukurannya brp" against "kandang 100x60x150 cm": the measure is what is asked, stated as a number, not a word.
  if (intent === "size") for (const c of concepts) if (SIZE_STEMS.has(c.key)) c.light = c.common = true;
  // "harga" already asks for the price: the cue adds nothing.
  const named = intent && INTENT_WORD[intent];
  if (named && concepts.some((c) => c.alts.includes(stem(named)))) intent = null;
  // The unit a price is asked per ("per orang", "per night") tells two prices apart, though the word alone says nothing.
  const tokens = tokenize(text);
  const literal = [...new Set(tokens.filter((w, i) => !isStopWord(w) || tokens[i - 1] === "per").map(stem))];
  // "The cooking class" at a cooking school: a word the knowledge writes only as the one specific word beside a word it
  // uses on its own more often ("Class times", "the morning class") names that thing, not something else.
  if (concepts.some((c) => !c.common)) {
    const near = neighboursOf(v);
    const stems = corrected.map((w) => (isStopWord(w) ? "" : stem(w)));
    for (const c of concepts) {
      if (c.common) continue;
      const at = stems.indexOf(c.key);
      if (at < 0) continue;
      const names = (head: string | undefined, side: Map<string, Set<string>>) => {
        if (!head || !concepts.some((k) => k.key === head && k.common)) return false;
        const specific = [...(side.get(head) ?? [])].filter((m) => !isCommonWord(m));
        return specific.length === 1 && specific[0] === c.key && (v.df.get(head) ?? 0) > (v.df.get(c.key) ?? 0);
      };
      if (names(stems[at + 1], near.before) || names(stems[at - 1], near.after)) c.common = c.light = c.aside = true;
    }
  }
  return { text, concepts, intent, weakIntent: cue?.weak ?? false, literal, ...(joined.length ? { joined } : {}) };
}

/**
 * A text that serves every place ("anywhere in Indonesia", "ke seluruh Indonesia", "all over Bali"). Narrower than
 * ANYWHERE_ELSE on purpose: "luar kota", "other areas" price somewhere else, not the place the customer names.
 * Not a whole city ("ke seluruh Kota Malang") nor "anywhere within this service area": whether a place the
 * knowledge never names lies inside it is not known.
 */
const ANYWHERE = /\b(?:anywhere(?! within)|all over|seluruh (?:indonesia|wilayah|pulau)|ke mana saja|ke manapun)\b/i;
/** The points of the compass, each stem with its lexicon's translations ("selatan" is "south"). */
const DIRECTIONS = new Map(["north", "south", "east", "west", "central"].flatMap((d) => synonyms(stem(d)).map((x) => [x, d] as const)));
/** The places a text names with a point of the compass beside them ("South Jakarta", "jakarta selatan"): place stem → direction. */
function placesWithDirection(text: string): [string, string][] {
  const st = contentStems(text);
  const out: [string, string][] = [];
  st.forEach((x, i) => {
    const d = DIRECTIONS.get(x);
    if (!d) return;
    for (const y of [st[i + 1], st[i - 1]]) if (y !== undefined && !DIRECTIONS.has(y) && !isCommonWord(y)) out.push([y, d]);
  });
  return out;
}
/**
 * Whether a text speaks of the place asked with the direction asked: "West Jakarta" is not South Jakarta, and a text that
 * names the place only with other directions is about those parts of it; the place on its own ("anywhere in Jakarta") is.
 */
function saysDirection(text: string, place: string, direction: string): boolean {
  // "Wilayah Jabodetabek lainnya", "other areas": the rest of the places, which may be the one asked.
  if (/\b(?:lainnya|other|others|elsewhere|rest of|seluruh)\b/i.test(text)) return true;
  const st = contentStems(text);
  const at = st.flatMap((x, i) => (x === place ? [i] : []));
  return at.length === 0 || at.some((i) => {
    const beside = [st[i - 1], st[i + 1]].map((y) => (y === undefined ? undefined : DIRECTIONS.get(y))).filter((d) => d !== undefined);
    return beside.length === 0 || beside.includes(direction);
  });
}

/** Whether a text says the two halves of a word written as one next to each other ("snack box" for "snackbox"). */
function saysJoined(text: string, [a, b]: [string[], string[]]): boolean {
  const st = contentStems(text);
  return st.some((x, i) => a.includes(x) && b.includes(st[i + 1] ?? ""));
}

/** The questions in a message: its sentences, and the parts of a sentence joined by "and"/"dan"/"trs"… */
export function splitQuestions(message: string): { sentence: string; parts: string[] }[] {
  return message
    .split(/\n+|(?<=[?!])\s*|(?<=\p{L}[.])\s+/u)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((sentence) => ({ sentence, parts: sentence.split(JOINERS).map((p) => p.trim()).filter(Boolean) }));
}

const covers = (stems: ReadonlySet<string>, alts: string[]) => alts.some((a) => stems.has(a));
/** Text that lacks a concept but says its opposite (rent when asked to buy, a motorbike when asked for a car). */
const saysOpposite = (stems: ReadonlySet<string>, c: Concept) => !covers(stems, c.alts) && contrasts(c.key).some((x) => stems.has(x));

interface Indexed extends Candidate {
  stems: Set<string>;
  /** The chunk's own words, stemmed, before synonyms. */
  literal: Set<string>;
  /** The title's stems: a word there is what the chunk is about. */
  titleStems: Set<string>;
}

const INDEXED = new WeakMap<Candidate[], Indexed[]>();
export function indexCandidates(candidates: Candidate[]): Indexed[] {
  const cached = INDEXED.get(candidates);
  if (cached) return cached;
  const out = candidates.map((c) => ({
    ...c,
    stems: new Set(terms(`${c.title}\n${c.text}`)),
    literal: new Set(tokenize(`${c.title}\n${c.text}`).map(stem)),
    titleStems: new Set(terms(c.title)),
  }));
  INDEXED.set(candidates, out);
  return out;
}

// Quantities: a number with its unit ("6 months", "3-bedroom", "2 malam"), the unit in one spelling.
const UNITS: [RegExp, string][] = [
  [/^(months?|bulan)$/, "month"],
  [/^(years?|yrs?|tahun|thn)$/, "year"],
  [/^(days?|hari)$/, "day"],
  [/^(weeks?|minggu)$/, "week"],
  [/^(nights?|malam)$/, "night"],
  [/^(hours?|hrs?|jam)$/, "hour"],
  [/^(minutes?|mins?|menit)$/, "minute"],
  [/^(sessions?|sesi|meetings?|pertemuan|lessons?)$/, "session"],
  [/^(bedrooms?|br|kamar|kt|rooms?)$/, "bedroom"],
  [/^(persons?|people|pax|orang|guests?|kids?|children|anak|murid|students?)$/, "person"],
  [/^(class|classes|kelas)$/, "class"],
  [/^(kg|kilos?|kilograms?)$/, "kg"],
  [/^(box|boxes|kardus|dus|karton)$/, "box"],
  [/^(mbps|mb|mbit)$/, "mbps"],
  [/^(km|kilometers?|kilometres?)$/, "km"],
  [/^(inch|inches|inci|inchi)$/, "inch"],
  [/^(kwp|kw|kilowatts?)$/, "kwp"],
  [/^(roses?|mawar|tangkai|stems?|stalks?)$/, "stem"],
  [/^(m|meters?|metres?)$/, "m"],
  // The cameras of a CCTV package ("the 4-camera package", "pasang 8 titik").
  [/^(cameras?|kamera|cctv|titik)$/, "camera"],
];
// Before a number, a bound rather than a listing: "at least 5 kg", "from 3 years", "up to 2 months".
// The words that make the number after them a bound: a lower one ("from 10 kg", "further than 10 km"), an upper one ("up to 6").
const LOWER_WORDS = String.raw`least|from|min|minimum|minimal|over|above|beyond|more than|further than|farther than|mulai|dari|di atas|diatas|lebih dari`;
const UPPER_WORDS = String.raw`max|maximum|maksimal|up to|under|below|less than|di bawah|kurang dari|sampai|hingga|paling lama|within|dalam|radius`;
// "a maximum of 6 people", "a minimum of 3 nights", "at most 2 pets" are bounds too.
const LOWER = new RegExp(String.raw`\b(${LOWER_WORDS})(?:\s+of)?\s*$`);
const UPPER = new RegExp(String.raw`\b(${UPPER_WORDS}|at most)(?:\s+of)?\s*$`);
const OR_MORE = /^\s*(?:or more|or above|or over|and above|and over|atau lebih|ke atas|keatas)\b/;
const OR_LESS = /^\s*(?:or less|or fewer|or under|and under|and below|atau kurang|ke bawah|kebawah)\b/;
/** Of them, the words of a number strictly below what is meant ("more than 5 boxes", "lebih dr 5 kardus"). */
const ABOVE = /\b(?:over|above|beyond|more than|further than|farther than|di atas|diatas|lebih dari)\s*$/;
/** Numbers with a unit: as they are, bounds ("at least 5", "up to 5"), strictly above ("more than 5"), and ranges. */
type Listed = { exact: Set<number>; min: number[]; max: number[]; above: number[]; ranges: [number, number][] };
/** "0,5" and "2.5" are decimals; "1.300" and "2,200" (three digits after the mark) are thousands, as prices and watts are written. */
const num = (x: string) => Number(/^\d{1,3}[.,]\d{3}$/.test(x) ? x.replace(/[.,]/, "") : x.replace(",", "."));
/** A short word after a number that is a unit of its own ("2.5 PK", "128 GB", "3 inch"), not a word of the sentence. */
function unitOf(written: string): string | null {
  // As chat shortens them: "50 org" is "50 orang", "3 bln" "3 bulan" (not a word that holds a number of its own: "sehari").
  const spelled = written.length <= 3 ? chatSpelling(written) : undefined;
  const word = spelled && !spelled.includes(" ") ? spelled : written;
  const known = UNITS.find(([re]) => re.test(word))?.[1];
  if (known) return known;
  return word.length <= 5 && !isStopWord(word) && (!isCommonWord(stem(word)) || COUNTED.test(word)) ? word : null;
}
/** Common words for things counted out ("snack box isi 3 kue", "5 tangkai"). */
const COUNTED = /^(kue|roti|potong|porsi|buah|pcs|lembar|biji|botol|tray|loyang)$/;
/** Common words that name one of a numbered series ("Grade 5", "level 2"): the number tells which. */
const LABELS = /^(grade|level|tingkat)$/;
function quantities(text: string): Map<string, Listed> {
  const out = new Map<string, Listed>();
  // As chat writes the bounds: "lbh dr 5" is "lebih dari 5".
  const t = text.toLowerCase().replace(/\blbh\b/g, "lebih").replace(/\bdr\b/g, "dari");
  const listed = (unit: string) => {
    const l = out.get(unit) ?? { exact: new Set<number>(), min: [], max: [], above: [], ranges: [] };
    out.set(unit, l);
    return l;
  };
  // Hours are counted in minutes, so "1 jam" is the "60 menit" of the knowledge.
  const measured = (unit: string) => listed(unit === "hour" ? "minute" : unit);
  const amount = (unit: string, n: string) => num(n) * (unit === "hour" ? 60 : 1);
  // "0.5 - 1 PK", "3 sampai 5 hari": a range.
  const inRange = new Set<number>();
  for (const m of t.matchAll(/(\d+(?:[.,]\d+)?)\s*(?:-|–|to|sampai|hingga|s\/d)\s*(\d+(?:[.,]\d+)?)\s*-?\s*(\p{L}+)/gu)) {
    const unit = unitOf(m[3]!);
    if (!unit) continue;
    measured(unit).ranges.push([amount(unit, m[1]!), amount(unit, m[2]!)]);
    inRange.add(m.index! + m[0].length);
  }
  // "6 or 12 months", "2, 3 atau 5 hari": every number of a list has the unit written after the last.
  for (const m of t.matchAll(/(?<![\d.,])(\d+(?:(?:\s*,\s+|\s+(?:or|atau|and|dan)\s+|\s*&\s*)\d+)+)\s*-?\s*(\p{L}+)/gu)) {
    const unit = unitOf(m[2]!);
    if (!unit || inRange.has(m.index! + m[0].length)) continue;
    for (const n of m[1]!.match(/\d+/g)!) measured(unit).exact.add(amount(unit, n));
  }
  for (const m of t.matchAll(/(\d+(?:[.,]\d+)?)\s*-?\s*(\p{L}+)/gu)) {
    if (inRange.has(m.index! + m[0].length)) continue;
    // Clock times ("jam 08.00") are not quantities.
    if (/[.:]\d{2}$/.test(m[1]!) && /\b(jam|pukul|at)\s*$/.test(t.slice(Math.max(0, m.index! - 8), m.index))) continue;
    const unit = unitOf(m[2]!);
    if (!unit) continue;
    const n = amount(unit, m[1]!);
    const l = measured(unit);
    const before = t.slice(Math.max(0, m.index! - 16), m.index);
    // A bound written after the number: "10 people or more", "5 kg atau lebih", "2 hours or less".
    const after = t.slice(m.index! + m[0].length, m.index! + m[0].length + 16);
    if (OR_MORE.test(after)) l.min.push(n);
    else if (OR_LESS.test(after)) l.max.push(n);
    else if (LOWER.test(before)) {
      l.min.push(n);
      if (ABOVE.test(before)) l.above.push(n);
    }
    else if (UPPER.test(before)) l.max.push(n);
    else l.exact.add(n);
  }
  // A name with its numbers from one to another ("iPhone 11 sampai iPhone 13", "Avanza 2018 - 2020").
  for (const m of t.matchAll(/\b(\p{L}{3,})\s+(\d+)\s*(?:-|–|to|sampai|hingga|s\/d)\s*(?:\1\s+)?(\d+)(?![.,:]?\d)/gu)) {
    const name = m[1]!;
    if (isStopWord(name) || (isCommonWord(stem(name)) && !LABELS.test(name))) continue;
    listed(`#${name}`).ranges.push([num(m[2]!), num(m[3]!)]);
  }
  // A name with its number ("iPhone 13", "Avanza 2020"): the name is the unit.
  for (const m of t.matchAll(/\b(\p{L}{3,})\s+(\d+)(?![.,:]?\d)/gu)) {
    const name = m[1]!;
    if (isStopWord(name) || (isCommonWord(stem(name)) && !LABELS.test(name))) continue;
    // "from grade 1 SD up to grade 12": bounds.
    const before = t.slice(Math.max(0, m.index! - 16), m.index);
    const l = listed(`#${name}`);
    if (LOWER.test(before)) l.min.push(num(m[2]!));
    else if (UPPER.test(before)) l.max.push(num(m[2]!));
    else l.exact.add(num(m[2]!));
  }
  return out;
}
/** The units a text prices things per ("Rp 150.000 per orang", "$20/hour"), read once. */
const pricedUnits = remembered((text: string) => {
  const units = new Set<string>();
  for (const x of sentencesIn(text)) {
    if (!INTENT_FACTS.price.test(x)) continue;
    for (const u of unitsPer(x)) {
      const unit = unitOf(u);
      if (unit) units.add(unit === "hour" ? "minute" : unit);
    }
  }
  return units;
});
/** The quantities a chunk of the knowledge states, read once (not to be changed by the caller). */
const quantitiesIn = remembered(quantities);
/**
 * A quantity the question names that the chunk does not allow: listed only with other numbers
 * ("a 6-month membership" when it has 12 months, "2.5 PK" when it lists 0.5 - 1 and 1.5 - 2 PK,
 * "iPhone 13" when it prices the iPhone 11), or outside its bound (6 months when it says at most 2).
 * A question that asks whether (not how much or when: "bisa pickup kalo cuma 3 kg?") is answered by
 * the bound itself ("pickup for at least 5 kg"), so a bound does not rule the chunk out for it.
 */
function otherQuantity(question: Map<string, Listed>, chunk: string, asksWhether: boolean, perUnit = true): boolean {
  if (!question.size) return false;
  // A price per a unit ("Rp 150.000 per orang") holds for any number of it (not of a package of that number: `perUnit` false).
  const per = perUnit ? pricedUnits(chunk) : new Set<string>();
  if (per.size) question = new Map([...question].filter(([unit]) => !per.has(unit)));
  // A range the chunk states without its unit ("for ages 4-6") may hold the number.
  return unlisted(question, quantitiesIn(chunk), rangesIn(chunk), asksWhether);
}
/** A size asked in a unit the knowledge sells things in, and listed in none of its entries ("a 12 lesson package"). */
const sizeNotSold = (question: Map<string, Listed>, sold: { units: Set<string>; listed: Map<string, Listed> }) =>
  unlisted(new Map([...question].filter(([unit]) => sold.units.has(unit))), sold.listed, [], false);
const SMALLER: Record<string, [string, number]> = { year: ["month", 12], week: ["day", 7] };
function unlisted(question: Map<string, Listed>, has: Map<string, Listed>, bare: (readonly [number, number])[], asksWhether: boolean): boolean {
  for (const [unit, asked] of question) {
    // Years asked of a text that counts only months ("aktif 1 tahun" against "aktif selama 6 bulan"), weeks of one that counts days.
    const smaller = SMALLER[unit];
    if (!has.has(unit) && smaller && has.has(smaller[0])) {
      if (unlisted(new Map([[smaller[0], { ...asked, exact: new Set([...asked.exact].map((n) => n * smaller[1])) }]]), has, [], asksWhether)) return true;
      continue;
    }
    const l = has.get(unit);
    if (!l) continue;
    const bound = l.min.length > 0 || l.max.length > 0;
    for (const n of asked.exact) {
      const fits = l.exact.has(n) || l.min.some((b) => n >= b) || l.max.some((b) => n <= b) || [...l.ranges, ...bare].some(([a, b]) => n >= a && n <= b);
      // Not a distance past every one the chunk prices ("free within 3 km, 3 to 7 km Rp 10.000"): that is not served. (Days
      // are not so: "up to 7 days before" leaves more days before free.)
      if (!fits && !(asksWhether && bound && !(unit === "km" && l.ranges.length))) return true;
    }
    // More than the most a text allows ("lebih dr 5 kardus" against "maksimal 5 kardus"); a number it states as it is may be
    // where something else starts ("gratis 30 menit; setelah itu …").
    for (const n of asked.above) {
      const capped = l.max.length > 0 && !l.min.length && !l.exact.size && l.max.every((b) => b <= n) && ![...l.ranges, ...bare].some(([, b]) => b > n);
      if (capped && !asksWhether) return true;
    }
  }
  return false;
}

const SPAN_UNIT = String.raw`(?:jam|hari|minggu|bulan|hours?|hrs?|days?|weeks?|months?)`;
const BEFORE = String.raw`(?:sebelum(?:nya)?|sblm|before(?:hand)?|in advance|ahead|prior|beforehand)`;
/** A notice the text sets in some unit of time ("48 jam sebelum", "3 days in advance", "H-1"). */
const LEAD_TIME = new RegExp(String.raw`\b\d+\s*(?:x\s*24\s*)?${SPAN_UNIT}\s+${BEFORE}\b|\bH-\d`, "i");
const LEAD_ASKED = new RegExp(String.raw`\b(?:\d+\s*|se|a\s+|an\s+|one\s+|satu\s+)?(${SPAN_UNIT})\s+${BEFORE}\b`, "g");
/** The stems of the units of a length of time the question places before something ("seminggu sebelumnya", "2 days before"). */
const leadUnits = (text: string) => [...text.toLowerCase().matchAll(LEAD_ASKED)].map((m) => stem(m[1]!));
/** Whether a text counts in one of these units, or prices per it; any length of time counts for another ("24 jam sebelum" for "2 hari sebelumnya"). */
function countsIn(text: string, units: string[]): boolean {
  const has = [...quantitiesIn(text).keys(), ...pricedUnits(text)];
  return units.some((u) => has.some((h) => h === u || (isTime(h) && isTime(u))));
}

/**
 * The sizes the knowledge sells things in: quantities in a unit it writes joined to its number ("8-lesson",
 * "10-class", "3-bedroom"), read once per knowledge, as every question of a message asks against it.
 */
const CALENDAR = new Set(["day", "week", "month", "year", "night"]);
/** A length of time, in any of its units (hours are counted in minutes). */
const isTime = (unit: string) => CALENDAR.has(unit) || unit === "minute";
const SIZES = new WeakMap<Indexed[], { units: Set<string>; listed: Map<string, Listed> }>();
function soldSizes(chunks: Indexed[]) {
  let sizes = SIZES.get(chunks);
  if (!sizes) {
    const units = new Set<string>();
    for (const ch of chunks) for (const m of ch.text.toLowerCase().matchAll(/\b\d+-(\p{L}+)/gu)) {
      const unit = unitOf(m[1]!);
      // Not a length of time: "a 7-day refund window" does not make every other number of days unsold.
      if (unit && !CALENDAR.has(unit)) units.add(unit === "hour" ? "minute" : unit);
    }
    sizes = { units, listed: units.size ? quantities(chunks.map((ch) => `${ch.title}\n${ch.text}`).join("\n")) : new Map() };
    SIZES.set(chunks, sizes);
  }
  return sizes;
}

/** Numbers a customer gives on their own ("kelas 5", "grade 2", "umur 8"), not prices or times. */
function plainNumbers(text: string): number[] {
  return [...text.matchAll(/(?<![\d.,:\p{L}]|rp\s?|idr\s?)(\d{1,3})(?!\d|[.,:]\d|\s?(?:k|rb|ribu|jt|juta|%)\b)/giu)].map((m) => Number(m[1]));
}

/** The ranges a text states ("kelas 4 - 6", "aged 4 - 10"), clock times and prices aside. */
const rangesIn = (text: string) =>
  [...text.matchAll(/(?<![\d.,:]|rp\s?|idr\s?)(\d{1,3})\s*(?:-|–|to|sampai|hingga|s\/d)\s*(\d{1,3})(?!\d|[.,:]\d)/giu)].map((m) => [Number(m[1]), Number(m[2])] as const).filter(([a, b]) => a < b);

/** Lower bounds a text states with their unit ("further than 10 km", "lebih dari 30 halaman"): what it says holds above them. */
const FLOOR = new RegExp(String.raw`\b(?:${LOWER_WORDS})\s*(\d{1,4})(?![\d.,:])\s*(\p{L}*)`, "giu");
const floorsIn = (text: string) => [...text.matchAll(FLOOR)].map((m) => ({ at: Number(m[1]), unit: m[2]!.toLowerCase() }));
/** The unit a customer writes after a number of theirs ("15 km" → "km"), if any. */
const unitAfter = (n: number, text: string) => new RegExp(String.raw`(?<![\d.,:])${n}\s*(\p{L}*)`, "iu").exec(text)?.[1]?.toLowerCase() ?? "";
/** The upper bounds a text states ("up to 100 guests", "maksimal 4 orang"), prices and clock times aside. */
const capsIn = (text: string) => [...text.matchAll(/\b(?:up to|max(?:imum)?|maks(?:imal)?|hingga|s\/d)\s*(\d{1,4})(?![\d.,:])/giu)].map((m) => Number(m[1]));

/**
 * Clock times a text states, in minutes after midnight: "13.00", "1pm", "9.30 PM", "jam 9 malem", "jam 1 siang",
 * "noon", "midnight" (midnight is the end of the day, 1440). Prices ("Rp 13.000") and lengths ("2 jam") are not times.
 */
const CLOCK_TIME = /(?<![\d.,:])(?:(\d{1,2})[:.](\d{2})(?!\d|[.,]\d)(?:\s*([ap])\.?m\b\.?)?|(\d{1,2})\s*([ap])\.?m\b\.?|\bjam\s+(\d{1,2})(?!\d|[.,:]\d)(?:\s*(pagi|siang|sore|malam|malem))?)|\b(noon|midday|midnight|tengah malam)\b/giu;
type Clock = { at: number; index: number; end: number };
function clocksIn(text: string): Clock[] {
  const out: Clock[] = [];
  for (const m of text.matchAll(CLOCK_TIME)) {
    let h: number;
    let min = 0;
    if (m[8]) {
      const w = m[8].toLowerCase();
      out.push({ at: w === "noon" || w === "midday" ? 720 : 1440, index: m.index!, end: m.index! + m[0].length });
      continue;
    }
    const half = (m[3] ?? m[5])?.toLowerCase();
    const part = m[7]?.toLowerCase();
    if (m[1] !== undefined) [h, min] = [Number(m[1]), Number(m[2])];
    else h = Number(m[4] ?? m[6]);
    if (h > 24 || min > 59) continue;
    if (half === "p" && h < 12) h += 12;
    else if (half === "a" && h === 12) h = 0;
    else if (part === "siang" && h <= 4) h += 12;
    else if (part === "sore" && h < 12) h += 12;
    else if ((part === "malam" || part === "malem") && h >= 6 && h <= 12) h += 12;
    const at = h * 60 + min;
    out.push({ at: at === 0 || at > 1440 ? 1440 : at, index: m.index!, end: m.index! + m[0].length });
  }
  return out;
}
const CLOCK_AFTER = /\b(after|past|later than|lewat|setelah|sesudah|di atas|diatas|lebih dari)\s+(?:jam\s+|pukul\s+)?$/iu;
const CLOCK_BEFORE = /\b(before|until|till|by|no later than|at the latest|sebelum|paling lambat|maksimal|sampai|hingga)\s+(?:jam\s+|pukul\s+)?$/iu;
const CLOCK_RANGE = /^\s*(?:-|–|to|until|till|sampai|hingga|s\/d)\s*(?:jam\s+|pukul\s+)?$/iu;
/**
 * How many of the customer's clock times a sentence speaks to: one it states ("after 1pm" → "lewat jam 13.00"), one a
 * range of its holds ("jam 9 malem" → "17.00-23.00"), or one on the side of a time it draws a line at
 * ("jam 12 malem" → "lewat jam 23.00").
 */
function clocksHeld(asked: number[], text: string): number {
  if (!asked.length) return 0;
  const told = clocksIn(text);
  if (!told.length) return 0;
  const spans: Array<[number, number]> = [];
  told.forEach((c, i) => {
    const next = told[i + 1];
    if (next && CLOCK_RANGE.test(text.slice(c.end, next.index))) {
      if (c.at < next.at) spans.push([c.at, next.at]);
      // Overnight ("22.00–05.00"): from the first to midnight, and from midnight to the second.
      else if (c.at > next.at) spans.push([c.at, 1440], [0, next.at]);
    }
    const before = text.slice(Math.max(0, c.index - 24), c.index);
    if (CLOCK_AFTER.test(before)) spans.push([c.at + 1, 1440]);
    else if (CLOCK_BEFORE.test(before) && !(i > 0 && CLOCK_RANGE.test(text.slice(told[i - 1]!.end, c.index)))) spans.push([0, c.at - 1]);
  });
  return asked.filter((t) => told.some((c) => c.at === t) || spans.some(([a, b]) => t >= a && t <= b)).length;
}

/** How many of the numbers fall in a range the text states. */
function numbersInRanges(numbers: number[], text: string): number {
  if (!numbers.length) return 0;
  const ranges = rangesIn(text);
  return numbers.filter((n) => ranges.some(([a, b]) => n >= a && n <= b)).length;
}

// A mark after a size or model code that makes it another variant: "A3+" is not "A3", "13 Pro" is not "13".
const VARIANT = String.raw`(\+|\s?\b(?:plus|pro|max|mini|lite|ultra)\b)?`;
/** The size and model codes a text names ("A3", "R32", "S23"): letters and digits in one word. */
const codesIn = (text: string) => [...new Set([...text.toLowerCase().matchAll(/(?<![\p{L}\d])(?=\p{L}*\d)(?=\d*\p{L})[\p{L}\d]{2,}(?![\p{L}\d])/gu)].map((m) => m[0]))];
/** The variant marks a code carries in a text ("" for the plain code). */
function variantsOf(code: string, text: string): Set<string> {
  const re = new RegExp(String.raw`(?<![\p{L}\d])${code}(?![\p{L}\d])${VARIANT}`, "gu");
  return new Set([...text.toLowerCase().matchAll(re)].map((m) => (m[1] ?? "").trim()));
}
/** A code the question names in a variant the chunk does not ("A3" asked, only "A3+" listed; "A3+" asked, only "A3" listed). */
function otherVariant(question: string, chunk: string): boolean {
  return codesIn(question).some((code) => {
    const has = variantsOf(code, chunk);
    if (!has.size) return false;
    const asked = variantsOf(code, question);
    return ![...asked].some((x) => has.has(x));
  });
}

/**
 * The letters a text puts after a word to name one of several kinds ("Hepatitis A", "Paket B", "Tipe C"): in the
 * knowledge a capital letter on its own, in a question any single letter.
 */
function lettered(text: string, knowledge: boolean): Array<[string, string]> {
  if (!knowledge) return [...text.matchAll(/(?<![\p{L}\d])(\p{L}{3,})\s+(\p{L})(?![\p{L}\d+&/-])/gu)].map((m) => [stem(m[1]!.toLowerCase()), m[2]!.toLowerCase()] as [string, string]);
  // In the knowledge, a run of them counts for each: "ukuran M - L", "Paket A, B dan C", "Tipe A/B".
  const out: Array<[string, string]> = [];
  const run = /(?<![\p{L}\d])(\p{L}{3,})\s+([A-Z](?:\s*(?:-|–|\/|,|&|dan|and|or|atau|sampai|to)\s*[A-Z])*)(?![\p{L}\d+])/gu;
  for (const m of text.matchAll(run)) {
    const w = stem(m[1]!.toLowerCase());
    for (const l of m[2]!.match(/[A-Z]/g)!) out.push([w, l.toLowerCase()]);
  }
  return out;
}
const letteredIn = remembered((text) => lettered(text, true));
/** A sentence that states its own condition. */
const IF = /\b(?:if|unless|kalau|kalo|jika|jikalau|apabila|bila|asalkan)\b/i;
/** Words pointing back at a place the customer told ("can u pick us up from there?", "bisa antar ke sana?"), not "is there". */
const THERE = /(?<!\b(?:is|are|was|were|be|any|anything|anyone)\s+)\b(?:there|sana|situ|kesana|kesitu|disana|disitu)\b(?!\s+(?:is|are|was|were|any)\b)/i;
/** A question whose object is what the customer just told: "can your staff give them", "can you fix it". */
const BACK = /\b(?:give|do|handle|take|bring|send|fix|repair|make|use|apply|administer|manage|deal with)\s+(?:them|it|this|that|those|these)\b/i;
/** A restriction to one kind: "only for Large units", "hanya untuk paket pengantin", "khusus member". */
const ONLY = /\b(?:only|hanya|khusus|exclusively)\b/i;
/** A kind named by a letter the text never gives that word, while it gives it others ("hepatitis B" against "Hepatitis A"). */
function otherLetter(question: string, text: string): boolean {
  const told = letteredIn(text);
  if (!told.length) return false;
  return lettered(question, false).some(([w, l]) => told.some(([x]) => x === w) && !told.some(([x, y]) => x === w && y === l));
}

// Terms of a sale that are the fact asked for when named ("ada diskon?", "any warranty?"): a chunk that does
// not mention them does not answer, however many other words it shares.
const TERMS = new Set(["discount", "diskon", "promo", "promotion", "refund", "warranty", "garansi", "guarantee", "cashback"].map(stem));
// What is done with a thing (renting, selling, delivering, installing, lending): a chunk offers it for the thing
// asked about only when one of its sentences says the two together, or its title names the action for all of it
// ("rompi sewa" does not rent out the shoes named in the sentence before).
const ACTIONS = ["rent", "sell", "delivery", "install", "loan"].map(stem);
const isAction = (c: Concept) => ACTIONS.some((a) => c.alts.includes(a));
/**
 * A pure function of a text, remembered for the texts matching reads again for every question and chunk (the knowledge's
 * sentences and clauses), up to a bound: the same texts come back for every message a tenant's customers send.
 */
function remembered<T>(f: (text: string) => T, bound = 20_000): (text: string) => T {
  const seen = new Map<string, T>();
  return (text) => {
    let r = seen.get(text);
    if (r === undefined) {
      if (seen.size >= bound) seen.clear();
      seen.set(text, (r = f(text)));
    }
    return r;
  };
}
/** A text's sentences (not to be changed by the caller). */
const sentencesIn: (text: string) => readonly string[] = remembered(sentences);
/** A text's stems as a set (not to be changed by the caller). */
const stemSet: (text: string) => ReadonlySet<string> = remembered((text) => new Set(terms(text)));
/** A text's words but stop words, stemmed, in order (not to be changed by the caller). */
const contentStems: (text: string) => readonly string[] = remembered((text) => words(text).filter((w) => !isStopWord(w)).map(stem));
/** A chunk's clauses (sentences, and the parts of a sentence split by ";"), as stems. */
const clausesOf: (text: string) => readonly ReadonlySet<string>[] = remembered((text) => sentencesIn(text).flatMap((x) => x.split(/;\s*/)).map(stemSet));
// Paying is not asking a price ("can I pay cash", "bayar bisa transfer?"), though the lexicon groups them.
const PAY = new Set(["pay", "paid", "payment", "bayar", "pembayaran"].map(stem));
/** The kind of fact a question asks for, by a sure cue ("how much", not the "berapa" of a number) or by a word that names it ("ongkirnya brp", "harga"). */
function factAsked(q: Question): Intent | null {
  if (q.intent && q.intent !== "place" && !q.weakIntent) return q.intent;
  const named = (Object.entries(INTENT_WORD) as [Intent, string][]).find(([i, w]) => i !== "place" && q.concepts.some((c) => !PAY.has(c.key) && c.alts.includes(stem(w))));
  return named ? named[0] : null;
}
/** Whether a question asks an amount ("berapa", "how much") of a price or a payment ("biaya balik nama brp", "bayar brp?"). */
// ("How much" on its own is already answered only by a price: see `intentHit`.)
const asksAmount = (q: Question) => !(q.intent === "price" && !q.weakIntent) && detectIntent(q.text)?.intent === "price" && (factAsked(q) === "price" || q.concepts.some((c) => PAY.has(c.key)));
/** A word naming the kind of fact asked for (a price, an address, a process, a requirement), not a thing. */
const PROCESS = stem("process");
const FACT_STEMS = [...Object.values(INTENT_WORD), "requirement"].map(stem);
const isFactWord = (c: Concept) => FACT_STEMS.some((w) => c.alts.includes(w));

/** In how many chunks the knowledge says a concept (its most frequent stem). */
const docFreq = (c: Concept, v: Vocabulary) => Math.max(0, ...c.alts.map((a) => v.df.get(a) ?? 0));
/** Said in at most half of the chunks: specific to some of them, not what most of the knowledge talks about. */
const isSpecific = (c: Concept, v: Vocabulary) => docFreq(c, v) <= v.chunks / 2;

/** How much a concept weighs in coverage: a name or specific word ("Avanza", "Kemang") counts double, the business itself nothing when unsaid. */
const weight = (c: Concept) => (c.common ? 1 : 2);

/** Match one question against the chunks; see the grounding rule at the top of this file. */
export interface MatchOptions {
  minCoverage?: number;
  /** Off for the dashboard's search, which lists anything related. */
  strict?: boolean;
  /** Semantic similarity per chunk id (embeddings), counted as coverage. */
  similarity?: Map<string, number>;
}

/** Words after which a sentence names what comes with the thing before ("includes", "termasuk"). */
const INCLUDES = /\b(?:includes?|included|including|incl|termasuk|sudah termasuk|sudah dapat|sudah dapet|comes? with)\b/i;

/** Whether the chunk names `c` only after `cue` in its sentences ("termasuk", "belum termasuk"), never as a thing of its own. */
function namedOnlyAfter(ch: Indexed, c: Concept, cue: RegExp): boolean {
  if (covers(ch.titleStems, c.alts)) return false;
  let after = false;
  for (const x of sentencesIn(ch.text)) {
    const at = cue.exec(x)?.index;
    if (covers(stemSet(at === undefined ? x : x.slice(0, at)), c.alts)) return false;
    if (at !== undefined && covers(stemSet(x.slice(at)), c.alts)) after = true;
  }
  return after;
}

/** Whether every one of `things` the chunk names is named only after "includes"/"termasuk", never as a thing of its own. */
const onlyIncluded = (ch: Indexed, things: Concept[]) => things.length > 0 && things.every((c) => namedOnlyAfter(ch, c, INCLUDES));

/** Words after which a sentence names what does not come with the thing before ("belum termasuk tol"). */
const EXCLUDES = /\b(?:belum termasuk|tidak termasuk|tidak include|not included|not including|excluding|excludes?|exclusive of)\b/i;

/** Whether the chunk names `thing` only after "belum termasuk"/"not including", never as a thing of its own. */
const onlyExcluded = (ch: Indexed, thing: Concept) => namedOnlyAfter(ch, thing, EXCLUDES);

/**
 * The thing a question asks the number of ("how many kids per class", "satu pelatih pegang brp anak?"): its
 * alternatives, or null. It is answered by a sentence that counts that thing ("a maximum of 14 children").
 */
function countAsked(question: string): string[] | null {
  const w = words(question);
  for (const [i, x] of w.entries()) {
    const after = x === "many" && w[i - 1] === "how" ? w[i + 1] : x === "berapa" ? w[i + 1] : undefined;
    if (after && !isStopWord(after) && !/^\d/.test(after)) return alternatives(stem(after));
  }
  return null;
}

const NEW = new Set(["new", "baru"].map(stem));
/** Words of getting something with what is bought ("dapet helm brp?"). */
const GETS = /\b(?:dapat|dapet|dpt|dapetnya|dapatnya|get|gets|got|dikasih|dikasi|termasuk|included?|includes|gratis|free)\b/i;
/** Whether the text states a number of the thing ("2 helm", "3 pcs kaos"). */
function countedIn(text: string, alts: string[]): boolean {
  // Tokens as written: in chat a lone "2" may be "to", but a number before a thing in the knowledge counts it.
  const w = tokenize(text.toLowerCase());
  return w.some((x, i) => /^\d+$/.test(x) && i + 1 < w.length && alts.includes(stem(w[i + 1]!)));
}
/** The words a text counts per ("Rp 150.000 per hari", "Rp 75.000/malam"), as stems. */
const unitsPer = (text: string) => [...text.toLowerCase().matchAll(/(?:\bper|\/)\s*(\p{L}+)/gu)].map((m) => m[1]!);
/** The unit a price is asked per ("per night", "/malam", and as read: "sehari brp", "daily rate"): the stems that count as it. */
function perUnit(text: string): string[] | null {
  // The unit may be a word said nowhere else ("night", "malam"): only a determiner or a letter is not one.
  const w = [...unitsPer(text), ...unitsPer(words(text).join(" "))].find((u) => u.length >= 3 && !/^(the|each|every|one|any|satu|setiap|tiap)$/.test(u));
  return w ? alternatives(stem(w)) : null;
}
/** Units of area and volume a price is stated per ("Rp 450.000/m²", "per m3"), written as the lexicon knows them ("m2", "m3"). */
const squaredUnitsPer = (text: string) =>
  [...text.toLowerCase().matchAll(/(?:\bper|\/)\s*(\p{L}+)\s*([²³23])(?![\p{L}\p{N}])/gu)].map((m) => m[1]! + (m[2] === "²" ? "2" : m[2] === "³" ? "3" : m[2]!));
/** The stems of the units the text's priced sentences state prices per, as written and as read ("monthly tuition"), read once. */
const pricedPerStems = remembered((text: string) => {
  const out = new Set<string>();
  for (const x of sentencesIn(text)) {
    if (!INTENT_FACTS.price.test(x)) continue;
    for (const u of [...unitsPer(x), ...unitsPer(words(x).join(" ")), ...squaredUnitsPer(x)]) out.add(stem(u));
  }
  return out;
});
/** Whether a sentence of the text states a price per that unit (a price per m² is one per meter as customers ask it). */
const pricesPer = (text: string, unit: string[]) => {
  const stated = pricedPerStems(text);
  return unit.some((u) => stated.has(u));
};

type Route = [string[], string[]];
/**
 * "dari Bekasi ke bandara", "from Bandung to Jakarta": two places, when the knowledge itself names the
 * first as one end of a route ("Bandung–Bekasi").
 */
function routeIn(text: string, v: Vocabulary, chunks: Indexed[]): Route | null {
  const all = words(text).filter((w) => !/^(dari|from)$/.test(w));
  for (let i = 1; i + 1 < all.length; i++) {
    if (!/^(ke|to)$/.test(all[i]!)) continue;
    const [from, to] = [all[i - 1]!, all[i + 1]!];
    if (isStopWord(from) || isStopWord(to) || !/^\p{L}{3,}$/u.test(from) || !v.stems.has(stem(from))) continue;
    const toAlts = alternatives(stem(to));
    if (!toAlts.some((a) => v.stems.has(a))) continue;
    const end = new RegExp(String.raw`(?:\p{L}\s*[–—-]\s*${from}|${from}\s*[–—-]\s*\p{L})`, "iu");
    if (!chunks.some((ch) => end.test(ch.text))) continue;
    return [alternatives(stem(from)), toAlts];
  }
  return null;
}
/** Whether a sentence names the two places of a route next to each other, either way round. */
function saysRoute(sentence: string, [a, b]: Route): boolean {
  const st = contentStems(sentence);
  for (let i = 0; i + 1 < st.length; i++) {
    const [x, y] = [st[i]!, st[i + 1]!];
    if ((a.includes(x) && b.includes(y)) || (b.includes(x) && a.includes(y))) return true;
  }
  return false;
}

export function matchQuestion(q: Question, chunks: Indexed[], v: Vocabulary, opts: MatchOptions = {}): QuestionResult {
  const minCoverage = opts.minCoverage ?? MIN_COVERAGE;
  const strict = opts.strict !== false;
  if (!q.concepts.length && !q.intent) return { kind: "none", question: q };
  // 1. A concept the knowledge never mentions: the question is about something else.
  // (A place told, when a chunk serves anywhere, is checked against that chunk below.)
  // (Nor an everyday word offered as a choice against a word of when the knowledge uses: "bayar di awal atau setelah selesai";
  // "hilang atau ketuker", "app atau website" name two things, each of which must be known.)
  const known = (c: Concept) => c.alts.some((a) => v.stems.has(a));
  const chosenAgainst = (c: Concept) => c.common && c.either !== undefined && q.concepts.some((o) => o.key === c.either && o.light && known(o));
  if (strict && q.concepts.some((c) => !c.light && !known(c) && !chosenAgainst(c) && !(c.where && chunks.some((ch) => ANYWHERE.test(ch.text))))) return { kind: "none", question: q };
  const asked = quantities(q.text);
  const given = plainNumbers(q.text);
  const counting = countAsked(q.text);
  // Each of them as a chunk states it on its own: not inside a price, a time, a bound or a range.
  const stated = given.map((n) => new RegExp(String.raw`(?<![\d.,:]|\b(?:${LOWER_WORDS}|${UPPER_WORDS})\s*|[-–]\s*)${n}(?![\d]|[.,:]\d|\s*(?:-|–|to|sampai)\s*\d)`, "i"));
  const times = clocksIn(q.text).map((c) => c.at);
  const rarity = new Map<Concept, boolean>();
  const rare = (c: Concept) => {
    let r = rarity.get(c);
    if (r === undefined) rarity.set(c, (r = chunks.filter((o) => covers(o.stems, c.strong)).length <= 2));
    return r;
  };
  const fact = factAsked(q);
  const df = (c: Concept) => docFreq(c, v);
  const idf = (c: Concept) => Math.log(1 + v.chunks / Math.max(1, df(c)));
  const codes = codesIn(q.text);
  const route = routeIn(q.text, v, chunks);
  const excluded = q.concepts.filter((c) => c.excluded);
  const placeOnly = q.intent === "place" && q.concepts.every((c) => c.light) && chunks.some((ch) => INTENT_FACTS.place.test(ch.text));
  // 1a. A size the knowledge sells in other sizes only ("a 12 lesson package" when it writes "the 8-lesson
  // package" and "the 4-lesson package"): not offered, whichever entry shares its other words.
  if (strict && asked.size && sizeNotSold(asked, soldSizes(chunks))) return { kind: "none", question: q };
  const amount = asksAmount(q);
  const asksPrice = q.intent === "price" || fact === "price";
  // A price asked for by its name, not as what something is for ("the bank account for the weekly rate"), nor in a yes or no
  // question (whether it costs extra), nor whether it includes something.
  const priceNamed = fact === "price" && !yesNo(q.text) && !q.concepts.some((c) => INCLUDED.has(c.key)) && namesPrice(q.text);
  // 2q. A price asked per a unit ("how much per night"), when the knowledge prices things per that unit: only a chunk
  // that does is about it (the dog daycare's price per day does not answer what a night costs).
  const unit = q.intent === "price" || detectIntent(q.text)?.intent === "price" ? perUnit(q.text) : null;
  const pricedPer = new Set(unit ? chunks.filter((ch) => pricesPer(ch.text, unit)) : []);
  const compass = placesWithDirection(q.text);
  // The entry whose title names what is asked, listing the asked quantity only with other numbers ("langganan 10 hari"
  // against "Langganan rantangan 20 hari"): the size is not offered, and an entry that never counts in that unit does not
  // answer it instead. A title that names only the kind of fact asked ("Pembayaran" for a fee) names no thing.
  const sizeThings = strict && asked.size > 0 ? q.concepts.filter((c) => !c.light && !isFactWord(c) && !isAction(c)) : [];
  const sizedOff = sizeThings.length > 0 && chunks.some((ch) => sizeThings.some((c) => covers(ch.titleStems, c.strong)) && otherQuantity(asked, `${ch.title}\n${ch.text}`, q.intent === null));
  const lead = leadUnits(q.text);
  // A package asked for (see 2k).
  const bundle = q.concepts.find((c) => PACKAGE.has(c.key));
  const asksProcess = q.concepts.some((c) => c.alts.includes(PROCESS));
  const matches: ChunkMatch[] = [];
  for (const ch of chunks) {
    if (strict && pricedPer.size && !pricedPer.has(ch)) continue;
    const hit = q.concepts.filter((c) => covers(ch.stems, c.alts));
    // The things asked about among them: not the business itself, an action or the kind of fact asked for.
    const things = hit.filter((c) => !c.light && !isAction(c) && !isFactWord(c));
    // 2. Names and specific words must be in the chunk itself.
    // A place it never names is in a chunk that serves anywhere ("ship anywhere in Indonesia", "ke seluruh Indonesia").
    const anywhere = ANYWHERE.test(ch.text);
    if (strict && q.concepts.some((c) => !c.common && !hit.includes(c) && !(c.where && anywhere))) continue;
    // 2s. A word written as one ("freediving", "snackbox") is the thing its halves name together: a chunk that says
    // them apart ("free" cancellation of a "dive") is not about it.
    if (strict && q.joined?.some((pair) => !saysJoined(`${ch.title}\n${ch.text}`, pair))) continue;
    // 2d. A place with a point of the compass ("South Jakarta"): not a chunk that names it only with others ("West Jakarta").
    if (strict && compass.length && compass.some(([place, d]) => !saysDirection(`${ch.title}\n${ch.text}`, place, d))) continue;
    // 2a. A quantity the chunk lists only with other numbers: it is about something else.
    if (strict && otherQuantity(asked, `${ch.title}\n${ch.text}`, q.intent === null)) continue;
    if (sizedOff && !countsIn(`${ch.title}\n${ch.text}`, [...asked.keys()])) continue;
    // 2c. A word that is another entry's topic (its title) and not in this chunk: the question is about
    // that entry's thing ("LCD iPhone 13" is not answered by the battery prices, which name the iPhone 13).
    // Only a word that rare (in at most two chunks) names a topic; "rent" at a car rental names none.
    // The other entry must also say everything this chunk shares with the question: "garansi ganti LCD"
    // names two topics ("Garansi", "Ganti LCD") and neither rules the other out.
    if (strict && q.concepts.some((c) => !c.light && !hit.includes(c) && rare(c) && chunks.some((o) => o.entryId !== ch.entryId && covers(o.titleStems, c.strong) && hit.every((h) => covers(o.stems, h.alts))))) continue;
    // 2b. A chunk that says the opposite of what is asked (rent when asked to buy) does not answer it, unless it says
    // the thing is only for the other kind ("24h access on a small unit?" against "24-hour access is available only
    // for Large units"): that is the answer.
    // Only a chunk that says an opposite at all is read sentence by sentence.
    const opposed = q.concepts.filter((c) => saysOpposite(ch.stems, c));
    const onlyOther = opposed.filter((c) => sentencesIn(ch.text).some((x) => { const st = stemSet(x); return ONLY.test(x) && saysOpposite(st, c) && hit.some((h) => !h.light && covers(st, h.alts)); }));
    if (strict && opposed.length > onlyOther.length) continue;
    // 2d. A size or model code in another variant ("A3" against "A3+"): another product.
    if (strict && otherVariant(q.text, `${ch.title}\n${ch.text}`)) continue;
    // 2e. A term of sale asked about (a discount, a refund, a warranty) that the chunk does not mention.
    if (strict && q.concepts.some((c) => TERMS.has(c.key) && !hit.includes(c))) continue;
    // The rarest thing asked about: what the rules below want said in the chunk's own sentences.
    const thing = strict ? [...things].sort((a, b) => df(a) - df(b))[0] : undefined;
    // 2m. A size or model code asked of the thing ("keramik 60x60", "paket private dewasa 8x") must be said of it: in a
    // sentence that names every thing asked and says the opposite of nothing asked ("Granit 60x60" is another
    // product, "Paket 8x private anak" a children's package).
    const named = things.filter((c) => !/\d/.test(c.key));
    if (strict && codes.length && named.length) {
      const asks = codes.filter((code) => variantsOf(code, ch.text).size);
      const fits = (x: string) => {
        const st = stemSet(x);
        return named.every((c) => covers(st, c.alts)) && !q.concepts.some((c) => saysOpposite(st, c));
      };
      if (asks.some((code) => !sentencesIn(ch.text).some((x) => variantsOf(code, x).size && fits(x)))) continue;
    }
    // 2o. A kind named by a letter the chunk does not list ("hepatitis B vaccine" against "Hepatitis A vaccine").
    if (strict && otherLetter(q.text, ch.text)) continue;
    // 2n. A route from one named place to another ("bekasi ke bandara"): the chunk must say the two as a pair
    // ("Bandung–Bekasi" and "Bandung–Bandara" do not make Bekasi–Bandara).
    if (strict && route && !sentencesIn(ch.text).some((x) => saysRoute(x, route))) continue;
    // 2u. A condition the knowledge never speaks of ("kalau pesenan aku ketinggalan satu item, refund nya gmn?") is not
    // answered by sentences that state their own condition ("Kalau sayur datang busuk atau layu, … refund"): what holds
    // then is not said to hold for the customer's.
    if (strict && thing && q.concepts.some((c) => c.condition)) {
      const own = sentencesIn(ch.text).filter((x) => x !== ch.title && covers(stemSet(x), thing.alts));
      if (own.length && own.every((x) => IF.test(x))) continue;
    }
    // 2l. What the customer rules out, said in every sentence about the thing asked ("chemical peeling, bukan jerawat"
    // against "Chemical peeling for acne"): the chunk is about what they do not want.
    if (strict && thing && excluded.length) {
      const own = sentencesIn(ch.text).map((x) => stemSet(x)).filter((st) => covers(st, thing.alts));
      if (own.length && excluded.some((c) => own.every((st) => covers(st, c.alts)))) continue;
    }
    if (strict && (hit.some(isAction) || fact)) {
      const clauses = clausesOf(ch.text);
      // 2f. An action asked about that the chunk says only of something else: the rarest thing asked about
      // must be in a sentence with the action, unless the title names the action, or the action is what the
      // whole business does (in most of its chunks: "sewa" at a rental, "kirim" at a cargo agent) and a thing
      // specific to some chunks is named ("sewa tripod aja brp" against "Aksesoris: tripod Rp 25.000").
      const businessAction = (a: Concept) => v.chunks >= 4 && df(a) * 2 > v.chunks && hit.some((c) => !c.light && !isAction(c) && isSpecific(c, v));
      // An entry titled by the things asked ("Servis Laptop") says everything of them: "install ulang Windows" there is the
      // laptop's. Not one titled by a list ("Sepatu, bola & rompi" rents out only the vests), nor by some of the rare ones.
      const titled = thing !== undefined && !/[,&/]|\b(?:dan|and)\b/i.test(ch.title) && [thing, ...things.filter(rare)].every((c) => covers(ch.titleStems, c.alts));
      if (thing && !titled && hit.some((a) => isAction(a) && !businessAction(a) && !covers(ch.titleStems, a.alts) && !clauses.some((st) => covers(st, a.alts) && covers(st, thing.alts)))) continue;
      // 2g. The fact asked for (a price, a time) of an action must be said of that action: in a sentence with
      // it, or under a title that names it ("ongkir", the cost of sending, is not answered by the price of a
      // home visit in the entry that mentions sending a sample shirt).
      const named = hit.filter(isAction);
      if (fact && named.length && !sentencesIn(ch.text).some((x) => INTENT_FACTS[fact].test(x) && named.some((c) => covers(ch.titleStems, c.alts) || covers(stemSet(x), c.alts)))) continue;
    }
    // 2j. A bare "berapa" (a price, or a number of another kind: "no rek brp", "brp watt") must be answered by a
    // number said of what is asked about: a sentence with a number names one of the things asked about, or the title
    // names the rarest ("pindahan ke bogor brp?" is not answered by a holiday surcharge in the entry that says Bogor
    // counts as out of town).
    const bareBerapa = q.intent === "price" && q.weakIntent && fact !== "price";
    if (thing && bareBerapa && !covers(ch.titleStems, thing.alts) && !sentencesIn(ch.text).some((x) => /\d/.test(x) && things.some((t) => covers(stemSet(x), t.alts)))) continue;
    // 2k. A quantity the sentences about the thing list only with other numbers ("refleksi 90 menit" when reflexology
    // is 60 minutes and another massage 90): another variant of it.
    // The sentences that say every thing asked ("private" and "piano") are about it before those that say only one: "a 60
    // minute private piano lesson" is not the 60-minute group piano class.
    if (thing && (asked.size || (bundle && given.length))) {
      // (Not the unit the quantity is counted in: "minute" in "a 60 minute lesson".)
      const itemsAsked = things.filter((t) => !t.alts.some((a) => asked.has(unitOf(a) ?? "")));
      const all = itemsAsked.length >= 3 ? sentencesIn(ch.text).filter((x) => itemsAsked.every((t) => covers(stemSet(x), t.alts))) : [];
      const own = all.length ? all : sentencesIn(ch.text).filter((x) => covers(stemSet(x), thing.alts));
      if (asked.size && own.length && otherQuantity(asked, own.join(" "), q.intent === null)) continue;
      // A package of a number asked ("paket 6 sesi laser kaki", "botox for 3 areas, package price?") is a package the
      // sentences about the thing sell in that number: a price per session or per area is not one.
      if (strict && bundle && own.length && !own.some((x) => covers(stemSet(x), bundle.alts) && !otherQuantity(asked, x, false, false))) continue;
    }
    // 2t. A price asked of a quantity ("a 3 bedroom in kemang per month", "ujian grade 5 brp"): a chunk whose prices are
    // all of other quantities ("electricity for a 2-bedroom unit", "parking for 1-bedroom units"; "mulai Rp 1.100.000
    // untuk Grade 1") does not say it, though another of its sentences names the quantity ("Grade 1 sampai Grade 8").
    if (strict && asksPrice && asked.size) {
      const priced = sentencesIn(ch.text).flatMap((x) => x.split(/;\s*/)).filter((x) => INTENT_FACTS.price.test(x));
      if (priced.length && otherQuantity(asked, priced.join(" "), false)) continue;
    }
    // 2r. A new one asked in a size ("a brand new 3kg tank"): a sentence with that size must say new; "Tukar tabung 3 kg
    // Rp 22.000" is the price of a refill, whatever the entry says of a new 12 kg tank.
    const fresh = asked.size ? hit.find((c) => NEW.has(c.key)) : undefined;
    if (strict && fresh) {
      const sized = sentencesIn(ch.text).filter((x) => {
        const said = quantities(x);
        return [...asked.keys()].some((u) => said.has(u)) && !otherQuantity(asked, x, false);
      });
      if (!sized.some((x) => covers(stemSet(x), fresh.alts))) continue;
    }
    // 2p. An amount asked is answered only by a chunk that states one (a price, "free", a percentage): "biayanya
    // ditanggung pembeli sesuai tarif Samsat" does not say how much.
    // It must be said of what is asked about: in a sentence that names it, or under a title that does
    // ("ban bocor … bayar brp?" is not answered by the own risk of a stolen bike in the entry that says montirs come).
    // Only the specific things asked about count: "mobil yg paling murah brp" at a car dealer names no one car.
    const specificThings = things.filter((c) => isSpecific(c, v));
    const saysAmount = (x: string) => INTENT_FACTS.price.test(x) && specificThings.some((t) => covers(stemSet(x), t.alts));
    if (strict && amount && !(INTENT_FACTS.price.test(ch.text) && (!specificThings.length || specificThings.some((t) => covers(ch.titleStems, t.alts)) || sentencesIn(ch.text).some(saysAmount)))) continue;
    // 2h. The price of a thing the chunk names only as included in something else ("registration fee
    // Rp 2.500.000, which includes uniform"): the chunk has no price of its own for it. Nor for the rarest thing asked,
    // when the chunk names it only as not included ("the toll from jakarta to bandung" against "Jakarta-Bandung
    // Rp 3.500.000, belum termasuk tol").
    // A bare "berapa" of a thing one gets, which the chunk counts ("dapet helm brp?" against "termasuk 2 helm"), asks how many, not a price.
    const counted = q.weakIntent && GETS.test(q.text) && things.length > 0 && things.every((c) => countedIn(ch.text, c.alts));
    if (strict && q.intent === "price" && !counted && (onlyIncluded(ch, things) || (thing !== undefined && onlyExcluded(ch, thing)))) continue;
    const intentHit = q.intent ? INTENT_FACTS[q.intent].test(ch.text) : false;
    // "What time…" is not answered by a chunk with no time in it, however many words it shares.
    if (strict && q.intent && !q.weakIntent && !intentHit) continue;
    // A price asked for by name ("whats the price if i want 3 dives") is not answered by a chunk that states none, nor
    // that there is none; whether something costs extra or is included is answered by a yes or no.
    if (strict && priceNamed && !INTENT_FACTS.price.test(ch.text) && !NO_CHARGE.test(ch.text)) continue;
    // "Where is your clinic?" asks for the address: when an entry states a place, one that only names the business does not answer.
    if (strict && placeOnly && !intentHit) continue;
    const similar = opts.similarity?.get(ch.chunkId) ?? 0;
    // A light word left unsaid is forgiven when the chunk names something specific the question asks
    // about ("how much to wash a blanket" → "blankets IDR 25,000"), not when all it shares is what
    // most of the knowledge talks about ("can you wash my motorbike" at a motorbike workshop).
    const specific = hit.some((c) => !c.light && isSpecific(c, v));
    // When a time range answers "what time", its start and end are said ("mulai jam brp" against "pukul 08.00–16.00").
    const ranged = q.intent === "clock" && TIME_RANGE.test(ch.text);
    // What the whole business is about (in most of its chunks: "bike" at a bike shop) need not be said by a chunk that
    // names the specific thing asked ("my bike needs a complete overhaul, price?" against "Overhaul costs Rp 750.000").
    const namesRare = fact !== null && hit.some((c) => !c.light && df(c) <= 2);
    const ownThing = (c: Concept) => namesRare && v.chunks >= 4 && df(c) * 2 > v.chunks;
    // The extreme of a list ("ur smallest tank") is read off a chunk that lists several prices or sizes.
    const listsSeveral = (ch.text.match(/\b(?:rp|idr)\.?\s?\d/gi) ?? []).length >= 2;
    // Which of the question's concepts the chunk must cover: all it covers, a content word unless it is what the whole
    // business is about, a light one only when nothing specific is covered and it is not forgiven for another reason.
    const counts = (c: Concept) => {
      if (hit.includes(c)) return true;
      if (c.either && hit.some((o) => o.key === c.either)) return false;
      if (c.where && anywhere) return false;
      if (!c.light) return !ownThing(c);
      return !specific && !SELF.has(c.key) && !c.aside && !(ranged && START_END.has(c.key)) && !(listsSeveral && EXTREME.has(c.key));
    };
    const total = q.concepts.filter(counts).reduce((sum, c) => sum + weight(c), 0) + (q.intent && (intentHit || !q.weakIntent) ? 1 : 0);
    // It also says when something opens and closes ("what time does daycare close?" against "runs from 07.30 to 18.00").
    const saidByRange = ranged ? q.concepts.filter((c) => !hit.includes(c) && !c.light && OPEN_CLOSE.has(c.key)) : [];
    // How long before something the customer means ("batal seminggu sebelumnya") is said in whatever unit the chunk sets
    // its notice in ("lebih dari 48 jam sebelum jadwal").
    const saidBySpan = lead.length && LEAD_TIME.test(ch.text) ? q.concepts.filter((c) => !hit.includes(c) && lead.some((u) => c.alts.includes(u))) : [];
    // "How long is the process" is answered by a chunk that states how long ("pengerjaan 2 hari"), whatever word it uses.
    const saidByDuration = asksProcess && INTENT_FACTS.duration.test(ch.text) ? q.concepts.filter((c) => !hit.includes(c) && c.alts.includes(PROCESS)) : [];
    const covered = [...hit, ...saidByRange, ...saidBySpan, ...saidByDuration, ...onlyOther].reduce((sum, c) => sum + weight(c), 0) + (intentHit ? 1 : 0);
    const coverage = Math.max(covered / Math.max(1, total), similar);
    // 3. Enough of the question covered.
    // Search (not strict) lists what shares a word with the query or is similar to it, not every price or time.
    if (coverage < minCoverage || (!hit.length && !similar && (!intentHit || !strict))) continue;
    const score =
      hit.reduce((s, c) => s + idf(c) * (covers(ch.titleStems, c.alts) ? 1.25 : 1) * (ch.stems.has(c.key) ? 1 : 0.8), 0) +
      (intentHit ? 0.5 : 0) +
      // The fact asked for said in one sentence with what is asked about ("To lock a date, pay a booking fee of Rp 5.000.000")
      // over a chunk that has it only elsewhere.
      (intentHit && q.intent ? 0.02 * Math.max(0, ...sentencesIn(ch.text).filter((x) => INTENT_FACTS[q.intent!].test(x)).map((x) => { const st = stemSet(x); return hit.filter((c) => covers(st, c.alts)).length; })) : 0) +
      // Where the business is: the entry titled as its address ("Address", "Lokasi") over one that only mentions a street.
      (placeOnly && covers(ch.titleStems, ADDRESS) ? 0.5 : 0) +
      similar +
      // A number the customer gives that falls in a range the chunk states ("grade 2" → "kelas 1 - 3").
      0.3 * numbersInRanges(given, ch.text) +
      // A number the customer gives that the chunk states as it is ("yg 12x" → "12 sessions"), not inside a price, a time,
      // a bound or a range.
      0.3 * stated.filter((re) => re.test(ch.text)).length +
      // A clock time the customer gives that the chunk speaks to ("jam 9 malem" → "darurat malam jam 17.00-23.00").
      0.3 * clocksHeld(times, ch.text) +
      // The thing asked the number of, counted ("how many kids per class" → "a maximum of 14 children").
      (counting && countedIn(ch.text, counting) ? 0.5 : 0) +
      0.01 * q.literal.filter((w) => ch.literal.has(w)).length;
    matches.push({ chunkId: ch.chunkId, entryId: ch.entryId, title: ch.title, text: ch.text, coverage, score, focus: hit.map((c) => ({ alts: c.alts, strong: c.strong, common: c.common, ...(c.excluded ? { excluded: true } : {}) })), intent: q.intent ?? (INCLUDES.test(q.text) ? null : fact) });
  }
  if (!matches.length) return { kind: "none", question: q };
  matches.sort((a, b) => b.coverage - a.coverage || b.score - a.score);
  const top = matches[0]!;
  const answerFrom = (entryId: string): QuestionResult => ({ kind: "answer", question: q, matches: matches.filter((m) => m.entryId === entryId).slice(0, 2) });
  // The best chunk of each entry that matches as well as the top one.
  const tied = new Map<string, ChunkMatch>();
  for (const m of matches) {
    if (m.coverage < top.coverage - 1e-9 || m.score < top.score * 0.999) break;
    if (!tied.has(m.entryId)) tied.set(m.entryId, m);
  }
  if (tied.size > 1) {
    // The one entry whose title the question says all of, but for words every tied title has: "the open water course"
    // is the "Open Water course", not the "Advanced Open Water course", when the two answer it equally well. Not for a
    // question that names nothing ("how long does it take?": the entry already answering is asked).
    // Numbers count whatever their length ("Paket Umroh 9 hari" is not all said by "paket umroh brp?").
    const numbersOf = (text: string) => text.match(/\d+(?:[.,]\d+)*/g) ?? [];
    const alts = new Set([...q.concepts.flatMap((c) => c.alts), ...numbersOf(q.text)]);
    const titles = [...tied.values()].map((m) => ({ m, stems: [...new Set([...terms(m.title), ...numbersOf(m.title)])] }));
    const everywhere = titles[0]!.stems.filter((x) => titles.every((t) => t.stems.includes(x)));
    const whole = titles.filter((t) => t.stems.some((x) => alts.has(x)) && t.stems.every((x) => alts.has(x) || everywhere.includes(x)));
    if (q.concepts.some((c) => !c.light) && whole.length === 1 && (!fact || INTENT_FACTS[fact].test(whole[0]!.m.text))) return answerFrom(whole[0]!.m.entryId);
    // Only entries that state the kind of fact asked for are offered ("is drums more expensive than piano?" is not
    // answered by the entries that only list the instruments); when none does, nobody is asked to choose.
    const stating = fact ? [...tied.values()].filter((m) => INTENT_FACTS[fact].test(m.text)) : [...tied.values()];
    if (!stating.length) return { kind: "none", question: q };
    // Failing that, the one entry whose title says nothing the question does not but the kind of fact ("Fees per lesson",
    // not "Trial lesson", for "satu kali pertemuan brp menit?"): the other names a kind of the thing not asked about.
    if (stating.length > 1 && q.concepts.some((c) => !c.light)) {
      // Numbers count, as above: "Paket Umroh Reguler 9 hari" says a length the question does not.
      const plain = titles.filter((t) => stating.includes(t.m) && t.stems.some((x) => alts.has(x)) && t.stems.every((x) => alts.has(x) || FACT_WORDS.has(x) || everywhere.includes(x)));
      if (plain.length === 1) return answerFrom(plain[0]!.m.entryId);
    }
    if (stating.length > 1) return { kind: "ambiguous", question: q, matches: stating };
    return answerFrom(stating[0]!.entryId);
  }
  return answerFrom(top.entryId);
}

export interface MessageMatch {
  answered: ChunkMatch[];
  /** The questions of the message the knowledge does not cover. */
  unanswered: string[];
  /** Entries that answer a question equally well: the customer is asked which one. */
  ambiguous: ChunkMatch[];
}

/** Words that mark a question or a request wherever they are, in English and Indonesian, as `words` spells them (it has already turned "gak", "brp", "gmn", "bs", "knp", "pls"… into these). */
const ASKING =
  /^(what|when|where|which|who|whom|whose|why|how|any|anything|tell|please|info|apa|apakah|kapan|dimana|mana|berapa|bagaimana|kenapa|mengapa|siapa|bisakah|bolehkah|adakah|kah|minta|tolong|tanya)$/;
/** Words that make a question only where a question starts ("is it open", "bisa antar?"), not inside a statement ("my ac is not cold", "kantor sy ada 6 unit"). */
const ASKING_FIRST = /^(can|could|do|does|did|is|are|was|will|would|should|may|might|bisa|boleh|ada)$/;
/** A tag that turns a statement into a question at its end ("bisa gak", "ada ga"). */
const ASKING_LAST = /^(tidak|belum|kah|ya|nggak|kan)$/;
/** Words that may come before the one that opens a question. */
const OPENERS = /^(hi|hello|hey|halo|hai|ok|okay|oke|so|and|also|then|but|btw|sorry|maaf|please|pls|kak|min|gan|sis|pak|bu|mas|mbak|terus|trus|kalau|klo|jadi|eh|oh|trs|dan|sama)$/;

/** Whether a question asks yes or no: its opening word ("is", "bisa", "do") or a tag at its end ("kan", "ya"). */
function yesNo(text: string): boolean {
  const w = words(text);
  const at = w.findIndex((x) => !OPENERS.test(x));
  // "Dont want it too crowded", "cant be left alone anymore": an opening word that is negated states, it does not ask
  // (Indonesian "bisa gak", "ada nggak" negate with "tidak" and still ask).
  const asks = at >= 0 && ASKING_FIRST.test(w[at]!) && w[at + 1] !== "not";
  // The tag may come before the condition it asks under: "kena denda gak kalo telat".
  const condition = w.findIndex((x, i) => i > 1 && /^(kalau|jika|if)$/.test(x));
  return asks || ASKING_LAST.test(w[w.length - 1] ?? "") || (condition > 0 && ASKING_LAST.test(w[condition - 1]!));
}
/** Whether a text names a price other than as what something is for ("for the weekly rate", "buat biaya"). */
function namesPrice(text: string): boolean {
  const w = words(text).filter((x) => !/^(the|a|an|your|ur|nya)$/.test(x));
  const price = alternatives(stem("price"));
  return w.some((x, i) => price.includes(stem(x)) && !PURPOSE.test(w[i - 1] ?? ""));
}
/** A text that says something costs nothing extra ("tanpa biaya tambahan", "no extra charge"). */
const NO_CHARGE = /\b(?:tanpa biaya|no (?:extra |additional )?(?:fee|charge|cost)s?|free of charge)\b/i;

/**
 * Whether a sentence asks something: a question mark, a cue for a fact
 * (price, time, place…), a question or request word, a question's opening
 * word where the question starts, or a question tag at its end. A sentence
 * that asks nothing ("for my new puppy", "battery udah soak", "my ac is not
 * cold anymore") is context for the question beside it, not a question of
 * its own.
 */
export function isQuestionOrRequest(text: string): boolean {
  if (/[?？]/.test(text) || detectIntent(text) !== null) return true;
  // "Finance kami nanya": someone asking, told at the end, is not a question of its own.
  // A question word said twice ("gak bawa apa2", "siapa-siapa") is "anything", "anyone": it asks nothing.
  return words(text.replace(/\b(apa|siapa|mana|kapan)(?:2|-\1)(?!\p{L})/giu, " ")).some((x, i, ws) => ASKING.test(x) && !(x === "tanya" && i === ws.length - 1)) || yesNo(text);
}

/** All the questions of a message matched; questions joined by "and" are answered each on its own. */
export function matchMessage(message: string, candidates: Candidate[], v: Vocabulary, opts: MatchOptions = {}): MessageMatch {
  const chunks = indexCandidates(candidates);
  const out: MessageMatch = { answered: [], unanswered: [], ambiguous: [] };
  const run = (text: string) => matchQuestion(analyze(text, v), chunks, v, opts);
  // Whether a text names a name or specific word the knowledge never uses, and none it does use ("travel bandung bekasi
  // ada ga? harganya" asks the price of the route the knowledge names; "kirim balon bisa?" asks of a thing it never names).
  const namesUnknown = (text: string) => {
    const named = analyze(text, v).concepts.filter((c) => !c.light && !c.common);
    return named.some((c) => !c.alts.some((a) => v.stems.has(a))) && !named.some((c) => c.alts.some((a) => v.stems.has(a)));
  };
  const hasContent = (r: QuestionResult) => r.question.concepts.length > 0 || r.question.intent !== null;
  // A sentence that only asks "how much?" or "where?" asks it about the sentence before.
  const merged: { sentence: string; parts: string[] }[] = [];
  for (const s of splitQuestions(message)) {
    const prev = merged[merged.length - 1];
    // "biayanya?" after a question asks its price, unless it is a question of its own the knowledge answers ("jam buka? alamat?").
    const q = analyze(s.sentence, v);
    // After a sentence that asks nothing ("the unit is on the 3rd floor."), it asks about that sentence whatever it alone would match.
    // A sentence that only rules something out ("bukan jerawat") qualifies the one before.
    // It asks it of a question before it about a thing the knowledge never names, too: "kirim balon bisa? tambah brp" is the price of the balloons.
    // A sentence that opens with "yang" ("…ke bahasa korea ga? yg tersumpah") says which one the sentence before means:
    // when that one is not answered, it is not answered either.
    if (prev && (!q.concepts.length || q.concepts.every((c) => c.excluded) || (/^\s*(?:yang|yg)\b/i.test(s.sentence) && !q.intent && run(prev.sentence).kind === "none") || (asksOnlyForAFact(q, prev.sentence) && (!isQuestionOrRequest(prev.sentence) || matchQuestion(q, chunks, v, opts).kind !== "answer" || namesUnknown(prev.sentence))))) {
      prev.sentence = `${prev.sentence} ${s.sentence}`;
      prev.parts[prev.parts.length - 1] = `${prev.parts[prev.parts.length - 1]} ${s.sentence}`;
    } else merged.push({ ...s, parts: [...s.parts] });
  }
  const answeredEntries = new Set<string>();
  const unanswered: Question[] = [];
  // Each question's concepts are tagged with it, so that an entry answering two questions quotes a sentence for each.
  let asked = 0;
  const tag = (focus: Focus[], q: Question, intent = q.intent) => {
    const n = asked++;
    return focus.map((f) => ({ ...f, question: n, intent }));
  };
  // Chunks matched only by a sentence that asks nothing ("anjing aku suka kejang"): what the customer tells
  // may be answered, and settles a question beside it only when the knowledge knows every word of that question.
  const byQuestion = new Set<string>();
  // Quantities the customer tells rather than asks ("rumah sy 300 m2", "our warehouse is 800 m2"): a chunk answering the
  // message's questions allows them too, or it is about something of another size. Not a length of time: "I'm here for 3
  // weeks" is the customer's stay, not how long the thing asked about lasts.
  const toldSizes = new Map([...quantities(merged.flatMap((s) => s.parts).filter((p) => !isQuestionOrRequest(p)).join(". "))].filter(([unit]) => !isTime(unit)));
  for (const { sentence, parts } of merged) {
    const whole = run(sentence);
    if (!hasContent(whole)) continue;
    let results: QuestionResult[] = [whole];
    if (parts.length > 1) {
      // What the customer rules out in one part ("…yg dilamar, bukan tamu, brp?") is ruled out for every part.
      const ruledOut = whole.question.concepts.filter((c) => c.excluded);
      const runPart = (text: string) => {
        const q = analyze(text, v);
        const extra = ruledOut.filter((e) => !q.concepts.some((c) => c.key === e.key));
        return matchQuestion(extra.length ? { ...q, concepts: [...q.concepts, ...extra] } : q, chunks, v, opts);
      };
      // A part that only asks "how much?" asks it about the part before when that one asks nothing
      // yet ("a full rebuild, how much?"), not when it has a question of its own ("how much is
      // cleaning and where are you?").
      // A part that asks nothing ("bought a whipped cream cake today, how long does it last") is the
      // circumstance of the part after it: that part is answered with it when the knowledge answers both.
      const joined: string[] = [];
      const context = new Map<number, string[]>();
      for (const [i, p] of parts.entries()) {
        const prev = joined[joined.length - 1];
        // A part that only rules something out ("bukan tamu") belongs to the part it qualifies.
        const pq = analyze(p, v);
        const onlyRulesOut = pq.concepts.length > 0 && pq.concepts.every((c) => c.excluded);
        if (prev !== undefined && (onlyRulesOut || (!pq.concepts.length && !analyze(prev, v).intent))) joined[joined.length - 1] = `${prev} ${p}`;
        else {
          if (i > 0 && !isQuestionOrRequest(parts[i - 1]!) && isQuestionOrRequest(p)) {
            // The statements just before a question, nearest first: "moving out next week, the landlord wants it spotless, what would that cost".
            const before: string[] = [];
            for (let k = i - 1; k >= 0 && !isQuestionOrRequest(parts[k]!); k--) before.push(parts[k]!);
            context.set(joined.length, before);
          }
          joined.push(p);
        }
      }
      // Statements a question was answered with, up to the one that made the answer.
      const consumed = new Set<string>();
      const all = joined.map((p, i) => {
        const before = context.get(i) ?? [];
        // The part matched on its own, once, when something needs it.
        let own: QuestionResult | undefined;
        const alone = () => (own ??= runPart(p));
        const tries = before.map((c) => runPart(`${c} ${p}`));
        // Failing that, the circumstance without how the thing misbehaves ("single door fridge not cooling, repair
        // cost?" asks the repair price of a single-door fridge): words after a "not" the knowledge never uses.
        if (!tries.some((r) => r.kind === "answer")) {
          for (const c of before) {
            const ws = words(c);
            const kept = ws.filter((w, k) => !(k > 0 && NEGATION.test(ws[k - 1]!) && !isStopWord(w) && !alternatives(stem(w)).some((a) => v.stems.has(a))));
            if (kept.length < ws.length) tries.push(runPart(`${kept.join(" ")} ${p}`));
          }
        }
        // A question the knowledge answers on its own, after a circumstance that names things it never mentions ("my
        // grandma's letter is handwritten, is that something u can translate"): the circumstance's specific words the
        // knowledge does use ("handwritten") pick which of its answers, never whether it answers.
        // A question that points back at a place told ("can u pick us up from there?") asks about that place.
        // So does one whose object points back at what was told ("my dog needs insulin shots, can your staff give them?").
        const aboutBefore = THERE.test(p) || BACK.test(p);
        // Not when the circumstance names something the knowledge never does (a name or a code: "dapat surat SP2DK dari KPP")
        // and the question names nothing specific of its own ("bisa didampingi? biayanya brp"): it asks about that thing.
        const pq = analyze(p, v);
        const ownThing = pq.concepts.some((k) => !k.light && !k.common);
        const namedBefore = before.some((c) => [...c.matchAll(CODE_WORD)].some((m) => !alternatives(stem(m[0].toLowerCase())).some((a) => v.stems.has(a))));
        if (!tries.some((r) => r.kind === "answer") && before.length && !aboutBefore && !asksOnlyForAFact(pq) && !(namedBefore && !ownThing) && alone().kind === "answer") {
          for (const c of before) {
            const ws = words(c);
            const kept = ws.filter((w) => isStopWord(w) || alternatives(stem(w)).some((a) => v.stems.has(a)));
            const specific = analyze(kept.join(" "), v).concepts.some((k) => !k.common && !k.light && k.alts.some((a) => v.stems.has(a)));
            if (kept.length < ws.length && specific) tries.push(runPart(`${kept.join(" ")} ${p}`));
          }
        }
        const at = tries.findIndex((r) => r.kind === "answer");
        const withContext = at >= 0 ? tries[at]! : (tries[0] ?? null);
        if (at >= 0) before.slice(0, at + 1).forEach((c) => consumed.add(c));
        // A part that asks only for a fact ("ada extra charge?") asks it of the circumstance before it: answered with it or not at all.
        if (withContext && asksOnlyForAFact(pq)) return withContext;
        // A condition before it that names what the knowledge never speaks of ("kalau pesenan aku ketinggalan satu item,
        // refund nya gmn?") is what the question is about: it is not answered without it.
        // So is a place told that it never names (a name, not an everyday word), before a question pointing back at it
        // ("staying down in kuta lombok, can u pick us up from there?").
        const unknownIf = before.some((c) =>
          analyze(c, v).concepts.some((k) => (IF.test(c) || (aboutBefore && !k.common)) && !k.light && !k.alts.some((a) => v.stems.has(a) || UNITS.some(([re]) => re.test(a)))),
        );
        if (withContext && (unknownIf || (namedBefore && !ownThing))) return withContext;
        return withContext?.kind === "answer" ? withContext : alone();
      });
      // A statement between the question and the circumstance it was answered with ("moving out next week, the landlord
      // wants it spotless, what would that cost") is part of that circumstance, not a question left unanswered.
      const split = all.filter((r, i) => hasContent(r) && !(r.kind === "none" && consumed.has(joined[i]!)));
      const entries = new Set(split.flatMap((r) => (r.kind === "answer" ? r.matches.map((m) => m.entryId) : [])));
      // Two questions in one sentence: each answered on its own, from different entries.
      if (split.length > 1 && split.every((r) => r.kind === "answer") && entries.size > 1) results = split;
      else if (whole.kind === "none") {
        // A part that only rules something out and asks for a fact, after a part left unanswered ("kak chalk nya bisa beli
        // aja gak, bukan sewa? harga brp"), goes on asking about it: it is left unanswered with it, not answered on its own.
        const kept = split.filter((r, i) => {
          if (i === 0 || r.kind !== "answer" || split[i - 1]!.kind !== "none") return true;
          const q = r.question;
          return !q.concepts.some((c) => c.excluded) || !asksOnlyForAFact({ ...q, concepts: q.concepts.filter((c) => !c.excluded) });
        });
        results = kept.length ? kept : [whole];
      } else if (whole.kind === "answer") {
        // A part that asks only another kind of fact ("hw much for a dell battery and how long does it take to put in")
        // asks it of the entry answering the rest, when that entry states it: its sentence is quoted too.
        for (const p of joined) {
          const q = analyze(p, v);
          // "…how much and what time does it start": a word that only frames the fact ("start", "open") asks nothing else.
          if (q.concepts.some((c) => !c.light) || !q.intent || q.intent === whole.question.intent) continue;
          const stating = whole.matches.filter((m) => INTENT_FACTS[q.intent!].test(m.text));
          if (stating.length) results.push({ kind: "answer", question: q, matches: stating.map((m) => ({ ...m, intent: q.intent, focus: [FACT_ONLY] })) });
        }
      }
    }
    for (let r of results) {
      if (r.kind === "answer" && toldSizes.size) {
        // A unit the question names itself was checked with its own number.
        const own = quantities(r.question.text);
        const told = new Map([...toldSizes].filter(([unit]) => !own.has(unit)));
        // A price asked by its name ("how much would neutering him cost?" after "my retriever is 32 kg") asks what the
        // customer's own size costs, not whether it may be had: a bound it falls outside ("under 10 kg") does not price it.
        const whether = r.question.intent === null && !(factAsked(r.question) === "price" && !yesNo(r.question.text));
        const fits = r.matches.filter((m) => !otherQuantity(told, `${m.title}\n${m.text}`, whether));
        if (fits.length < r.matches.length) r = fits.length ? { ...r, matches: fits } : { kind: "none", question: r.question };
      }
      // A follow-up question ("and how long does it take?") is about what the message already asked.
      if (r.kind === "ambiguous") {
        const known = r.matches.filter((m) => answeredEntries.has(m.entryId));
        if (known.length === 1) r = { kind: "answer", question: r.question, matches: known };
      }
      // A follow-up the entry already answering says everything of ("kintamani tour brp? lunch included?"
      // when the Kintamani entry names its lunch) is about that entry, not another that also names it.
      if (r.kind === "answer" && !r.matches.some((m) => answeredEntries.has(m.entryId))) {
        const q = r.question;
        const home = out.answered.find((m) => saysAllOf(q, m));
        if (home) {
          home.focus = [...home.focus, ...tag(q.concepts.map((c) => ({ alts: c.alts, strong: c.strong, common: c.common })), q)];
          continue;
        }
      }
      if (r.kind === "answer") {
        const n = asked;
        const telling = !isQuestionOrRequest(r.question.text) && !asksOnlyForAFact(r.question);
        for (const m of r.matches) {
          if (!telling) byQuestion.add(m.chunkId);
          answeredEntries.add(m.entryId);
          asked = n;
          // The kind of fact the chunk was matched for: the question's cue, or the fact its words name ("whats ur rate").
          // A question with nothing to find but its kind of fact ("where is ur boutique?") keeps that kind, so that an
          // entry answering another question too ("…is there parking") still quotes the address.
          m.focus = tag(m.focus.length ? m.focus : [FACT_ONLY], r.question, m.intent);
          const same = out.answered.find((x) => x.chunkId === m.chunkId);
          if (same) same.focus = [...same.focus, ...m.focus];
          else out.answered.push(m);
        }
      } else if (r.kind === "ambiguous") out.ambiguous.push(...r.matches);
      else unanswered.push(r.question);
    }
  }
  const askedFor = out.answered.filter((m) => byQuestion.has(m.chunkId));
  const knownWords = (q: Question) => !isQuestionOrRequest(q.text) || q.concepts.every((c) => c.light || c.alts.some((a) => v.stems.has(a)));
  // A place told may be one the knowledge does not serve only when the message gives nothing else to place it by: no
  // name or specific word the knowledge uses ("kabupaten malang"), no number ("4 km from ur shop").
  const told = analyze(message, v);
  const unplaced = !/\d/.test(message) && !told.concepts.some((c) => !c.common && !c.light && c.alts.some((a) => v.stems.has(a)));
  out.unanswered = unanswered
    .filter((q) => !(knownWords(q) ? settledBy(q, out.answered, v, asked++, false, unplaced) : settledBy(q, askedFor, v, asked++) || settledBy(q, out.answered, v, asked++, true)))
    .map((q) => q.text);
  return out;
}

/** Whether a chunk says every content word of a question, and the kind of fact it asks for. */
function saysAllOf(q: Question, m: ChunkMatch): boolean {
  const stems = stemSet(`${m.title}\n${m.text}`);
  const content = q.concepts.filter((c) => !c.light);
  return content.length > 0 && content.every((c) => covers(stems, c.alts)) && (!q.intent || INTENT_FACTS[q.intent].test(m.text));
}

/** An entry that says where the business serves ("inside Bandung city", "Kota Semarang, Ungaran, dan Kendal"). */
const SERVED_AREA = /\b(?:areas?|wilayah|kota|city|district|kecamatan|kabupaten|region|inside|outside|within|zone|zona)\b/i;
/** …and what it does everywhere else ("di luar itu dikenakan biaya transport", "ke luar kota lewat JNE"). */
const ANYWHERE_ELSE = /\b(?:di luar itu|luar kota|outside (?:the |our |that )?(?:city|area|areas|town|coverage)|other (?:cities|areas|towns|regions)|seluruh indonesia|nationwide|anywhere)\b/i;
/** Words before a place: "in Subang", "di Pedurungan", "daerah Tembalang". */
const AT_PLACE = /^(?:in|at|near|around|di|ke|dari|from|to|daerah|area|wilayah|kecamatan|kabupaten)$/;
/** Of them, the words of being somewhere (not of going or sending there). */
const IN_PLACE = /^(?:in|at|near|around|di)$/;
/** Whether the word at `i` follows a word of place: not the "to" of a verb ("want to post them", "need to bring"). */
const toPlace = (w: string[], i: number) => AT_PLACE.test(w[i - 1] ?? "") && !(w[i - 1] === "to" && /^(want|wanna|need|have|has|had|like|love|try|trying|able|how|plan|planning)$/.test(w[i - 2] ?? ""));
/** Whether the text names, after such a word, a place the knowledge never uses, and no name or specific word it does use. */
function unknownPlace(q: Question, v: Vocabulary): boolean {
  const named = q.concepts.filter((c) => !c.common && !c.light);
  if (!named.length || named.some((c) => c.alts.some((a) => v.stems.has(a)))) return false;
  const w = words(q.text);
  return w.some((x, i) => i > 0 && toPlace(w, i) && !v.stems.has(stem(x)) && named.some((c) => c.alts.includes(stem(x))));
}

/**
 * Whether a question the knowledge did not answer on its own is settled by
 * what the message already got: a sentence that asks nothing ("for my new
 * puppy") is context for the question beside it; a follow-up whose every
 * content word is in an entry already answering ("visa/master?", "how many
 * mbps") is answered by that entry, whose sentences it then helps pick.
 * With `most`, the entry must say more than half of it: it was found for
 * what the customer told, not for a question.
 */
function settledBy(q: Question, answered: ChunkMatch[], v: Vocabulary, n: number, most = false, elsewhere = false): boolean {
  const focusOf = (concepts: Concept[]): Focus[] => concepts.map((c) => ({ alts: c.alts, strong: c.strong, common: c.common, question: n, intent: q.intent }));
  if (!answered.length) return false;
  // What the customer tells is context, unless it is a place the knowledge never names ("Event in Subang") and the entry
  // answering lists where it serves without a word for everywhere else: an answer for the places it names is not one for that place.
  if (!isQuestionOrRequest(q.text)) return !(elsewhere && unknownPlace(q, v) && answered.some((m) => SERVED_AREA.test(m.text) && !ANYWHERE_ELSE.test(m.text)));
  const content = q.concepts.filter((c) => !c.light);
  // A follow-up that asks only for a kind of fact ("maksimal kapan?", "paling lambat kapan?", "how long?") asks it
  // of the entry already answering, when that entry states such a fact.
  if (!content.length) {
    const home = q.intent ? answered.find((m) => INTENT_FACTS[q.intent!].test(m.text)) : undefined;
    if (!home) return false;
    home.focus = [...home.focus, ...focusOf(q.concepts)];
    home.intent ??= q.intent;
    return true;
  }
  // A word the knowledge never uses anywhere ("kenceng", "ready stock") cannot point at another entry;
  // one the knowledge uses elsewhere can, and then the follow-up is a question of its own.
  const asked = quantities(q.text);
  const amount = asksAmount(q);
  // A place the customer is in that the knowledge never names ("our villa in Uluwatu").
  const placeTold = content.some((c) => c.within);
  const home = answered.find((m) => {
    const stems = stemSet(`${m.title}\n${m.text}`);
    // An entry that says the opposite of the follow-up ("kurir mobil?" against "kurir motor") does not settle it,
    // nor one that lists only other quantities than it names ("paket 20 kelas ada?" against a 10-class pass).
    if (content.some((c) => saysOpposite(stems, c))) return false;
    if (otherQuantity(asked, `${m.title}\n${m.text}`, false)) return false;
    // Nor, for such a place, one that does not serve anywhere or out of town, unless a name of the entry's beside it places
    // it ("we live in BSD (tangsel)").
    if (placeTold && !content.some((c) => !c.common && covers(stems, c.alts)) && !ANYWHERE.test(m.text) && !ANYWHERE_ELSE.test(m.text)) return false;
    // An amount asked ("montirnya dateng, bayar brp?") is settled only by an entry that states one of what it names.
    if (amount && !sentencesIn(m.text).some((x) => INTENT_FACTS.price.test(x) && content.some((c) => !isFactWord(c) && !PAY.has(c.key) && covers(stemSet(x), c.alts)))) return false;
    const inHome = content.filter((c) => covers(stems, c.alts)).length;
    const elsewhere = content.filter((c) => !covers(stems, c.alts) && c.alts.some((a) => v.stems.has(a))).length;
    // With a name or specific word the knowledge never uses, what the entry shares must be specific to it: "rent" at a motorbike rental
    // is in every entry, and "do you rent vespas?" asks about a bike it does not name.
    const unknown = content.some((c) => !c.common && !c.alts.some((a) => v.stems.has(a)));
    if (unknown && !content.some((c) => covers(stems, c.alts) && isSpecific(c, v))) return false;
    return elsewhere === 0 && inHome > 0 && (most ? inHome * 2 > content.length : inHome * 2 >= content.length);
  });
  if (!home) return false;
  home.focus = [...home.focus, ...focusOf(content)];
  return true;
}

/**
 * The sentences of an entry that answer the question: the one with the fact
 * asked for (a price, a time…) and the most of the question's words, then any
 * sentence with a word of the question the first one lacks; in the entry's order.
 */
export function answeringSentences(text: string, focus: Focus[], intent: Intent | null, question = ""): string[] {
  const all = sentences(text);
  // Two questions answered by one entry ("checkout jam brp? bisa telat dikit?"): the sentences that answer each.
  const asked = [...new Set(focus.map((f) => f.question ?? -1))];
  if (asked.length > 1 && all.length > 1) {
    const each = asked.map((n) => {
      const mine = focus.filter((f) => (f.question ?? -1) === n);
      const found = mine.find((f) => f.intent !== undefined)?.intent;
      const own = found === undefined ? intent : found;
      // A question none of whose words or facts the entry says picks nothing of its own.
      const tells = all.some((x) => mine.some((f) => covers(stemSet(x), f.alts)) || (own !== null && INTENT_FACTS[own].test(x)));
      return { tells, picked: answeringSentences(text, mine.map(({ alts, strong, common, excluded }) => ({ alts, strong, common, ...(excluded ? { excluded } : {}) })), own, question) };
    });
    const telling = each.filter((x) => x.tells);
    const picked = new Set((telling.length ? telling : each).flatMap((x) => x.picked));
    return all.filter((x) => picked.has(x));
  }
  const given = plainNumbers(question);
  const times = clocksIn(question).map((c) => c.at);
  const counting = countAsked(question);
  if (all.length <= 1) return all;
  const stemsOf = all.map((s) => new Set(terms(s)));
  // A word some sentences say exactly ("Sunday") and others only by a broader one ("Monday to Saturday"):
  // the exact sentences are the answer.
  const sharp = focus.map((f) => stemsOf.some((st) => covers(st, f.strong)) && stemsOf.some((st) => covers(st, f.alts) && !covers(st, f.strong)));
  // A name only one sentence says (a town, not the tattoo a tattoo studio's every sentence is about).
  const namedOnce = focus.map((f) => stemsOf.filter((st) => covers(st, f.alts)).length === 1);
  const scored = all.map((s, i) => {
    const stems = stemsOf[i]!;
    const hit = focus.map((f, k) => (!f.excluded && covers(stems, f.alts) ? k : -1)).filter((k) => k >= 0);
    // The fact asked for (or a count of the thing asked the number of) weighs as much as all the question's words together.
    const fact = (intent && INTENT_FACTS[intent].test(s)) || (counting && countedIn(s, counting)) ? Math.max(2, focus.length) : 0;
    // With no kind of fact asked ("is the delivery free?"), a name or specific word ("Cimahi") weighs double, as in
    // coverage: the sentence that names it is about it. A price or a time asked is still what picks the sentence; between
    // sentences that state it ("…gratis di Kota Bogor…", "Untuk Kabupaten Bogor termasuk Cibinong … Rp 175.000"), the name does.
    const weight = (k: number) => {
      const f = focus[k]!;
      if (!covers(stems, f.strong)) return 0.5;
      return (sharp[k] ? 1.5 : stems.has(f.alts[0]!) ? 1 : 0.8) * (f.common || (intent && !(fact && namedOnce[k])) ? 1 : 2);
    };
    const ruledOut = focus.some((f) => f.excluded && covers(stems, f.alts));
    const score = ruledOut ? -1 : fact + hit.reduce((sum, k) => sum + weight(k), 0) + numbersInRanges(given, s) + clocksHeld(times, s);
    return { s, i, hit, score };
  });
  // When a sentence's range holds the customer's number ("kelas 5" → "kelas 4 - 6"), one whose range does not is about someone else.
  if (scored.some((x) => numbersInRanges(given, x.s) > 0)) {
    for (const x of scored) if (rangesIn(x.s).length && !numbersInRanges(given, x.s)) x.score = 0;
  }
  // Tiers by an upper bound ("up to 100 guests", "up to 300 guests"): the customer's number picks the smallest tier that holds it
  // ("500 tamu" → "up to 600 guests"), and a tier too small for it is about someone else.
  for (const n of given) {
    const caps = scored.map((x) => capsIn(x.s));
    if (caps.filter((c) => c.length).length < 2) continue;
    const holding = caps.flat().filter((c) => c >= n);
    if (!holding.length) continue;
    const tier = Math.min(...holding);
    scored.forEach((x, i) => {
      if (caps[i]!.includes(tier)) x.score += 1;
      else if (caps[i]!.length && caps[i]!.every((c) => c < n)) x.score = 0;
    });
  }
  // A number above a bound a sentence states ("15 km" against "we do not pick up further than 10 km") is what that sentence is about.
  for (const n of given) {
    const unit = unitAfter(n, question);
    for (const x of scored) if (x.score > 0 && floorsIn(x.s).some((f) => n > f.at && f.unit === unit)) x.score += 2;
  }
  const best = Math.max(...scored.map((x) => x.score));
  if (best === 0) return all;
  // Sentences that answer equally well are all quoted.
  const picked = scored.filter((x) => x.score >= best - 1e-9).slice(0, 3);
  const covered = new Set(picked.flatMap((x) => x.hit));
  for (const x of [...scored].sort((a, b) => b.score - a.score)) {
    if (picked.length >= 3) break;
    if (x.score > 0 && !picked.includes(x) && x.hit.some((k) => !covered.has(k) && focus[k]!.common)) {
      picked.push(x);
      x.hit.forEach((k) => covered.add(k));
    }
  }
  // The fact asked for is quoted even when the sentences that name the thing do not state it ("how much is the holiday
  // camp?" → "…Camp diadakan setiap bulan Juli…" and "Biayanya Rp 850.000…").
  if (intent && !picked.some((x) => INTENT_FACTS[intent].test(x.s))) {
    const stating = [...scored].sort((a, b) => b.score - a.score).find((x) => x.score > 0 && INTENT_FACTS[intent].test(x.s));
    if (stating) picked.push(stating);
  }
  // A heading (an entry's title line: no closing punctuation) is not quoted beside the sentences under it.
  const heading = (x: { s: string }) => !/[.!?:;)\]"”]$/.test(x.s) && x.s.split(/\s+/).length <= 8;
  const told = picked.some((x) => !heading(x)) ? picked.filter((x) => !heading(x)) : picked;
  return told.sort((a, b) => a.i - b.i).map((x) => x.s);
}

/** Whether a message asks anything (a content word or a question cue), as opposed to small talk. */
export function asksSomething(text: string): boolean {
  return terms(text).length > 0 || detectIntent(text) !== null;
}

/**
 * Which of the offered options a reply picks: its number ("2", "no 2"), or
 * words only one option's title has ("the braces one"); null when unclear.
 */
export function choiceFrom(reply: string, titles: string[]): number | null {
  const n = /^\D{0,12}?(\d{1,2})\D{0,12}$/.exec(reply.trim());
  if (n) {
    const i = Number(n[1]) - 1;
    return i >= 0 && i < titles.length ? i : null;
  }
  const said = new Set(terms(reply).flatMap(alternatives));
  const hits = titles.map((t, i) => ({ i, n: terms(t).filter((x) => said.has(x)).length })).filter((h) => h.n > 0);
  const best = Math.max(0, ...hits.map((h) => h.n));
  const top = hits.filter((h) => h.n === best);
  return top.length === 1 ? top[0]!.i : null;
}
