// Roles, members and invitations.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { BrowserClient, PASSWORD, keyClient, request, uniqueEmail } from "./helpers/api";
import { createTenant, inviteMember } from "./helpers/tenants";

async function memberRole(tenantId: string, userId: string) {
  const row = await env.DB.prepare("SELECT role FROM memberships WHERE tenant_id = ? AND user_id = ?").bind(tenantId, userId).first<{ role: string }>();
  return row?.role ?? null;
}

describe("roles", () => {
  it("forbids an agent team management and API keys, but not reading", async () => {
    const owner = await createTenant();
    const agent = await inviteMember(owner, "agent");
    const admin = await inviteMember(owner, "admin");
    const pending = await owner.call("POST", "/api/invitations", { email: uniqueEmail(), role: "agent" });

    const forbidden: Array<[string, string, unknown?]> = [
      ["POST", "/api/invitations", { email: uniqueEmail(), role: "agent" }],
      ["GET", "/api/invitations"],
      ["DELETE", `/api/invitations/${pending.json.id}`],
      ["PATCH", `/api/members/${admin.user.id}`, { role: "agent" }],
      ["DELETE", `/api/members/${admin.user.id}`],
      ["PATCH", "/api/tenant", { name: "Taken over" }],
      ["POST", "/api/api-keys", { name: "agent key" }],
      ["GET", "/api/api-keys"],
      ["DELETE", `/api/api-keys/${owner.apiKeyId}`],
    ];
    for (const [method, path, body] of forbidden) {
      const res = await agent.call(method, path, body);
      expect(res.status, `${method} ${path}: ${res.text}`).toBe(403);
      expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    }
    // Nothing changed.
    expect(await memberRole(owner.tenant.id, admin.user.id)).toBe("admin");
    expect((await owner.callWithKey("GET", "/api/me")).status).toBe(200);

    const me = await agent.call("GET", "/api/me");
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({ role: "agent", tenant: { id: owner.tenant.id } });
    const members = await agent.call("GET", "/api/members");
    expect(members.status).toBe(200);
    expect(members.json.data.map((m: { userId: string; role: string }) => [m.userId, m.role])).toEqual([
      [owner.user.id, "owner"],
      [agent.user.id, "agent"],
      [admin.user.id, "admin"],
    ]);
  });

  it("limits an API key to its creator's current role", async () => {
    const owner = await createTenant();
    const admin = await inviteMember(owner, "admin");
    const created = await admin.call("POST", "/api/api-keys", { name: "admin's script" });
    expect(created.status).toBe(201);
    const script = keyClient(created.json.key);

    expect((await owner.call("PATCH", `/api/members/${admin.user.id}`, { role: "agent" })).status).toBe(200);

    expect((await script("GET", "/api/me")).json.role).toBe("agent");
    expect((await script("POST", "/api/api-keys", { name: "escalation" })).status).toBe(403);
    expect((await script("POST", "/api/invitations", { email: uniqueEmail(), role: "admin" })).status).toBe(403);
  });

  it("lets an admin manage agents but not owners", async () => {
    const owner = await createTenant();
    const admin = await inviteMember(owner, "admin");
    const agent = await inviteMember(owner, "agent");

    const demote = await admin.call("PATCH", `/api/members/${owner.user.id}`, { role: "agent" });
    expect(demote.status).toBe(403);
    const remove = await admin.call("DELETE", `/api/members/${owner.user.id}`);
    expect(remove.status).toBe(403);
    const promoteSelf = await admin.call("PATCH", `/api/members/${admin.user.id}`, { role: "owner" });
    expect(promoteSelf.status).toBe(403);
    const inviteOwner = await admin.call("POST", "/api/invitations", { email: uniqueEmail(), role: "owner" });
    expect(inviteOwner.status).toBe(403);
    expect(await memberRole(owner.tenant.id, owner.user.id)).toBe("owner");
    expect(await memberRole(owner.tenant.id, admin.user.id)).toBe("admin");

    const promote = await admin.call("PATCH", `/api/members/${agent.user.id}`, { role: "admin" });
    expect(promote.status).toBe(200);
    expect(promote.json).toMatchObject({ userId: agent.user.id, email: agent.email, role: "admin" });
    expect(await memberRole(owner.tenant.id, agent.user.id)).toBe("admin");
  });

  it("keeps at least one owner", async () => {
    const owner = await createTenant();
    const demote = await owner.call("PATCH", `/api/members/${owner.user.id}`, { role: "admin" });
    expect(demote.status).toBe(409);
    const leave = await owner.call("DELETE", `/api/members/${owner.user.id}`);
    expect(leave.status).toBe(409);
    expect(await memberRole(owner.tenant.id, owner.user.id)).toBe("owner");

    // With a second owner, the first may step down.
    const second = await inviteMember(owner, "owner");
    expect((await owner.call("PATCH", `/api/members/${owner.user.id}`, { role: "admin" })).status).toBe(200);
    expect((await second.call("DELETE", `/api/members/${second.user.id}`)).status).toBe(409);
    expect(await memberRole(owner.tenant.id, second.user.id)).toBe("owner");
  });

  it("keeps an owner when two owners remove each other at the same time", async () => {
    const owner = await createTenant();
    const second = await inviteMember(owner, "owner");
    const results = await Promise.all([
      owner.call("DELETE", `/api/members/${second.user.id}`),
      second.call("DELETE", `/api/members/${owner.user.id}`),
    ]);
    expect(results.filter((r) => r.status === 204)).toHaveLength(1);
    const { results: owners } = await env.DB.prepare("SELECT user_id FROM memberships WHERE tenant_id = ? AND role = 'owner'").bind(owner.tenant.id).all();
    expect(owners).toHaveLength(1);
    const removals = await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE tenant_id = ? AND action = 'member.removed'").bind(owner.tenant.id).first<{ n: number }>();
    expect(removals!.n).toBe(1);
  });

  it("keeps an owner when two owners demote each other at the same time", async () => {
    const owner = await createTenant();
    const second = await inviteMember(owner, "owner");
    await Promise.all([
      owner.call("PATCH", `/api/members/${second.user.id}`, { role: "admin" }),
      second.call("PATCH", `/api/members/${owner.user.id}`, { role: "admin" }),
    ]);
    const { results: owners } = await env.DB.prepare("SELECT user_id FROM memberships WHERE tenant_id = ? AND role = 'owner'").bind(owner.tenant.id).all();
    expect(owners).toHaveLength(1);
  });

  it("answers 404 for a user who is not a member", async () => {
    const owner = await createTenant();
    const res = await owner.call("DELETE", "/api/members/usr_does_not_exist");
    expect(res.status).toBe(404);
  });

  it("signs a removed member out of the tenant", async () => {
    const owner = await createTenant();
    const agent = await inviteMember(owner, "agent");
    expect((await owner.call("DELETE", `/api/members/${agent.user.id}`)).status).toBe(204);

    const me = await agent.call("GET", "/api/me");
    expect(me.status).toBe(403);
    expect(me.text).not.toContain(owner.tenant.id);
    const members = await owner.call("GET", "/api/members");
    expect(members.json.data.map((m: { userId: string }) => m.userId)).toEqual([owner.user.id]);
  });
});

