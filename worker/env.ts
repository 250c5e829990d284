// Bindings and configuration. Vars and secrets are validated with one zod
// schema; production refuses to serve with an insecure configuration.
import { z } from "zod";
import type { RateLimiterDO } from "./limits/rate-limiter-do";
import type { ConversationDO } from "./conversations/conversation-do";

export interface Env {
  DB: D1Database;
  RATE_LIMITER: DurableObjectNamespace<RateLimiterDO>;
  CONVERSATIONS: DurableObjectNamespace<ConversationDO>;
  INBOUND_QUEUE: Queue<unknown>;
  EVENTS_QUEUE: Queue<unknown>;
  ASSETS?: Fetcher;
  AI?: Ai;

  ENVIRONMENT?: string;
  PUBLIC_URL?: string;
  ENCRYPTION_KEY?: string;
  /** Previous encryption key, still accepted for decryption during a rotation. */
  ENCRYPTION_KEY_PREVIOUS?: string;
  ENCRYPTION_KEY_VERSION?: string;
  SENTRY_DSN?: string;
  WHATSAPP_GRAPH_API_URL?: string;
  META_APP_SECRET?: string;
  AI_PROVIDER?: string;
  AI_MODEL?: string;
  LLM_BASE_URL?: string;
  LLM_API_KEY?: string;
  LLM_MODEL?: string;
  DEMO_SEED?: string;
  SESSION_TTL_HOURS?: string;
  RELEASE?: string;
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
  WHATSAPP_GRAPH_API_URL: url.default("https://graph.facebook.com/v21.0"),
  META_APP_SECRET: z.string().optional(),
  AI_PROVIDER: z.enum(["builtin", "workers-ai", "openai"]).default("builtin"),
  AI_MODEL: z.string().default("@cf/meta/llama-3.1-8b-instruct"),
  LLM_BASE_URL: url.optional(),
  LLM_API_KEY: z.string().optional(),
  LLM_MODEL: z.string().optional(),
  DEMO_SEED: bool,
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(24 * 14),
  RELEASE: z.string().default("dev"),
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

function isLocalUrl(value: string | undefined): boolean {
  if (!value) return false;
  try {
    const host = new URL(value).hostname.replace(/^\[|\]$/g, "");
    return host === "localhost" || host.endsWith(".localhost") || host === "::1" || host === "0.0.0.0" || /^127\./.test(host);
  } catch {
    return false;
  }
}

/** Parse vars and secrets. Throws ConfigError listing every problem. */
export function parseConfig(env: Env): Config {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(configSchema.shape)) {
    const v = (env as unknown as Record<string, unknown>)[key];
    if (typeof v === "string" && v !== "") raw[key] = v;
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  }
  const cfg = parsed.data;
  const problems: string[] = [];
  if (cfg.ENVIRONMENT === "production") {
    if (!cfg.ENCRYPTION_KEY) problems.push("ENCRYPTION_KEY is required in production");
    else if (new TextEncoder().encode(cfg.ENCRYPTION_KEY).length < 32) problems.push("ENCRYPTION_KEY must be at least 32 bytes");
    if (!env.PUBLIC_URL) problems.push("PUBLIC_URL is required in production");
    else if (isLocalUrl(cfg.PUBLIC_URL)) problems.push("PUBLIC_URL must not point at localhost in production");
    if (isLocalUrl(cfg.WHATSAPP_GRAPH_API_URL)) problems.push("WHATSAPP_GRAPH_API_URL must not point at localhost in production");
    if (isLocalUrl(cfg.LLM_BASE_URL)) problems.push("LLM_BASE_URL must not point at localhost in production");
    if (cfg.DEMO_SEED) problems.push("DEMO_SEED must be off in production");
  }
  if (cfg.AI_PROVIDER === "openai" && !cfg.LLM_BASE_URL) problems.push("LLM_BASE_URL is required when AI_PROVIDER=openai");
  if (problems.length) throw new ConfigError(problems);

  const current = cfg.ENCRYPTION_KEY ?? DEVELOPMENT_ENCRYPTION_KEY;
  const encryptionKeys: Record<number, string> = { [cfg.ENCRYPTION_KEY_VERSION]: current };
  if (cfg.ENCRYPTION_KEY_PREVIOUS) encryptionKeys[cfg.ENCRYPTION_KEY_VERSION - 1] = cfg.ENCRYPTION_KEY_PREVIOUS;
  return { ...cfg, encryptionKeys };
}
