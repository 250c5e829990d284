// What the assistant makes of a customer's file. Voice notes are transcribed
// (Workers AI speech-to-text or an OpenAI-compatible /audio/transcriptions) and
// the transcript is stored on the message and answered like text. Photos are
// described by a vision model (Workers AI or an OpenAI-compatible model that
// takes images); the description is what retrieval and the grounded answer
// work from, so nothing about the photo is invented. Everything else —
// documents, video, stickers, or any file without a capable model — gets a
// polite acknowledgement and a handoff with reason `media`. Each use of a model
// costs credits like an answer and is refunded when it fails.
import { and, eq, sql } from "drizzle-orm";
import { messages } from "../db/schema";
import type { Ctx } from "../lib/context";
import { errorFields } from "../lib/logger";
import type { Fetcher } from "../channels/types";
import { refundCredits, reserveCredits } from "../ai/credits";
import type { BotSettings, EffectiveBotSettings } from "../ai/settings";
import type { Language } from "../ai/text";
import { ProviderError, approxTokens, type Usage } from "../ai/types";
import { withTimeout } from "../ai/router";
import { findMedia, processMediaJob } from "./store";

export interface MediaInput {
  bytes: ArrayBuffer;
  mimeType: string;
  fileName: string;
}

export interface VisionModel {
  readonly name: string;
  describe(image: MediaInput, language: Language, signal: AbortSignal): Promise<{ text: string; usage: Usage }>;
}

export interface TranscriptionModel {
  readonly name: string;
  transcribe(audio: MediaInput, signal: AbortSignal): Promise<{ text: string; usage: Usage }>;
}

export interface MediaModels {
  vision: VisionModel | null;
  transcription: TranscriptionModel | null;
}

export const MEDIA_PHRASES: Record<Language, { received: string }> = {
  en: { received: "Thanks, we've received your message. A colleague will look at it and reply here shortly." },
  id: { received: "Terima kasih, pesan Anda sudah kami terima. Rekan kami akan memeriksanya dan membalas di sini sebentar lagi." },
};

const VISION_PROMPT: Record<Language, string> = {
  en: "Describe what this photo shows in one or two plain sentences, as a customer's question to a business would read. State only what is visible: no guesses about prices, places, brands or anything not shown. If there is readable text in the photo, quote it.",
  id: "Jelaskan isi foto ini dalam satu atau dua kalimat sederhana, seperti pertanyaan pelanggan kepada sebuah bisnis. Sebutkan hanya yang terlihat: jangan menebak harga, tempat, merek atau apa pun yang tidak tampak. Jika ada teks yang terbaca di foto, kutip teks itu.",
};

function base64(bytes: ArrayBuffer): string {
  const view = new Uint8Array(bytes);
  let out = "";
  for (let i = 0; i < view.length; i += 0x8000) out += String.fromCharCode(...view.subarray(i, i + 0x8000));
  return btoa(out);
}

