// Password change and reset. A change needs the current password and ends every
// other session; a reset link is emailed (the outbox here: no email provider in
// tests), works once, expires after an hour and ends every session; asking for
// one answers the same for an unknown address, and is rate limited.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { BrowserClient, PASSWORD, request, uniqueEmail, uniqueIp } from "./helpers/api";
import { createTenant } from "./helpers/tenants";
import { POLICIES } from "../../worker/limits/policies";
import { eventually, withinOneWindow } from "./helpers/wait";

const NEW_PASSWORD = "a brand new passphrase 42";

async function logIn(email: string, password: string) {
  const browser = new BrowserClient();
  const res = await browser.call("POST", "/api/auth/login", { email, password });
  return { browser, status: res.status };
}

async function resetEmails(userId: string) {
  const rows = await env.DB.prepare("SELECT body, status, tenant_id FROM emails WHERE user_id = ? AND kind = 'password_reset' ORDER BY id")
    .bind(userId)
    .all<{ body: string; status: string; tenant_id: string | null }>();
  return rows.results;
}

const tokenIn = (body: string) => /\/reset-password\/([A-Za-z0-9_-]+)/.exec(body)![1]!;

async function askForReset(email: string, ip = uniqueIp()) {
  return request("POST", "/api/auth/password-reset", { body: { email }, ip });
}

describe("changing a password", () => {
  it("needs the current password, then ends every other session and keeps this one", async () => {
    const owner = await createTenant();
    const other = await logIn(owner.email, PASSWORD);
    expect(other.status).toBe(200);

    const wrong = await owner.call("POST", "/api/auth/password", { currentPassword: "not it at all", newPassword: NEW_PASSWORD });
    expect(wrong.status).toBe(400);
    expect(wrong.json.errors).toEqual([{ path: "currentPassword", message: "is not your current password" }]);
    const weak = await owner.call("POST", "/api/auth/password", { currentPassword: PASSWORD, newPassword: "short" });
    expect(weak.status).toBe(400);
    expect(weak.json.errors[0].path).toBe("newPassword");
    const same = await owner.call("POST", "/api/auth/password", { currentPassword: PASSWORD, newPassword: PASSWORD });
    expect(same.json.errors).toEqual([{ path: "newPassword", message: "must be different from your current password" }]);
    // Nothing changed so far: the other session still works.
    expect((await other.browser.call("GET", "/api/me")).status).toBe(200);

    const changed = await owner.call("POST", "/api/auth/password", { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.json).toEqual({ otherSessionsEnded: 1 });
    expect((await owner.call("GET", "/api/me")).status).toBe(200);
    expect((await other.browser.call("GET", "/api/me")).status).toBe(401);
    expect((await logIn(owner.email, PASSWORD)).status).toBe(401);
    expect((await logIn(owner.email, NEW_PASSWORD)).status).toBe(200);
  });

  it("is refused to an API key", async () => {
    const owner = await createTenant();
    const res = await owner.callWithKey("POST", "/api/auth/password", { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    expect(res.status).toBe(400);
    expect((await logIn(owner.email, PASSWORD)).status).toBe(200);
  });
});

describe("resetting a forgotten password", () => {
  it("emails a single-use link that sets the password and ends every session", async () => {
    const owner = await createTenant();
    const asked = await askForReset(owner.email.toUpperCase());
    expect(asked.status).toBe(202);
    expect(asked.json).toEqual({ status: "accepted" });
    const [mail] = await eventually(async () => {
      const list = await resetEmails(owner.user.id);
      expect(list).toHaveLength(1);
      return list;
    });
    expect(mail!.tenant_id).toBeNull();
    const token = tokenIn(mail!.body);
    // The user sees their own reset email in the outbox (development).
    const listed = await owner.call("GET", "/api/emails");
    expect(listed.json.data.filter((e: { kind: string }) => e.kind === "password_reset")).toHaveLength(1);

    expect((await request("GET", `/api/auth/password-reset/check?token=${token}`)).status).toBe(204);
    const weak = await request("POST", "/api/auth/password-reset/confirm", { body: { token, password: "short" } });
    expect(weak.status).toBe(400);
    expect(weak.json.errors[0].path).toBe("password");

    const done = await request("POST", "/api/auth/password-reset/confirm", { body: { token, password: NEW_PASSWORD } });
    expect(done.status, done.text).toBe(204);
    expect((await owner.call("GET", "/api/me")).status).toBe(401);
    expect((await logIn(owner.email, PASSWORD)).status).toBe(401);
    expect((await logIn(owner.email, NEW_PASSWORD)).status).toBe(200);

    const again = await request("POST", "/api/auth/password-reset/confirm", { body: { token, password: "yet another passphrase" } });
    expect(again.status).toBe(410);
    expect(again.json.detail).toMatch(/expired or was already used/);
    expect((await request("GET", `/api/auth/password-reset/check?token=${token}`)).status).toBe(410);
    expect((await logIn(owner.email, NEW_PASSWORD)).status).toBe(200);
  });

  it("an expired link is refused", async () => {
    const owner = await createTenant();
    await askForReset(owner.email);
    const [mail] = await eventually(async () => {
      const list = await resetEmails(owner.user.id);
      expect(list).toHaveLength(1);
      return list;
    });
    await env.DB.prepare("UPDATE password_resets SET expires_at = ? WHERE user_id = ?").bind(Date.now() - 1, owner.user.id).run();
    const res = await request("POST", "/api/auth/password-reset/confirm", { body: { token: tokenIn(mail!.body), password: NEW_PASSWORD } });
    expect(res.status).toBe(410);
    expect((await logIn(owner.email, PASSWORD)).status).toBe(200);
  });

  it("a link asked for before a password change no longer works after it", async () => {
    const owner = await createTenant();
    await askForReset(owner.email);
    const [mail] = await eventually(async () => {
      const list = await resetEmails(owner.user.id);
      expect(list).toHaveLength(1);
      return list;
    });
    expect((await owner.call("POST", "/api/auth/password", { currentPassword: PASSWORD, newPassword: NEW_PASSWORD })).status).toBe(200);
    expect((await request("POST", "/api/auth/password-reset/confirm", { body: { token: tokenIn(mail!.body), password: "someone else's choice" } })).status).toBe(410);
  });

  it("answers the same for an address without an account, and sends nothing", async () => {
    const owner = await createTenant();
    const known = await askForReset(owner.email);
    const unknown = await askForReset(uniqueEmail("nobody"));
    expect([unknown.status, unknown.json]).toEqual([known.status, known.json]);
    await eventually(async () => expect(await resetEmails(owner.user.id)).toHaveLength(1));
    const total = await env.DB.prepare("SELECT count(*) AS n FROM emails WHERE kind = 'password_reset' AND to_email LIKE 'nobody-%'").first<number>("n");
    expect(total).toBe(0);
  });

  it("is rate limited per address, whether it has an account or not", () =>
    withinOneWindow(POLICIES.resetEmail.windowMs, async () => {
      for (const email of [(await createTenant()).email, uniqueEmail("ghost")]) {
        for (let i = 0; i < 3; i++) expect((await askForReset(email)).status).toBe(202);
        const limited = await askForReset(email);
        expect(limited.status).toBe(429);
        expect(limited.headers.get("retry-after")).toBeTruthy();
      }
    }));
});
