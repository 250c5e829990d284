// The offline provider: deterministic, no network. It answers by quoting the
// sentences of the retrieved knowledge that best match the question, in the
// conversation's language, and never says anything the knowledge does not.
import { alternatives } from "../lexicon";
import { PHRASES } from "../phrases";
import { sentences, terms } from "../text";
import { approxTokens, type AiProvider, type AnswerContext, type Turn } from "../types";

const MAX_SENTENCES = 3;
/** Entries this short are quoted whole: every fact in them may be the one asked for. */
const QUOTE_WHOLE_CHARS = 400;

/** "How much / how long / when / berapa / kapan": the answer is probably a number. */
const QUANTITY_CUE = /\b(how (much|many|long|big|old)|what time|when|price|cost|fee|berapa|kapan|jam berapa|harga|biaya)\b/i;

function bestSentences(text: string, question: string): string[] {
  const all = sentences(text);
  if (text.length <= QUOTE_WHOLE_CHARS && all.length <= 4) return all;
  const wanted = new Set(terms(question).flatMap(alternatives));
  const numeric = QUANTITY_CUE.test(question);
  const scored = all.map((s, i) => ({ s, i, score: terms(s).filter((t) => wanted.has(t)).length + (numeric && /\d/.test(s) ? 1.5 : 0) }));
  const picked = scored
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .slice(0, MAX_SENTENCES)
    .sort((a, b) => a.i - b.i)
    .map((x) => x.s);
  // Short entries are quoted whole; long ones by their best sentences.
  return picked.length ? picked : all.slice(0, MAX_SENTENCES);
}

export function answerFromKnowledge(a: AnswerContext): string | null {
  if (!a.knowledge.length) return null;
  const p = PHRASES[a.language];
  // At most three entries, best first; chunks of the same entry are merged.
  const byEntry = new Map<string, { title: string; texts: string[] }>();
  for (const k of a.knowledge) {
    const e = byEntry.get(k.entryId) ?? { title: k.title, texts: [] };
    e.texts.push(k.text);
    byEntry.set(k.entryId, e);
  }
  const parts = [...byEntry.values()].slice(0, 3).map((e) => {
    const facts = bestSentences(e.texts.join("\n"), a.question);
    return `${p.intro(e.title)}\n${facts.join("\n")}`;
  });
  return `${parts.join("\n\n")}\n\n${p.more}`;
}

export function extractiveSummary(previous: string | null, turns: Turn[]): string {
  const lines = turns
    .filter((t) => t.text.trim())
    .map((t) => `${t.role === "customer" ? "Customer" : "Assistant"}: ${sentences(t.text)[0]?.slice(0, 160) ?? ""}`);
  const all = [previous, ...lines].filter(Boolean).join("\n");
  // Keep the most recent part when it grows long.
  return all.length > 2000 ? all.slice(all.length - 2000).replace(/^[^\n]*\n/, "") : all;
}

export const builtinProvider: AiProvider = {
  name: "builtin",
  model: "builtin",
  async answer(a) {
    const text = answerFromKnowledge(a);
    const prompt = a.question + a.knowledge.map((k) => k.text).join("\n");
    if (!text) return { text: PHRASES[a.language].dontKnow, confident: false, usage: { inputTokens: approxTokens(prompt), outputTokens: 0 } };
    return { text, confident: true, usage: { inputTokens: approxTokens(prompt), outputTokens: approxTokens(text) } };
  },
  async summarize(previous, turns) {
    const summary = extractiveSummary(previous, turns);
    return { summary, usage: { inputTokens: 0, outputTokens: 0 } };
  },
};
