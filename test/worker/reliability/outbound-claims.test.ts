// An outbound message reaches the provider at most once: the consumer claims
// the row (queued → sending, with a lease) before calling the provider, so a
// redelivery after a crash, two consumers at once and the cron's sweep never
// send it again; a claim whose consumer died is failed as unconfirmed instead
// of being resent blindly; dead-lettered and unqueueable messages are failed.
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import worker from "../../../worker/index";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { armFault, disarmFaults } from "../../../worker/lib/faults";
import { newId } from "../../../worker/lib/ids";
import type { Ctx } from "../../../worker/lib/context";
import { systemContext } from "../../../worker/lib/system-context";
import { handleOutboundBatch, resolveExpiredClaims, SEND_LEASE_MS, sendQueuedMessage } from "../../../worker/outbound/consumer";
import { queueOutbound, requeueStuckMessages } from "../../../worker/outbound/send";
import { parseMetaPayload } from "../../../worker/channels/meta";
import { handleStatus } from "../../../worker/inbound/statuses";
import type { Fetcher } from "../../../worker/channels/types";
import { connectMeta, metaTextPayload, postMeta, signMeta } from "../helpers/channels";
import { quietTenant } from "../helpers/assistant";
import type { TenantOwner } from "../helpers/tenants";
import { eventually } from "../helpers/wait";

beforeEach(() => disarmFaults());
afterEach(() => disarmFaults());

/** A fake Graph API that accepts every send and counts them per recipient text. */
function fakeGraph() {
  const accepted: string[] = [];
  const references: Array<string | undefined> = [];
  const wamids: string[] = [];
  let gate: Promise<void> | null = null;
  let open = () => {};
  const entered: Array<() => void> = [];
  const fetcher: Fetcher = async (_input, init) => {
    const body = JSON.parse(String(init?.body)) as { text?: { body?: string }; biz_opaque_callback_data?: string };
    entered.shift()?.();
    if (gate) await gate;
    accepted.push(body.text?.body ?? "");
    references.push(body.biz_opaque_callback_data);
    const wamid = `wamid.${crypto.randomUUID().replace(/-/g, "")}`;
    wamids.push(wamid);
    return new Response(JSON.stringify({ messages: [{ id: wamid }] }), { headers: { "content-type": "application/json" } });
  };
  return {
    fetcher,
    accepted,
    references,
    wamids,
    /** Hold every send inside the provider until release(). */
    hold() {
      gate = new Promise((r) => (open = r));
    },
    release: () => open(),
    /** Resolves when the next send reaches the provider. */
    nextSend: () => new Promise<void>((r) => entered.push(r)),
  };
}

/** A domain context whose outbound queue only records jobs and whose clock the test moves. */
function harness() {
  const jobs: unknown[] = [];
  const clock = { offset: 0 };
  const queue = {
    send: async (body: unknown) => void jobs.push(body),
    sendBatch: async (msgs: Iterable<MessageSendRequest<unknown>>) => {
      for (const m of msgs) jobs.push(m.body);
    },
  } as unknown as Queue<unknown>;
  const base = systemContext({ ...env, OUTBOUND_QUEUE: queue }, () => {});
  const ctx: Ctx = { ...base, now: () => Date.now() + clock.offset };
  return { ctx, jobs, clock };
}

/** A Meta conversation with an open window (the customer wrote through the real webhook). */
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

/** A queued agent message written directly (no job on the real queue: the test drives the consumer). */
async function queuedRow(owner: TenantOwner, conversationId: string, channelId: string, text: string, opts: { updatedAt?: number; status?: string; leaseUntil?: number | null } = {}) {
  const id = newId("message");
  const at = opts.updatedAt ?? Date.now();
  await env.DB.prepare(
    "INSERT INTO messages (id, tenant_id, conversation_id, channel_id, direction, author, type, text, payload, status, lease_until, stale, created_at, updated_at) VALUES (?, ?, ?, ?, 'outbound', 'agent', 'text', ?, ?, ?, ?, 0, ?, ?)",
  )
    .bind(id, owner.tenant.id, conversationId, channelId, text, JSON.stringify({ content: { type: "text", text } }), opts.status ?? "queued", opts.leaseUntil ?? null, at, at)
    .run();
  return id;
}

const rowOf = async (id: string) =>
  (await env.DB.prepare("SELECT status, error_code, provider_message_id, lease_until FROM messages WHERE id = ?").bind(id).first<{
    status: string;
    error_code: string | null;
    provider_message_id: string | null;
    lease_until: number | null;
  }>())!;

