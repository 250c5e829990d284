// Signup, login, logout and the session lifecycle.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { BrowserClient, PASSWORD, request, sessionCookie, sessionTokenFrom, setCookies, uniqueEmail, uniqueIp } from "./helpers/api";
import { createTenant } from "./helpers/tenants";

const DAY = 24 * 3600_000;

async function sessionRows(userId: string) {
  const { results } = await env.DB.prepare("SELECT id, tenant_id, expires_at FROM sessions WHERE user_id = ? ORDER BY created_at").bind(userId).all<{
    id: string;
    tenant_id: string | null;
    expires_at: number;
  }>();
  return results;
}

describe("POST /api/auth/signup", () => {
  it("creates the account and tenant and sets a secure session cookie", async () => {
    const browser = new BrowserClient();
    const email = uniqueEmail();
    const res = await browser.call("POST", "/api/auth/signup", { email, password: PASSWORD, name: "Ada", tenantName: "Acme" });

    expect(res.status).toBe(201);
    expect(res.json.user).toMatchObject({ email, name: "Ada" });
    expect(res.json.tenant).toMatchObject({ name: "Acme" });
    expect(res.json.role).toBe("owner");
    expect(res.text).not.toContain("passwordHash");

    const cookie = setCookies(res).get("parley_session");
    expect(cookie?.value).toBeTruthy();
    expect(cookie!.attributes).toMatch(/;\s*HttpOnly/i);
    expect(cookie!.attributes).toMatch(/;\s*Secure/i);
    expect(cookie!.attributes).toMatch(/;\s*SameSite=Lax/i);
    expect(cookie!.attributes).toMatch(/;\s*Path=\//i);

    const me = await browser.call("GET", "/api/me");
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({ user: { email }, tenant: { id: res.json.tenant.id, name: "Acme" }, role: "owner", via: "session" });
  });

  it("normalises the email, so a differently-cased duplicate is a 409", async () => {
    const email = uniqueEmail("Mixed.Case");
    const first = await request("POST", "/api/auth/signup", { ip: uniqueIp(), body: { email, password: PASSWORD, tenantName: "One" } });
    expect(first.status).toBe(201);
    expect(first.json.user.email).toBe(email.toLowerCase());

    const again = await request("POST", "/api/auth/signup", { ip: uniqueIp(), body: { email: ` ${email.toUpperCase()} `, password: PASSWORD, tenantName: "Two" } });
    expect(again.status).toBe(409);
    expect(again.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(again.json).toMatchObject({ status: 409, title: expect.any(String), detail: expect.any(String) });
    expect(sessionTokenFrom(again)).toBeNull();
  });

  it("lists every invalid field as problem+json", async () => {
    const res = await request("POST", "/api/auth/signup", { ip: uniqueIp(), body: { email: "not-an-email", password: "short" } });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(res.json).toMatchObject({ type: expect.any(String), title: expect.any(String), status: 400, detail: expect.any(String) });
    const paths = (res.json.errors as Array<{ path: string; message: string }>).map((e) => e.path).sort();
    expect(paths).toEqual(["email", "password", "tenantName"]);
    for (const e of res.json.errors) expect(e.message).toBeTruthy();
    expect(sessionTokenFrom(res)).toBeNull();
  });

  it("answers a body that is not JSON with a 400 problem", async () => {
    const res = await request("POST", "/api/auth/signup", { ip: uniqueIp(), rawBody: "{nope", headers: { "content-type": "application/json" } });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  });
});

describe("POST /api/auth/login", () => {
  it("starts a new session and ends the one the browser had (rotation)", async () => {
    const owner = await createTenant();
    const before = owner.cookie;

    const res = await owner.call("POST", "/api/auth/login", { email: owner.email, password: owner.password });
    expect(res.status).toBe(200);
    expect(res.json.user.email).toBe(owner.email);
    expect(res.json.tenants).toEqual([expect.objectContaining({ id: owner.tenant.id, role: "owner" })]);
    const token = sessionTokenFrom(res);
    expect(token).toBeTruthy();
    expect(sessionCookie(token!)).not.toBe(before);

    expect((await request("GET", "/api/me", { cookie: before })).status).toBe(401);
    const me = await request("GET", "/api/me", { cookie: sessionCookie(token!) });
    expect(me.status).toBe(200);
    expect(me.json.user.id).toBe(owner.user.id);
  });

  it("answers a wrong password and an unknown email identically", async () => {
    const owner = await createTenant();
    const ip = uniqueIp();
    const wrongPassword = await request("POST", "/api/auth/login", { ip, body: { email: owner.email, password: "not the password" } });
    const unknownEmail = await request("POST", "/api/auth/login", { ip, body: { email: uniqueEmail("nobody"), password: "not the password" } });

    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    expect(wrongPassword.headers.get("content-type")).toBe(unknownEmail.headers.get("content-type"));
    const { requestId: a, ...bodyA } = wrongPassword.json;
    const { requestId: b, ...bodyB } = unknownEmail.json;
    expect(a).not.toBe(b);
    expect(bodyA).toEqual(bodyB);
    expect(sessionTokenFrom(wrongPassword)).toBeNull();
    expect(sessionTokenFrom(unknownEmail)).toBeNull();
  });
});

describe("POST /api/auth/logout", () => {
  it("ends the session and clears the cookie", async () => {
    const owner = await createTenant();
    const cookie = owner.cookie;

    const res = await request("POST", "/api/auth/logout", { cookie });
    expect(res.status).toBe(204);
    expect(setCookies(res).get("parley_session")?.value).toBeNull();

    const me = await request("GET", "/api/me", { cookie });
    expect(me.status).toBe(401);
    expect(me.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(await sessionRows(owner.user.id)).toEqual([]);
  });
});

describe("session lifetime", () => {
  it("stops authenticating once the session has expired", async () => {
    const owner = await createTenant();
    expect((await owner.call("GET", "/api/me")).status).toBe(200);

    await env.DB.prepare("UPDATE sessions SET expires_at = ? WHERE user_id = ?").bind(Date.now() - 1000, owner.user.id).run();

    const me = await owner.call("GET", "/api/me");
    expect(me.status).toBe(401);
    expect(me.json.status).toBe(401);
  });

  it("extends a session that is past half its lifetime, in D1 and in the cookie", async () => {
    const owner = await createTenant();
    const token = owner.browser.jar.get("parley_session")!;
    const soon = Date.now() + 3600_000;
    await env.DB.prepare("UPDATE sessions SET expires_at = ? WHERE user_id = ?").bind(soon, owner.user.id).run();

    const res = await request("GET", "/api/me", { cookie: sessionCookie(token) });
    expect(res.status).toBe(200);
    const cookie = setCookies(res).get("parley_session");
    expect(cookie?.value).toBe(token);
    const maxAge = Number(/max-age=(\d+)/i.exec(cookie!.attributes)?.[1]);
    expect(maxAge).toBeGreaterThan(13 * 24 * 3600);

    const [row] = await sessionRows(owner.user.id);
    expect(row!.expires_at).toBeGreaterThan(Date.now() + 13 * DAY);
  });

  it("leaves a fresh session alone", async () => {
    const owner = await createTenant();
    const [before] = await sessionRows(owner.user.id);
    const res = await owner.call("GET", "/api/me");
    expect(res.status).toBe(200);
    expect(setCookies(res).has("parley_session")).toBe(false);
    const [after] = await sessionRows(owner.user.id);
    expect(after!.expires_at).toBe(before!.expires_at);
  });
});

describe("credentials at rest", () => {
  it("stores salted PBKDF2 password hashes and only hashes of session tokens and API keys", async () => {
    const a = await createTenant({ password: PASSWORD });
    const b = await createTenant({ password: PASSWORD });
    const hashes = await Promise.all(
      [a, b].map((t) => env.DB.prepare("SELECT password_hash FROM users WHERE id = ?").bind(t.user.id).first<{ password_hash: string }>()),
    );
    for (const h of hashes) {
      expect(h!.password_hash).toMatch(/^pbkdf2_sha256\$100000\$/);
      expect(h!.password_hash).not.toContain(PASSWORD);
    }
    expect(hashes[0]!.password_hash).not.toBe(hashes[1]!.password_hash);

    const token = a.browser.jar.get("parley_session")!;
    const sessions = JSON.stringify((await env.DB.prepare("SELECT * FROM sessions WHERE user_id = ?").bind(a.user.id).all()).results);
    expect(sessions).not.toContain(token);
    const keys = JSON.stringify((await env.DB.prepare("SELECT * FROM api_keys WHERE tenant_id = ?").bind(a.tenant.id).all()).results);
    expect(keys).not.toContain(a.apiKey);
    expect(keys).toContain(a.apiKey.slice(0, 12));
  });

  it("refuses passwords shorter than the minimum", async () => {
    const res = await request("POST", "/api/auth/signup", { ip: uniqueIp(), body: { email: uniqueEmail(), password: "123456789", tenantName: "Short" } });
    expect(res.status).toBe(400);
    expect(res.json.errors).toEqual([{ path: "password", message: expect.stringMatching(/at least 10/) }]);
  });
});
