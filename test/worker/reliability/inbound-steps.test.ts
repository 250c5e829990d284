// An inbound message is never lost: an attempt that dies after claiming,
// after storing or after emitting is resumed by the queue's retry (the missing
// step runs, nothing runs twice), and a retry that arrives while an attempt is
// still running is retried again, never acknowledged as a duplicate.
import { createExecutionContext, createMessageBatch, evictDurableObject, getQueueResult, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { armFault, disarmFaults } from "../../../worker/lib/faults";
import { newId } from "../../../worker/lib/ids";
import { systemContext } from "../../../worker/lib/system-context";
import { handleInboundBatch } from "../../../worker/inbound/consumer";
import type { InboundJob } from "../../../worker/inbound/jobs";
import type { ConversationDO, ReceiveResult } from "../../../worker/conversations/conversation-do";
import { storedMessage } from "../helpers/assistant";
import { createTenant, type TenantOwner } from "../helpers/tenants";
import { eventually } from "../helpers/wait";
import { createEndpoint } from "../events/harness";

beforeEach(() => disarmFaults());
afterEach(() => disarmFaults());

interface Customer {
  owner: TenantOwner;
  tenantId: string;
  channelId: string;
  contactId: string;
  conversationId: string;
  phone: string;
}

/** A tenant whose assistant answers at once (burstSeconds 0), a webhook endpoint for message.received, and one customer. */
async function customer(): Promise<Customer> {
  const owner = await createTenant();
  expect((await owner.callWithKey("PATCH", "/api/bot-settings", { enabled: false })).status).toBe(200);
  const first = await storedMessage(owner, "first message");
  expect((await owner.callWithKey("PATCH", "/api/bot-settings", { enabled: true, burstSeconds: 0 })).status).toBe(200);
  await createEndpoint(owner, { events: ["message.received"] });
  const conv = (await env.DB.prepare("SELECT channel_id FROM conversations WHERE id = ?").bind(first.conversationId).first<{ channel_id: string }>())!;
  return { owner, tenantId: owner.tenant.id, channelId: conv.channel_id, contactId: first.contactId, conversationId: first.conversationId, phone: first.phone };
}

function job(c: Customer, text = "hello"): InboundJob & { kind: "sandbox" } {
  const messageId = newId("message");
  return {
    kind: "sandbox",
    tenantId: c.tenantId,
    channelId: c.channelId,
    receivedAt: Date.now(),
    contactId: c.contactId,
    conversationId: c.conversationId,
    messageId,
    message: { kind: "message", providerMessageId: `sandbox.${messageId}`, from: c.phone.replace(/^\+/, ""), profileName: null, timestamp: Date.now(), type: "text", text },
  };
}

/** The error message an RPC call failed with (awaited in place, so no rejection is left unhandled). */
async function failureOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    return String(err);
  }
  return "no failure";
}

const stubFor = (c: Customer) => env.CONVERSATIONS.get(env.CONVERSATIONS.idFromName(`${c.tenantId}:${c.contactId}`));
const receiveInput = (c: Customer, j: ReturnType<typeof job>) => ({ tenantId: c.tenantId, channelId: c.channelId, contactId: c.contactId, messageId: j.messageId, conversationId: j.conversationId, message: j.message });

const receive = async (c: Customer, j: ReturnType<typeof job>) => (await stubFor(c).receive(receiveInput(c, j))) as unknown as ReceiveResult;

async function storedRows(providerMessageId: string) {
  return (await env.DB.prepare("SELECT id FROM messages WHERE provider_message_id = ?").bind(providerMessageId).all()).results.length;
}
/** Bot messages written after the given inbound message (ids are time-ordered). */
async function botAnswersAfter(c: Customer, messageId: string) {
  return (
    await env.DB.prepare("SELECT id FROM messages WHERE conversation_id = ? AND direction = 'outbound' AND author = 'bot' AND id > ?").bind(c.conversationId, messageId).all()
  ).results.length;
}
async function receivedEvents(c: Customer, messageId: string) {
  const rows = await env.DB.prepare("SELECT payload FROM webhook_events WHERE tenant_id = ? AND type = 'message.received'").bind(c.tenantId).all<{ payload: string }>();
  return rows.results.filter((r) => r.payload.includes(messageId)).length;
}

/** The message is stored once, message.received was emitted once and the assistant answered once. */
async function expectExactlyOnce(c: Customer, j: ReturnType<typeof job>) {
  // The object answers after receive returns (the consumer does not wait for the turn): let its turn finish.
  await stubFor(c).answerPending();
  expect(await storedRows(j.message.providerMessageId)).toBe(1);
  await eventually(async () => expect(await receivedEvents(c, j.messageId)).toBe(1), { what: "message.received for the message" });
  expect(await botAnswersAfter(c, j.messageId)).toBe(1);
}