function delivery(job: unknown, attempts: number) {
  return createMessageBatch("parley-outbound", [{ id: `out-${crypto.randomUUID()}`, timestamp: new Date(), attempts, body: job }]);
}

describe("the consumer dying after the provider accepted a send", () => {
  it("never sends again: the redelivery waits out the claim, then fails the message as unconfirmed", async () => {
    const { owner, channel, conversation } = await metaConversation();
    const id = await queuedRow(owner, conversation.id, channel.id, "Your order ships today.");
    const graph = fakeGraph();
    const h = harness();
    const job = { tenantId: owner.tenant.id, messageId: id };

    armFault("outbound.afterProviderAccepted", { key: id });
    const first = delivery(job, 1);
    await handleOutboundBatch(h.ctx, first, graph.fetcher);
    expect((await getQueueResult(first, createExecutionContext())).retryMessages).toHaveLength(1);
    expect(graph.accepted).toEqual(["Your order ships today."]);
    expect((await rowOf(id)).status).toBe("sending");

    // Redelivered while the claim is still running: it waits, it does not send.
    const second = delivery(job, 2);
    await handleOutboundBatch(h.ctx, second, graph.fetcher);
    expect((await getQueueResult(second, createExecutionContext())).explicitAcks).toHaveLength(1);
    expect(h.jobs).toEqual([job]);
    expect(graph.accepted).toHaveLength(1);

    // After the lease: resolved without calling the provider again.
    h.clock.offset = SEND_LEASE_MS + 1000;
    const third = delivery(job, 1);
    await handleOutboundBatch(h.ctx, third, graph.fetcher);
    expect(graph.accepted).toHaveLength(1);
    expect(await rowOf(id)).toMatchObject({ status: "failed", error_code: "send_unconfirmed", lease_until: null });
    const view = await owner.callWithKey("GET", `/api/conversations/${conversation.id}/messages`);
    const message = view.json.data.find((m: { id: string }) => m.id === id);
    expect(message.error.title).toBe("Sending was interrupted");
    expect(message.error.detail).toMatch(/may or may not have been delivered/);
  });

  it("is recorded as sent when Meta's status webhook echoes the message id, before or after the claim expired", async () => {
    const { owner, channel, conversation } = await metaConversation();
    const h = harness();
    for (const expiredFirst of [false, true]) {
      const id = await queuedRow(owner, conversation.id, channel.id, `Order ${expiredFirst ? 2 : 1} confirmed`);
      const graph = fakeGraph();
      armFault("outbound.afterProviderAccepted", { key: id });
      expect((await sendQueuedMessage(h.ctx, { tenantId: owner.tenant.id, messageId: id }, 1, graph.fetcher).catch((e: Error) => e.name))).toBe("InjectedFault");
      expect(graph.references).toEqual([id]);
      if (expiredFirst) {
        h.clock.offset = SEND_LEASE_MS + 1000;
        await sendQueuedMessage(h.ctx, { tenantId: owner.tenant.id, messageId: id }, 2, graph.fetcher);
        h.clock.offset = 0;
        expect((await rowOf(id)).error_code).toBe("send_unconfirmed");
      }
      // Meta's delivered status for the send, parsed from the webhook shape, with our id echoed back.
      const [status] = parseMetaPayload({
        object: "whatsapp_business_account",
        entry: [
          {
            id: "WABA",
            changes: [
              {
                field: "messages",
                value: {
                  messaging_product: "whatsapp",
                  metadata: { display_phone_number: "6281100000000", phone_number_id: channel.phoneNumberId },
                  statuses: [{ id: graph.wamids[0], status: "delivered", timestamp: String(Math.floor(Date.now() / 1000)), recipient_id: "6281234567890", biz_opaque_callback_data: id }],
                },
              },
            ],
          },
        ],
      });
      expect(status).toMatchObject({ kind: "status", reference: id });
      await handleStatus(h.ctx, owner.tenant.id, channel.id, status as Parameters<typeof handleStatus>[3]);
      expect(await rowOf(id)).toMatchObject({ status: "delivered", error_code: null, provider_message_id: graph.wamids[0], lease_until: null });
      // A redelivered job finds it done and sends nothing.
      expect(await sendQueuedMessage(h.ctx, { tenantId: owner.tenant.id, messageId: id }, 3, graph.fetcher)).toEqual({ kind: "done" });
      expect(graph.accepted).toHaveLength(1);
    }
  });

  it("a send the provider did not answer in time is not sent again: it waits for Meta's echo, else ends unconfirmed", async () => {
    const { owner, channel, conversation } = await metaConversation();
    const id = await queuedRow(owner, conversation.id, channel.id, "Slow network today");
    const h = harness();
    let calls = 0;
    const timesOut: Fetcher = async () => {
      calls++;
      throw new DOMException("The operation was aborted due to timeout", "TimeoutError");
    };
    const first = await sendQueuedMessage(h.ctx, { tenantId: owner.tenant.id, messageId: id }, 1, timesOut);
    expect(first.kind).toBe("defer");
    expect((await rowOf(id)).status).toBe("sending");
    h.clock.offset = SEND_LEASE_MS + 1000;
    expect(await sendQueuedMessage(h.ctx, { tenantId: owner.tenant.id, messageId: id }, 1, timesOut)).toEqual({ kind: "done" });
    expect(calls).toBe(1);
    expect(await rowOf(id)).toMatchObject({ status: "failed", error_code: "send_unconfirmed" });
  });

  it("a send that crashes before reaching the provider is retried and sent once", async () => {
    const { owner, channel, conversation } = await metaConversation();
    const id = await queuedRow(owner, conversation.id, channel.id, "See you at 3.");
    const h = harness();
    const broken: Fetcher = async () => {
      throw new Error("connection reset");
    };
    expect((await sendQueuedMessage(h.ctx, { tenantId: owner.tenant.id, messageId: id }, 1, broken)).kind).toBe("retry");
    expect((await rowOf(id)).status).toBe("queued");
    const graph = fakeGraph();
    expect((await sendQueuedMessage(h.ctx, { tenantId: owner.tenant.id, messageId: id }, 2, graph.fetcher)).kind).toBe("done");
    expect(graph.accepted).toEqual(["See you at 3."]);
    expect((await rowOf(id)).status).toBe("sent");
  });
});