/** OpenAI-compatible: a vision model through /chat/completions (image as a data URL), speech through /audio/transcriptions. */
export function openAiMediaModels(cfg: { baseUrl: string; apiKey?: string; visionModel?: string; transcriptionModel?: string }, fetcher: Fetcher): MediaModels {
  const base = cfg.baseUrl.replace(/\/$/, "");
  const auth: Record<string, string> = cfg.apiKey ? { authorization: `Bearer ${cfg.apiKey}` } : {};
  const call = async (path: string, init: RequestInit, signal: AbortSignal) => {
    let res: Response;
    try {
      res = await fetcher(`${base}${path}`, { ...init, signal });
    } catch (err) {
      throw new ProviderError(signal.aborted ? "timed out" : `network error: ${(err as Error).message}`);
    }
    const body = (await res.json().catch(() => null)) as Record<string, any> | null;
    if (!res.ok) throw new ProviderError(`HTTP ${res.status}: ${body?.error?.message ?? "no error message"}`, res.status);
    return body;
  };
  return {
    vision: cfg.visionModel
      ? {
          name: `openai:${cfg.visionModel}`,
          async describe(image, language, signal) {
            const body = await call(
              "/chat/completions",
              {
                method: "POST",
                headers: { ...auth, "content-type": "application/json" },
                body: JSON.stringify({
                  model: cfg.visionModel,
                  temperature: 0,
                  max_tokens: 200,
                  messages: [
                    {
                      role: "user",
                      content: [
                        { type: "text", text: VISION_PROMPT[language] },
                        { type: "image_url", image_url: { url: `data:${image.mimeType};base64,${base64(image.bytes)}` } },
                      ],
                    },
                  ],
                }),
              },
              signal,
            );
            const text = body?.choices?.[0]?.message?.content;
            if (typeof text !== "string" || !text.trim()) throw new ProviderError("the vision model returned no description");
            return { text: text.trim(), usage: { inputTokens: body?.usage?.prompt_tokens ?? 0, outputTokens: body?.usage?.completion_tokens ?? approxTokens(text) } };
          },
        }
      : null,
    transcription: cfg.transcriptionModel
      ? {
          name: `openai:${cfg.transcriptionModel}`,
          async transcribe(audio, signal) {
            const form = new FormData();
            form.set("model", cfg.transcriptionModel!);
            form.set("file", new Blob([audio.bytes], { type: audio.mimeType }), audio.fileName);
            const body = await call("/audio/transcriptions", { method: "POST", headers: auth, body: form }, signal);
            const text = body?.text;
            if (typeof text !== "string") throw new ProviderError("the transcription has no text");
            return { text: text.trim(), usage: { inputTokens: 0, outputTokens: approxTokens(text) } };
          },
        }
      : null,
  };
}

interface WorkersAi {
  run(model: string, input: Record<string, unknown>, options?: Record<string, unknown>): Promise<unknown>;
}

/** Workers AI: a vision model (image as bytes) and Whisper (audio as base64). */
export function workersAiMediaModels(ai: WorkersAi, cfg: { visionModel: string; transcriptionModel: string }): MediaModels {
  return {
    vision: {
      name: `workers-ai:${cfg.visionModel}`,
      async describe(image, language) {
        const out = (await ai.run(cfg.visionModel, {
          messages: [{ role: "user", content: VISION_PROMPT[language] }],
          image: [...new Uint8Array(image.bytes)],
          max_tokens: 200,
        })) as { response?: string };
        if (!out?.response?.trim()) throw new ProviderError("the vision model returned no description");
        return { text: out.response.trim(), usage: { inputTokens: 0, outputTokens: approxTokens(out.response) } };
      },
    },
    transcription: {
      name: `workers-ai:${cfg.transcriptionModel}`,
      async transcribe(audio) {
        const out = (await ai.run(cfg.transcriptionModel, { audio: base64(audio.bytes) })) as { text?: string };
        if (typeof out?.text !== "string") throw new ProviderError("the transcription has no text");
        return { text: out.text.trim(), usage: { inputTokens: 0, outputTokens: approxTokens(out.text) } };
      },
    },
  };
}

/** The models of the tenant's provider; the built-in provider (and an unconfigured one) has none. */
export function selectMediaModels(ctx: Ctx, settings: BotSettings, fetcher: Fetcher = fetch): MediaModels {
  const name = settings.provider.name === "default" ? ctx.config.AI_PROVIDER : settings.provider.name;
  if (name === "workers-ai" && ctx.env.AI) {
    return workersAiMediaModels(ctx.env.AI as unknown as WorkersAi, { visionModel: ctx.config.AI_VISION_MODEL, transcriptionModel: ctx.config.AI_TRANSCRIPTION_MODEL });
  }
  if (name === "openai" && ctx.config.LLM_BASE_URL) {
    return openAiMediaModels(
      { baseUrl: ctx.config.LLM_BASE_URL, apiKey: ctx.config.LLM_API_KEY, visionModel: ctx.config.LLM_VISION_MODEL, transcriptionModel: ctx.config.LLM_TRANSCRIPTION_MODEL },
      fetcher,
    );
  }
  return { vision: null, transcription: null };
}

