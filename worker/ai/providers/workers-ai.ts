// Workers AI through the AI binding (production only; it has no local simulator).
import { answerMessages, isNoAnswer, summaryMessages, type ChatMessage } from "../prompt";
import { ProviderError, approxTokens, type AiProvider, type Usage } from "../types";

interface AiBinding {
  run(model: string, input: unknown, options?: unknown): Promise<unknown>;
}

async function run(ai: AiBinding, model: string, messages: ChatMessage[], signal: AbortSignal, maxTokens: number): Promise<{ text: string; usage: Usage }> {
  let out: { response?: unknown; usage?: { prompt_tokens?: number; completion_tokens?: number } };
  try {
    const call = ai.run(model, { messages, max_tokens: maxTokens, temperature: 0.2 }) as Promise<typeof out>;
    out = await Promise.race([
      call,
      new Promise<never>((_, reject) => signal.addEventListener("abort", () => reject(new ProviderError("timed out")), { once: true })),
    ]);
  } catch (err) {
    throw err instanceof ProviderError ? err : new ProviderError(`Workers AI failed: ${(err as Error).message}`);
  }
  if (typeof out?.response !== "string") throw new ProviderError("Workers AI returned no response text");
  const prompt = messages.map((m) => m.content).join("\n");
  return {
    text: out.response.trim(),
    usage: { inputTokens: out.usage?.prompt_tokens ?? approxTokens(prompt), outputTokens: out.usage?.completion_tokens ?? approxTokens(out.response) },
  };
}

export function workersAiProvider(ai: AiBinding, model: string): AiProvider {
  return {
    name: "workers-ai",
    model,
    async answer(a, signal) {
      const { text, usage } = await run(ai, model, answerMessages(a), signal, 400);
      return isNoAnswer(text) ? { text: "", confident: false, usage } : { text, confident: true, usage };
    },
    async summarize(previous, turns, _language, signal) {
      const { text, usage } = await run(ai, model, summaryMessages(previous, turns), signal, 300);
      return { summary: text, usage };
    },
  };
}
