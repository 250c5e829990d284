// What agents do to a conversation: reply within the 24-hour window, send a
// template outside it, assign / transfer / unassign, close and reopen, hand
// back to the bot.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createTenant, inviteMember } from "../helpers/tenants";
import { eventually } from "../helpers/wait";
import { auditActions, closeWindow, messagesWithText, quietTenant, sandboxConversation } from "./helpers";

const ORDER_TEMPLATE = {
  name: "order_update",
  language: "en_US",
  category: "utility",
  components: [
    { type: "HEADER", format: "TEXT", text: "Order {{1}}" },
    { type: "BODY", text: "Hi {{1}}, your order {{2}} is ready for pickup." },
    { type: "FOOTER", text: "Acme Store" },
  ],
};
const orderParams = (name: string, order: string) => [
  { type: "header", parameters: [{ type: "text", text: order }] },
  { type: "body", parameters: [{ type: "text", text: name }, { type: "text", text: order }] },
];

describe("the 24-hour window", () => {
  it("allows free text inside the window and switches the conversation to human mode", async () => {
    const owner = await quietTenant();
    const conv = await sandboxConversation(owner);
    const res = await owner.call("POST", `/api/conversations/${conv.conversationId}/messages`, { text: "Hi Dewi, yes we have it." });
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({ direction: "outbound", author: "agent", authorUserId: owner.user.id, type: "text", status: "queued" });
    expect((await owner.call("GET", `/api/conversations/${conv.conversationId}`)).json.mode).toBe("human");
  });

  it("refuses free text outside the window, telling the client to send a template", async () => {
    const owner = await quietTenant();
    const conv = await sandboxConversation(owner);
    await closeWindow(conv.conversationId);
    const res = await owner.call("POST", `/api/conversations/${conv.conversationId}/messages`, { text: "Are you still there?" });
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(res.json.detail).toMatch(/24-hour/);
    expect(res.json.detail).toContain(`POST /api/conversations/${conv.conversationId}/template`);
    expect(res.json.errors).toEqual([{ path: "text", message: expect.stringMatching(/template/) }]);
    expect(await messagesWithText(conv.conversationId, "Are you still there?")).toBe(0);
    expect((await owner.call("GET", `/api/conversations/${conv.conversationId}`)).json.windowExpiresAt).toBeNull();
  });

  it("sends an approved template outside the window, checked against its definition", async () => {
    const owner = await quietTenant();
    const conv = await sandboxConversation(owner);
    await closeWindow(conv.conversationId);
    const send = (body: unknown) => owner.call("POST", `/api/conversations/${conv.conversationId}/template`, body);

    // The sandbox has no Meta account: a template must exist locally.
    const unknown = await send({ name: "order_update", language: "en_US", components: orderParams("Dewi", "#12") });
    expect(unknown.status).toBe(400);
    expect(unknown.json.errors[0].path).toBe("name");

    const created = await owner.call("POST", "/api/templates", ORDER_TEMPLATE);
    expect(created.status, created.text).toBe(201);

    const wrongCount = await send({ name: "order_update", language: "en_US", components: [{ type: "body", parameters: [{ type: "text", text: "Dewi" }] }] });
    expect(wrongCount.status).toBe(400);
    expect(wrongCount.json.errors[0]).toEqual({ path: "components", message: expect.stringMatching(/takes 1 header parameter/) });

    const sent = await send({ name: "order_update", language: "en_US", components: orderParams("Dewi", "#12") });
    expect(sent.status, sent.text).toBe(201);
    expect(sent.json).toMatchObject({ direction: "outbound", author: "agent", type: "template", status: "queued" });
    expect(sent.json.payload.template).toEqual({
      id: created.json.id,
      source: "local",
      renderedText: "Order #12\n\nHi Dewi, your order #12 is ready for pickup.\n\nAcme Store",
    });
    expect(sent.json.payload.content).toMatchObject({ type: "template", name: "order_update", language: "en_US" });
    // The outbound pipeline delivers it (the sandbox channel reports delivered).
    await eventually(async () => {
      const row = await env.DB.prepare("SELECT status FROM messages WHERE id = ?").bind(sent.json.id).first<{ status: string }>();
      expect(row?.status).toBe("delivered");
    });
    expect((await owner.call("GET", `/api/conversations/${conv.conversationId}`)).json.mode).toBe("human");

    // A template that is no longer approved is refused before it reaches WhatsApp.
    expect((await owner.call("PATCH", `/api/templates/${created.json.id}`, { status: "paused" })).status).toBe(200);
    const paused = await send({ name: "order_update", language: "en_US", components: orderParams("Dewi", "#12") });
    expect(paused.status).toBe(409);
    expect(paused.json.detail).toMatch(/paused/);
  });

  it("validates the template request body (400 naming the field)", async () => {
    const owner = await quietTenant();
    const conv = await sandboxConversation(owner);
    const res = await owner.call("POST", `/api/conversations/${conv.conversationId}/template`, { language: "en_US" });
    expect(res.status).toBe(400);
    expect(res.json.errors[0].path).toBe("name");
  });
});

