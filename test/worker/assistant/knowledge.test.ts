// The knowledge base API: entries, import, search, roles, isolation.
import { describe, expect, it } from "vitest";
import { expectTenantIsolation } from "../helpers/isolation";
import { createTenant, inviteMember } from "../helpers/tenants";

describe("knowledge base", () => {
  it("creates, edits, searches and deletes entries", async () => {
    const owner = await createTenant();
    const created = await owner.callWithKey("POST", "/api/knowledge", { title: "Opening hours", content: "Open Monday to Friday, 08:00 to 16:00.", tags: ["hours"] });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ title: "Opening hours", tags: ["hours"] });
    const edited = await owner.callWithKey("PATCH", `/api/knowledge/${created.json.id}`, { content: "Open Monday to Saturday, 09:00 to 17:00." });
    expect(edited.json.content).toContain("Saturday");
    // Search finds the new text, not the old one.
    expect((await owner.callWithKey("GET", "/api/knowledge?q=saturday")).json.data.map((e: { id: string }) => e.id)).toEqual([created.json.id]);
    expect((await owner.callWithKey("GET", "/api/knowledge?q=friday")).json.data).toEqual([]);
    expect((await owner.callWithKey("DELETE", `/api/knowledge/${created.json.id}`)).status).toBe(204);
    expect((await owner.callWithKey("GET", "/api/knowledge?q=saturday")).json.data).toEqual([]);
  });

  it("imports Markdown sections and CSV question/answer rows", async () => {
    const owner = await createTenant();
    const md = await owner.callWithKey("POST", "/api/knowledge/import", {
      format: "markdown",
      content: "# Delivery\nWe deliver in Jakarta within 2 days.\n\n## Returns\nReturns are accepted within 14 days.\n",
    });
    expect(md.status, md.text).toBe(201);
    expect(md.json.data.map((e: { title: string }) => e.title)).toEqual(["Delivery", "Returns"]);
    const csv = await owner.callWithKey("POST", "/api/knowledge/import", {
      format: "csv",
      content: 'question,answer\n"Do you ship to Bali?","Yes, to Bali and Lombok, in 4 days."\nWhat is the warranty?,One year on all products.\n',
    });
    expect(csv.status, csv.text).toBe(201);
    expect(csv.json.data.map((e: { title: string; content: string }) => [e.title, e.content])).toEqual([
      ["Do you ship to Bali?", "Yes, to Bali and Lombok, in 4 days."],
      ["What is the warranty?", "One year on all products."],
    ]);
    const list = await owner.callWithKey("GET", "/api/knowledge");
    expect(list.json.data).toHaveLength(4);
  });

  it("names the problem when an import has no entries", async () => {
    const owner = await createTenant();
    const res = await owner.callWithKey("POST", "/api/knowledge/import", { format: "csv", content: "name,phone\nAna,+1555\n" });
    expect(res.status).toBe(400);
    expect(res.json.errors[0].path).toBe("content");
    expect((await owner.callWithKey("GET", "/api/knowledge")).json.data).toHaveLength(0);
  });

  it("lets agents read but not change the knowledge", async () => {
    const owner = await createTenant();
    const agent = await inviteMember(owner, "agent");
    expect((await agent.call("POST", "/api/knowledge", { title: "x", content: "y" })).status).toBe(403);
    expect((await agent.call("GET", "/api/knowledge")).status).toBe(200);
  });

  it("keeps entries inside their tenant", () =>
    expectTenantIsolation({
      create: async (a) => {
        const res = await a.callWithKey("POST", "/api/knowledge", { title: "Secret price list", content: "Villa Kenanga costs IDR 12 billion." });
        return { id: res.json.id, data: ["Villa Kenanga"] };
      },
      routes: [
        { method: "GET", path: (id) => `/api/knowledge/${id}` },
        { method: "PATCH", path: (id) => `/api/knowledge/${id}`, body: { title: "Changed" } },
        { method: "DELETE", path: (id) => `/api/knowledge/${id}`, ownerStatus: 204 },
      ],
      lists: ["/api/knowledge", "/api/knowledge?q=kenanga"],
    }));
});
