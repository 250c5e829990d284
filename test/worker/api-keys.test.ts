// API keys: shown once, usable as Bearer, revocable.
import { describe, expect, it } from "vitest";
import { keyClient, request } from "./helpers/api";
import { createTenant, inviteMember } from "./helpers/tenants";

describe("API keys", () => {
  it("shows the key once; the list never contains it", async () => {
    const owner = await createTenant();
    const created = await owner.call("POST", "/api/api-keys", { name: "CI deploys" });
    expect(created.status).toBe(201);
    expect(created.json).toEqual({
      id: expect.any(String),
      name: "CI deploys",
      key: expect.any(String),
      prefix: expect.any(String),
      createdAt: expect.any(String),
    });
    expect(created.json.key.startsWith(created.json.prefix)).toBe(true);
    expect(created.json.key.length).toBeGreaterThan(created.json.prefix.length + 16);

    const list = await owner.call("GET", "/api/api-keys");
    expect(list.status).toBe(200);
    const item = list.json.data.find((k: { id: string }) => k.id === created.json.id);
    expect(item).toMatchObject({ name: "CI deploys", prefix: created.json.prefix, revokedAt: null });
    expect(item).not.toHaveProperty("key");
    for (const k of list.json.data) expect(k).not.toHaveProperty("key");
    expect(list.text).not.toContain(created.json.key);
    expect(list.json.nextCursor).toBeNull();
  });

  it("pages the list newest first, stable under inserts", async () => {
    const owner = await createTenant();
    for (const name of ["two", "three", "four"]) expect((await owner.call("POST", "/api/api-keys", { name })).status).toBe(201);

    const first = await owner.call("GET", "/api/api-keys?limit=2");
    expect(first.status).toBe(200);
    expect(first.json.data.map((k: { name: string }) => k.name)).toEqual(["four", "three"]);
    expect(first.json.nextCursor).toEqual(expect.any(String));

    // A key created between pages does not shift the next page.
    expect((await owner.call("POST", "/api/api-keys", { name: "five" })).status).toBe(201);
    const second = await owner.call("GET", `/api/api-keys?limit=2&cursor=${encodeURIComponent(first.json.nextCursor)}`);
    expect(second.json.data.map((k: { name: string }) => k.name)).toEqual(["two", "test key"]);
    expect(second.json.nextCursor).toBeNull();

    expect((await owner.call("GET", "/api/api-keys?limit=0")).status).toBe(400);
    expect((await owner.call("GET", "/api/api-keys?limit=201")).status).toBe(400);
    expect((await owner.call("GET", "/api/api-keys?cursor=not-a-cursor")).status).toBe(400);
  });

  it("authenticates GET /api/me as Bearer, scoped to its tenant", async () => {
    const owner = await createTenant();
    const me = await owner.callWithKey("GET", "/api/me");
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({ tenant: { id: owner.tenant.id }, via: "api_key" });
  });

  it("stops working once revoked", async () => {
    const owner = await createTenant();
    const created = await owner.call("POST", "/api/api-keys", { name: "short-lived" });
    const script = keyClient(created.json.key);
    expect((await script("GET", "/api/me")).status).toBe(200);

    const revoked = await owner.call("DELETE", `/api/api-keys/${created.json.id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.json.revokedAt).toEqual(expect.any(String));

    const me = await script("GET", "/api/me");
    expect(me.status).toBe(401);
    expect(me.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    const list = await owner.call("GET", "/api/api-keys");
    expect(list.json.data.find((k: { id: string }) => k.id === created.json.id).revokedAt).toEqual(expect.any(String));
  });

  it("rejects unknown keys and malformed Authorization headers with 401", async () => {
    expect((await request("GET", "/api/me", { bearer: "prl_this-key-does-not-exist" })).status).toBe(401);
    expect((await request("GET", "/api/me", { bearer: "something-else" })).status).toBe(401);
    expect((await request("GET", "/api/me", { headers: { authorization: "Basic dXNlcjpwYXNz" } })).status).toBe(401);
  });

  it("requires a name", async () => {
    const owner = await createTenant();
    const res = await owner.call("POST", "/api/api-keys", { name: "  " });
    expect(res.status).toBe(400);
    expect(res.json.errors).toEqual([expect.objectContaining({ path: "name" })]);
  });

  it("stops working when the member who created it leaves the team", async () => {
    const owner = await createTenant();
    const admin = await inviteMember(owner, "admin");
    const created = await admin.call("POST", "/api/api-keys", { name: "admin's script" });
    expect(created.status).toBe(201);
    const script = keyClient(created.json.key);
    expect((await script("GET", "/api/me")).status).toBe(200);

    expect((await owner.call("DELETE", `/api/members/${admin.user.id}`)).status).toBe(204);
    expect((await script("GET", "/api/me")).status).toBe(401);
  });

  it("can be created and revoked by an API key", async () => {
    const owner = await createTenant();
    const created = await owner.callWithKey("POST", "/api/api-keys", { name: "made by a script" });
    expect(created.status).toBe(201);
    expect((await owner.callWithKey("DELETE", `/api/api-keys/${created.json.id}`)).status).toBe(200);
    expect((await keyClient(created.json.key)("GET", "/api/me")).status).toBe(401);
  });
});