describe("assignment", () => {
  it("assigns, transfers and unassigns with one operation, each with an audit row", async () => {
    const owner = await quietTenant();
    const agent = await inviteMember(owner, "agent");
    const conv = await sandboxConversation(owner);
    const assign = (userId: string | null, call = owner.call) => call("POST", `/api/conversations/${conv.conversationId}/assign`, { userId });

    const assigned = await assign(agent.user.id);
    expect(assigned.status, assigned.text).toBe(200);
    expect(assigned.json.assignedTo).toBe(agent.user.id);
    const transferred = await assign(owner.user.id, agent.call);
    expect(transferred.json.assignedTo).toBe(owner.user.id);
    const unassigned = await assign(null);
    expect(unassigned.json.assignedTo).toBeNull();
    // No change, no audit row.
    expect((await assign(null)).status).toBe(200);

    const audit = await auditActions(owner.tenant.id, conv.conversationId);
    expect(audit).toEqual([
      { action: "conversation.assigned", actor_id: owner.user.id, metadata: { from: null, to: agent.user.id } },
      { action: "conversation.transferred", actor_id: agent.user.id, metadata: { from: agent.user.id, to: owner.user.id } },
      { action: "conversation.unassigned", actor_id: owner.user.id, metadata: { from: owner.user.id, to: null } },
    ]);
    expect((await owner.call("GET", `/api/conversations?assigned=unassigned`)).json.data.map((c: { id: string }) => c.id)).toContain(conv.conversationId);
  });

  it("refuses an assignee who is not a member of the tenant (400 naming userId), whoever they are", async () => {
    const owner = await quietTenant();
    const stranger = await createTenant();
    const conv = await sandboxConversation(owner);
    for (const userId of [stranger.user.id, "usr_01JZZZZZZZZZZZZZZZZZZZZZZZ"]) {
      const res = await owner.call("POST", `/api/conversations/${conv.conversationId}/assign`, { userId });
      expect(res.status).toBe(400);
      expect(res.json.errors).toEqual([{ path: "userId", message: "is not a member of this tenant" }]);
      expect(res.text).not.toContain(stranger.email);
    }
    const missing = await owner.call("POST", `/api/conversations/${conv.conversationId}/assign`, {});
    expect(missing.status).toBe(400);
    expect(missing.json.errors[0].path).toBe("userId");
    expect((await owner.call("GET", `/api/conversations/${conv.conversationId}`)).json.assignedTo).toBeNull();
    expect(await auditActions(owner.tenant.id, conv.conversationId)).toEqual([]);
  });
});

describe("status and mode", () => {
  it("closes and reopens (audited once per change); a new customer message reopens it", async () => {
    const owner = await quietTenant();
    const conv = await sandboxConversation(owner);
    const path = `/api/conversations/${conv.conversationId}`;
    expect((await owner.call("POST", `${path}/close`)).json.status).toBe("closed");
    expect((await owner.call("POST", `${path}/close`)).json.status).toBe("closed");
    expect((await owner.call("GET", `/api/conversations?status=closed`)).json.data.map((c: { id: string }) => c.id)).toEqual([conv.conversationId]);
    expect((await owner.call("POST", `${path}/reopen`)).json.status).toBe("open");
    expect((await auditActions(owner.tenant.id, conv.conversationId)).map((a) => a.action)).toEqual(["conversation.closed", "conversation.reopened"]);

    expect((await owner.call("POST", `${path}/close`)).status).toBe(200);
    await owner.callWithKey("POST", "/api/sandbox/messages", { from: conv.phone, text: "One more question" });
    await eventually(async () => expect((await owner.call("GET", path)).json.status).toBe("open"), { what: "reopened by the customer" });
  });

  it("takes a conversation over without replying, silencing the bot", async () => {
    const owner = await quietTenant();
    const conv = await sandboxConversation(owner);
    const path = `/api/conversations/${conv.conversationId}`;
    const taken = await owner.call("POST", `${path}/take-over`);
    expect(taken.status).toBe(200);
    expect(taken.json.mode).toBe("human");
    expect((await auditActions(owner.tenant.id, conv.conversationId)).map((a) => a.action)).toEqual(["conversation.mode_human"]);
  });

  it("hands the conversation back to the bot after an agent took over", async () => {
    const owner = await quietTenant();
    const conv = await sandboxConversation(owner);
    const path = `/api/conversations/${conv.conversationId}`;
    expect((await owner.call("POST", `${path}/messages`, { text: "Let me check that for you." })).status).toBe(201);
    expect((await owner.call("GET", path)).json.mode).toBe("human");
    const back = await owner.call("POST", `${path}/resume-bot`);
    expect(back.status).toBe(200);
    expect(back.json.mode).toBe("bot");
    expect((await auditActions(owner.tenant.id, conv.conversationId)).map((a) => a.action)).toEqual(["conversation.mode_human", "conversation.mode_bot"]);
  });
});
