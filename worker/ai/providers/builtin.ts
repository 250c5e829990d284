// The offline provider: deterministic, no network. It answers by quoting the
// sentences of the retrieved knowledge that answer the question, and never
// says anything the knowledge does not.
import type { RetrievedChunk } from "../knowledge";
import { analyze, answeringSentences, vocabulary } from "../match";
import { PHRASES } from "../phrases";
import { detectLanguage, sentences } from "../text";
import { approxTokens, type AiProvider, type AnswerContext, type Turn } from "../types";

/** Entries quoted in one answer at most (a message asking several things gets one per thing). */
const MAX_ENTRIES = 3;

/**
 * The answer: for each entry that answers the question, the sentence(s) of it
 * that do — not the whole entry — in the entry's own words, so every number,
 * time and name is copied exactly.
 */
export function answerFromKnowledge(a: AnswerContext): string | null {
  if (!a.knowledge.length) return null;
  const byEntry = new Map<string, RetrievedChunk[]>();
  for (const k of a.knowledge) byEntry.set(k.entryId, [...(byEntry.get(k.entryId) ?? []), k]);
  const parts = [...byEntry.values()].slice(0, MAX_ENTRIES).map((chunks) => {
    const text = chunks.map((k) => k.text).join("\n");
    let focus = chunks.flatMap((k) => k.focus ?? []);
    let intent = chunks.find((k) => k.intent)?.intent ?? null;
    if (!focus.length) {
      // Chunks given without a match (an entry the customer picked): match the question here.
      const q = analyze(a.question, vocabulary([text, chunks[0]!.title]));
      focus = q.concepts.map((c) => ({ alts: c.alts, strong: c.strong, common: c.common }));
      intent = q.intent;
    }
    return answeringSentences(text, focus, intent, a.question).join(" ");
  });
  // The fact is quoted as written, so numbers, times and names stay exact; when it is written in the
  // other language, a lead-in in the customer's language opens the reply.
  const other = parts.some((p) => detectLanguage(p, a.language) !== a.language);
  return (other ? `${PHRASES[a.language].quotedOther}\n` : "") + parts.join("\n\n");
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
