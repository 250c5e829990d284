// Nobody who sent STOP is messaged by any path: agent replies and templates
// from the dashboard or the API are refused with a 409 naming the reason, and
// a message queued before the contact opted out is not sent. The opt-out
// confirmation itself still goes out.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Ctx } from "../../../worker/lib/context";
import { systemContext } from "../../../worker/lib/system-context";
import { sendQueuedMessage } from "../../../worker/outbound/consumer";
import { queueOutbound } from "../../../worker/outbound/send";
import type { Fetcher } from "../../../worker/channels/types";
import { connectMeta, metaTextPayload, postMeta, signMeta } from "../helpers/channels";
import { ctxWith, quietTenant, storedMessage } from "../helpers/assistant";
import { handoffAfterError } from "../../../worker/ai/responder";
import { eventually } from "../helpers/wait";

/** A context whose outbound queue only records jobs: the test drives the consumer itself. */
function recordingCtx(): { ctx: Ctx; jobs: Array<{ messageId: string }> } {
  const jobs: Array<{ messageId: string }> = [];
  const queue = { send: async (body: { messageId: string }) => void jobs.push(body) } as unknown as Queue<unknown>;
  return { ctx: systemContext({ ...env, OUTBOUND_QUEUE: queue }, () => {}), jobs };
}

function countingGraph() {
  const sent: string[] = [];
  const fetcher: Fetcher = async (_i, init) => {
    sent.push(String(init?.body));
    return new Response(JSON.stringify({ messages: [{ id: `wamid.${crypto.randomUUID().replace(/-/g, "")}` }] }), { headers: { "content-type": "application/json" } });
  };
  return { sent, fetcher };
}

async function metaConversation() {
  const owner = await quietTenant();
  const channel = await connectMeta(owner);
  const { payload } = metaTextPayload(channel);
  const raw = JSON.stringify(payload);
  expect((await postMeta(channel.id, raw, await signMeta(channel.appSecret, raw))).status).toBe(200);
  const conversation = await eventually(async () => {
    const list = await owner.callWithKey("GET", "/api/conversations");
    expect(list.json.data).toHaveLength(1);
    return list.json.data[0] as { id: string; contactId: string };
  });
  return { owner, channel, conversation };
}

const optOut = (owner: Awaited<ReturnType<typeof quietTenant>>, contactId: string) => owner.callWithKey("PATCH", `/api/contacts/${contactId}`, { optedOut: true });
const outboundCount = async (conversationId: string) =>
  (await env.DB.prepare("SELECT count(*) AS n FROM messages WHERE conversation_id = ? AND direction = 'outbound'").bind(conversationId).first<{ n: number }>())!.n;

describe("a contact who opted out", () => {
  it("gets no agent reply: 409 problem+json naming the reason, nothing stored or queued", async () => {
    const { owner, conversation } = await metaConversation();
    expect((await optOut(owner, conversation.contactId)).status).toBe(200);
    const res = await owner.callWithKey("POST", `/api/conversations/${conversation.id}/messages`, { text: "Still there?" });
    expect(res.status, res.text).toBe(409);
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(res.json.detail).toMatch(/opted out/);
    expect(res.json.errors).toEqual([{ path: "contact", message: "opted out" }]);
    expect(await outboundCount(conversation.id)).toBe(0);
  });

  it("gets no template from the API either", async () => {
    const { owner, conversation } = await metaConversation();
    expect((await optOut(owner, conversation.contactId)).status).toBe(200);
    const res = await owner.callWithKey("POST", `/api/conversations/${conversation.id}/template`, { name: "order_update", language: "en" });
    expect(res.status, res.text).toBe(409);
    expect(res.json.detail).toMatch(/opted out/);
    expect(await outboundCount(conversation.id)).toBe(0);
  });

  it("is not sent a message queued before they opted out: the consumer fails it at send time", async () => {
    const { owner, conversation } = await metaConversation();
    const { ctx, jobs } = recordingCtx();
    const queued = await queueOutbound(ctx, { tenantId: owner.tenant.id, conversationId: conversation.id, author: "agent", content: { type: "text", text: "Our offer ends today" } });
    expect(jobs).toEqual([{ tenantId: owner.tenant.id, messageId: queued.id, lane: conversation.id }]);
    expect((await optOut(owner, conversation.contactId)).status).toBe(200);

    const graph = countingGraph();
    expect(await sendQueuedMessage(ctx, { tenantId: owner.tenant.id, messageId: queued.id }, 1, graph.fetcher)).toEqual({ kind: "done" });
    expect(graph.sent).toEqual([]);
    const row = await env.DB.prepare("SELECT status, error_code, error_title FROM messages WHERE id = ?").bind(queued.id).first();
    expect(row).toEqual({ status: "failed", error_code: "opted_out", error_title: "The contact opted out" });
  });

  it("still gets the opt-out confirmation, and only that", async () => {
    const { owner, conversation } = await metaConversation();
    expect((await optOut(owner, conversation.contactId)).status).toBe(200);
    const { ctx } = recordingCtx();
    const confirmation = await queueOutbound(ctx, {
      tenantId: owner.tenant.id,
      conversationId: conversation.id,
      author: "bot",
      content: { type: "text", text: "You will not receive more messages. Reply START to opt back in." },
      allowOptedOut: true,
    });
    await expect(queueOutbound(ctx, { tenantId: owner.tenant.id, conversationId: conversation.id, author: "bot", content: { type: "text", text: "One more thing" } })).rejects.toMatchObject({
      status: 409,
    });
    const graph = countingGraph();
    await sendQueuedMessage(ctx, { tenantId: owner.tenant.id, messageId: confirmation.id }, 1, graph.fetcher);
    expect(graph.sent).toHaveLength(1);
    expect((await env.DB.prepare("SELECT status FROM messages WHERE id = ?").bind(confirmation.id).first<{ status: string }>())!.status).toBe("sent");
  });
});

describe("a STOP in an assistant turn that failed", () => {
  it("is honoured all the same: the contact is opted out, gets the confirmation and no handoff", async () => {
    const owner = await quietTenant();
    const m = await storedMessage(owner, "STOP");
    const conversation = (await env.DB.prepare("SELECT contact_id, mode FROM conversations WHERE id = ?").bind(m.conversationId).first<{ contact_id: string; mode: string }>())!;
    // The turn threw before it read the burst (an evicted object, a failed read): only the error path runs.
    await handoffAfterError(ctxWith(), { tenantId: owner.tenant.id, conversationId: m.conversationId, messageIds: [m.messageId] });
    const contact = (await owner.callWithKey("GET", `/api/contacts/${conversation.contact_id}`)).json;
    expect(contact.optedOut).toBe(true);
    const out = await env.DB.prepare("SELECT author, payload FROM messages WHERE conversation_id = ? AND direction = 'outbound'").bind(m.conversationId).all<{ author: string; payload: string }>();
    expect(out.results).toHaveLength(1);
    expect(JSON.parse(out.results[0]!.payload)).toMatchObject({ optOut: true, allowOptedOut: true });
    expect((await env.DB.prepare("SELECT mode FROM conversations WHERE id = ?").bind(m.conversationId).first<{ mode: string }>())!.mode).toBe("bot");
    // And nothing else reaches them afterwards.
    const res = await owner.callWithKey("POST", `/api/conversations/${m.conversationId}/messages`, { text: "Are you sure?" });
    expect(res.status).toBe(409);
  });
});
