// Bindings and configuration. Vars and secrets are validated with one zod
// schema; production refuses to serve with an insecure configuration.
import { z } from "zod";
import { parseFaultRates } from "./lib/faults";
import type { RateLimiterDO } from "./limits/rate-limiter-do";
import type { ConversationDO } from "./conversations/conversation-do";
import type { RealtimeDO } from "./realtime/realtime-do";
import type { CampaignPacerDO } from "./campaigns/pacer-do";

export interface Env {
  DB: D1Database;
  RATE_LIMITER: DurableObjectNamespace<RateLimiterDO>;
  CONVERSATIONS: DurableObjectNamespace<ConversationDO>;
  REALTIME: DurableObjectNamespace<RealtimeDO>;
  CAMPAIGN_PACER: DurableObjectNamespace<CampaignPacerDO>;
  INBOUND_QUEUE: Queue<unknown>;
  EVENTS_QUEUE: Queue<unknown>;
  OUTBOUND_QUEUE: Queue<unknown>;
  WEBHOOK_DELIVERIES_QUEUE: Queue<unknown>;
  IMPORTS_QUEUE: Queue<unknown>;
  /** Media files (customers' and uploads). */
  MEDIA: R2Bucket;
  MEDIA_QUEUE: Queue<unknown>;
  /** Workers rate limiting: webhook requests that failed verification, per client address. */
  WEBHOOK_FLOOD?: RateLimit;
  ASSETS?: Fetcher;
  AI?: Ai;
  /** Knowledge embeddings (optional): used only with KNOWLEDGE_EMBEDDINGS=on and the AI binding. */
  VECTORIZE?: Vectorize;

  ENVIRONMENT?: string;
  PUBLIC_URL?: string;
  ENCRYPTION_KEY?: string;
  /** Previous encryption key, still accepted for decryption during a rotation. */
  ENCRYPTION_KEY_PREVIOUS?: string;
  ENCRYPTION_KEY_VERSION?: string;
  SENTRY_DSN?: string;
  WHATSAPP_GRAPH_API_URL?: string;
  META_APP_SECRET?: string;
  META_VERIFY_TOKEN?: string;
  STALE_MESSAGE_SECONDS?: string;
  WHATSAPP_NUMBER_MPS?: string;
  WAHA_SENDS_PER_MINUTE?: string;
  AI_PROVIDER?: string;
  AI_MODEL?: string;
  KNOWLEDGE_EMBEDDINGS?: string;
  EMBEDDING_MODEL?: string;
  EMBEDDING_MIN_SCORE?: string;
  LLM_BASE_URL?: string;
  LLM_API_KEY?: string;
  LLM_MODEL?: string;
  DEMO_SEED?: string;
  SESSION_TTL_HOURS?: string;
  RELEASE?: string;
  WEBHOOK_AUTO_DISABLE_DAYS?: string;
  /** Test-only fault injection (worker/lib/faults.ts); production refuses to start with it set. */
  FAULT_INJECTION?: string;
  MEDIA_RETENTION_DAYS?: string;
  LLM_VISION_MODEL?: string;
  LLM_TRANSCRIPTION_MODEL?: string;
  AI_VISION_MODEL?: string;
  AI_TRANSCRIPTION_MODEL?: string;
  EMAIL_API_URL?: string;
  EMAIL_API_KEY?: string;
  EMAIL_FROM?: string;
}

const bool = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((v) => v === "true" || v === "1");

const url = z.url({ protocol: /^https?$/ });

