// What a customer's words signal: asking for a human, being unhappy, opting
// out or back in. Deterministic word lists in English and Indonesian.
import { tokenize } from "./text";

// Phrases that ask for a person wherever they appear.
const HUMAN_PHRASES = [
  "real person",
  "a human",
  "customer service",
  "customer support",
  "talk to someone",
  "speak to someone",
  "speak with someone",
  "talk to a person",
  "live agent",
  "orang asli",
  "bicara dengan orang",
  "customer servis",
];
// Single words that ask for a person when the message is short or follows a request verb
// ("agent" alone also appears in questions like "is the agent available for a viewing").
const HUMAN_WORDS = new Set(["human", "agent", "person", "representative", "operator", "manusia", "cs", "agen", "petugas", "staff", "staf"]);
const REQUEST_VERBS = new Set(["talk", "speak", "connect", "transfer", "want", "need", "get", "minta", "mau", "ingin", "bicara", "hubungkan", "sambungkan", "panggil", "ngomong"]);

const NEGATIVE_WORDS = new Set([
  "terrible",
  "awful",
  "horrible",
  "worst",
  "useless",
  "hate",
  "angry",
  "disappointed",
  "disappointing",
  "ridiculous",
  "scam",
  "unacceptable",
  "annoyed",
  "annoying",
  "frustrated",
  "frustrating",
  "rude",
  "stupid",
  "waste",
  "kecewa",
  "mengecewakan",
  "buruk",
  "jelek",
  "marah",
  "parah",
  "payah",
  "bohong",
  "penipu",
  "penipuan",
  "kesal",
  "lambat",
  "lelet",
  "bodoh",
  "sampah",
]);
const NEGATIVE_PHRASES = ["not happy", "not good", "very bad", "so bad", "no help", "tidak puas", "tidak membantu", "gak membantu", "nggak membantu", "lama sekali", "tidak jelas"];

const PER = new Set(["per", "each", "every", "tiap", "setiap", "perorang"]);
const normalized = (text: string) => ` ${tokenize(text).join(" ")} `;

export function asksForHuman(text: string, extra: string[] = []): boolean {
  const t = normalized(text);
  if ([...HUMAN_PHRASES, ...extra].some((p) => t.includes(` ${tokenize(p).join(" ")} `))) return true;
  const words = tokenize(text);
  // "price per person" counts people, it does not ask for one.
  const counting = (i: number) => i > 0 && PER.has(words[i - 1]!);
  return words.some((w, i) => HUMAN_WORDS.has(w) && !counting(i) && (words.length <= 4 || words.slice(Math.max(0, i - 4), i).some((v) => REQUEST_VERBS.has(v))));
}

export function isNegative(text: string): boolean {
  const words = tokenize(text);
  if (words.some((w) => NEGATIVE_WORDS.has(w))) return true;
  const t = normalized(text);
  return NEGATIVE_PHRASES.some((p) => t.includes(` ${p} `));
}

/** The whole message is one of the words (case and punctuation ignored), as carriers require. */
export function isKeyword(text: string, words: string[]): boolean {
  const t = tokenize(text).join(" ");
  return words.some((w) => tokenize(w).join(" ") === t);
}
