// Tags: CRUD, rename and delete propagating to every contact, bulk tagging.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createTenant, type TenantOwner } from "../helpers/tenants";
import { seedContacts, uniquePhone, walk } from "./helpers";

async function contactWith(owner: TenantOwner, tags: string[]) {
  const res = await owner.callWithKey("POST", "/api/contacts", { phone: uniquePhone(), tags });
  expect(res.status, res.text).toBe(201);
  return res.json.id as string;
}

const tagsOf = async (owner: TenantOwner, id: string) => (await owner.callWithKey("GET", `/api/contacts/${id}`)).json.tags as string[];

describe("tags", () => {
  it("are created once per name regardless of case, listed alphabetically with counts", async () => {
    const owner = await createTenant();
    const vip = await owner.callWithKey("POST", "/api/tags", { name: "VIP", color: "#22c55e" });
    expect(vip.status, vip.text).toBe(201);
    expect(vip.json).toMatchObject({ name: "VIP", color: "#22c55e", contactCount: 0 });
    const dup = await owner.callWithKey("POST", "/api/tags", { name: "vip" });
    expect(dup.status).toBe(409);
    expect(dup.json.detail).toContain(vip.json.id);
    await contactWith(owner, ["vip", "Zeta"]);
    await contactWith(owner, ["alpha", "VIP"]);
    const list = await walk(owner.callWithKey, "/api/tags?limit=1");
    expect(list.map((t) => [t.name, t.contactCount])).toEqual([
      ["alpha", 1],
      ["VIP", 2],
      ["Zeta", 1],
    ]);
    expect((await owner.callWithKey("GET", "/api/tags?q=ze")).json.data.map((t: { name: string }) => t.name)).toEqual(["Zeta"]);
    const bad = await owner.callWithKey("POST", "/api/tags", { name: "a;b", color: "green" });
    expect(bad.status).toBe(400);
    expect(bad.json.errors.map((e: { path: string }) => e.path).sort()).toEqual(["color", "name"]);
  });

  it("rename propagates to every contact that carries the tag", async () => {
    const owner = await createTenant();
    const seeded = await seedContacts(owner.tenant.id, 300);
    const bulk = await owner.callWithKey("POST", "/api/contacts/bulk-tag", { contactIds: seeded.map((s) => s.id), add: ["prospect"] });
    expect(bulk.status, bulk.text).toBe(200);
    expect(bulk.json).toEqual({ matched: 300, updated: 300 });
    const other = await contactWith(owner, ["other", "prospect"]);
    const tag = (await owner.callWithKey("GET", "/api/tags?q=prospect")).json.data[0];
    expect(tag.contactCount).toBe(301);

    const renamed = await owner.callWithKey("PATCH", `/api/tags/${tag.id}`, { name: "Hot lead" });
    expect(renamed.status, renamed.text).toBe(200);
    expect(renamed.json).toMatchObject({ id: tag.id, name: "Hot lead", contactCount: 301 });
    const stale = await env.DB.prepare("SELECT count(*) AS n FROM contacts WHERE tenant_id = ? AND tags LIKE '%prospect%'").bind(owner.tenant.id).first<{ n: number }>();
    expect(stale!.n).toBe(0);
    const fresh = await env.DB.prepare("SELECT count(*) AS n FROM contacts WHERE tenant_id = ? AND tags LIKE '%\"Hot lead\"%'").bind(owner.tenant.id).first<{ n: number }>();
    expect(fresh!.n).toBe(301);
    expect(await tagsOf(owner, other)).toEqual(["Hot lead", "other"]);
    expect((await walk(owner.callWithKey, "/api/contacts?tag=hot%20lead&limit=200")).length).toBe(301);
    expect((await walk(owner.callWithKey, "/api/contacts?tag=prospect")).length).toBe(0);

    // Renaming onto another tag's name is a conflict.
    const clash = await owner.callWithKey("PATCH", `/api/tags/${tag.id}`, { name: "OTHER" });
    expect(clash.status).toBe(409);
    const audit = await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE tenant_id = ? AND action = 'tag.updated' AND target_id = ?").bind(owner.tenant.id, tag.id).first<{ n: number }>();
    expect(audit!.n).toBe(1);
  });

  it("delete removes the tag from every contact", async () => {
    const owner = await createTenant();
    const a = await contactWith(owner, ["gone", "kept"]);
    const b = await contactWith(owner, ["gone"]);
    const tag = (await owner.callWithKey("GET", "/api/tags?q=gone")).json.data[0];
    expect((await owner.callWithKey("DELETE", `/api/tags/${tag.id}`)).status).toBe(204);
    expect(await tagsOf(owner, a)).toEqual(["kept"]);
    expect(await tagsOf(owner, b)).toEqual([]);
    expect((await owner.callWithKey("GET", `/api/tags/${tag.id}`)).status).toBe(404);
    const links = await env.DB.prepare("SELECT count(*) AS n FROM contact_tags WHERE tag_id = ?").bind(tag.id).first<{ n: number }>();
    expect(links!.n).toBe(0);
  });

  it("bulk tag adds and removes on all contacts or none", async () => {
    const owner = await createTenant();
    const a = await contactWith(owner, ["old"]);
    const b = await contactWith(owner, []);
    const res = await owner.callWithKey("POST", "/api/contacts/bulk-tag", { contactIds: [a, b, a], add: ["new", "NEW"], remove: ["old"] });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toEqual({ matched: 2, updated: 2 });
    expect(await tagsOf(owner, a)).toEqual(["new"]);
    expect(await tagsOf(owner, b)).toEqual(["new"]);
    const again = await owner.callWithKey("POST", "/api/contacts/bulk-tag", { contactIds: [a, b], add: ["new"] });
    expect(again.json).toEqual({ matched: 2, updated: 0 });

    const missing = await owner.callWithKey("POST", "/api/contacts/bulk-tag", { contactIds: [a, "con_01J0000000000000000000000"], add: ["never"] });
    expect(missing.status).toBe(404);
    expect(missing.json.detail).toContain("con_01J0000000000000000000000");
    expect(await tagsOf(owner, a)).toEqual(["new"]);
    expect((await owner.callWithKey("GET", "/api/tags?q=never")).json.data).toEqual([]);

    const invalid = await owner.callWithKey("POST", "/api/contacts/bulk-tag", { contactIds: [], add: ["x"], remove: ["X"] });
    expect(invalid.status).toBe(400);
    expect(invalid.json.errors.map((e: { path: string }) => e.path).sort()).toEqual(expect.arrayContaining(["contactIds"]));
    const both = await owner.callWithKey("POST", "/api/contacts/bulk-tag", { contactIds: [a], add: ["x"], remove: ["X"] });
    expect(both.status).toBe(400);
    expect(both.json.errors).toEqual([expect.objectContaining({ path: "remove" })]);
  });
});
