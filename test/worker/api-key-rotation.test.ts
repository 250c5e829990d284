// Rotating an API key: a new key now, both work during the overlap, then the old one is revoked.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { revokeExpiredApiKeys } from "../../worker/tenancy/api-keys";
import { systemContext } from "../../worker/lib/system-context";
import { keyClient } from "./helpers/api";
import { expectTenantIsolation } from "./helpers/isolation";
import { createTenant, inviteMember } from "./helpers/tenants";

const me = (key: string) => keyClient(key)("GET", "/api/me");

/** The overlap ends: as if its hours had passed. */
const endOverlap = (id: string) => env.DB.prepare("UPDATE api_keys SET expires_at = ? WHERE id = ?").bind(Date.now() - 1000, id).run();

describe("API key rotation", () => {
  it("gives a new key; both work during the overlap; the old one stops when it ends and the cron marks it revoked", async () => {
    const owner = await createTenant();
    const old = await owner.call("POST", "/api/api-keys", { name: "CRM sync" });
    const rotated = await owner.call("POST", `/api/api-keys/${old.json.id}/rotate`, { overlapHours: 24 });
    expect(rotated.status, rotated.text).toBe(201);
    expect(rotated.json).toMatchObject({ name: "CRM sync", key: expect.stringMatching(/^prl_/), replaces: { id: old.json.id, expiresAt: expect.any(String) } });
    const overlap = Date.parse(rotated.json.replaces.expiresAt) - Date.now();
    expect(overlap).toBeGreaterThan(23.9 * 3_600_000);
    expect(overlap).toBeLessThanOrEqual(24 * 3_600_000);

    expect((await me(old.json.key)).status).toBe(200);
    expect((await me(rotated.json.key)).status).toBe(200);
    const list = await owner.call("GET", "/api/api-keys");
    expect(list.json.data.find((k: { id: string }) => k.id === old.json.id)).toMatchObject({ revokedAt: null, replacedBy: rotated.json.id, expiresAt: rotated.json.replaces.expiresAt });
    expect(list.text).not.toContain(rotated.json.key);

    await endOverlap(old.json.id);
    expect((await me(old.json.key)).status).toBe(401);
    expect((await me(rotated.json.key)).status).toBe(200);
    const ended = await owner.call("GET", "/api/api-keys");
    expect(ended.json.data.find((k: { id: string }) => k.id === old.json.id).revokedAt).not.toBeNull();

    expect(await revokeExpiredApiKeys(systemContext(env, () => {}))).toBeGreaterThanOrEqual(1);
    const row = await env.DB.prepare("SELECT revoked_at, expires_at FROM api_keys WHERE id = ?").bind(old.json.id).first<{ revoked_at: number; expires_at: number }>();
    expect(row!.revoked_at).toBe(row!.expires_at);

    const audit = await env.DB.prepare("SELECT actor_id, metadata FROM audit_log WHERE tenant_id = ? AND action = 'api_key.rotated'").bind(owner.tenant.id).all<{ actor_id: string; metadata: string }>();
    expect(audit.results).toHaveLength(1);
    expect(JSON.parse(audit.results[0]!.metadata)).toMatchObject({ newKeyId: rotated.json.id, overlapHours: 24 });
    expect(audit.results[0]!.metadata).not.toContain(rotated.json.key);
  });

  it("revokes the old key at once with no overlap, and by hand during an overlap", async () => {
    const owner = await createTenant();
    const a = await owner.call("POST", "/api/api-keys", { name: "now" });
    const ra = await owner.call("POST", `/api/api-keys/${a.json.id}/rotate`, { overlapHours: 0 });
    expect(ra.status).toBe(201);
    expect((await me(a.json.key)).status).toBe(401);
    expect((await me(ra.json.key)).status).toBe(200);

    const b = await owner.call("POST", "/api/api-keys", { name: "by hand" });
    const rb = await owner.call("POST", `/api/api-keys/${b.json.id}/rotate`, { overlapHours: 48 });
    expect((await owner.call("DELETE", `/api/api-keys/${b.json.id}`)).status).toBe(200);
    expect((await me(b.json.key)).status).toBe(401);
    expect((await me(rb.json.key)).status).toBe(200);
  });

  it("refuses a second rotation of the same key, a revoked key and a bad overlap, creating nothing", async () => {
    const owner = await createTenant();
    const k = await owner.call("POST", "/api/api-keys", { name: "once" });
    const count = async () => (await env.DB.prepare("SELECT count(*) AS n FROM api_keys WHERE tenant_id = ?").bind(owner.tenant.id).first<{ n: number }>())!.n;
    expect((await owner.call("POST", `/api/api-keys/${k.json.id}/rotate`, { overlapHours: 1 })).status).toBe(201);
    const before = await count();
    const again = await owner.call("POST", `/api/api-keys/${k.json.id}/rotate`, { overlapHours: 1 });
    expect(again.status).toBe(409);
    expect(again.headers.get("content-type")).toContain("application/problem+json");

    const bad = await owner.call("POST", `/api/api-keys/${owner.apiKeyId}/rotate`, { overlapHours: 500 });
    expect(bad.status).toBe(400);
    expect(bad.json.errors).toEqual([expect.objectContaining({ path: "overlapHours" })]);

    await owner.call("DELETE", `/api/api-keys/${owner.apiKeyId}`);
    expect((await owner.call("POST", `/api/api-keys/${owner.apiKeyId}/rotate`, { overlapHours: 1 })).status).toBe(409);
    expect(await count()).toBe(before);
  });

  it("is for owners and admins only", async () => {
    const owner = await createTenant();
    const agent = await inviteMember(owner, "agent");
    expect((await agent.call("POST", `/api/api-keys/${owner.apiKeyId}/rotate`, { overlapHours: 1 })).status).toBe(403);
  });

  it("another tenant's key is a 404", async () => {
    await expectTenantIsolation({
      create: async (a) => (await a.call("POST", "/api/api-keys", { name: "isolated" })).json.id,
      routes: [{ method: "POST", path: (id) => `/api/api-keys/${id}/rotate`, body: { overlapHours: 1 }, ownerStatus: 201 }],
    });
  });
});
