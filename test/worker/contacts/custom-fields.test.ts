// Typed custom fields: definitions, validation naming the field, key rename
// and delete propagating to contacts.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createTenant, type TenantOwner } from "../helpers/tenants";
import { uniquePhone } from "./helpers";

async function define(owner: TenantOwner, body: Record<string, unknown>) {
  const res = await owner.callWithKey("POST", "/api/custom-fields", body);
  expect(res.status, res.text).toBe(201);
  return res.json;
}

async function workspace() {
  const owner = await createTenant();
  await define(owner, { key: "age", label: "Age", type: "number" });
  await define(owner, { key: "vip_since", label: "VIP since", type: "date" });
  await define(owner, { key: "newsletter", label: "Newsletter", type: "boolean" });
  await define(owner, { key: "city", label: "City", type: "text" });
  const plan = await define(owner, { key: "plan", label: "Plan", type: "select", options: ["basic", "pro"] });
  return { owner, plan };
}

describe("custom fields", () => {
  it("store typed values and reject wrong ones, naming each field", async () => {
    const { owner } = await workspace();
    const ok = await owner.callWithKey("POST", "/api/contacts", {
      phone: uniquePhone(),
      customFields: { age: 31, vip_since: "2024-02-29", newsletter: true, city: " Bandung ", plan: "pro" },
    });
    expect(ok.status, ok.text).toBe(201);
    expect(ok.json.customFields).toEqual({ age: 31, vip_since: "2024-02-29", newsletter: true, city: "Bandung", plan: "pro" });

    const bad = await owner.callWithKey("PATCH", `/api/contacts/${ok.json.id}`, {
      customFields: { age: "31", vip_since: "2023-02-29", newsletter: "yes", plan: "gold", shoe_size: 42 },
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get("content-type")).toMatch(/problem\+json/);
    const byPath = Object.fromEntries(bad.json.errors.map((e: { path: string; message: string }) => [e.path, e.message]));
    expect(Object.keys(byPath).sort()).toEqual(["customFields.age", "customFields.newsletter", "customFields.plan", "customFields.shoe_size", "customFields.vip_since"]);
    expect(byPath["customFields.age"]).toMatch(/number/);
    expect(byPath["customFields.plan"]).toMatch(/basic, pro/);
    expect(byPath["customFields.shoe_size"]).toMatch(/not a custom field/);
    // Nothing was written.
    expect((await owner.callWithKey("GET", `/api/contacts/${ok.json.id}`)).json.customFields.age).toBe(31);

    const merged = await owner.callWithKey("PATCH", `/api/contacts/${ok.json.id}`, { customFields: { age: 32, city: null } });
    expect(merged.status).toBe(200);
    expect(merged.json.customFields).toEqual({ age: 32, vip_since: "2024-02-29", newsletter: true, plan: "pro" });
  });

  it("validate their definitions", async () => {
    const owner = await createTenant();
    const res = await owner.callWithKey("POST", "/api/custom-fields", { key: "Bad Key", label: "", type: "colour" });
    expect(res.status).toBe(400);
    expect(res.json.errors.map((e: { path: string }) => e.path).sort()).toEqual(["key", "label", "type"]);
    const noOptions = await owner.callWithKey("POST", "/api/custom-fields", { key: "tier", label: "Tier", type: "select" });
    expect(noOptions.json.errors).toEqual([expect.objectContaining({ path: "options" })]);
    const reserved = await owner.callWithKey("POST", "/api/custom-fields", { key: "phone", label: "Phone", type: "text" });
    expect(reserved.json.errors).toEqual([expect.objectContaining({ path: "key" })]);
    await define(owner, { key: "tier", label: "Tier", type: "text" });
    const dup = await owner.callWithKey("POST", "/api/custom-fields", { key: "tier", label: "Again", type: "number" });
    expect(dup.status).toBe(409);
    const typeChange = await owner.callWithKey("GET", "/api/custom-fields");
    const id = typeChange.json.data[0].id;
    const patchType = await owner.callWithKey("PATCH", `/api/custom-fields/${id}`, { type: "number" });
    expect(patchType.status).toBe(400);
    expect(patchType.json.errors).toEqual([expect.objectContaining({ path: "type" })]);
  });

  it("key rename moves every contact's value; delete removes it", async () => {
    const { owner } = await workspace();
    const fields = (await owner.callWithKey("GET", "/api/custom-fields")).json.data as Array<{ id: string; key: string }>;
    const newsletter = fields.find((f) => f.key === "newsletter")!;
    const ids: string[] = [];
    for (const value of [true, false, true]) {
      const res = await owner.callWithKey("POST", "/api/contacts", { phone: uniquePhone(), customFields: { newsletter: value, age: 20 } });
      ids.push(res.json.id);
    }
    const renamed = await owner.callWithKey("PATCH", `/api/custom-fields/${newsletter.id}`, { key: "subscribed", label: "Subscribed" });
    expect(renamed.status, renamed.text).toBe(200);
    expect(renamed.json).toMatchObject({ key: "subscribed", label: "Subscribed", type: "boolean" });
    const values = await Promise.all(ids.map(async (id) => (await owner.callWithKey("GET", `/api/contacts/${id}`)).json.customFields));
    expect(values).toEqual([
      { subscribed: true, age: 20 },
      { subscribed: false, age: 20 },
      { subscribed: true, age: 20 },
    ]);
    // The renamed key validates under its new name only.
    expect((await owner.callWithKey("PATCH", `/api/contacts/${ids[0]}`, { customFields: { newsletter: true } })).status).toBe(400);

    const age = fields.find((f) => f.key === "age")!;
    expect((await owner.callWithKey("DELETE", `/api/custom-fields/${age.id}`)).status).toBe(204);
    const left = await env.DB.prepare("SELECT count(*) AS n FROM contacts WHERE tenant_id = ? AND json_type(custom_fields, '$.age') IS NOT NULL").bind(owner.tenant.id).first<{ n: number }>();
    expect(left!.n).toBe(0);
  });

  it("refuse to drop a select option that contacts hold", async () => {
    const { owner, plan } = await workspace();
    await owner.callWithKey("POST", "/api/contacts", { phone: uniquePhone(), customFields: { plan: "basic" } });
    const drop = await owner.callWithKey("PATCH", `/api/custom-fields/${plan.id}`, { options: ["pro"] });
    expect(drop.status).toBe(409);
    expect(drop.json.errors).toEqual([expect.objectContaining({ path: "options" })]);
    const grow = await owner.callWithKey("PATCH", `/api/custom-fields/${plan.id}`, { options: ["basic", "pro", "team"] });
    expect(grow.status).toBe(200);
    expect(grow.json.options).toEqual(["basic", "pro", "team"]);
  });
});
