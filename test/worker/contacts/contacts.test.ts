// Contacts: create (E.164, one contact per number), read, update, validation,
// roles, search and filters.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createTenant, inviteMember } from "../helpers/tenants";
import { seedContacts, uniquePhone, walk } from "./helpers";

describe("creating and reading contacts", () => {
  it("normalizes the phone number to E.164 and returns the contract shape", async () => {
    const owner = await createTenant();
    const res = await owner.callWithKey("POST", "/api/contacts", { phone: "0062 812-3456-7890", name: "  Sari  ", email: "Sari@Example.com", tags: ["VIP", "vip", "lead"] });
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({
      phone: "+6281234567890",
      waId: "6281234567890",
      name: "Sari",
      email: "sari@example.com",
      tags: ["lead", "VIP"],
      leadScore: 0,
      stage: "new",
      optedOut: false,
      customFields: {},
      lastMessageAt: null,
    });
    expect(res.json.id).toMatch(/^con_/);
    expect(Date.parse(res.json.createdAt)).not.toBeNaN();
    const got = await owner.call("GET", `/api/contacts/${res.json.id}`);
    expect(got.status).toBe(200);
    expect(got.json).toEqual(res.json);
    const audit = await env.DB.prepare("SELECT metadata FROM audit_log WHERE tenant_id = ? AND action = 'contact.created' AND target_id = ?")
      .bind(owner.tenant.id, res.json.id)
      .first<{ metadata: string | null }>();
    expect(audit).not.toBeNull();
  });

  it("answers 409 naming the existing contact when the number is taken, in any spelling", async () => {
    const owner = await createTenant();
    const first = await owner.callWithKey("POST", "/api/contacts", { phone: "+62 812 0000 1111" });
    expect(first.status).toBe(201);
    const again = await owner.callWithKey("POST", "/api/contacts", { phone: "0062-812-0000-1111", name: "Other" });
    expect(again.status).toBe(409);
    expect(again.headers.get("content-type")).toMatch(/problem\+json/);
    expect(again.json.detail).toContain(first.json.id);
    expect(again.json.errors).toEqual([{ path: "phone", message: `belongs to contact ${first.json.id}` }]);
    // Another tenant may hold the same number.
    const other = await createTenant();
    expect((await other.callWithKey("POST", "/api/contacts", { phone: "+6281200001111" })).status).toBe(201);
  });

  it("rejects bad input with 400 naming every field, and writes nothing", async () => {
    const owner = await createTenant();
    const res = await owner.callWithKey("POST", "/api/contacts", {
      phone: "0812 3456",
      email: "not-an-email",
      stage: "Has Spaces",
      leadScore: 101,
      tags: ["ok", "bad,tag"],
      nickname: "x",
    });
    expect(res.status).toBe(400);
    const paths = res.json.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(expect.arrayContaining(["email", "leadScore", "phone", "stage", "tags.1"]));
    const count = await env.DB.prepare("SELECT count(*) AS n FROM contacts WHERE tenant_id = ?").bind(owner.tenant.id).first<{ n: number }>();
    expect(count!.n).toBe(0);
    const unknown = await owner.callWithKey("POST", "/api/contacts", { phone: uniquePhone(), nickname: "x" });
    expect(unknown.status).toBe(400);
    expect(unknown.json.errors).toEqual([expect.objectContaining({ path: "nickname" })]);
    const notJson = await owner.callWithKey("POST", "/api/contacts", undefined, { rawBody: "{", headers: { "content-type": "application/json" } });
    expect(notJson.status).toBe(400);
  });

  it("404s an unknown contact with problem+json", async () => {
    const owner = await createTenant();
    const res = await owner.callWithKey("GET", "/api/contacts/con_01J0000000000000000000000");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/problem\+json/);
  });
});

describe("updating contacts", () => {
  it("changes name, email, tags, stage, score and opt-out; null clears", async () => {
    const owner = await createTenant();
    const c = (await owner.callWithKey("POST", "/api/contacts", { phone: uniquePhone(), name: "Budi", email: "b@example.com", tags: ["a"] })).json;
    const res = await owner.callWithKey("PATCH", `/api/contacts/${c.id}`, { name: null, email: "new@example.com", tags: ["b", "c"], stage: "qualified", leadScore: 70, optedOut: true });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ name: null, email: "new@example.com", tags: ["b", "c"], stage: "qualified", leadScore: 70, optedOut: true });
    expect(res.json.optedOutAt).not.toBeNull();
    const back = await owner.callWithKey("PATCH", `/api/contacts/${c.id}`, { optedOut: false, tags: [] });
    expect(back.json).toMatchObject({ optedOut: false, optedOutAt: null, tags: [] });
    const links = await env.DB.prepare("SELECT count(*) AS n FROM contact_tags WHERE contact_id = ?").bind(c.id).first<{ n: number }>();
    expect(links!.n).toBe(0);
  });

  it("refuses a phone change and an empty update, naming the field", async () => {
    const owner = await createTenant();
    const c = (await owner.callWithKey("POST", "/api/contacts", { phone: uniquePhone() })).json;
    const phone = await owner.callWithKey("PATCH", `/api/contacts/${c.id}`, { phone: uniquePhone() });
    expect(phone.status).toBe(400);
    expect(phone.json.errors).toEqual([expect.objectContaining({ path: "phone" })]);
    const empty = await owner.callWithKey("PATCH", `/api/contacts/${c.id}`, {});
    expect(empty.status).toBe(400);
  });
});

