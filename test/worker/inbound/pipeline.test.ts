// Statuses, sending, the 24-hour window, dead letters and the sandbox.
import { createMessageBatch, createExecutionContext, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import worker from "../../../worker/index";
import { describe, expect, it, vi } from "vitest";
import { systemContext } from "../../../worker/lib/system-context";
import { newId } from "../../../worker/lib/ids";
import { handleStatus } from "../../../worker/inbound/statuses";
import { sendQueuedMessage } from "../../../worker/outbound/consumer";
import { json, fakeFetch } from "../channels/helpers";
import { connectMeta, metaTextPayload, postMeta, signMeta } from "../helpers/channels";
import { quietTenant } from "../helpers/assistant";
import { createTenant, type TenantOwner } from "../helpers/tenants";
import { eventually } from "../helpers/wait";

const ctx = () => systemContext(env, () => {});

/** A Meta conversation with one inbound message, through the real webhook. */
async function metaConversation(owner: TenantOwner) {
  const channel = await connectMeta(owner);
  const { payload } = metaTextPayload(channel);
  const raw = JSON.stringify(payload);
  expect((await postMeta(channel.id, raw, await signMeta(channel.appSecret, raw))).status).toBe(200);
  const conversation = await eventually(async () => {
    const list = await owner.callWithKey("GET", "/api/conversations");
    expect(list.json.data).toHaveLength(1);
    return list.json.data[0];
  });
  return { channel, conversation };
}

async function outboundRow(channelId: string, tenantId: string, conversationId: string, status = "sent") {
  const id = newId("message");
  const providerMessageId = `wamid.OUT${crypto.randomUUID().replace(/-/g, "")}`;
  await env.DB.prepare(
    "INSERT INTO messages (id, tenant_id, conversation_id, channel_id, direction, author, type, text, status, provider_message_id, stale, created_at, updated_at) VALUES (?, ?, ?, ?, 'outbound', 'bot', 'text', 'hi', ?, ?, 0, ?, ?)",
  )
    .bind(id, tenantId, conversationId, channelId, status, providerMessageId, Date.now(), Date.now())
    .run();
  return { id, providerMessageId };
}

const statusOf = async (id: string) => (await env.DB.prepare("SELECT status, error_code FROM messages WHERE id = ?").bind(id).first<{ status: string; error_code: string | null }>())!;

describe("delivery statuses", () => {
  it("never downgrade when they arrive out of order", async () => {
    const owner = await quietTenant();
    const { channel, conversation } = await metaConversation(owner);
    const msg = await outboundRow(channel.id, owner.tenant.id, conversation.id);
    const status = (s: "sent" | "delivered" | "read" | "failed") =>
      handleStatus(ctx(), owner.tenant.id, channel.id, { kind: "status", providerMessageId: msg.providerMessageId, status: s, timestamp: Date.now(), recipient: "1" });
    await status("read");
    await status("delivered");
    await status("sent");
    expect((await statusOf(msg.id)).status).toBe("read");
    await status("failed");
    expect((await statusOf(msg.id)).status).toBe("read");
  });

  it("failed is terminal, and 131047 closes the conversation's window", async () => {
    const owner = await quietTenant();
    const { channel, conversation } = await metaConversation(owner);
    const msg = await outboundRow(channel.id, owner.tenant.id, conversation.id);
    await handleStatus(ctx(), owner.tenant.id, channel.id, {
      kind: "status",
      providerMessageId: msg.providerMessageId,
      status: "failed",
      timestamp: Date.now(),
      recipient: "1",
      error: { code: 131047, title: "Re-engagement message", details: "More than 24 hours have passed" },
    });
    await handleStatus(ctx(), owner.tenant.id, channel.id, { kind: "status", providerMessageId: msg.providerMessageId, status: "delivered", timestamp: Date.now(), recipient: "1" });
    expect(await statusOf(msg.id)).toEqual({ status: "failed", error_code: "131047" });
    const conv = await owner.callWithKey("GET", `/api/conversations/${conversation.id}`);
    expect(conv.json.windowExpiresAt).toBeNull();
    const reply = await owner.callWithKey("POST", `/api/conversations/${conversation.id}/messages`, { text: "Hello?" });
    expect(reply.status).toBe(422);
    expect(reply.json.detail).toMatch(/24-hour/);
  });

  it("a status that arrives before the send result is applied once the provider id is stored", async () => {
    const owner = await quietTenant();
    const { channel, conversation } = await metaConversation(owner);
    const queued = await owner.callWithKey("POST", `/api/conversations/${conversation.id}/messages`, { text: "Hi Budi, yes it is available." });
    expect(queued.status, queued.text).toBe(201);
    // Freeze the job: the status arrives first, then the send completes.
    const wamid = "wamid.EARLY" + crypto.randomUUID().replace(/-/g, "");
    await handleStatus(ctx(), owner.tenant.id, channel.id, { kind: "status", providerMessageId: wamid, status: "delivered", timestamp: Date.now(), recipient: "1" });
    await env.DB.prepare("UPDATE messages SET status = 'queued', provider_message_id = NULL WHERE id = ?").bind(queued.json.id).run();
    const graph = fakeFetch(json({ messaging_product: "whatsapp", contacts: [], messages: [{ id: wamid }] }));
    const outcome = await sendQueuedMessage(ctx(), { tenantId: owner.tenant.id, messageId: queued.json.id }, 1, graph.fetcher);
    expect(outcome).toEqual({ kind: "done" });
    expect((await statusOf(queued.json.id)).status).toBe("delivered");
    expect(await env.DB.prepare("SELECT count(*) AS n FROM pending_statuses WHERE provider_message_id = ?").bind(wamid).first("n")).toBe(0);
  });
});

describe("an answer of the assistant that never reaches the customer", () => {
  const modeOf = async (conversationId: string) =>
    (await env.DB.prepare("SELECT mode, handoff_reason FROM conversations WHERE id = ?").bind(conversationId).first<{ mode: string; handoff_reason: string | null }>())!;
  const handoffsIn = (send: { mock: { calls: unknown[][] } }) =>
    send.mock.calls.flatMap(([msgs]) => [...(msgs as Iterable<{ body: { type: string; data: { reason: string; conversation: { id: string } } } }>)].map((x) => x.body)).filter((e) => e.type === "conversation.handoff");

  it("hands the conversation to a person when Meta reports the sent answer failed, once", async () => {
    const owner = await quietTenant();
    const { channel, conversation } = await metaConversation(owner);
    const msg = await outboundRow(channel.id, owner.tenant.id, conversation.id);
    expect((await modeOf(conversation.id)).mode).toBe("bot");
    const send = vi.spyOn(env.EVENTS_QUEUE, "sendBatch");
    const failed = { kind: "status" as const, providerMessageId: msg.providerMessageId, status: "failed" as const, timestamp: Date.now(), recipient: "1", error: { code: 131026, title: "Message undeliverable" } };
    await handleStatus(ctx(), owner.tenant.id, channel.id, failed);
    await handleStatus(ctx(), owner.tenant.id, channel.id, failed);
    expect(await modeOf(conversation.id)).toEqual({ mode: "human", handoff_reason: "delivery_failed" });
    expect(handoffsIn(send).map((e) => [e.data.reason, e.data.conversation.id])).toEqual([["delivery_failed", conversation.id]]);
    send.mockRestore();
  });

  it("hands it over when the answer is refused before it is sent", async () => {
    const owner = await quietTenant();
    const { channel, conversation } = await metaConversation(owner);
    // A queued bot message with nothing WhatsApp could show.
    const msg = await outboundRow(channel.id, owner.tenant.id, conversation.id, "queued");
    const graph = fakeFetch(json({ messages: [{ id: "wamid.NEVER" }] }));
    await sendQueuedMessage(ctx(), { tenantId: owner.tenant.id, messageId: msg.id }, 1, graph.fetcher);
    expect(graph.requests).toHaveLength(0);
    expect(await statusOf(msg.id)).toMatchObject({ status: "failed" });
    expect(await modeOf(conversation.id)).toEqual({ mode: "human", handoff_reason: "delivery_failed" });
  });

  it("leaves the conversation with the bot when the failed message is an agent's, or the contact opted out", async () => {
    const owner = await quietTenant();
    const { channel, conversation } = await metaConversation(owner);
    const agents = await outboundRow(channel.id, owner.tenant.id, conversation.id);
    await env.DB.prepare("UPDATE messages SET author = 'agent' WHERE id = ?").bind(agents.id).run();
    const failed = (providerMessageId: string) => ({ kind: "status" as const, providerMessageId, status: "failed" as const, timestamp: Date.now(), recipient: "1", error: { code: 131026, title: "Message undeliverable" } });
    await handleStatus(ctx(), owner.tenant.id, channel.id, failed(agents.providerMessageId));
    expect((await statusOf(agents.id)).status).toBe("failed");
    expect((await modeOf(conversation.id)).mode).toBe("bot");
    // Refused because the contact said STOP: the silence is theirs.
    const bots = await outboundRow(channel.id, owner.tenant.id, conversation.id, "queued");
    await env.DB.prepare("UPDATE messages SET payload = ? WHERE id = ?").bind(JSON.stringify({ content: { type: "text", text: "hi" } }), bots.id).run();
    await env.DB.prepare("UPDATE contacts SET opted_out = 1 WHERE id = ?").bind(conversation.contactId).run();
    await sendQueuedMessage(ctx(), { tenantId: owner.tenant.id, messageId: bots.id }, 1, fakeFetch(json({ messages: [{ id: "wamid.NEVER" }] })).fetcher);
    expect(await statusOf(bots.id)).toEqual({ status: "failed", error_code: "opted_out" });
    expect((await modeOf(conversation.id)).mode).toBe("bot");
  });
});

describe("sending through the Graph API", () => {
  async function queuedReply() {
    const owner = await quietTenant();
    const { channel, conversation } = await metaConversation(owner);
    const res = await owner.callWithKey("POST", `/api/conversations/${conversation.id}/messages`, { text: "Thanks, a colleague will call you." });
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({ direction: "outbound", author: "agent", status: "queued" });
    // The real consumer may already be on it; these tests drive the send themselves.
    await env.DB.prepare("UPDATE messages SET status = 'queued', provider_message_id = NULL WHERE id = ?").bind(res.json.id).run();
    return { owner, channel, conversation, messageId: res.json.id as string };
  }

  it("posts the text to {graph}/{phoneNumberId}/messages with the channel's token", async () => {
    const { owner, channel, conversation, messageId } = await queuedReply();
    const graph = fakeFetch(json({ messages: [{ id: "wamid.SENT1" }] }));
    await sendQueuedMessage(ctx(), { tenantId: owner.tenant.id, messageId }, 1, graph.fetcher);
    expect(graph.requests).toHaveLength(1);
    expect(graph.requests[0]!.url).toBe(`http://127.0.0.1:9/v21.0/${channel.phoneNumberId}/messages`);
    expect(graph.requests[0]!.headers.get("authorization")).toBe(`Bearer ${channel.accessToken}`);
    expect(graph.requests[0]!.body).toMatchObject({ messaging_product: "whatsapp", type: "text", text: { body: "Thanks, a colleague will call you." } });
    const row = await env.DB.prepare("SELECT status, provider_message_id FROM messages WHERE id = ?").bind(messageId).first();
    expect(row).toEqual({ status: "sent", provider_message_id: "wamid.SENT1" });
    // The conversation was taken over by the agent who replied.
    expect((await owner.callWithKey("GET", `/api/conversations/${conversation.id}`)).json.mode).toBe("human");
    // A redelivered job does not send twice.
    await sendQueuedMessage(ctx(), { tenantId: owner.tenant.id, messageId }, 2, graph.fetcher);
    expect(graph.requests).toHaveLength(1);
  });

  it("retries throttling and transient errors, records permanent ones", async () => {
    const { owner, messageId } = await queuedReply();
    const throttled = fakeFetch(json({ error: { code: 130429, message: "(#130429) Rate limit hit" } }, 429));
    const first = await sendQueuedMessage(ctx(), { tenantId: owner.tenant.id, messageId }, 1, throttled.fetcher);
    expect(first.kind).toBe("retry");
    expect((await statusOf(messageId)).status).toBe("queued");
    const network = fakeFetch(new TypeError("fetch failed"));
    expect((await sendQueuedMessage(ctx(), { tenantId: owner.tenant.id, messageId }, 2, network.fetcher)).kind).toBe("retry");
    const undeliverable = fakeFetch(json({ error: { code: 131026, message: "(#131026) Message Undeliverable", error_data: { details: "Not a WhatsApp user" } } }, 400));
    expect((await sendQueuedMessage(ctx(), { tenantId: owner.tenant.id, messageId }, 3, undeliverable.fetcher)).kind).toBe("done");
    expect(await statusOf(messageId)).toEqual({ status: "failed", error_code: "131026" });
  });

  it("an expired token fails the message and flags the channel", async () => {
    const { owner, channel, messageId } = await queuedReply();
    const expired = fakeFetch(json({ error: { code: 190, message: "Error validating access token" } }, 401));
    await sendQueuedMessage(ctx(), { tenantId: owner.tenant.id, messageId }, 1, expired.fetcher);
    expect(await statusOf(messageId)).toEqual({ status: "failed", error_code: "190" });
    const ch = await owner.callWithKey("GET", `/api/channels/${channel.id}`);
    expect(ch.json.status).toBe("needs_attention");
    expect(ch.json.attentionReason).toMatch(/190/);
  });

  it("gives up on a retryable error after the last attempt", async () => {
    const { owner, messageId } = await queuedReply();
    const down = fakeFetch(json({ error: { code: 131000, message: "Something went wrong" } }, 500));
    expect((await sendQueuedMessage(ctx(), { tenantId: owner.tenant.id, messageId }, 6, down.fetcher)).kind).toBe("done");
    expect(await statusOf(messageId)).toEqual({ status: "failed", error_code: "131000" });
  });
});

describe("the 24-hour window", () => {
  it("refuses a free-form reply when the customer last wrote more than 24 hours ago", async () => {
    const owner = await quietTenant();
    const { conversation } = await metaConversation(owner);
    await env.DB.prepare("UPDATE conversations SET last_inbound_at = ? WHERE id = ?").bind(Date.now() - 25 * 3600_000, conversation.id).run();
    const res = await owner.callWithKey("POST", `/api/conversations/${conversation.id}/messages`, { text: "Are you still interested?" });
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toContain("problem+json");
    expect(res.json.detail).toMatch(/24-hour customer service window is closed/);
    expect(res.json.detail).toMatch(/template/);
    const count = await env.DB.prepare("SELECT count(*) AS n FROM messages WHERE conversation_id = ? AND direction = 'outbound'").bind(conversation.id).first("n");
    expect(count).toBe(0);
  });
});

describe("sandbox", () => {
  it("drives the same pipeline and answers with the ids", async () => {
    const owner = await quietTenant();
    const res = await owner.callWithKey("POST", "/api/sandbox/messages", { from: "+62 812 0000 1111", name: "Sari", text: "Halo, jam buka kantor?" });
    expect(res.status, res.text).toBe(202);
    const { conversationId, messageId } = res.json;
    const msgs = await eventually(async () => {
      const m = await owner.callWithKey("GET", `/api/conversations/${conversationId}/messages`);
      expect(m.json.data.length).toBeGreaterThan(0);
      return m.json.data;
    });
    expect(msgs.find((m: { id: string }) => m.id === messageId)).toMatchObject({ direction: "inbound", text: "Halo, jam buka kantor?", author: "customer" });
    const conv = await owner.callWithKey("GET", `/api/conversations/${conversationId}`);
    const contact = await env.DB.prepare("SELECT phone, name FROM contacts WHERE id = ?").bind(conv.json.contactId).first();
    expect(contact).toEqual({ phone: "+6281200001111", name: "Sari" });
  });

  it("an agent reply on the sandbox is stored as delivered", async () => {
    const owner = await quietTenant();
    const res = await owner.callWithKey("POST", "/api/sandbox/messages", { from: "+6281200002222", text: "Hi" });
    await eventually(async () => expect((await owner.callWithKey("GET", `/api/conversations/${res.json.conversationId}/messages`)).json.data).toHaveLength(1));
    const reply = await owner.callWithKey("POST", `/api/conversations/${res.json.conversationId}/messages`, { text: "Hello from the team" });
    expect(reply.status).toBe(201);
    await eventually(async () => expect((await statusOf(reply.json.id)).status).toBe("delivered"));
  });

  it("names the invalid field", async () => {
    const owner = await quietTenant();
    const res = await owner.callWithKey("POST", "/api/sandbox/messages", { from: "not a phone", text: "" });
    expect(res.status).toBe(400);
    expect(res.json.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(["text"]));
  });
});

describe("dead letters", () => {
  it("a message that exhausted its retries is listed and replays into exactly one stored message", async () => {
    const owner = await quietTenant();
    const channel = await connectMeta(owner);
    const { payload, id } = metaTextPayload(channel);
    const job = { kind: "webhook", provider: "meta", tenantId: owner.tenant.id, channelId: channel.id, receivedAt: Date.now(), body: JSON.stringify(payload) };
    // What the DLQ consumer receives once the inbound queue gave up.
    const batch = createMessageBatch("parley-inbound-dlq", [{ id: "dlq-msg-" + crypto.randomUUID(), timestamp: new Date(), attempts: 6, body: job }]);
    const exec = createExecutionContext();
    await worker.queue(batch, env, exec);
    const result = await getQueueResult(batch, exec);
    expect(result.outcome).toBe("ok");

    const list = await owner.callWithKey("GET", "/api/dead-letters?pending=true");
    expect(list.status).toBe(200);
    expect(list.json.data).toHaveLength(1);
    const dead = list.json.data[0];
    expect(dead).toMatchObject({ queue: "parley-inbound", attempts: 6, replayedAt: null });

    expect((await owner.callWithKey("POST", `/api/dead-letters/${dead.id}/replay`)).status).toBe(202);
    expect((await owner.callWithKey("POST", `/api/dead-letters/${dead.id}/replay`)).status).toBe(202);
    await eventually(async () => {
      const rows = await env.DB.prepare("SELECT count(*) AS n FROM messages WHERE provider_message_id = ?").bind(id).first("n");
      expect(rows).toBe(1);
    });
    // Let both replays finish, then check once more.
    await eventually(async () => {
      const conv = await owner.callWithKey("GET", "/api/conversations");
      expect(conv.json.data[0].unreadCount).toBe(1);
    });
    const agent = await owner.callWithKey("GET", "/api/dead-letters");
    expect(agent.json.data[0].replayedAt).not.toBeNull();
  });

  it("is for owners and admins only, and stays inside the tenant", async () => {
    const a = await createTenant();
    const b = await createTenant();
    await env.DB.prepare("INSERT INTO dead_letters (id, tenant_id, queue, message_id, payload, error, attempts, created_at) VALUES (?, ?, 'parley-inbound', ?, '{}', 'boom', 6, ?)")
      .bind(newId("deadLetter"), a.tenant.id, crypto.randomUUID(), Date.now())
      .run();
    const listA = await a.callWithKey("GET", "/api/dead-letters");
    const id = listA.json.data[0].id;
    expect((await b.callWithKey("GET", `/api/dead-letters/${id}`)).status).toBe(404);
    expect((await b.callWithKey("POST", `/api/dead-letters/${id}/replay`)).status).toBe(404);
    expect((await b.callWithKey("GET", "/api/dead-letters")).json.data).toHaveLength(0);
  });
});

