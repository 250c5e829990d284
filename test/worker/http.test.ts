// Cross-cutting HTTP behaviour: problem+json for unknown routes, wrong
// methods and oversized bodies, and a request id on every response.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../../worker/app";
import { request } from "./helpers/api";
import { createTenant } from "./helpers/tenants";

const MIB = 1024 * 1024;

function expectProblem(res: { status: number; headers: Headers; json: any }, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  expect(res.json).toMatchObject({ type: expect.any(String), title: expect.any(String), status, detail: expect.any(String) });
  expect(res.json.requestId).toBe(res.headers.get("x-request-id"));
}

describe("HTTP errors", () => {
  it("answers an unknown route with 404 problem+json", async () => {
    expectProblem(await request("GET", "/api/no-such-thing"), 404);
    expectProblem(await request("POST", "/api/no/such/thing", { body: {} }), 404);
    expectProblem(await request("GET", "/webhooks/nowhere"), 404);
  });

  it("answers a wrong method with 405 and Allow", async () => {
    const res = await request("PUT", "/api/me");
    expectProblem(res, 405);
    expect(res.headers.get("allow")?.split(/,\s*/).sort()).toEqual(["GET", "HEAD"]);

    const keys = await request("PUT", "/api/api-keys/key_123");
    expectProblem(keys, 405);
    expect(keys.headers.get("allow")).toBe("DELETE");

    const login = await request("GET", "/api/auth/login");
    expectProblem(login, 405);
    expect(login.headers.get("allow")).toBe("POST");
  });

  it("does not answer 405 to a method the path allows (trailing slash)", async () => {
    const owner = await createTenant();
    const res = await owner.call("GET", "/api/me/");
    expect(res.status).not.toBe(405);
    expect(res.status).not.toBe(500);
  });

  it("refuses a body over 1 MiB with 413, before authentication", async () => {
    const owner = await createTenant();
    const big = JSON.stringify({ name: "x".repeat(MIB) });
    const res = await request("POST", "/api/api-keys", { bearer: owner.apiKey, rawBody: big, headers: { "content-type": "application/json" } });
    expectProblem(res, 413);
    expect((await owner.call("GET", "/api/api-keys")).json.data).toHaveLength(1);

    const anonymous = await request("POST", "/api/auth/signup", { rawBody: big, headers: { "content-type": "application/json" } });
    expectProblem(anonymous, 413);
  });

  it("refuses an oversized body sent without Content-Length", async () => {
    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > MIB + chunk.length) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const res = await request("POST", "/api/auth/login", { rawBody: stream, headers: { "content-type": "application/json" } });
    expectProblem(res, 413);
  });

  it("accepts a body just under the limit", async () => {
    const owner = await createTenant();
    const body = JSON.stringify({ name: "ok", padding: "x".repeat(MIB - 100) });
    expect(new TextEncoder().encode(body).length).toBeLessThanOrEqual(MIB);
    const res = await request("POST", "/api/api-keys", { bearer: owner.apiKey, rawBody: body, headers: { "content-type": "application/json" } });
    expect(res.status).toBe(201);
  });
});

describe("unexpected failures", () => {
  it("answer 500 problem+json with the request id and no internals", async () => {
    const failing = new Proxy({} as D1Database, {
      get: () => () => {
        throw new Error("D1_ERROR: disk I/O error at /var/db/secret-path");
      },
    });
    const ctx = createExecutionContext();
    const res = await createApp().fetch(
      new Request("http://parley.test/api/me", { headers: { authorization: "Bearer prl_some-key-value-1234" } }),
      { ...env, DB: failing },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(500);
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    const text = await res.text();
    const body = JSON.parse(text);
    expect(body).toMatchObject({ status: 500, title: expect.any(String), detail: expect.any(String) });
    expect(body.requestId).toBe(res.headers.get("x-request-id"));
    expect(text).not.toMatch(/D1_ERROR|secret-path|at \//);
  });
});

describe("X-Request-Id", () => {
  it("is on every response, success or error", async () => {
    const owner = await createTenant();
    const responses = [
      await request("GET", "/api/health"),
      await owner.call("GET", "/api/me"),
      await request("GET", "/api/me"),
      await request("GET", "/api/nope"),
      await request("DELETE", "/api/me"),
      await owner.call("POST", "/api/api-keys", {}),
      await request("POST", "/api/api-keys", { cookie: owner.cookie, origin: "https://evil.example", body: { name: "x" } }),
      await request("POST", "/api/auth/logout", { cookie: owner.cookie }),
    ];
    const ids = responses.map((r) => r.headers.get("x-request-id"));
    for (const id of ids) expect(id).toMatch(/^req_[0-9A-Z]{26}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("is on responses that fall through to the dashboard assets", async () => {
    const res = await request("GET", "/settings/team");
    expect(res.status).toBeLessThan(500);
    expect(res.headers.get("x-request-id")).toMatch(/^req_/);
  });

  it("echoes a well-formed incoming request id and replaces a malformed one", async () => {
    const mine = await request("GET", "/api/health", { headers: { "x-request-id": "trace-1234-abcd" } });
    expect(mine.headers.get("x-request-id")).toBe("trace-1234-abcd");
    const bad = await request("GET", "/api/health", { headers: { "x-request-id": "<script>" } });
    expect(bad.headers.get("x-request-id")).toMatch(/^req_/);
  });
});

describe("OpenAPI", () => {
  it("documents the foundation routes at /api/openapi.json", async () => {
    const res = await request("GET", "/api/openapi.json");
    expect(res.status).toBe(200);
    expect(res.json.openapi).toBe("3.1.0");
    for (const path of ["/api/health", "/api/auth/signup", "/api/auth/login", "/api/auth/logout", "/api/me", "/api/api-keys", "/api/api-keys/{id}", "/api/members", "/api/invitations"]) {
      expect(res.json.paths, path).toHaveProperty([path]);
    }
  });
});
