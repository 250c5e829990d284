import type { Role } from "../db/schema";
import type { Env } from "../env";
import type { Actor, Ctx, TenantCtx } from "../lib/context";
import type { IdempotencyState } from "./idempotency";

export interface AuthInfo {
  actor: Actor;
  userId: string | null;
  sessionId: string | null;
  via: "session" | "api_key";
  apiKeyTenantId?: string;
  /** The role an API key acts with (its creator's, capped at admin). */
  apiKeyRole?: Role;
  sessionTenantId?: string | null;
}

export interface TenantInfo {
  tenantId: string;
  role: Role;
}

export type AppEnv = {
  Bindings: Env;
  Variables: {
    requestId: string;
    ctx: Ctx;
    auth: AuthInfo | undefined;
    tenantCtx: TenantCtx;
    /** RateLimit-* headers of the last limit counted, for error responses too. */
    rateLimitHeaders: Record<string, string> | undefined;
    /** The Idempotency-Key of a POST that carries one. */
    idempotency: IdempotencyState | undefined;
  };
};