export const configSchema = z.object({
  ENVIRONMENT: z.enum(["development", "test", "production"]).default("development"),
  PUBLIC_URL: url.default("http://127.0.0.1:8787"),
  ENCRYPTION_KEY: z.string().optional(),
  ENCRYPTION_KEY_PREVIOUS: z.string().optional(),
  ENCRYPTION_KEY_VERSION: z.coerce.number().int().min(1).max(1000).default(1),
  SENTRY_DSN: z.string().optional(),
  WHATSAPP_GRAPH_API_URL: url.default("https://graph.facebook.com/v25.0"),
  META_APP_SECRET: z.string().optional(),
  META_VERIFY_TOKEN: z.string().optional(),
  /** Inbound messages older than this (by provider timestamp) are stored but never auto-answered. */
  STALE_MESSAGE_SECONDS: z.coerce.number().int().min(60).max(7 * 24 * 3600).default(3600),
  /** Messages per second per business number (Meta's default tier is 80; upgraded numbers get 1000). */
  WHATSAPP_NUMBER_MPS: z.coerce.number().int().min(1).max(1000).default(80),
  /** Messages a minute per WAHA session (WhatsApp Web bans numbers that send at bulk speed). */
  WAHA_SENDS_PER_MINUTE: z.coerce.number().int().min(1).max(600).default(12),
  AI_PROVIDER: z.enum(["builtin", "workers-ai", "openai"]).default("builtin"),
  /** `@cf/meta/llama-3.1-8b-instruct` was retired on 30 May 2026; its `-fast` variant stays (same input and output). */
  AI_MODEL: z.string().default("@cf/meta/llama-3.1-8b-instruct-fast"),
  /** on: knowledge chunks are also embedded (Workers AI) into Vectorize and retrieved by similarity. */
  KNOWLEDGE_EMBEDDINGS: z.enum(["on", "off"]).default("off"),
  /** A multilingual embedding model: English and Indonesian questions find each other's entries. */
  EMBEDDING_MODEL: z.string().default("@cf/baai/bge-m3"),
  /** Cosine similarity a chunk needs to be used as a semantic match. */
  EMBEDDING_MIN_SCORE: z.coerce.number().min(0).max(1).default(0.75),
  LLM_BASE_URL: url.optional(),
  LLM_API_KEY: z.string().optional(),
  LLM_MODEL: z.string().optional(),
  DEMO_SEED: bool,
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(24 * 14),
  RELEASE: z.string().default("dev"),
  /** A webhook endpoint whose scheduled deliveries fail continuously this long is disabled; 0 never disables. */
  WEBHOOK_AUTO_DISABLE_DAYS: z.coerce.number().min(0).max(90).default(5),
  /** Test-only: JSON of fault point → rate (worker/lib/faults.ts). */
  FAULT_INJECTION: z.string().optional(),
  /** Media files older than this many days are deleted (the message keeps its description); 0 keeps them. */
  MEDIA_RETENTION_DAYS: z.coerce.number().int().min(0).max(3650).default(365),
  /** OpenAI-compatible models for photos and voice notes; without them media is acknowledged and handed to a human. */
  LLM_VISION_MODEL: z.string().optional(),
  LLM_TRANSCRIPTION_MODEL: z.string().optional(),
  /** Workers AI models for photos and voice notes (AI_PROVIDER=workers-ai). */
  AI_VISION_MODEL: z.string().default("@cf/meta/llama-3.2-11b-vision-instruct"),
  AI_TRANSCRIPTION_MODEL: z.string().default("@cf/openai/whisper-large-v3-turbo"),
  /** HTTP email API (Resend-style: POST { from, to, subject, text }, Bearer key); without it emails stay in the outbox. */
  EMAIL_API_URL: url.optional(),
  EMAIL_API_KEY: z.string().optional(),
  /** Sender, e.g. "Parley <alerts@example.com>". */
  EMAIL_FROM: z.string().max(320).optional(),
});