describe("invitations", () => {
  it("are single-use", async () => {
    const owner = await createTenant();
    const email = uniqueEmail("invitee");
    const invitation = await owner.call("POST", "/api/invitations", { email, role: "admin" });
    expect(invitation.status).toBe(201);
    expect(invitation.json).toMatchObject({ email, role: "admin", token: expect.any(String), acceptedAt: null });
    expect(invitation.json.url).toContain(invitation.json.token);

    const lookup = await request("GET", `/api/invitations/lookup?token=${invitation.json.token}`);
    expect(lookup.status).toBe(200);
    expect(lookup.json).toMatchObject({ email, role: "admin", tenant: { id: owner.tenant.id }, accountExists: false });

    const first = await new BrowserClient().call("POST", "/api/invitations/accept", { token: invitation.json.token, password: PASSWORD });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ user: { email }, tenant: { id: owner.tenant.id }, role: "admin" });

    const second = await new BrowserClient().call("POST", "/api/invitations/accept", { token: invitation.json.token, password: "another password" });
    expect(second.status).toBe(410);
    expect(second.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect((await request("GET", `/api/invitations/lookup?token=${invitation.json.token}`)).status).toBe(410);

    // The account keeps the first password.
    const login = await new BrowserClient().call("POST", "/api/auth/login", { email, password: PASSWORD });
    expect(login.status).toBe(200);
    expect(login.json.tenants).toEqual([expect.objectContaining({ id: owner.tenant.id, role: "admin" })]);
  });

  it("are not used up when the membership could not be written", async () => {
    const owner = await createTenant();
    const email = uniqueEmail("invitee");
    const invitation = await owner.call("POST", "/api/invitations", { email, role: "agent" });
    expect(invitation.status).toBe(201);
    // The membership insert fails once (as a dropped connection or a full database would).
    const trigger = `fail_membership_${owner.tenant.id.replace(/\W/g, "")}`;
    await env.DB.prepare(`CREATE TRIGGER ${trigger} BEFORE INSERT ON memberships WHEN NEW.tenant_id = '${owner.tenant.id}' BEGIN SELECT RAISE(ABORT, 'simulated failure'); END`).run();
    const failed = await new BrowserClient().call("POST", "/api/invitations/accept", { token: invitation.json.token, password: PASSWORD });
    expect(failed.status).toBe(500);
    await env.DB.prepare(`DROP TRIGGER ${trigger}`).run();
    // Nothing was written: the invitation still works and makes the member.
    expect((await request("GET", `/api/invitations/lookup?token=${invitation.json.token}`)).status).toBe(200);
    const retry = await new BrowserClient().call("POST", "/api/invitations/accept", { token: invitation.json.token, password: PASSWORD });
    expect(retry.status, retry.text).toBe(200);
    const members = await owner.call("GET", "/api/members");
    expect(members.json.data.map((m: { email: string }) => m.email)).toContain(email);
  });

  it("make one member when accepted twice at the same time", async () => {
    const owner = await createTenant();
    const email = uniqueEmail("racer");
    const invitation = await owner.call("POST", "/api/invitations", { email, role: "agent" });
    const results = await Promise.all([0, 1].map(() => new BrowserClient().call("POST", "/api/invitations/accept", { token: invitation.json.token, password: PASSWORD })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 410]);
    const rows = await env.DB.prepare("SELECT count(*) AS n FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = ?").bind(email).first<{ n: number }>();
    expect(rows!.n).toBe(1);
  });

  it("expire", async () => {
    const owner = await createTenant();
    const invitation = await owner.call("POST", "/api/invitations", { email: uniqueEmail(), role: "agent" });
    await env.DB.prepare("UPDATE invitations SET expires_at = ? WHERE id = ?").bind(Date.now() - 1000, invitation.json.id).run();

    const accept = await new BrowserClient().call("POST", "/api/invitations/accept", { token: invitation.json.token, password: PASSWORD });
    expect(accept.status).toBe(410);
    expect((await request("GET", `/api/invitations/lookup?token=${invitation.json.token}`)).status).toBe(410);
    const members = await owner.call("GET", "/api/members");
    expect(members.json.data).toHaveLength(1);
    const pending = await owner.call("GET", "/api/invitations");
    expect(pending.json.data).toEqual([]);
  });

  it("stop working when revoked", async () => {
    const owner = await createTenant();
    const invitation = await owner.call("POST", "/api/invitations", { email: uniqueEmail(), role: "agent" });
    expect((await owner.call("GET", "/api/invitations")).json.data.map((i: { id: string }) => i.id)).toEqual([invitation.json.id]);

    expect((await owner.call("DELETE", `/api/invitations/${invitation.json.id}`)).status).toBe(204);
    const accept = await new BrowserClient().call("POST", "/api/invitations/accept", { token: invitation.json.token, password: PASSWORD });
    expect(accept.status).toBe(404);
    expect((await owner.call("GET", "/api/invitations")).json.data).toEqual([]);
  });

  it("let an existing user join a second tenant after logging in as themselves", async () => {
    const owner = await createTenant();
    const other = await createTenant();
    const invitation = await owner.call("POST", "/api/invitations", { email: other.email, role: "agent" });
    expect(invitation.status).toBe(201);

    // Someone else cannot take it over by choosing a password.
    const stranger = await new BrowserClient().call("POST", "/api/invitations/accept", { token: invitation.json.token, password: "hijacked password" });
    expect(stranger.status).toBe(401);
    expect(await memberRole(owner.tenant.id, other.user.id)).toBeNull();

    const accept = await other.call("POST", "/api/invitations/accept", { token: invitation.json.token });
    expect(accept.status).toBe(200);
    expect(accept.json).toMatchObject({ user: { id: other.user.id }, tenant: { id: owner.tenant.id }, role: "agent" });
    const me = await other.call("GET", "/api/me");
    expect(me.json.tenants.map((t: { id: string; role: string }) => [t.id, t.role]).sort()).toEqual(
      [
        [other.tenant.id, "owner"],
        [owner.tenant.id, "agent"],
      ].sort(),
    );
  });

  it("refuse to invite someone who is already a member", async () => {
    const owner = await createTenant();
    const agent = await inviteMember(owner, "agent");
    const res = await owner.call("POST", "/api/invitations", { email: agent.email, role: "admin" });
    expect(res.status).toBe(409);
  });
});
