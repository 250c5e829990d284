// The sentiment of one customer message: a lexicon scorer for English and
// Indonesian chat text (negation, intensifiers, stretched words like
// "mantaaap", slang, emoji), or a Workers AI classifier when a tenant chooses
// it (falling back to the lexicon when the model fails or is slow).

export type SentimentLabel = "positive" | "neutral" | "negative";
export interface Sentiment {
  /** −1 (very negative) … 1 (very positive). */
  score: number;
  label: SentimentLabel;
  source: "lexicon" | "workers-ai";
}

const w = (words: string, weight: number): [string, number][] => words.split(/\s+/).filter(Boolean).map((x) => [x, weight]);

/** Each word's value; a word listed twice adds up (a strong word is listed again with the extra). */
const WORDS = new Map<string, number>();
for (const [word, value] of [
  // English, positive
  ...w("good great nice love loved lovely awesome amazing excellent perfect helpful happy glad wonderful beautiful fantastic best cool satisfied pleased excited appreciate appreciated wow brilliant superb impressive impressed recommend recommended fast quick easy friendly smooth clear worth enjoy enjoyed interested interesting thanks thank thx ty tq sweet neat legit solid", 1),
  ...w("love amazing perfect excellent fantastic awesome superb", 0.5),
  // Acknowledgements: a little warmth, not enough to call the message positive on their own.
  ...w("ok okay okey oke okee okeh fine siap sip sipp alright baik", 0.3),
  // English, negative
  ...w("bad terrible awful horrible worst useless hate hated angry disappointed disappointing ridiculous scam unacceptable annoyed annoying frustrated frustrating rude stupid waste slow overpriced poor broken wrong sucks sad upset mad worse pathetic cheated liar lied fake unprofessional confusing confused complaint complain complained late delayed ignored ignoring nobody dirty noisy problem problems issue issues expensive unhelpful", -1),
  ...w("terrible awful horrible worst scam pathetic hate unacceptable", -0.5),
  // Indonesian (and chat slang), positive
  ...w("bagus mantap mantab mantul keren suka senang seneng puas makasih makasi mksh trims terimakasih cakep top rekomen rekomended cepat cepet ramah membantu mudah gampang murah cantik indah nyaman asik asyik gokil jos joss josss mantep kece lancar jelas memuaskan berminat tertarik minat hebat salut amanah responsif", 1),
  // Indonesian (and chat slang), negative
  ...w("kecewa mengecewakan ngecewain buruk jelek marah parah payah bohong penipu penipuan tipu ditipu nipu kesal kesel bete lambat lelet lemot bodoh sampah mahal kemahalan ribet susah sulit rusak salah telat nyesel menyesal kapok zonk ampas kacau males malas capek cape ngaco sebel sebal gondok pusing bingung komplain jutek cuek hilang batal gagal kotor berisik bau rugi", -1),
  ...w("penipu penipuan ditipu kapok sampah parah", -0.5),
  // Complaints about the offer rather than the service: negative, but mild on their own.
  ...w("mahal kemahalan expensive overpriced problem problems issue issues bingung confused confusing susah sulit", 0.4),
] as [string, number][])
  WORDS.set(word, (WORDS.get(word) ?? 0) + value);

/** Multi-word expressions, matched on the token sequence before single words. */
const PHRASES: [string[], number][] = [
  ["terima kasih", 1],
  ["thank you", 1],
  ["the best", 1.5],
  ["well done", 1],
  ["no problem", 0.5],
  ["no worries", 0.5],
  ["not bad", 0.5],
  ["never again", -2],
  ["waste of time", -2],
  ["rip off", -2],
  ["what a joke", -2],
  ["no one", -1],
  ["no response", -1.5],
  ["no reply", -1.5],
  ["ga jelas", -1.5],
  ["gak jelas", -1.5],
  ["nggak jelas", -1.5],
  ["tidak jelas", -1.5],
  ["gk jelas", -1.5],
  ["ga dibales", -1.5],
  ["gak dibales", -1.5],
  ["tidak dibalas", -1.5],
  ["ga dibalas", -1.5],
  ["gak dibalas", -1.5],
  ["kok lama", -1.5],
  ["kok belum", -1],
  ["gimana sih", -1.5],
  ["apa apaan", -2],
  ["tidak sesuai", -1.5],
  ["ga sesuai", -1.5],
  ["gak sesuai", -1.5],
  ["nggak sesuai", -1.5],
  ["luar biasa", 1],
  ["sangat membantu", 1],
].map(([p, v]) => [(p as string).split(" "), v as number]);

/** Words that flip the polarity of the next few words. */
const NEGATORS = new Set(
  "not no never dont don't doesnt doesn't didnt didn't isnt isn't wasnt wasn't arent aren't cant can't cannot wont won't wouldnt wouldn't hardly nothing tidak tdk gak ga gk nggak ngga enggak engga ndak nda bukan bkn belum blm blom kurang tak jangan jgn".split(" "),
);
const INTENSIFIERS = new Map<string, number>([
  ...w("very so really super extremely totally too absolutely", 1.5),
  ...w("banget bgt bngt bener beneran sangat sekali amat paling terlalu bgtt pol poll", 1.5),
]);
const NEGATION_REACH = 3;

