import type { Env } from "../env";
import { POLICIES, type PolicyName, type RateLimitPolicy, type RateLimitResult } from "./policies";

/** The limiter object `objectKey` names. */
const limiter = (env: Env, objectKey: string) => env.RATE_LIMITER.get(env.RATE_LIMITER.idFromName(objectKey));

/** Count one hit of `key` against a named policy (or an explicit one). */
export async function hitLimit(
  env: Env,
  policy: PolicyName | { name: string; policy: RateLimitPolicy },
  key: string,
  cost = 1,
): Promise<RateLimitResult> {
  const name = typeof policy === "string" ? policy : policy.name;
  const p = typeof policy === "string" ? POLICIES[policy] : policy.policy;
  const objectKey = `${name}:${key}`;
  return limiter(env, objectKey).limit(objectKey, p, cost);
}

/**
 * Count one hit of each check in one call to the object `objectKey` names: all
 * are counted, or none when one would go over (its result is returned). The
 * checks' keys are rows of that one object.
 */
export async function hitLimits(env: Env, objectKey: string, checks: Array<{ key: string; policy: RateLimitPolicy }>): Promise<RateLimitResult> {
  return limiter(env, objectKey).limitAll(checks);
}

/** Give back a hit counted by hitLimit (same policy name and key), if its window is still open. */
export async function refundLimit(env: Env, policy: PolicyName, key: string, hit: Pick<RateLimitResult, "resetAt">): Promise<void> {
  const objectKey = `${policy}:${key}`;
  await limiter(env, objectKey).refund(objectKey, hit.resetAt);
}
