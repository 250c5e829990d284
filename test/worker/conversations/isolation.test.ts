// Tenant isolation of every inbox route, through the shared helper: another
// tenant's conversation, note, quick reply, template or channel is a 404.
import { describe, expect, it } from "vitest";
import { connectMeta } from "../helpers/channels";
import { expectTenantIsolation } from "../helpers/isolation";
import { sandboxConversation } from "./helpers";

const TEMPLATE = { name: "isolation_check", language: "en", category: "utility", components: [{ type: "BODY", text: "Secret template body" }] };

describe("tenant isolation of the inbox", () => {
  it("keeps conversations, their messages, notes and actions inside their tenant", () =>
    expectTenantIsolation({
      create: async (a) => {
        const conv = await sandboxConversation(a, { text: "a-private-message-text", name: "Private Person" });
        expect((await a.call("POST", "/api/templates", TEMPLATE)).status).toBe(201);
        const note = await a.call("POST", `/api/conversations/${conv.conversationId}/notes`, { text: "a-private-note" });
        expect(note.status).toBe(201);
        return { id: conv.conversationId, data: ["a-private-message-text", "a-private-note", "Private Person", conv.phone] };
      },
      routes: [
        { method: "GET", path: (id) => `/api/conversations/${id}`, ownerStatus: 200 },
        { method: "GET", path: (id) => `/api/conversations/${id}/messages`, ownerStatus: 200 },
        { method: "GET", path: (id) => `/api/conversations/${id}/notes`, ownerStatus: 200 },
        { method: "POST", path: (id) => `/api/conversations/${id}/notes`, body: { text: "note by whoever" }, ownerStatus: 201 },
        { method: "POST", path: (id) => `/api/conversations/${id}/messages`, body: { text: "reply by whoever" }, ownerStatus: 201 },
        { method: "POST", path: (id) => `/api/conversations/${id}/template`, body: { name: TEMPLATE.name, language: TEMPLATE.language }, ownerStatus: 201 },
        { method: "POST", path: (id) => `/api/conversations/${id}/assign`, body: { userId: null }, ownerStatus: 200 },
        { method: "POST", path: (id) => `/api/conversations/${id}/read`, ownerStatus: 200 },
        { method: "POST", path: (id) => `/api/conversations/${id}/close`, ownerStatus: 200 },
        { method: "POST", path: (id) => `/api/conversations/${id}/reopen`, ownerStatus: 200 },
        { method: "POST", path: (id) => `/api/conversations/${id}/take-over`, ownerStatus: 200 },
        { method: "POST", path: (id) => `/api/conversations/${id}/resume-bot`, ownerStatus: 200 },
      ],
      lists: ["/api/conversations", "/api/conversations?sort=lastMessage", "/api/conversations?assigned=unassigned&status=open"],
    }));

  it("keeps quick replies inside their tenant, and renders only the tenant's own conversations", async () => {
    let conversationOfA = "";
    const { tenantB } = await expectTenantIsolation({
      create: async (a) => {
        conversationOfA = (await sandboxConversation(a)).conversationId;
        const res = await a.call("POST", "/api/quick-replies", { shortcut: "secret", title: "a-private-title", text: "a-private-canned-text {{contact.name}}" });
        expect(res.status).toBe(201);
        return { id: res.json.id, data: ["a-private-title", "a-private-canned-text"] };
      },
      routes: [
        { method: "GET", path: (id) => `/api/quick-replies/${id}`, ownerStatus: 200 },
        { method: "POST", path: (id) => `/api/quick-replies/${id}/render`, body: () => ({ conversationId: conversationOfA }), ownerStatus: 200 },
        { method: "PATCH", path: (id) => `/api/quick-replies/${id}`, body: { title: "renamed" }, ownerStatus: 200 },
        { method: "DELETE", path: (id) => `/api/quick-replies/${id}`, ownerStatus: 204 },
      ],
      lists: ["/api/quick-replies", "/api/quick-replies?q=secret"],
    });
    // B's own quick reply cannot be rendered against A's conversation either.
    const own = await tenantB.call("POST", "/api/quick-replies", { shortcut: "mine", title: "Mine", text: "Hi {{contact.name}}" });
    const res = await tenantB.call("POST", `/api/quick-replies/${own.json.id}/render`, { conversationId: conversationOfA });
    expect(res.status).toBe(404);
    expect(res.text).not.toContain("Dewi");
  });

  it("keeps templates inside their tenant", () =>
    expectTenantIsolation({
      create: async (a) => {
        const res = await a.call("POST", "/api/templates", TEMPLATE);
        expect(res.status).toBe(201);
        return { id: res.json.id, data: ["Secret template body"] };
      },
      routes: [
        { method: "GET", path: (id) => `/api/templates/${id}`, ownerStatus: 200 },
        { method: "PATCH", path: (id) => `/api/templates/${id}`, body: { status: "paused" }, ownerStatus: 200 },
        { method: "DELETE", path: (id) => `/api/templates/${id}`, ownerStatus: 204 },
      ],
      lists: ["/api/templates", "/api/templates?channelId=local"],
    }));

  it("refuses to sync another tenant's channel", () =>
    expectTenantIsolation({
      create: async (a) => (await connectMeta(a)).id,
      // A's channel has no wabaId yet: A gets 409, B must get 404.
      routes: [{ method: "POST", path: () => "/api/templates/sync", body: (id: string) => ({ channelId: id }), ownerStatus: 409 }],
    }));
});