const POSITIVE_EMOJI = /[😀😃😄😁😊😍🥰😘👍🙏💯🔥🎉👌✨🤩😇🥳💪❤♥💕💖]/u;
const NEGATIVE_EMOJI = /[😡😠🤬👎😤😭😢😞😒🙄💔😩😫😑🤮😓😖]/u;

function tokens(text: string): string[] {
  return (
    text
      .normalize("NFKC")
      .toLowerCase()
      .replace(/[’`]/g, "'")
      // "liat2", "lama2" → the word once
      .replace(/([a-z]+)2\b/g, "$1")
      .match(/[a-z']+|[0-9]+/g) ?? []
  ).map((t) => t.replace(/^'+|'+$/g, ""));
}

/** The lexicon's value of a word: as typed, with stretched letters squeezed ("mantaaap"), or without a suffix ("bagusnya"). */
function valueOf(word: string): number | undefined {
  const candidates = [word, word.replace(/(.)\1{2,}/g, "$1$1"), word.replace(/(.)\1+/g, "$1")];
  for (const c of candidates) {
    const v = WORDS.get(c);
    if (v !== undefined) return v;
    for (const suffix of ["nya", "lah", "kah", "sih", "deh", "dong", "an"]) {
      if (c.length > suffix.length + 2 && c.endsWith(suffix)) {
        const base = WORDS.get(c.slice(0, -suffix.length));
        if (base !== undefined) return base;
      }
    }
  }
  return undefined;
}

/** Lexicon scorer: English and Indonesian, negation-aware. Deterministic and free. */
export function lexiconSentiment(text: string): Sentiment {
  const t = tokens(text);
  let total = 0;
  let hits = 0;
  for (let i = 0; i < t.length; i++) {
    let value: number | undefined;
    let span = 1;
    for (const [p, v] of PHRASES) {
      if (p.every((x, k) => t[i + k] === x)) {
        value = v;
        span = p.length;
        break;
      }
    }
    if (value === undefined) value = valueOf(t[i]!);
    if (value === undefined) continue;
    // The word before, or the word after ("mahal banget"), makes it stronger.
    const boost = Math.max(INTENSIFIERS.get(t[i - 1] ?? "") ?? 1, INTENSIFIERS.get(t[i + span] ?? "") ?? 1);
    let v = value * boost;
    // A negator shortly before flips it: "not good", "gak bagus", "tidak kecewa".
    const before = t.slice(Math.max(0, i - NEGATION_REACH), i);
    if (span === 1 && before.some((x) => NEGATORS.has(x))) v = v > 0 ? -0.8 * v : -0.6 * v;
    total += v;
    hits++;
    i += span - 1;
  }
  if (POSITIVE_EMOJI.test(text)) {
    total += 1;
    hits++;
  }
  if (NEGATIVE_EMOJI.test(text)) {
    total -= 1.2;
    hits++;
  }
  // Exclamation or question marks in a row, or a message in capitals, make a negative message angrier.
  if (total < 0 && (/[!?]{2,}/.test(text) || (text.length > 8 && text === text.toUpperCase() && /[A-Z]/.test(text)))) total *= 1.3;
  const score = hits ? Math.max(-1, Math.min(1, total / (Math.abs(total) + 1))) : 0;
  return { score: round(score), label: labelOf(score), source: "lexicon" };
}

const round = (n: number) => Math.round(n * 100) / 100;

export function labelOf(score: number): SentimentLabel {
  if (score >= 0.25) return "positive";
  if (score <= -0.25) return "negative";
  return "neutral";
}

/** The binding's shape this module needs (a test passes a fake). */
export interface SentimentAi {
  run(model: string, input: { text: string }): Promise<unknown>;
}
export const SENTIMENT_MODEL = "@cf/huggingface/distilbert-sst-2-int8";
const CLASSIFIER_TIMEOUT_MS = 2000;

/**
 * Workers AI's sentiment classifier. Its two labels become a score; when it is
 * not sure either way the message is neutral. Any failure, an answer of the
 * wrong shape or no answer within 2 s → the lexicon's verdict.
 */
export async function classifierSentiment(ai: SentimentAi, text: string): Promise<Sentiment> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const out = await Promise.race([
      ai.run(SENTIMENT_MODEL, { text: text.slice(0, 1000) }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error("sentiment classifier timed out")), CLASSIFIER_TIMEOUT_MS);
      }),
    ]);
    const rows = Array.isArray(out) ? (out as { label?: unknown; score?: unknown }[]) : [];
    const positive = rows.find((r) => String(r.label).toUpperCase() === "POSITIVE")?.score;
    const negative = rows.find((r) => String(r.label).toUpperCase() === "NEGATIVE")?.score;
    if (typeof positive !== "number" && typeof negative !== "number") return lexiconSentiment(text);
    const p = typeof positive === "number" ? positive : 1 - (negative as number);
    const score = round(Math.max(-1, Math.min(1, 2 * p - 1)));
    return { score, label: p >= 0.8 ? "positive" : p <= 0.2 ? "negative" : "neutral", source: "workers-ai" };
  } catch {
    return lexiconSentiment(text);
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}
