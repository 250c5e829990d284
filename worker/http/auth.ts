// Authentication (session cookie or API key), CSRF origin checks for cookie
// requests, tenant resolution and role checks.
import type { Context, MiddlewareHandler } from "hono";
import type { Role } from "../db/schema";
import { authenticateApiKey } from "../tenancy/api-keys";
import { listUserTenants, membershipRole } from "../tenancy/accounts";
import { findSession, maybeExtendSession } from "../tenancy/sessions";
import { isTenantDeleted } from "../tenancy/tenant-deletion";
import { AppError, forbidden } from "./errors";
import { claimIdempotencyKey, claimsIdempotencyKey } from "./idempotency";
import { enforceLimit } from "./rate-limit";
import { readSessionCookie, writeSessionCookie } from "./session-cookie";
import type { AppEnv } from "./types";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Origins allowed to send cookie-authenticated mutations: this host and PUBLIC_URL. */
export function originAllowed(c: Context<AppEnv>): boolean {
  const origin = c.req.header("origin");
  if (!origin) return false;
  const own = new URL(c.req.url).origin;
  const pub = new URL(c.get("ctx").config.PUBLIC_URL).origin;
  return origin === own || origin === pub;
}

/** For routes that start a session (login, signup): refuse a foreign Origin if one is sent. */
export const rejectForeignOrigin: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.req.header("origin") && !originAllowed(c)) throw forbidden("Cross-site request refused: the Origin header does not match this site");
  await next();
};

function bearerToken(c: Context<AppEnv>): string | null {
  const h = c.req.header("authorization");
  if (!h) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  if (!m) throw new AppError("unauthorized", "Authorization header must be 'Bearer <api key>'");
  return m[1]!;
}

/** Sets c.var.auth when the request carries valid credentials; never rejects anonymous requests. */
export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const ctx = c.get("ctx");
  const bearer = bearerToken(c);
  if (bearer) {
    const key = await authenticateApiKey(ctx, bearer);
    if (!key) throw new AppError("unauthorized", "Invalid or revoked API key");
    c.set("auth", { actor: { type: "api_key", id: key.id }, userId: key.createdBy, sessionId: null, via: "api_key", apiKeyTenantId: key.tenantId, apiKeyRole: key.role });
    return next();
  }
  const token = readSessionCookie(c);
  if (token) {
    const session = await findSession(ctx, token);
    if (session) {
      if (!SAFE_METHODS.has(c.req.method) && !originAllowed(c)) {
        throw forbidden("Cross-site request refused: the Origin header does not match this site");
      }
      c.set("auth", { actor: { type: "user", id: session.userId }, userId: session.userId, sessionId: session.id, via: "session", sessionTenantId: session.tenantId });
      const extended = await maybeExtendSession(ctx, session);
      if (extended) writeSessionCookie(c, token, extended);
    }
  }
  return next();
};

export const requireAuth: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.get("auth")) throw new AppError("unauthorized", "Log in or send an API key");
  await next();
};

/**
 * Resolve the tenant (API key's tenant, X-Tenant-Id, the session's current
 * tenant, or the user's first) and the caller's role; optionally require roles.
 */
export function requireTenant(...roles: Role[]): MiddlewareHandler<AppEnv> {
  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    const auth = c.get("auth");
    if (!auth) throw new AppError("unauthorized", "Log in or send an API key");
    const ctx = c.get("ctx");
    const requested = c.req.header("x-tenant-id") || null;
    let tenantId: string | null;
    let role: Role | null;
    if (auth.via === "api_key") {
      tenantId = auth.apiKeyTenantId!;
      if (requested && requested !== tenantId) throw forbidden("This API key belongs to another tenant");
      role = auth.apiKeyRole ?? "admin";
    } else {
      tenantId = requested ?? auth.sessionTenantId ?? null;
      role = tenantId ? await membershipRole(ctx, auth.userId!, tenantId) : null;
      if (!role && !requested) {
        const first = (await listUserTenants(ctx, auth.userId!))[0];
        tenantId = first?.id ?? null;
        role = first?.role ?? null;
      }
      if (requested && !role && (await isTenantDeleted(ctx, requested))) throw new AppError("not_found", "This workspace has been deleted");
      if (!tenantId || !role) throw forbidden(requested ? "You are not a member of that tenant" : "You are not a member of any tenant");
    }
    if (roles.length && !roles.includes(role)) {
      throw forbidden(`This needs the ${roles.join(" or ")} role; you are ${role === "agent" ? "an" : "a"} ${role}`);
    }
    c.set("tenantCtx", { ...ctx, tenantId, role, actor: auth.actor, userId: auth.userId });
    await enforceLimit(c, "api", auth.actor.id ?? "anonymous");
    const answered = await claimIdempotencyKey(c);
    if (answered) return answered;
    await next();
  };
  claimsIdempotencyKey.add(middleware);
  return middleware;
}

/** Role check on top of requireTenant for individual routes. */
export function requireRole(...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const role = c.get("tenantCtx").role;
    if (!roles.includes(role)) throw forbidden(`This needs the ${roles.join(" or ")} role; you are ${role === "agent" ? "an" : "a"} ${role}`);
    await next();
  };
}
