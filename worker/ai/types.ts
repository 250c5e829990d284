// One interface for every model: answer(context) → { text, confident, usage }.
import type { BotSettings } from "./settings";
import type { RetrievedChunk } from "./knowledge";
import type { Language } from "./text";

export interface Turn {
  role: "customer" | "assistant";
  text: string;
}

export interface AnswerContext {
  language: Language;
  persona: BotSettings["persona"];
  /** The customer's unanswered messages, joined. */
  question: string;
  /** Only what retrieval found; the model must answer from this alone. */
  knowledge: RetrievedChunk[];
  contact: { name: string | null; phone: string; fields: Record<string, unknown> };
  summary: string | null;
  /** The last turns before the question, oldest first. */
  recentTurns: Turn[];
}

export interface Usage {
  inputTokens: number;
  outputTokens: number;
}

export interface AnswerResult {
  text: string;
  /** False when the model could not answer from the knowledge. */
  confident: boolean;
  usage: Usage;
}

export interface AiProvider {
  readonly name: "builtin" | "workers-ai" | "openai";
  readonly model: string;
  answer(context: AnswerContext, signal: AbortSignal): Promise<AnswerResult>;
  summarize(previous: string | null, turns: Turn[], language: Language, signal: AbortSignal): Promise<{ summary: string; usage: Usage }>;
}

export class ProviderError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "ProviderError";
  }
}

/** Rough token count for providers that report none (about 4 characters a token). */
export const approxTokens = (text: string) => Math.ceil(text.length / 4);
