// Quick replies: CRUD, variable validation, and rendering for a conversation.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { renderVariables, unknownVariables } from "../../../worker/quick-replies/variables";
import { inviteMember } from "../helpers/tenants";
import { quietTenant, sandboxConversation } from "./helpers";

describe("quick reply variables", () => {
  it("substitute values, use fallbacks for empty ones and report what stayed empty", () => {
    const values: Record<string, string | null> = { "contact.name": "Dewi", "agent.name": null };
    const out = renderVariables("Hi {{contact.name}}, I'm {{ agent.name | your agent }}. {{contact.email}}!", (n) => values[n] ?? null);
    expect(out).toEqual({ text: "Hi Dewi, I'm your agent. !", missing: ["contact.email"] });
    expect(unknownVariables("{{contact.name}} {{contact.fields.plan}} {{contact.nmae}} {{order.id}}")).toEqual(["contact.nmae", "order.id"]);
  });
});

describe("/api/quick-replies", () => {
  it("renders a reply for a conversation: contact, agent, business and custom fields filled in", async () => {
    const owner = await quietTenant();
    const agent = await inviteMember(owner, "agent");
    const conv = await sandboxConversation(owner, { name: "Dewi Lestari" });
    await env.DB.prepare("UPDATE contacts SET email = ?, custom_fields = ? WHERE id = ?").bind("dewi@example.com", JSON.stringify({ plan: "Gold" }), conv.contactId).run();
    const created = await owner.call("POST", "/api/quick-replies", {
      shortcut: "/Greet",
      title: "Greeting",
      text: "Hi {{contact.firstName}} ({{contact.phone}}), this is {{agent.name}} from {{business.name}}. Your {{contact.fields.plan}} plan: {{contact.fields.renewal | not set}}.",
    });
    expect(created.status, created.text).toBe(201);
    expect(created.json.shortcut).toBe("greet");

    const rendered = await agent.call("POST", `/api/quick-replies/${created.json.id}/render`, { conversationId: conv.conversationId });
    expect(rendered.status, rendered.text).toBe(200);
    const tenant = (await owner.call("GET", "/api/me")).json.tenant.name;
    expect(rendered.json).toEqual({
      quickReplyId: created.json.id,
      conversationId: conv.conversationId,
      text: `Hi Dewi (${conv.phone}), this is New agent from ${tenant}. Your Gold plan: not set.`,
      missing: [],
    });
    // Rendering sends nothing.
    const thread = await owner.call("GET", `/api/conversations/${conv.conversationId}/messages`);
    expect(thread.json.data.every((m: { direction: string }) => m.direction === "inbound")).toBe(true);
  });

  it("lists, searches, updates and deletes; shortcuts are unique per tenant", async () => {
    const owner = await quietTenant();
    const make = (shortcut: string, title: string) => owner.call("POST", "/api/quick-replies", { shortcut, title, text: `Text of ${title}` });
    const hours = (await make("hours", "Opening hours")).json;
    const price = (await make("price", "Price list")).json;
    expect((await make("hours", "Duplicate")).status).toBe(409);

    const all = await owner.call("GET", "/api/quick-replies?limit=1");
    expect(all.json.data.map((r: { id: string }) => r.id)).toEqual([price.id]);
    const next = await owner.call("GET", `/api/quick-replies?limit=1&cursor=${all.json.nextCursor}`);
    expect(next.json.data.map((r: { id: string }) => r.id)).toEqual([hours.id]);
    expect((await owner.call("GET", "/api/quick-replies?q=OPENING")).json.data.map((r: { id: string }) => r.id)).toEqual([hours.id]);

    const updated = await owner.call("PATCH", `/api/quick-replies/${hours.id}`, { text: "We open at 9, {{contact.name | friend}}." });
    expect(updated.status).toBe(200);
    expect(updated.json.text).toBe("We open at 9, {{contact.name | friend}}.");
    expect((await owner.call("PATCH", `/api/quick-replies/${price.id}`, { shortcut: "hours" })).status).toBe(409);
    expect((await owner.call("DELETE", `/api/quick-replies/${price.id}`)).status).toBe(204);
    expect((await owner.call("GET", `/api/quick-replies/${price.id}`)).status).toBe(404);
  });

  it("refuses unknown variables and bad shortcuts (400 naming the field); agents cannot edit", async () => {
    const owner = await quietTenant();
    const typo = await owner.call("POST", "/api/quick-replies", { shortcut: "hi", title: "Hi", text: "Hi {{contact.nmae}}" });
    expect(typo.status).toBe(400);
    expect(typo.json.errors).toEqual([{ path: "text", message: expect.stringMatching(/unknown variable \{\{contact\.nmae\}\}/) }]);
    const shortcut = await owner.call("POST", "/api/quick-replies", { shortcut: "two words", title: "Hi", text: "Hi" });
    expect(shortcut.status).toBe(400);
    expect(shortcut.json.errors[0].path).toBe("shortcut");
    const empty = await owner.call("PATCH", "/api/quick-replies/qr_01JZZZZZZZZZZZZZZZZZZZZZZZ", {});
    expect(empty.status).toBe(400);
    const agent = await inviteMember(owner, "agent");
    expect((await agent.call("POST", "/api/quick-replies", { shortcut: "hi", title: "Hi", text: "Hi" })).status).toBe(403);
  });
});
