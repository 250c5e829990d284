// Deleting your own account: refused (409 problem+json) while a workspace depends
// on you; otherwise the account, its memberships and sessions go, the workspace
// and its other members stay, and the workspace's audit log says who left.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { BrowserClient, PASSWORD, request } from "./helpers/api";
import { createTenant, inviteMember } from "./helpers/tenants";

const count = async (sql: string, ...args: unknown[]) => (await env.DB.prepare(sql).bind(...args).first<{ n: number }>())!.n;
const logIn = async (email: string) => (await new BrowserClient().call("POST", "/api/auth/login", { email, password: PASSWORD })).status;

describe("DELETE /api/account", () => {
  it("is refused while you are the only owner of a workspace with other members, and nothing changes", async () => {
    const owner = await createTenant({ tenantName: "Warung Sari" });
    const agent = await inviteMember(owner, "agent");
    const res = await owner.call("DELETE", "/api/account", { password: PASSWORD });
    expect(res.status, res.text).toBe(409);
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(res.json.detail).toBe("You are the only owner of Warung Sari, which has other members. Make someone else an owner there first.");
    expect((await owner.call("GET", "/api/me")).status).toBe(200);
    expect((await agent.call("GET", "/api/members")).status).toBe(200);
    expect(await count("SELECT COUNT(*) AS n FROM memberships WHERE tenant_id = ?", owner.tenant.id)).toBe(2);
  });

  it("is refused while you are the only member of a workspace", async () => {
    const owner = await createTenant({ tenantName: "Solo Shop" });
    const res = await owner.call("DELETE", "/api/account", { password: PASSWORD });
    expect(res.status).toBe(409);
    expect(res.json.detail).toBe("You are the only member of Solo Shop. Delete that workspace first: download its data, then delete it on the Team page.");
    expect(await count("SELECT COUNT(*) AS n FROM users WHERE id = ?", owner.user.id)).toBe(1);
  });

  it("deletes the account of a member once another owner is in charge: memberships and sessions go, the workspace stays", async () => {
    const owner = await createTenant();
    const second = await inviteMember(owner, "admin");
    const promoted = await owner.call("PATCH", `/api/members/${second.user.id}`, { role: "owner" });
    expect(promoted.status, promoted.text).toBe(200);
    const otherDevice = new BrowserClient();
    expect((await otherDevice.call("POST", "/api/auth/login", { email: owner.email, password: PASSWORD })).status).toBe(200);

    const res = await owner.call("DELETE", "/api/account", { password: PASSWORD });
    expect(res.status, res.text).toBe(204);
    expect(res.headers.get("set-cookie")).toMatch(/parley_session=;|Max-Age=0/);
    expect((await owner.call("GET", "/api/me")).status).toBe(401);
    expect((await otherDevice.call("GET", "/api/me")).status).toBe(401);
    expect(await logIn(owner.email)).toBe(401);
    expect(await count("SELECT COUNT(*) AS n FROM users WHERE id = ?", owner.user.id)).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM memberships WHERE user_id = ?", owner.user.id)).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM sessions WHERE user_id = ?", owner.user.id)).toBe(0);

    // The workspace, its other owner and its data stay; its audit log records who left.
    const members = await second.call("GET", "/api/members");
    expect(members.json.data.map((m: { userId: string }) => m.userId)).toEqual([second.user.id]);
    expect(await count("SELECT COUNT(*) AS n FROM tenants WHERE id = ?", owner.tenant.id)).toBe(1);
    const audit = await env.DB.prepare("SELECT actor_id, target_id, metadata FROM audit_log WHERE tenant_id = ? AND action = 'member.account_deleted'")
      .bind(owner.tenant.id)
      .all();
    expect(audit.results).toEqual([{ actor_id: owner.user.id, target_id: owner.user.id, metadata: JSON.stringify({ email: owner.email }) }]);
  });

  it("lets an agent leave: the owner's workspace is untouched", async () => {
    const owner = await createTenant();
    const agent = await inviteMember(owner, "agent");
    const res = await agent.call("DELETE", "/api/account", { password: PASSWORD });
    expect(res.status, res.text).toBe(204);
    expect(await logIn(agent.email)).toBe(401);
    expect(await count("SELECT COUNT(*) AS n FROM memberships WHERE tenant_id = ?", owner.tenant.id)).toBe(1);
    expect((await owner.call("GET", "/api/me")).status).toBe(200);
  });

  it("needs your password, a signed-in user (not an API key) and a same-site request", async () => {
    const owner = await createTenant();
    const agent = await inviteMember(owner, "agent");
    const wrong = await agent.call("DELETE", "/api/account", { password: "not my password" });
    expect(wrong.status).toBe(400);
    expect(wrong.json.errors).toEqual([{ path: "password", message: "is not your password" }]);
    const missing = await agent.call("DELETE", "/api/account", {});
    expect(missing.status).toBe(400);
    expect(missing.json.errors[0].path).toBe("password");
    expect((await owner.callWithKey("DELETE", "/api/account", { password: PASSWORD })).status).toBe(403);
    expect((await request("DELETE", "/api/account", { body: { password: PASSWORD } })).status).toBe(401);
    const foreign = await request("DELETE", "/api/account", { body: { password: PASSWORD }, cookie: agent.cookie, origin: "https://evil.example" });
    expect(foreign.status).toBe(403);
    expect(await logIn(agent.email)).toBe(200);
  });
});