describe("roles", () => {
  it("agents read, create and edit contacts; erasure, imports, exports and field definitions need an admin", async () => {
    const owner = await createTenant();
    const agent = await inviteMember(owner, "agent");
    const created = await agent.call("POST", "/api/contacts", { phone: uniquePhone(), name: "From agent" });
    expect(created.status, created.text).toBe(201);
    expect((await agent.call("GET", "/api/contacts")).status).toBe(200);
    expect((await agent.call("PATCH", `/api/contacts/${created.json.id}`, { tags: ["x"] })).status).toBe(200);
    expect((await agent.call("GET", `/api/contacts/${created.json.id}/export`)).status).toBe(200);
    expect((await agent.call("DELETE", `/api/contacts/${created.json.id}`)).status).toBe(403);
    expect((await agent.call("POST", "/api/contacts/imports", undefined, { rawBody: "phone\n+6281234567890\n", headers: { "content-type": "text/csv" } })).status).toBe(403);
    expect((await agent.call("GET", "/api/contacts/export.csv")).status).toBe(403);
    expect((await agent.call("POST", "/api/custom-fields", { key: "city", label: "City", type: "text" })).status).toBe(403);
    const tag = await agent.call("POST", "/api/tags", { name: "agent-made" });
    expect(tag.status).toBe(201);
    expect((await agent.call("PATCH", `/api/tags/${tag.json.id}`, { name: "renamed" })).status).toBe(403);
    expect((await owner.call("DELETE", `/api/contacts/${created.json.id}`)).status).toBe(204);
  });
});

describe("search and filters", () => {
  it("finds by name, email and any part of the phone number, and filters by tag, stage, score, opt-out and channel", async () => {
    const owner = await createTenant();
    const add = async (body: Record<string, unknown>) => {
      const res = await owner.callWithKey("POST", "/api/contacts", body);
      expect(res.status, res.text).toBe(201);
      return res.json.id as string;
    };
    const budi = await add({ phone: "+6281311112222", name: "Budi Santoso", email: "budi@toko.id", tags: ["vip"], stage: "won", leadScore: 90 });
    const sari = await add({ phone: "+6281322223333", name: "Sari 100%_off", tags: ["vip", "jakarta"], stage: "lead", leadScore: 40, optedOut: true });
    const ahmad = await add({ phone: "+6591234567", name: "Ahmad", email: "ahmad@santoso.sg", leadScore: 10 });
    await seedContacts(owner.tenant.id, 30);

    const ids = async (query: string) => (await walk(owner.callWithKey, `/api/contacts?${query}`)).map((c) => c.id).sort();
    expect(await ids("q=santoso")).toEqual([ahmad, budi].sort());
    expect(await ids("q=SANTOSO&tag=VIP")).toEqual([budi]);
    expect(await ids("q=100%25_")).toEqual([sari]);
    expect(await ids("q=1311112222")).toEqual([budi]);
    expect(await ids(`q=${encodeURIComponent("0813 2222 3333")}`)).toEqual([sari]);
    expect(await ids("q=%2B65%209123")).toEqual([ahmad]);
    expect(await ids("tag=vip")).toEqual([budi, sari].sort());
    expect(await ids("tag=nonexistent")).toEqual([]);
    expect(await ids("stage=won")).toEqual([budi]);
    expect(await ids("minScore=40&maxScore=90")).toEqual([budi, sari].sort());
    expect(await ids("optedOut=true")).toEqual([sari]);
    expect((await ids("optedOut=false")).length).toBe(32);
    expect(await ids("tag=vip&sort=score&limit=1")).toEqual([budi, sari].sort());

    // Channel: contacts with a conversation on that channel (the sandbox here).
    const message = await owner.callWithKey("POST", "/api/sandbox/messages", { from: "+6281311112222", text: "halo" });
    expect(message.status, message.text).toBe(202);
    const channelId = (await env.DB.prepare("SELECT channel_id FROM conversations WHERE id = ?").bind(message.json.conversationId).first<{ channel_id: string }>())!.channel_id;
    expect(await ids(`channelId=${channelId}`)).toEqual([budi]);
    expect(await ids("channelId=chn_01J0000000000000000000000")).toEqual([]);
  });
});

describe("the OpenAPI document", () => {
  it("describes every contacts, tags, custom fields and import route", async () => {
    const owner = await createTenant();
    const res = await owner.callWithKey("GET", "/api/openapi.json");
    expect(res.status).toBe(200);
    const paths = res.json.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>;
    const expected: Array<[string, string[]]> = [
      ["/api/contacts", ["get", "post"]],
      ["/api/contacts/{id}", ["get", "patch", "delete"]],
      ["/api/contacts/{id}/export", ["get"]],
      ["/api/contacts/export.csv", ["get"]],
      ["/api/contacts/bulk-tag", ["post"]],
      ["/api/contacts/imports", ["get", "post"]],
      ["/api/contacts/imports/{id}", ["get"]],
      ["/api/contacts/imports/{id}/errors", ["get"]],
      ["/api/tags", ["get", "post"]],
      ["/api/tags/{id}", ["get", "patch", "delete"]],
      ["/api/custom-fields", ["get", "post"]],
      ["/api/custom-fields/{id}", ["get", "patch", "delete"]],
    ];
    for (const [path, methods] of expected) {
      expect(Object.keys(paths[path] ?? {}).sort(), path).toEqual([...methods].sort());
      for (const m of methods) expect(Object.keys(paths[path]![m]!.responses), `${m} ${path}`).toEqual(expect.arrayContaining(["400", "401", "403"]));
    }
    expect(Object.keys(paths["/api/contacts/imports"]!.post!.responses)).toEqual(expect.arrayContaining(["201", "202", "413", "415"]));
  });
});
