import type { Role } from "../db/schema";
import type { Env } from "../env";
import type { Actor, Ctx, TenantCtx } from "../lib/context";

export interface AuthInfo {
  actor: Actor;
  userId: string | null;
  sessionId: string | null;
  via: "session" | "api_key";
  apiKeyTenantId?: string;
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
  };
};
