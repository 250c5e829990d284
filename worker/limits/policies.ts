// Named rate-limit policies. Keys are built by the caller (an IP, an email, a
// channel id…); each (policy, key) pair is counted by its own Durable Object.
import { z } from "zod";

export const policySchema = z.object({
  limit: z.number().int().min(1).max(1_000_000),
  windowMs: z.number().int().min(100).max(7 * 24 * 3600_000),
});
export type RateLimitPolicy = z.infer<typeof policySchema>;

export interface RateLimitResult {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Epoch milliseconds when the current window ends. */
  resetAt: number;
}

const MINUTE = 60_000;

export const POLICIES = {
  /** Failed and successful logins per email address. */
  loginEmail: { limit: 10, windowMs: 15 * MINUTE },
  /** Login attempts per client IP. */
  loginIp: { limit: 50, windowMs: 15 * MINUTE },
  /** Signups per client IP. */
  signupIp: { limit: 20, windowMs: 60 * MINUTE },
  /** Password-reset requests per email address, and per client IP. */
  resetEmail: { limit: 3, windowMs: 60 * MINUTE },
  resetIp: { limit: 20, windowMs: 60 * MINUTE },
  /** Password changes (current-password checks) per user. */
  passwordChange: { limit: 10, windowMs: 15 * MINUTE },
  /** Authenticated API calls per API key or user. */
  api: { limit: 1200, windowMs: MINUTE },
  /** Calendar feed fetches per feed (calendar apps poll it, from many addresses). */
  calendarFeed: { limit: 60, windowMs: MINUTE },
  /** Sandbox messages per tenant. */
  sandbox: { limit: 120, windowMs: MINUTE },
  /** Dashboard error reports per tenant (signed in), and per client IP on the sign-in pages. */
  clientErrors: { limit: 60, windowMs: 10 * MINUTE },
  clientErrorsAnonymous: { limit: 10, windowMs: 10 * MINUTE },
} satisfies Record<string, RateLimitPolicy>;

export type PolicyName = keyof typeof POLICIES;
