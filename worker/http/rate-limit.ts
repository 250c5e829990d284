// Maps RateLimiterDO answers to HTTP: RateLimit-* headers always, 429 with
// Retry-After when refused.
import type { Context, MiddlewareHandler } from "hono";
import { hitLimit } from "../limits/client";
import type { PolicyName, RateLimitResult } from "../limits/policies";
import { errorFields } from "../lib/logger";
import { AppError } from "./errors";
import type { AppEnv } from "./types";

export function rateLimitHeaders(r: RateLimitResult, now = Date.now()): Record<string, string> {
  const resetSeconds = Math.max(0, Math.ceil((r.resetAt - now) / 1000));
  const headers: Record<string, string> = {
    "RateLimit-Limit": String(r.limit),
    "RateLimit-Remaining": String(r.remaining),
    "RateLimit-Reset": String(resetSeconds),
  };
  if (!r.allowed) headers["Retry-After"] = String(Math.max(1, resetSeconds));
  return headers;
}

export function clientIp(c: Context): string {
  return c.req.header("cf-connecting-ip") ?? c.req.header("x-real-ip") ?? "local";
}

/**
 * Count a hit; throw a 429 AppError when refused. The limiter failing open is a
 * deliberate choice: an unreachable limiter must not take the API down with it.
 */
const inWords = (seconds: number) =>
  seconds < 90 ? `${Math.max(1, seconds)} seconds` : seconds < 5400 ? `${Math.round(seconds / 60)} minutes` : `${Math.round(seconds / 3600)} hours`;

const REFUSALS: Partial<Record<PolicyName, string>> = {
  loginEmail: "Too many failed logins for this email address.",
  loginIp: "Too many login attempts from this network.",
  signupIp: "Too many sign-ups from this network.",
  resetEmail: "Too many password reset requests for this email address.",
  resetIp: "Too many password reset requests from this network.",
  passwordChange: "Too many password change attempts.",
  clientErrors: "Too many error reports from this workspace.",
  clientErrorsAnonymous: "Too many error reports from this network.",
};

/** `cost: 0` only checks the limit without counting this request. */
export async function enforceLimit(c: Context<AppEnv>, policy: PolicyName, key: string, opts: { cost?: number } = {}): Promise<RateLimitResult | null> {
  let result: RateLimitResult;
  try {
    result = await hitLimit(c.env, policy, key, opts.cost ?? 1);
  } catch (err) {
    c.get("ctx").logger.error("rate limiter unavailable", { policy, ...errorFields(err) });
    return null;
  }
  const headers = rateLimitHeaders(result);
  for (const [k, v] of Object.entries(headers)) c.header(k, v);
  c.set("rateLimitHeaders", headers);
  if (!result.allowed) {
    const wait = inWords(Number(headers["Retry-After"]));
    throw new AppError("rate_limited", `${REFUSALS[policy] ?? "Too many requests."} Try again in ${wait}.`, { headers });
  }
  return result;
}

export function rateLimit(policy: PolicyName, key: (c: Context<AppEnv>) => string | null): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const k = key(c);
    if (k) await enforceLimit(c, policy, k);
    await next();
  };
}
