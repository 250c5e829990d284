// Security headers: every API answer and every dashboard file the worker serves
// carries CSP (no framing), nosniff and a referrer policy; HSTS only in production.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../../worker/app";
import type { Env } from "../../worker/env";
import { request } from "./helpers/api";

const PRODUCTION: Partial<Env> = {
  ENVIRONMENT: "production",
  PUBLIC_URL: "https://parley.example.com",
  ENCRYPTION_KEY: "0123456789abcdef0123456789abcdef",
  DEMO_SEED: "false",
  WHATSAPP_GRAPH_API_URL: "https://graph.facebook.com/v21.0",
};

/** The dashboard's index.html as the assets binding hands it over (immutable headers, as in production). */
const assets = {
  fetch: async () => {
    const res = await fetch("data:text/html,<!doctype html><title>Parley</title>");
    return new Response(res.body, { headers: { "content-type": "text/html" } });
  },
} as unknown as Fetcher;

async function fetchProduction(path: string, init?: RequestInit) {
  const ctx = createExecutionContext();
  const res = await createApp().fetch(new Request(`https://parley.example.com${path}`, init), { ...env, ...PRODUCTION, ASSETS: assets }, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

function expectCommonHeaders(res: { headers: Headers }) {
  expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  expect(res.headers.get("x-frame-options")).toBe("DENY");
  expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
}

describe("security headers in production", () => {
  it("API answers (success and problem+json) carry CSP default-src 'none', nosniff, referrer policy and HSTS", async () => {
    for (const [path, status] of [["/api/health", 200], ["/api/me", 401], ["/api/no-such-route", 404]] as const) {
      const res = await fetchProduction(path);
      expect(res.status, path).toBe(status);
      expectCommonHeaders(res);
      expect(res.headers.get("content-security-policy")).toMatch(/^default-src 'none'/);
      expect(res.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
    }
  });

  it("the dashboard served through the worker carries its own CSP: only this origin's scripts and styles", async () => {
    const res = await fetchProduction("/inbox");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html");
    expectCommonHeaders(res);
    const csp = res.headers.get("content-security-policy")!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(res.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
  });

  it("the API reference keeps its own hash-based policy", async () => {
    const res = await fetchProduction("/api/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toMatch(/script-src 'sha256-/);
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });
});

describe("security headers outside production", () => {
  it("has the same headers but no HSTS (local runs are plain http)", async () => {
    const res = await request("GET", "/api/health");
    expectCommonHeaders(res);
    expect(res.headers.get("strict-transport-security")).toBeNull();
  });
});
