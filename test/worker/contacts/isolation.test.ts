// Tenant isolation on every contacts, tags, custom fields and import route,
// through the shared helper: another tenant gets 404s and never sees the data.
import { describe, expect, it } from "vitest";
import { expectTenantIsolation } from "../helpers/isolation";
import { csvBody, postCsv, uniquePhone } from "./helpers";

const secret = (label: string) => `${label}-${crypto.randomUUID().slice(0, 8)}`;

describe("tenant isolation", () => {
  it("keeps contacts inside their tenant", () => {
    const name = secret("Private Person");
    return expectTenantIsolation({
      create: async (a) => {
        const phone = uniquePhone();
        const res = await a.callWithKey("POST", "/api/contacts", { phone, name, email: `${secret("p")}@example.com`, tags: [secret("tag")] });
        expect(res.status, res.text).toBe(201);
        return { id: res.json.id, data: [name, phone, res.json.email, res.json.tags[0]] };
      },
      routes: [
        { method: "GET", path: (id) => `/api/contacts/${id}` },
        { method: "PATCH", path: (id) => `/api/contacts/${id}`, body: { name: "Renamed by B", tags: ["b"] }, ownerStatus: 200 },
        { method: "GET", path: (id) => `/api/contacts/${id}/export`, ownerStatus: 200 },
        { method: "POST", path: () => "/api/contacts/bulk-tag", body: (id: string) => ({ contactIds: [id], add: ["from-b"] }), ownerStatus: 200 },
        { method: "DELETE", path: (id) => `/api/contacts/${id}`, ownerStatus: 204 },
      ],
      lists: ["/api/contacts", `/api/contacts?q=${encodeURIComponent(name)}`, "/api/contacts?sort=score", "/api/contacts?sort=lastMessage", "/api/contacts/export.csv"],
    });
  });

  it("keeps tags inside their tenant", () =>
    expectTenantIsolation({
      create: async (a) => {
        const name = secret("a-tag");
        const res = await a.callWithKey("POST", "/api/tags", { name });
        expect(res.status, res.text).toBe(201);
        return { id: res.json.id, data: [name] };
      },
      routes: [
        { method: "GET", path: (id) => `/api/tags/${id}` },
        { method: "PATCH", path: (id) => `/api/tags/${id}`, body: { name: "renamed-by-b" }, ownerStatus: 200 },
        { method: "DELETE", path: (id) => `/api/tags/${id}`, ownerStatus: 204 },
      ],
      lists: ["/api/tags"],
    }));

  it("keeps custom fields inside their tenant", () =>
    expectTenantIsolation({
      create: async (a) => {
        const label = secret("Secret label");
        const res = await a.callWithKey("POST", "/api/custom-fields", { key: "loyalty_tier", label, type: "select", options: ["gold"] });
        expect(res.status, res.text).toBe(201);
        return { id: res.json.id, data: [label] };
      },
      routes: [
        { method: "GET", path: (id) => `/api/custom-fields/${id}` },
        { method: "PATCH", path: (id) => `/api/custom-fields/${id}`, body: { label: "Renamed by B" }, ownerStatus: 200 },
        { method: "DELETE", path: (id) => `/api/custom-fields/${id}`, ownerStatus: 204 },
      ],
      lists: ["/api/custom-fields"],
    }));

  it("keeps imports and their error reports inside their tenant", () =>
    expectTenantIsolation({
      create: async (a) => {
        const fileName = secret("customers");
        const res = await postCsv(a.callWithKey, csvBody(["phone,name", `${uniquePhone()},Imported`, "not-a-phone,Bad"]), `?fileName=${fileName}`);
        expect(res.status, res.text).toBe(201);
        return { id: res.json.id, data: [fileName] };
      },
      routes: [
        { method: "GET", path: (id) => `/api/contacts/imports/${id}` },
        { method: "GET", path: (id) => `/api/contacts/imports/${id}/errors` },
        { method: "GET", path: (id) => `/api/contacts/imports/${id}/errors?format=csv` },
      ],
      lists: ["/api/contacts/imports"],
    }));
});