describe("the same job delivered twice at once", () => {
  it("reaches the provider once", async () => {
    const { owner, channel, conversation } = await metaConversation();
    const id = await queuedRow(owner, conversation.id, channel.id, "Parallel hello");
    const graph = fakeGraph();
    const h = harness();
    const job = { tenantId: owner.tenant.id, messageId: id };
    graph.hold();
    const entered = graph.nextSend();
    const first = sendQueuedMessage(h.ctx, job, 1, graph.fetcher);
    await entered;
    // The first consumer is inside the provider call; the second one runs to its end (or into the provider).
    const secondEntered = graph.nextSend();
    const second = sendQueuedMessage(h.ctx, job, 1, graph.fetcher);
    await Promise.race([second, secondEntered]);
    graph.release();
    const outcomes = await Promise.all([first, second]);
    expect(graph.accepted).toEqual(["Parallel hello"]);
    expect(outcomes[0]).toEqual({ kind: "done" });
    expect(outcomes[1].kind).toBe("defer");
    expect((await rowOf(id)).status).toBe("sent");
    // The deferred job comes back and finds it sent.
    expect(await sendQueuedMessage(h.ctx, job, 1, graph.fetcher)).toEqual({ kind: "done" });
    expect(graph.accepted).toHaveLength(1);
  });
});

describe("the cron's sweep", () => {
  it("requeues only messages whose job was lost, never one claimed, sent, or still being retried", async () => {
    const { owner, channel, conversation } = await metaConversation();
    const long = Date.now() - 2 * 3600_000;
    const lost = await queuedRow(owner, conversation.id, channel.id, "lost job", { updatedAt: long });
    const claimed = await queuedRow(owner, conversation.id, channel.id, "claimed", { updatedAt: long, status: "sending", leaseUntil: Date.now() + SEND_LEASE_MS });
    const sent = await queuedRow(owner, conversation.id, channel.id, "sent", { updatedAt: long, status: "sent" });
    const retrying = await queuedRow(owner, conversation.id, channel.id, "retrying", { updatedAt: long });
    const h = harness();
    // The retrying message's job is alive: Meta throttled it, the consumer scheduled a retry.
    const throttled: Fetcher = async () => new Response(JSON.stringify({ error: { code: 130429, message: "(#130429) Rate limit hit" } }), { status: 429 });
    expect((await sendQueuedMessage(h.ctx, { tenantId: owner.tenant.id, messageId: retrying }, 1, throttled)).kind).toBe("retry");

    await requeueStuckMessages(h.ctx);
    const requeued = (h.jobs as Array<{ messageId: string }>).map((j) => j.messageId);
    expect(requeued).toContain(lost);
    for (const id of [claimed, sent, retrying]) expect(requeued).not.toContain(id);

    // The requeued job and the original one both arrive: the provider sees one send.
    const graph = fakeGraph();
    await sendQueuedMessage(h.ctx, { tenantId: owner.tenant.id, messageId: lost }, 1, graph.fetcher);
    await sendQueuedMessage(h.ctx, { tenantId: owner.tenant.id, messageId: lost }, 1, graph.fetcher);
    expect(graph.accepted).toEqual(["lost job"]);
  });

  it("fails a claim whose consumer and job are both gone as unconfirmed, without sending", async () => {
    const { owner, channel, conversation } = await metaConversation();
    const id = await queuedRow(owner, conversation.id, channel.id, "orphan", { status: "sending", leaseUntil: Date.now() - 3600_000, updatedAt: Date.now() - 3600_000 });
    const h = harness();
    expect(await resolveExpiredClaims(h.ctx)).toBeGreaterThanOrEqual(1);
    expect(await rowOf(id)).toMatchObject({ status: "failed", error_code: "send_unconfirmed" });
    expect(h.jobs).toEqual([]);
  });
});

