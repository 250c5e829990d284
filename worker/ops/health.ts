// Dependency checks behind GET /api/health. D1 is critical (503 when down);
// everything else degrades.
import { sql } from "drizzle-orm";
import type { Ctx } from "../lib/context";
import { errorFields } from "../lib/logger";

type CheckStatus = "up" | "down" | "not_configured";
export interface Check {
  status: CheckStatus;
  latencyMs?: number;
  detail?: string;
}

const TIMEOUT_MS = 2000;
/** Why each failed check failed, for the log line. */
const failures = new WeakMap<() => Promise<unknown>, string>();

async function timed(fn: () => Promise<unknown>): Promise<Check> {
  const started = Date.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      fn(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
      }),
    ]);
    return { status: "up", latencyMs: Date.now() - started };
  } catch (err) {
    // The error text (D1 messages, hostnames) goes to the log only: the report is public.
    failures.set(fn, String(errorFields(err).error));
    return { status: "down", latencyMs: Date.now() - started, detail: "the check failed; see the logs" };
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}

function queueCheck(q: Queue<unknown> | undefined): Check {
  return q && typeof q.send === "function" ? { status: "up" } : { status: "down", detail: "queue binding missing" };
}

function aiCheck(ctx: Ctx): Check {
  const provider = ctx.config.AI_PROVIDER;
  if (provider === "builtin") return { status: "not_configured", detail: "using the built-in provider" };
  if (provider === "workers-ai") return ctx.env.AI ? { status: "up", detail: "workers-ai" } : { status: "down", detail: "AI binding missing" };
  return ctx.config.LLM_BASE_URL ? { status: "up", detail: "openai-compatible" } : { status: "down", detail: "LLM_BASE_URL missing" };
}

export async function checkHealth(ctx: Ctx) {
  const probes = {
    d1: () => ctx.db.run(sql`SELECT 1`),
    rateLimiter: () => ctx.env.RATE_LIMITER.get(ctx.env.RATE_LIMITER.idFromName("health")).ping(),
    conversations: () => ctx.env.CONVERSATIONS.get(ctx.env.CONVERSATIONS.idFromName("health")).ping(),
    realtime: () => ctx.env.REALTIME.getByName("health").ping(),
  };
  const [d1, rateLimiter, conversations, realtime] = await Promise.all([timed(probes.d1), timed(probes.rateLimiter), timed(probes.conversations), timed(probes.realtime)]);
  const errors = Object.fromEntries(Object.entries(probes).flatMap(([name, fn]) => (failures.has(fn) ? [[name, failures.get(fn)]] : [])));
  const checks: Record<string, Check> = {
    d1,
    rateLimiter,
    conversations,
    realtime,
    inboundQueue: queueCheck(ctx.env.INBOUND_QUEUE),
    eventsQueue: queueCheck(ctx.env.EVENTS_QUEUE),
    ai: aiCheck(ctx),
  };
  const status: "healthy" | "degraded" = Object.values(checks).some((c) => c.status === "down") ? "degraded" : "healthy";
  if (status !== "healthy") ctx.logger.warn("health check failing", { checks, errors });
  // The database is the one dependency nothing works without.
  return { report: { status, checks, version: ctx.config.RELEASE }, critical: d1.status === "down" };
}
