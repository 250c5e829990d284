// Picks the provider (tenant setting over the platform default), runs it with a
// timeout, checks the answer is grounded, and falls back to the built-in
// provider on any error or timeout, recording why.
import type { Fetcher } from "../channels/types";
import type { Ctx } from "../lib/context";
import { errorFields } from "../lib/logger";
import { builtinProvider } from "./providers/builtin";
import { openAiProvider } from "./providers/openai";
import { workersAiProvider } from "./providers/workers-ai";
import type { BotSettings } from "./settings";
import { numbersIn } from "./text";
import type { AiProvider, AnswerContext, AnswerResult, Turn } from "./types";
import type { Language } from "./text";

export function selectProvider(ctx: Ctx, settings: BotSettings, fetcher: Fetcher = fetch): { provider: AiProvider; problem: string | null } {
  const name = settings.provider.name === "default" ? ctx.config.AI_PROVIDER : settings.provider.name;
  if (name === "workers-ai") {
    if (!ctx.env.AI) return { provider: builtinProvider, problem: "workers-ai selected but the AI binding is not configured" };
    return { provider: workersAiProvider(ctx.env.AI as never, settings.provider.model ?? ctx.config.AI_MODEL), problem: null };
  }
  if (name === "openai") {
    if (!ctx.config.LLM_BASE_URL) return { provider: builtinProvider, problem: "openai selected but LLM_BASE_URL is not set" };
    const model = settings.provider.model ?? ctx.config.LLM_MODEL ?? "gpt-4o-mini";
    return { provider: openAiProvider({ baseUrl: ctx.config.LLM_BASE_URL, apiKey: ctx.config.LLM_API_KEY, model }, fetcher), problem: null };
  }
  return { provider: builtinProvider, problem: null };
}

export interface RoutedAnswer extends AnswerResult {
  provider: string;
  model: string;
  /** Why the configured provider was not used (error, timeout, ungrounded answer). */
  fallbackReason: string | null;
}

/**
 * Numbers in the answer that the business did not state: only the retrieved
 * knowledge and the owner's persona settings count. A number the customer
 * typed ("confirm the price is 5"), or one from earlier turns or the summary,
 * is not a fact the answer may repeat as one.
 */
export function ungroundedNumbers(answer: string, a: AnswerContext): string[] {
  const given = new Set(numbersIn([...a.knowledge.map((k) => `${k.title} ${k.text}`), JSON.stringify(a.persona)].join("\n")));
  return numbersIn(answer).filter((n) => n.length > 0 && !given.has(n));
}

/** Runs fn with a signal that aborts after ms. */
export async function withTimeout<T>(ms: number, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  try {
    return await fn(controller.signal);
  } finally {
    clearTimeout(timer);
  }
}

export async function routeAnswer(ctx: Ctx, settings: BotSettings, a: AnswerContext, fetcher: Fetcher = fetch): Promise<RoutedAnswer> {
  const { provider, problem } = selectProvider(ctx, settings, fetcher);
  const fallback = async (reason: string): Promise<RoutedAnswer> => {
    const r = await builtinProvider.answer(a, new AbortController().signal);
    return { ...r, provider: "builtin", model: "builtin", fallbackReason: reason };
  };
  if (problem) return fallback(problem);
  if (provider.name === "builtin") return { ...(await builtinProvider.answer(a, new AbortController().signal)), provider: "builtin", model: "builtin", fallbackReason: null };
  try {
    const r = await withTimeout(settings.provider.timeoutMs, (signal) => provider.answer(a, signal));
    if (r.confident) {
      const invented = ungroundedNumbers(r.text, a);
      // A number the knowledge does not contain is an invented fact: do not send it.
      if (invented.length) return fallback(`${provider.name} answer had numbers not in the knowledge: ${invented.join(", ")}`);
    }
    return { ...r, provider: provider.name, model: provider.model, fallbackReason: null };
  } catch (err) {
    ctx.logger.warn("AI provider failed; using the built-in provider", { provider: provider.name, ...errorFields(err) });
    // The upstream text (which may quote prompts, keys or internal hosts) stays in the log:
    // the reason is stored on the message that the API and webhooks return.
    const timedOut = /abort|timed? ?out/i.test(`${(err as Error)?.name} ${String(errorFields(err).error)}`);
    return fallback(timedOut ? `${provider.name} timed out` : `${provider.name} returned an error`);
  }
}

export async function routeSummary(ctx: Ctx, settings: BotSettings, previous: string | null, turns: Turn[], language: Language, fetcher: Fetcher = fetch): Promise<string> {
  const { provider } = selectProvider(ctx, settings, fetcher);
  try {
    return (await withTimeout(settings.provider.timeoutMs, (signal) => provider.summarize(previous, turns, language, signal))).summary;
  } catch (err) {
    ctx.logger.warn("summary provider failed; using the extractive summary", errorFields(err));
    return (await builtinProvider.summarize(previous, turns, language, new AbortController().signal)).summary;
  }
}