describe("a message whose job reaches the dead-letter queue", () => {
  it("is failed, so nothing sends it later", async () => {
    const { owner, channel, conversation } = await metaConversation();
    const queued = await queuedRow(owner, conversation.id, channel.id, "never sent");
    const claimed = await queuedRow(owner, conversation.id, channel.id, "maybe sent", { status: "sending", leaseUntil: Date.now() + SEND_LEASE_MS });
    const batch = createMessageBatch(
      "parley-outbound-dlq",
      [queued, claimed].map((messageId, i) => ({ id: `dlq-${i}-${messageId}`, timestamp: new Date(), attempts: 9, body: { tenantId: owner.tenant.id, messageId } })),
    );
    const exec = createExecutionContext();
    await worker.queue(batch, env, exec);
    expect((await getQueueResult(batch, exec)).ackAll).toBe(true);
    expect(await rowOf(queued)).toMatchObject({ status: "failed", error_code: "send_retries_exhausted" });
    expect(await rowOf(claimed)).toMatchObject({ status: "failed", error_code: "send_unconfirmed" });
    const h = harness();
    h.clock.offset = 24 * 3600_000;
    await requeueStuckMessages(h.ctx);
    expect((h.jobs as Array<{ messageId: string }>).map((j) => j.messageId)).not.toContain(queued);

    // Replaying the dead letters: the one that never reached a provider is queued again; the unconfirmed one stays failed.
    const letters = (await owner.callWithKey("GET", "/api/dead-letters")).json.data as Array<{ id: string; payload: { messageId: string } }>;
    const ours = letters.filter((l) => [queued, claimed].includes(l.payload.messageId));
    expect(ours).toHaveLength(2);
    for (const letter of ours) expect((await owner.callWithKey("POST", `/api/dead-letters/${letter.id}/replay`)).status).toBe(202);
    expect((await rowOf(queued)).status).not.toBe("failed");
    expect(await rowOf(claimed)).toMatchObject({ status: "failed", error_code: "send_unconfirmed" });
  });
});

describe("a message that cannot be put on the queue", () => {
  it("is failed and the caller gets a 503, so the sweep never sends it later", async () => {
    const { owner, conversation } = await metaConversation();
    const down = { send: async () => Promise.reject(new Error("queue unavailable")), sendBatch: async () => Promise.reject(new Error("queue unavailable")) } as unknown as Queue<unknown>;
    const ctx = systemContext({ ...env, OUTBOUND_QUEUE: down }, () => {});
    const err = await queueOutbound(ctx, { tenantId: owner.tenant.id, conversationId: conversation.id, author: "agent", content: { type: "text", text: "into the void" } }).then(
      () => null,
      (e: unknown) => e as { code?: string; message?: string },
    );
    expect(err?.code).toBe("unavailable");
    expect(err?.message).toMatch(/not sent/);
    const row = await env.DB.prepare("SELECT id, status, error_code FROM messages WHERE conversation_id = ? AND text = 'into the void'").bind(conversation.id).first<{ id: string; status: string; error_code: string }>();
    expect(row).toMatchObject({ status: "failed", error_code: "enqueue_failed" });
    const h = harness();
    h.clock.offset = 24 * 3600_000;
    await requeueStuckMessages(h.ctx);
    expect((h.jobs as Array<{ messageId: string }>).map((j) => j.messageId)).not.toContain(row!.id);
  });
});
