import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../../worker/app";
import type { Env } from "../../worker/env";

type Health = { status: string; checks: Record<string, { status: string; latencyMs?: number }>; version: string };

/** A D1 binding whose every call fails, as when the database is unreachable. */
const brokenD1 = new Proxy({} as D1Database, {
  get: () => () => {
    throw new Error("D1_ERROR: database unavailable");
  },
});

async function healthWith(bindings: Partial<Env>) {
  const ctx = createExecutionContext();
  const res = await createApp().fetch(new Request("http://local.test/api/health"), { ...env, ...bindings }, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

describe("GET /api/health", () => {
  it("is healthy with every binding up", async () => {
    const res = await exports.default.fetch("http://local.test/api/health");
    expect(res.status).toBe(200);
    const body = await res.json<Health>();
    expect(body.status).toBe("healthy");
    expect(body.checks.d1).toEqual({ status: "up", latencyMs: expect.any(Number) });
    expect(body.checks.rateLimiter?.status).toBe("up");
    expect(body.checks.conversations?.status).toBe("up");
    expect(body.checks.inboundQueue?.status).toBe("up");
    expect(body.checks.eventsQueue?.status).toBe("up");
    // No AI provider is configured locally, and that is not a failure.
    expect(body.checks.ai?.status).toBe("not_configured");
    expect(body.version).toEqual(expect.any(String));
    expect(res.headers.get("x-request-id")).toMatch(/^req_/);
  });

  it("answers 503 with the same shape when D1 is down", async () => {
    const res = await healthWith({ DB: brokenD1 });
    expect(res.status).toBe(503);
    const body = await res.json<Health>();
    expect(body.status).toBe("degraded");
    expect(body.checks.d1?.status).toBe("down");
    expect(body.checks.rateLimiter?.status).toBe("up");
    // The database's error text is for the logs, not for anyone who can reach the URL.
    expect(JSON.stringify(body)).not.toContain("D1_ERROR");
    expect(JSON.stringify(body)).not.toContain("database unavailable");
    expect(body.version).toEqual(expect.any(String));
  });

  it("stays 200 but degraded when a non-critical dependency is missing", async () => {
    const res = await healthWith({ AI_PROVIDER: "workers-ai", AI: undefined });
    expect(res.status).toBe(200);
    const body = await res.json<Health>();
    expect(body.status).toBe("degraded");
    expect(body.checks.ai?.status).toBe("down");
    expect(body.checks.d1?.status).toBe("up");
  });
});
