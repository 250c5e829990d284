// Users in several tenants: creating, switching, and picking one per request.
import { describe, expect, it } from "vitest";
import { createTenant } from "./helpers/tenants";

describe("multi-tenant users", () => {
  it("create a second tenant, which becomes current, and switch back", async () => {
    const owner = await createTenant({ tenantName: "First" });
    const created = await owner.call("POST", "/api/tenants", { name: "Second" });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ name: "Second", role: "owner" });
    const second = created.json.id as string;

    const me = await owner.call("GET", "/api/me");
    expect(me.json).toMatchObject({ tenant: { id: second, name: "Second" }, role: "owner" });
    expect(me.json.tenants.map((t: { id: string }) => t.id).sort()).toEqual([owner.tenant.id, second].sort());

    const switched = await owner.call("POST", "/api/auth/switch-tenant", { tenantId: owner.tenant.id });
    expect(switched.status).toBe(200);
    expect(switched.json).toMatchObject({ tenant: { id: owner.tenant.id, name: "First" }, role: "owner" });
    expect((await owner.call("GET", "/api/me")).json.tenant.id).toBe(owner.tenant.id);

    // Each tenant has its own data: a key made in the second is not listed in the first.
    const key = await owner.call("POST", "/api/api-keys", { name: "second's key" }, { headers: { "x-tenant-id": second } });
    expect(key.status).toBe(201);
    const firstKeys = await owner.call("GET", "/api/api-keys");
    expect(firstKeys.json.data.map((k: { id: string }) => k.id)).not.toContain(key.json.id);
  });

  it("pick a tenant per request with X-Tenant-Id", async () => {
    const owner = await createTenant();
    const second = (await owner.call("POST", "/api/tenants", { name: "Second" })).json.id as string;
    await owner.call("POST", "/api/auth/switch-tenant", { tenantId: owner.tenant.id });

    const viaHeader = await owner.call("GET", "/api/me", undefined, { headers: { "x-tenant-id": second } });
    expect(viaHeader.status).toBe(200);
    expect(viaHeader.json.tenant.id).toBe(second);
    // The header does not change the session's current tenant.
    expect((await owner.call("GET", "/api/me")).json.tenant.id).toBe(owner.tenant.id);
  });

  it("cannot pick or switch to a tenant they do not belong to", async () => {
    const owner = await createTenant();
    const stranger = await createTenant();

    const header = await owner.call("GET", "/api/members", undefined, { headers: { "x-tenant-id": stranger.tenant.id } });
    expect(header.status).toBe(403);
    expect(header.text).not.toContain(stranger.email);
    // The same answer as for a tenant that does not exist: it confirms nothing.
    const unknown = await owner.call("GET", "/api/members", undefined, { headers: { "x-tenant-id": "ten_does_not_exist" } });
    expect(unknown.status).toBe(header.status);
    expect(unknown.json.detail).toBe(header.json.detail);

    const switched = await owner.call("POST", "/api/auth/switch-tenant", { tenantId: stranger.tenant.id });
    expect(switched.status).toBe(404);
    expect((await owner.call("GET", "/api/me")).json.tenant.id).toBe(owner.tenant.id);

    const key = await owner.callWithKey("GET", "/api/members", undefined, { headers: { "x-tenant-id": stranger.tenant.id } });
    expect(key.status).toBe(403);
    expect(key.text).not.toContain(stranger.email);
  });

  it("keeps API keys bound to their tenant", async () => {
    const owner = await createTenant();
    const res = await owner.callWithKey("POST", "/api/auth/switch-tenant", { tenantId: owner.tenant.id });
    expect(res.status).toBe(400);
    const create = await owner.callWithKey("POST", "/api/tenants", { name: "From a script" });
    expect(create.status).toBe(400);
  });
});
