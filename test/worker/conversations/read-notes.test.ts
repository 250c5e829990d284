// Marking read (with Meta read receipts that never fail the request) and
// internal notes (never sent to the customer).
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createNote } from "../../../worker/conversations/notes";
import { markConversationRead } from "../../../worker/conversations/read";
import { fakeFetch, json } from "../channels/helpers";
import { connectMeta, metaTextPayload, postMeta, signMeta, type MetaChannel } from "../helpers/channels";
import type { TenantOwner } from "../helpers/tenants";
import { eventually } from "../helpers/wait";
import { loggedSince } from "../realtime/helpers";
import { messagesWithText, quietTenant, sandboxConversation, tenantCtx } from "./helpers";

/** A customer message through Meta's signed webhook; resolves with the conversation once it is stored. */
async function metaMessage(owner: TenantOwner, channel: MetaChannel, from?: string) {
  const { payload, id } = metaTextPayload(channel, from ? { from } : {});
  const raw = JSON.stringify(payload);
  expect((await postMeta(channel.id, raw, await signMeta(channel.appSecret, raw))).status).toBe(200);
  const conversation = await eventually(async () => {
    const list = await owner.callWithKey("GET", `/api/conversations?channelId=${channel.id}&unread=true`);
    expect(list.json.data).toHaveLength(1);
    return list.json.data[0] as { id: string; unreadCount: number };
  });
  return { conversation, wamid: id, from: payload.entry[0]!.changes[0]!.value.messages[0]!.from };
}

/** A queue that records instead of sending. */
function recordingQueue() {
  const sent: unknown[] = [];
  const queue = {
    send: async (body: unknown) => void sent.push(body),
    sendBatch: async (batch: Iterable<{ body: unknown }>) => void sent.push(...[...batch].map((m) => m.body)),
  } as unknown as Queue<unknown>;
  return { queue, sent };
}

describe("POST /api/conversations/{id}/read", () => {
  it("drops the unread count to zero", async () => {
    const owner = await quietTenant();
    const conv = await sandboxConversation(owner);
    expect((await owner.call("GET", `/api/conversations/${conv.conversationId}`)).json.unreadCount).toBe(1);
    const res = await owner.call("POST", `/api/conversations/${conv.conversationId}/read`);
    expect(res.status).toBe(200);
    expect(res.json.unreadCount).toBe(0);
    expect((await owner.call("POST", `/api/conversations/${conv.conversationId}/read`)).json.unreadCount).toBe(0);
    expect((await owner.call("GET", "/api/conversations?unread=true")).json.data).toEqual([]);
  });

  it("on a Meta channel, marks the customer's last message read through the channel client, once", async () => {
    const owner = await quietTenant();
    const channel = await connectMeta(owner);
    const { conversation, wamid } = await metaMessage(owner, channel);
    const graph = fakeFetch(json({ success: true }));
    const ctx = tenantCtx(owner);
    const view = await markConversationRead(ctx, conversation.id, graph.fetcher);
    expect(view.unreadCount).toBe(0);
    await Promise.all(ctx.pending);
    expect(graph.requests).toHaveLength(1);
    expect(graph.requests[0]!.url).toBe(`${ctx.config.WHATSAPP_GRAPH_API_URL.replace(/\/$/, "")}/${channel.phoneNumberId}/messages`);
    expect(graph.requests[0]!.headers.get("authorization")).toBe(`Bearer ${channel.accessToken}`);
    expect(graph.requests[0]!.body).toEqual({ messaging_product: "whatsapp", status: "read", message_id: wamid });

    // Nothing unread: no second receipt.
    const again = tenantCtx(owner);
    await markConversationRead(again, conversation.id, graph.fetcher);
    await Promise.all(again.pending);
    expect(graph.requests).toHaveLength(1);
  });

  it("never fails the request when Meta refuses or cannot be reached", async () => {
    const owner = await quietTenant();
    const channel = await connectMeta(owner);
    for (const reply of [new TypeError("fetch failed"), json({ error: { code: 190, message: "Error validating access token" } }, 401)]) {
      const { conversation } = await metaMessage(owner, channel);
      const ctx = tenantCtx(owner);
      const view = await markConversationRead(ctx, conversation.id, fakeFetch(reply).fetcher);
      expect(view.unreadCount).toBe(0);
      await expect(Promise.all(ctx.pending)).resolves.toBeDefined();
    }
  });
});

describe("internal notes", () => {
  it("are listed newest first with their author, and reach the inbox's live feed", async () => {
    const owner = await quietTenant();
    const conv = await sandboxConversation(owner);
    const path = `/api/conversations/${conv.conversationId}/notes`;
    const texts = ["Customer prefers calls after 5pm", "Offered 10% discount", "Escalate to Budi if unhappy"];
    const ids: string[] = [];
    for (const text of texts) {
      const res = await owner.call("POST", path, { text });
      expect(res.status, res.text).toBe(201);
      expect(res.json).toMatchObject({ conversationId: conv.conversationId, text, author: { type: "user", id: owner.user.id, userId: owner.user.id, name: "Owner" } });
      ids.push(res.json.id);
    }
    const page1 = await owner.call("GET", `${path}?limit=2`);
    expect(page1.json.data.map((n: { id: string }) => n.id)).toEqual([ids[2], ids[1]]);
    const page2 = await owner.call("GET", `${path}?limit=2&cursor=${page1.json.nextCursor}`);
    expect(page2.json.data.map((n: { id: string }) => n.id)).toEqual([ids[0]]);
    expect(page2.json.nextCursor).toBeNull();
    const byKey = await owner.callWithKey("POST", path, { text: "Posted by the CRM sync" });
    expect(byKey.json.author).toMatchObject({ type: "api_key", id: owner.apiKeyId, userId: owner.user.id });

    const log = await loggedSince(owner.tenant.id, 0);
    const noted = log.filter((e) => e.type === "conversation.note_created").map((e) => (e.data as { note: { id: string } }).note.id);
    expect(noted).toEqual([...ids, byKey.json.id]);
  });

  it("are never sent to the customer: no message row, nothing on the outbound or events queue", async () => {
    const owner = await quietTenant();
    const conv = await sandboxConversation(owner);
    const text = "Internal: this customer owes us 2 invoices";
    const res = await owner.call("POST", `/api/conversations/${conv.conversationId}/notes`, { text });
    expect(res.status).toBe(201);
    expect(await messagesWithText(conv.conversationId, text)).toBe(0);
    const thread = await owner.call("GET", `/api/conversations/${conv.conversationId}/messages`);
    expect(thread.text).not.toContain(text);

    // The domain function itself, with queues that record.
    const outbound = recordingQueue();
    const events = recordingQueue();
    const ctx = tenantCtx(owner, { env: { ...env, OUTBOUND_QUEUE: outbound.queue, EVENTS_QUEUE: events.queue } });
    await createNote(ctx, conv.conversationId, { text: "Another internal remark" });
    expect(outbound.sent).toEqual([]);
    expect(events.sent).toEqual([]);
    expect(await messagesWithText(conv.conversationId, "Another internal remark")).toBe(0);
  });

  it("validate the text (400 naming the field)", async () => {
    const owner = await quietTenant();
    const conv = await sandboxConversation(owner);
    const res = await owner.call("POST", `/api/conversations/${conv.conversationId}/notes`, { text: "   " });
    expect(res.status).toBe(400);
    expect(res.json.errors[0].path).toBe("text");
  });
});
