// Any OpenAI-compatible /chat/completions endpoint: OpenAI, Groq, xAI,
// Gemini's compatible endpoint, Cloudflare AI Gateway, a local Ollama.
import type { Fetcher } from "../../channels/types";
import { answerMessages, isNoAnswer, summaryMessages, type ChatMessage } from "../prompt";
import { ProviderError, approxTokens, type AiProvider, type Usage } from "../types";

export interface OpenAiConfig {
  baseUrl: string;
  apiKey?: string;
  model: string;
}

interface Completion {
  choices?: { message?: { content?: string | null } }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number };
  error?: { message?: string };
}

async function complete(cfg: OpenAiConfig, fetcher: Fetcher, messages: ChatMessage[], signal: AbortSignal, maxTokens: number): Promise<{ text: string; usage: Usage }> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (cfg.apiKey) headers.authorization = `Bearer ${cfg.apiKey}`;
  let res: Response;
  try {
    res = await fetcher(`${cfg.baseUrl.replace(/\/$/, "")}/chat/completions`, {
      method: "POST",
      headers,
      body: JSON.stringify({ model: cfg.model, messages, temperature: 0.2, max_tokens: maxTokens }),
      signal,
    });
  } catch (err) {
    throw new ProviderError(signal.aborted ? "timed out" : `network error: ${(err as Error).message}`);
  }
  const body = (await res.json().catch(() => null)) as Completion | null;
  if (!res.ok) throw new ProviderError(`HTTP ${res.status}: ${body?.error?.message ?? "no error message"}`, res.status);
  const text = body?.choices?.[0]?.message?.content;
  if (typeof text !== "string") throw new ProviderError("the response has no choices[0].message.content");
  const prompt = messages.map((m) => m.content).join("\n");
  return {
    text: text.trim(),
    usage: { inputTokens: body?.usage?.prompt_tokens ?? approxTokens(prompt), outputTokens: body?.usage?.completion_tokens ?? approxTokens(text) },
  };
}

export function openAiProvider(cfg: OpenAiConfig, fetcher: Fetcher = fetch): AiProvider {
  return {
    name: "openai",
    model: cfg.model,
    async answer(a, signal) {
      const { text, usage } = await complete(cfg, fetcher, answerMessages(a), signal, 400);
      return isNoAnswer(text) ? { text: "", confident: false, usage } : { text, confident: true, usage };
    },
    async summarize(previous, turns, _language, signal) {
      const { text, usage } = await complete(cfg, fetcher, summaryMessages(previous, turns), signal, 300);
      return { summary: text, usage };
    },
  };
}