export type Config = z.infer<typeof configSchema> & {
  /** Encryption keys by version; the current one is ENCRYPTION_KEY_VERSION. */
  encryptionKeys: Record<number, string>;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration: ${problems.join("; ")}`);
    this.name = "ConfigError";
  }
}

// Used only outside production, so local runs need no secrets at all.
const DEVELOPMENT_ENCRYPTION_KEY = "parley-development-only-encryption-key-0000";

function isLocalHost(hostname: string): boolean {
  // URL() lowercases and normalises (127.1 → 127.0.0.1, ::ffff:127.0.0.1 → ::ffff:7f00:1);
  // a trailing dot is the same host as an FQDN.
  const host = hostname.replace(/^\[|\]$/g, "").replace(/\.$/, "");
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  if (/^127\./.test(host) || host === "0.0.0.0" || host === "::1" || host === "::") return true;
  const mapped = /^::ffff:([0-9a-f]{1,4}):[0-9a-f]{1,4}$/.exec(host);
  return mapped !== null && [0x7f, 0].includes(parseInt(mapped[1]!, 16) >> 8);
}

function isLocalUrl(value: unknown): boolean {
  if (typeof value !== "string" || !value) return false;
  try {
    return isLocalHost(new URL(value).hostname);
  } catch {
    return false;
  }
}

/** What makes a production configuration unsafe, judged on the raw values so malformed ones do not hide the rest. */
function productionProblems(raw: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const key = typeof raw.ENCRYPTION_KEY === "string" ? raw.ENCRYPTION_KEY : "";
  if (!key) problems.push("ENCRYPTION_KEY is required in production");
  else if (new TextEncoder().encode(key).length < 32) problems.push("ENCRYPTION_KEY must be at least 32 bytes");
  if (!raw.PUBLIC_URL) problems.push("PUBLIC_URL is required in production");
  for (const name of ["PUBLIC_URL", "WHATSAPP_GRAPH_API_URL", "LLM_BASE_URL", "EMAIL_API_URL"]) {
    if (isLocalUrl(raw[name])) problems.push(`${name} must not point at localhost in production`);
  }
  if (raw.DEMO_SEED === "true" || raw.DEMO_SEED === "1") problems.push("DEMO_SEED must be off in production");
  if (raw.FAULT_INJECTION !== undefined) problems.push("FAULT_INJECTION is a test-only switch and must not be set in production");
  return problems;
}

/** Parse vars and secrets. Throws ConfigError listing every problem. */
export function parseConfig(env: Env): Config {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(configSchema.shape)) {
    const v = (env as unknown as Record<string, unknown>)[key];
    if (typeof v === "string" && v !== "") raw[key] = v;
  }
  const parsed = configSchema.safeParse(raw);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  if (raw.ENVIRONMENT === "production") problems.push(...productionProblems(raw));
  if (!parsed.success) throw new ConfigError(problems);
  const cfg = parsed.data;
  if (cfg.AI_PROVIDER === "openai" && !cfg.LLM_BASE_URL) problems.push("LLM_BASE_URL is required when AI_PROVIDER=openai");
  if (cfg.EMAIL_API_URL && (!cfg.EMAIL_API_KEY || !cfg.EMAIL_FROM)) problems.push("EMAIL_API_URL needs EMAIL_API_KEY and EMAIL_FROM");
  if (cfg.KNOWLEDGE_EMBEDDINGS === "on" && (!env.AI || !env.VECTORIZE)) problems.push("KNOWLEDGE_EMBEDDINGS=on needs the AI and VECTORIZE bindings");
  if (cfg.FAULT_INJECTION && cfg.ENVIRONMENT !== "production") problems.push(...parseFaultRates(cfg.FAULT_INJECTION).problems);
  if (problems.length) throw new ConfigError(problems);

  const current = cfg.ENCRYPTION_KEY ?? DEVELOPMENT_ENCRYPTION_KEY;
  const encryptionKeys: Record<number, string> = { [cfg.ENCRYPTION_KEY_VERSION]: current };
  if (cfg.ENCRYPTION_KEY_PREVIOUS) encryptionKeys[cfg.ENCRYPTION_KEY_VERSION - 1] = cfg.ENCRYPTION_KEY_PREVIOUS;
  return { ...cfg, encryptionKeys };
}

// Parsed once per isolate: the zod parse is not free and the values do not
// change while an isolate lives. Keyed by the env object and, should the
// runtime hand out a fresh one, by the values themselves.
const configByEnv = new WeakMap<Env, Config>();
const configByValues = new Map<string, Config>();

/** parseConfig, cached. Throws ConfigError like parseConfig (nothing invalid is cached). */
export function configFor(env: Env): Config {
  let cfg = configByEnv.get(env);
  if (cfg) return cfg;
  const record = env as unknown as Record<string, unknown>;
  const fingerprint = JSON.stringify([Object.keys(configSchema.shape).map((k) => record[k] ?? null), !!env.AI, !!env.VECTORIZE]);
  cfg = configByValues.get(fingerprint);
  if (!cfg) {
    cfg = parseConfig(env);
    if (configByValues.size >= 16) configByValues.clear();
    configByValues.set(fingerprint, cfg);
  }
  configByEnv.set(env, cfg);
  return cfg;
}