describe("an inbound message whose attempt dies half-way", () => {
  it("is emitted and answered by the retry when the object dies after the insert", async () => {
    const c = await customer();
    const j = job(c);
    armFault("conversation.afterInsert", { key: j.message.providerMessageId });
    expect(await failureOf(stubFor(c).receive(receiveInput(c, j)))).toMatch(/injected fault/);
    expect(await storedRows(j.message.providerMessageId)).toBe(1);

    const retry = await receive(c, j);
    expect(retry.duplicate).toBe(false);
    await expectExactlyOnce(c, j);

    // A later redelivery is a plain duplicate.
    expect((await receive(c, j)).duplicate).toBe(true);
    await expectExactlyOnce(c, j);
  });

  it("is answered by the retry when the object dies after emitting message.received", async () => {
    const c = await customer();
    const j = job(c);
    armFault("conversation.afterEmit", { key: j.message.providerMessageId });
    expect(await failureOf(stubFor(c).receive(receiveInput(c, j)))).toMatch(/injected fault/);
    await eventually(async () => expect(await receivedEvents(c, j.messageId)).toBe(1));
    expect(await botAnswersAfter(c, j.messageId)).toBe(0);

    expect((await receive(c, j)).duplicate).toBe(false);
    await expectExactlyOnce(c, j);
  });

  it("is stored by the retry when the object dies right after claiming it", async () => {
    const c = await customer();
    const j = job(c);
    armFault("conversation.afterClaim", { key: j.message.providerMessageId });
    expect(await failureOf(stubFor(c).receive(receiveInput(c, j)))).toMatch(/injected fault/);
    expect(await storedRows(j.message.providerMessageId)).toBe(0);
    expect((await receive(c, j)).duplicate).toBe(false);
    await expectExactlyOnce(c, j);
  });
});

describe("a redelivery while an attempt is still running", () => {
  it("is retried by the consumer, not acknowledged, and the message ends up stored and answered once", async () => {
    const c = await customer();
    const j = job(c);
    // The first attempt dies after its insert; the second delivery arrives while it is running.
    armFault("conversation.afterInsert", { key: j.message.providerMessageId });
    const ctx = systemContext(env, () => {});
    const batches = [0, 1].map((i) => createMessageBatch("parley-inbound", [{ id: `dup-${i}-${j.messageId}`, timestamp: new Date(), attempts: 1, body: j }]));
    await Promise.all(batches.map((b) => handleInboundBatch(ctx, b)));
    for (const b of batches) {
      const result = await getQueueResult(b, createExecutionContext());
      expect(result.explicitAcks, "a delivery was acknowledged before the message was safely processed").toEqual([]);
      expect(result.retryMessages.map((m) => m.msgId)).toEqual([b.messages[0]!.id]);
    }

    // The queue's retry resumes the missing steps.
    const retry = createMessageBatch("parley-inbound", [{ id: `retry-${j.messageId}`, timestamp: new Date(), attempts: 2, body: j }]);
    await handleInboundBatch(ctx, retry);
    expect((await getQueueResult(retry, createExecutionContext())).explicitAcks).toEqual([`retry-${j.messageId}`]);
    await expectExactlyOnce(c, j);
  });
});

describe("a conversation object reset between attempts", () => {
  it("resumes the missing steps in its new instance", async () => {
    const c = await customer();
    const j = job(c);
    armFault("conversation.afterEmit", { key: j.message.providerMessageId });
    expect(await failureOf(stubFor(c).receive(receiveInput(c, j)))).toMatch(/injected fault/);
    await evictDurableObject(stubFor(c));
    expect((await receive(c, j)).duplicate).toBe(false);
    await expectExactlyOnce(c, j);
  });

  it("still knows the ids an object finished before receipts existed", async () => {
    const c = await customer();
    const j = job(c);
    const stub = stubFor(c);
    await runInDurableObject(stub, (_i: ConversationDO, state) => {
      state.storage.sql.exec("CREATE TABLE seen (provider_message_id TEXT PRIMARY KEY, state TEXT NOT NULL, at INTEGER NOT NULL)");
      state.storage.sql.exec("INSERT INTO seen VALUES (?, 'done', ?)", j.message.providerMessageId, Date.now());
    });
    await evictDurableObject(stub);
    expect((await receive(c, j)).duplicate).toBe(true);
    expect(await storedRows(j.message.providerMessageId)).toBe(0);
    const tables = await runInDurableObject(stubFor(c), (_i: ConversationDO, state) =>
      state.storage.sql.exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'seen'").toArray(),
    );
    expect(tables).toEqual([]);
  });
});
