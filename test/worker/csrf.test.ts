// Cookie-authenticated mutations must come from this site (Origin check);
// API-key requests carry no ambient credentials and need no Origin.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { PASSWORD, request, uniqueEmail, uniqueIp } from "./helpers/api";
import { createTenant } from "./helpers/tenants";

async function keyCount(tenantId: string) {
  return (await env.DB.prepare("SELECT count(*) AS n FROM api_keys WHERE tenant_id = ?").bind(tenantId).first<{ n: number }>())!.n;
}

async function auditCount(tenantId: string) {
  return (await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE tenant_id = ?").bind(tenantId).first<{ n: number }>())!.n;
}

describe("CSRF origin check", () => {
  for (const [label, origin] of [
    ["without an Origin", null],
    ["from a foreign Origin", "https://evil.example"],
    ["from a look-alike Origin", "http://parley.test.evil.example"],
    ["from an opaque Origin", "null"],
  ] as const) {
    it(`refuses a cookie-authenticated POST ${label} and writes nothing`, async () => {
      const owner = await createTenant();
      const [keys, audits] = [await keyCount(owner.tenant.id), await auditCount(owner.tenant.id)];

      const res = await request("POST", "/api/api-keys", { cookie: owner.cookie, origin, body: { name: "forged" } });
      expect(res.status).toBe(403);
      expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect(res.text).not.toContain("prl_");
      expect(await keyCount(owner.tenant.id)).toBe(keys);
      expect(await auditCount(owner.tenant.id)).toBe(audits);
    });
  }

  it("refuses cookie-authenticated DELETE, PATCH and logout from a foreign Origin", async () => {
    const owner = await createTenant();
    const evil = { cookie: owner.cookie, origin: "https://evil.example" };

    expect((await request("DELETE", `/api/api-keys/${owner.apiKeyId}`, evil)).status).toBe(403);
    expect((await owner.callWithKey("GET", "/api/me")).status).toBe(200);

    expect((await request("PATCH", "/api/tenant", { ...evil, body: { name: "Pwned" } })).status).toBe(403);
    expect((await owner.call("GET", "/api/me")).json.tenant.name).toBe(owner.tenant.name);

    expect((await request("POST", "/api/auth/logout", evil)).status).toBe(403);
    expect((await owner.call("GET", "/api/me")).status).toBe(200);
  });

  it("accepts the same requests from this site's Origin and from PUBLIC_URL", async () => {
    const owner = await createTenant();
    const own = await request("POST", "/api/api-keys", { cookie: owner.cookie, body: { name: "same site" } });
    expect(own.status).toBe(201);
    const viaPublicUrl = await request("POST", "/api/api-keys", { cookie: owner.cookie, origin: "http://127.0.0.1:8787", body: { name: "public url" } });
    expect(viaPublicUrl.status).toBe(201);
  });

  it("lets an API key mutate without any Origin", async () => {
    const owner = await createTenant();
    const res = await request("POST", "/api/api-keys", { bearer: owner.apiKey, origin: null, body: { name: "from a script" } });
    expect(res.status).toBe(201);
    expect(await keyCount(owner.tenant.id)).toBe(2);
  });

  it("lets reads through without an Origin", async () => {
    const owner = await createTenant();
    const res = await request("GET", "/api/me", { cookie: owner.cookie, origin: null });
    expect(res.status).toBe(200);
  });

  it("refuses signup and login from a foreign Origin", async () => {
    const email = uniqueEmail();
    const signup = await request("POST", "/api/auth/signup", { ip: uniqueIp(), origin: "https://evil.example", body: { email, password: PASSWORD, tenantName: "Evil" } });
    expect(signup.status).toBe(403);
    expect(signup.headers.getSetCookie()).toEqual([]);
    expect(await env.DB.prepare("SELECT id FROM users WHERE email = ?").bind(email).first()).toBeNull();

    const owner = await createTenant();
    const login = await request("POST", "/api/auth/login", { ip: uniqueIp(), origin: "https://evil.example", body: { email: owner.email, password: owner.password } });
    expect(login.status).toBe(403);
    expect(login.headers.getSetCookie()).toEqual([]);
  });
});
