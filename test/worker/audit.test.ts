// Every mutation leaves an audit_log row: who, what, on what, which request.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createTenant, inviteMember } from "./helpers/tenants";

interface AuditRow {
  tenant_id: string;
  actor_type: string;
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  request_id: string | null;
  metadata: string | null;
  created_at: number;
}

async function auditRows(tenantId: string, action: string): Promise<AuditRow[]> {
  const { results } = await env.DB.prepare("SELECT * FROM audit_log WHERE tenant_id = ? AND action = ? ORDER BY id").bind(tenantId, action).all<AuditRow>();
  return results;
}

const requestIdHeader = () => ({ headers: { "x-request-id": `test-${crypto.randomUUID()}` } });

describe("audit log", () => {
  it("records API key creation and revocation by a user, with the request id", async () => {
    const owner = await createTenant();
    const createOpts = requestIdHeader();
    const created = await owner.call("POST", "/api/api-keys", { name: "audited" }, createOpts);
    expect(created.headers.get("x-request-id")).toBe(createOpts.headers["x-request-id"]);

    expect(await auditRows(owner.tenant.id, "api_key.created")).toContainEqual(
      expect.objectContaining({
        actor_type: "user",
        actor_id: owner.user.id,
        target_type: "api_key",
        target_id: created.json.id,
        request_id: createOpts.headers["x-request-id"],
        created_at: expect.any(Number),
      }),
    );

    const revokeOpts = requestIdHeader();
    expect((await owner.call("DELETE", `/api/api-keys/${created.json.id}`, undefined, revokeOpts)).status).toBe(200);
    expect(await auditRows(owner.tenant.id, "api_key.revoked")).toEqual([
      expect.objectContaining({ actor_type: "user", actor_id: owner.user.id, target_type: "api_key", target_id: created.json.id, request_id: revokeOpts.headers["x-request-id"] }),
    ]);

    // Revoking again changes nothing and records nothing.
    expect((await owner.call("DELETE", `/api/api-keys/${created.json.id}`)).status).toBe(200);
    expect(await auditRows(owner.tenant.id, "api_key.revoked")).toHaveLength(1);
  });

  it("records the API key as the actor when a script acts", async () => {
    const owner = await createTenant();
    const opts = requestIdHeader();
    const created = await owner.callWithKey("POST", "/api/api-keys", { name: "by script" }, opts);
    expect(created.status).toBe(201);
    expect(await auditRows(owner.tenant.id, "api_key.created")).toContainEqual(
      expect.objectContaining({ actor_type: "api_key", actor_id: owner.apiKeyId, target_id: created.json.id, request_id: opts.headers["x-request-id"] }),
    );
  });

  it("records member removal and role changes", async () => {
    const owner = await createTenant();
    const agent = await inviteMember(owner, "agent");

    const roleOpts = requestIdHeader();
    expect((await owner.call("PATCH", `/api/members/${agent.user.id}`, { role: "admin" }, roleOpts)).status).toBe(200);
    expect(await auditRows(owner.tenant.id, "member.role_changed")).toEqual([
      expect.objectContaining({ actor_type: "user", actor_id: owner.user.id, target_type: "user", target_id: agent.user.id, request_id: roleOpts.headers["x-request-id"] }),
    ]);

    const removeOpts = requestIdHeader();
    expect((await owner.call("DELETE", `/api/members/${agent.user.id}`, undefined, removeOpts)).status).toBe(204);
    const removed = await auditRows(owner.tenant.id, "member.removed");
    expect(removed).toEqual([
      expect.objectContaining({ actor_type: "user", actor_id: owner.user.id, target_type: "user", target_id: agent.user.id, request_id: removeOpts.headers["x-request-id"] }),
    ]);
    expect(JSON.parse(removed[0]!.metadata!)).toEqual({ role: "admin" });
    const [changed] = await auditRows(owner.tenant.id, "member.role_changed");
    expect(JSON.parse(changed!.metadata!)).toEqual({ from: "agent", to: "admin" });
  });

  it("records signup, invitations and acceptance", async () => {
    const owner = await createTenant();
    expect(await auditRows(owner.tenant.id, "tenant.created")).toEqual([
      expect.objectContaining({ actor_type: "user", actor_id: owner.user.id, target_type: "tenant", target_id: owner.tenant.id, request_id: expect.any(String) }),
    ]);
    const agent = await inviteMember(owner, "agent");
    const [created] = await auditRows(owner.tenant.id, "invitation.created");
    expect(created).toMatchObject({ actor_type: "user", actor_id: owner.user.id, target_type: "invitation" });
    expect(await auditRows(owner.tenant.id, "invitation.accepted")).toEqual([
      expect.objectContaining({ actor_type: "user", actor_id: agent.user.id, target_type: "invitation", target_id: created!.target_id }),
    ]);
  });

  it("writes nothing when the mutation is refused", async () => {
    const owner = await createTenant();
    const agent = await inviteMember(owner, "agent");
    const before = (await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE tenant_id = ?").bind(owner.tenant.id).first<{ n: number }>())!.n;
    expect((await agent.call("DELETE", `/api/members/${owner.user.id}`)).status).toBe(403);
    expect((await owner.call("DELETE", `/api/members/${owner.user.id}`)).status).toBe(409);
    const after = (await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE tenant_id = ?").bind(owner.tenant.id).first<{ n: number }>())!.n;
    expect(after).toBe(before);
  });
});