type MessageRow = typeof messages.$inferSelect;

export interface MediaUnderstanding {
  /** Media messages now readable as text (transcript or description), in their original order. */
  understood: MessageRow[];
  /** Media messages nobody can read automatically: the conversation goes to a human. */
  unreadable: MessageRow[];
  /** Credits spent on the understood ones (already settled: refunded on failure). */
  credits: { cost: number; references: string[] };
}

/** The file's bytes, downloading it now when the queue has not got to it yet. */
async function bytesOf(ctx: Ctx, tenantId: string, mediaId: string, fetcher: Fetcher): Promise<MediaInput | null> {
  let row = await findMedia(ctx, tenantId, mediaId);
  if (row?.status === "pending") {
    await processMediaJob(ctx, { tenantId, mediaId }, 1, fetcher);
    row = await findMedia(ctx, tenantId, mediaId);
  }
  if (!row || row.status !== "stored" || !row.r2Key) return null;
  const object = await ctx.env.MEDIA.get(row.r2Key);
  if (!object) return null;
  return { bytes: await object.arrayBuffer(), mimeType: row.mimeType ?? "application/octet-stream", fileName: row.fileName ?? `${row.type}.${(row.mimeType ?? "").split("/")[1] ?? "bin"}` };
}

/**
 * Read the burst's media messages without text. Voice notes (audio) need a
 * transcription model, photos (image) a vision model; the rest is unreadable.
 */
export async function understandMedia(
  ctx: Ctx,
  settings: EffectiveBotSettings,
  tenantId: string,
  rows: MessageRow[],
  language: Language,
  fetcher: Fetcher = fetch,
): Promise<MediaUnderstanding> {
  const models = selectMediaModels(ctx, settings, fetcher);
  const result: MediaUnderstanding = { understood: [], unreadable: [], credits: { cost: 0, references: [] } };
  for (const m of rows) {
    const kind = m.type === "audio" ? "voice" : m.type === "image" ? "photo" : null;
    const model = kind === "voice" ? models.transcription : kind === "photo" ? models.vision : null;
    if (!model || !m.mediaId || !kind) {
      result.unreadable.push(m);
      continue;
    }
    const file = await bytesOf(ctx, tenantId, m.mediaId, fetcher);
    if (!file) {
      result.unreadable.push(m);
      continue;
    }
    const reservation = await reserveCredits(ctx, tenantId, settings.creditCostPerAnswer, { lowThreshold: settings.lowCreditThreshold });
    if (!reservation.ok) {
      result.unreadable.push(m);
      continue;
    }
    try {
      const out = await withTimeout(settings.provider.timeoutMs, (signal) =>
        kind === "voice" ? (model as TranscriptionModel).transcribe(file, signal) : (model as VisionModel).describe(file, language, signal),
      );
      if (!out.text) throw new ProviderError("nothing was recognised");
      const now = ctx.now();
      if (kind === "voice") {
        await ctx.db.update(messages).set({ transcript: out.text, updatedAt: now }).where(and(eq(messages.id, m.id), eq(messages.tenantId, tenantId)));
        result.understood.push({ ...m, transcript: out.text, text: out.text });
      } else {
        await ctx.db
          .update(messages)
          .set({ payload: sql`json_set(coalesce(${messages.payload}, '{}'), '$.description', ${out.text})`, updatedAt: now })
          .where(and(eq(messages.id, m.id), eq(messages.tenantId, tenantId)));
        // The description alone is the question: retrieval and the grounded answer work from what is visible.
        result.understood.push({ ...m, text: out.text });
      }
      result.credits.cost += reservation.cost;
      result.credits.references.push(reservation.reference);
      ctx.logger.info("media understood", { messageId: m.id, kind, model: model.name, usage: out.usage });
    } catch (err) {
      await refundCredits(ctx, tenantId, reservation, `media understanding failed: ${String(errorFields(err).error)}`);
      ctx.logger.warn("media understanding failed; a human takes over", { messageId: m.id, model: model.name, ...errorFields(err) });
      result.unreadable.push(m);
    }
  }
  return result;
}
