import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

describe("GET /api/health", () => {
  it("is healthy with every binding up", async () => {
    const res = await exports.default.fetch("http://local.test/api/health");
    expect(res.status).toBe(200);
    const body = await res.json<{ status: string; checks: Record<string, { status: string }> }>();
    expect(body.status).toBe("healthy");
    expect(body.checks.d1?.status).toBe("up");
    expect(res.headers.get("x-request-id")).toMatch(/^req_/);
  });
});
