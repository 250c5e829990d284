// Deliveries as WhatsApp really sends them: one bad event among good ones,
// users who hide their number behind a username, and the shared platform
// webhook carrying several tenants' numbers in one body.
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { systemContext } from "../../../worker/lib/system-context";
import { acceptSharedMetaWebhook } from "../../../worker/inbound/ingress";
import { sendQueuedMessage } from "../../../worker/outbound/consumer";
import { handleInboundBatch } from "../../../worker/inbound/consumer";
import type { InboundJob } from "../../../worker/inbound/jobs";
import { json, fakeFetch } from "../channels/helpers";
import { connectMeta, metaTextPayload, postMeta, signMeta, type MetaChannel } from "../helpers/channels";
import { quietTenant } from "../helpers/assistant";
import { createTenant } from "../helpers/tenants";
import { eventually } from "../helpers/wait";

const ctx = () => systemContext(env, () => {});
const wamid = () => `wamid.T${crypto.randomUUID().replace(/-/g, "")}`;
const now = () => String(Math.floor(Date.now() / 1000));

function delivery(phoneNumberId: string, value: Record<string, unknown>) {
  return {
    object: "whatsapp_business_account",
    entry: [{ id: "WABA", changes: [{ field: "messages", value: { messaging_product: "whatsapp", metadata: { display_phone_number: "1", phone_number_id: phoneNumberId }, ...value } }] }],
  };
}

async function post(channel: MetaChannel, body: unknown) {
  const raw = JSON.stringify(body);
  const res = await postMeta(channel.id, raw, await signMeta(channel.appSecret, raw));
  expect(res.status, res.text).toBe(200);
}

const inboundCount = async (channelId: string, providerId: string) =>
  (await env.DB.prepare("SELECT count(*) AS n FROM messages WHERE channel_id = ? AND provider_message_id = ?").bind(channelId, providerId).first<{ n: number }>())!.n;

describe("one malformed message in a delivery", () => {
  it("dead-letters only that message, with the reason, and stores the valid ones", async () => {
    const owner = await quietTenant();
    const channel = await connectMeta(owner);
    const [a, bad, b] = [wamid(), wamid(), wamid()];
    const from = "6281234500001";
    await post(
      channel,
      delivery(channel.phoneNumberId, {
        contacts: [{ profile: { name: "Sari" }, wa_id: from }],
        messages: [
          { from, id: a, timestamp: now(), type: "text", text: { body: "first" } },
          { from, id: bad, timestamp: "last tuesday", type: "text", text: { body: "broken" } },
          { from, id: b, timestamp: now(), type: "text", text: { body: "third" } },
        ],
      }),
    );
    await eventually(async () => {
      expect(await inboundCount(channel.id, a)).toBe(1);
      expect(await inboundCount(channel.id, b)).toBe(1);
    });
    const dead = await eventually(async () => {
      const rows = await env.DB.prepare("SELECT error, payload FROM dead_letters WHERE tenant_id = ?").bind(owner.tenant.id).all<{ error: string; payload: string }>();
      expect(rows.results).toHaveLength(1);
      return rows.results[0]!;
    });
    expect(dead.error).toMatch(/messages\.1: timestamp/);
    // The dead letter holds the bad message alone: not the customer's other messages.
    expect(dead.payload).toContain(bad);
    expect(dead.payload).not.toContain(a);
    expect(dead.payload).not.toContain(b);
    expect(await inboundCount(channel.id, bad)).toBe(0);
  });
});

describe("users with a username (Meta business-scoped user ids)", () => {
  it("creates one contact by user id, matches it again when the number shows up, and replies to the user id", async () => {
    const owner = await quietTenant();
    const channel = await connectMeta(owner);
    const userId = `ID.${crypto.randomUUID().replace(/-/g, "").slice(0, 20)}`;
    const first = wamid();
    // No phone number at all: the contact card and the message carry only the user id.
    await post(
      channel,
      delivery(channel.phoneNumberId, {
        contacts: [{ profile: { name: "Rina", username: "@rina.shop" }, user_id: userId }],
        messages: [{ id: first, timestamp: now(), type: "text", text: { body: "is the blue one in stock?" }, from_user_id: userId }],
      }),
    );
    const contact = await eventually(async () => {
      const row = await env.DB.prepare("SELECT * FROM contacts WHERE tenant_id = ? AND user_id = ?").bind(owner.tenant.id, userId).first<Record<string, string>>();
      expect(row).not.toBeNull();
      return row!;
    });
    expect(contact).toMatchObject({ wa_id: userId, phone: "", username: "@rina.shop", name: "Rina" });
    expect(await inboundCount(channel.id, first)).toBe(1);

    // Later Meta shares the number too: same contact, no second one.
    const second = wamid();
    await post(
      channel,
      delivery(channel.phoneNumberId, {
        contacts: [{ profile: { name: "Rina" }, wa_id: "6281234509999", user_id: userId }],
        messages: [{ from: "6281234509999", from_user_id: userId, id: second, timestamp: now(), type: "text", text: { body: "hello?" } }],
      }),
    );
    await eventually(async () => expect(await inboundCount(channel.id, second)).toBe(1));
    const contacts = await env.DB.prepare("SELECT id FROM contacts WHERE tenant_id = ?").bind(owner.tenant.id).all<{ id: string }>();
    expect(contacts.results.map((r) => r.id)).toEqual([contact.id]);

    // An agent answers: the Graph API call addresses the user id.
    const conversation = (await owner.callWithKey("GET", "/api/conversations")).json.data[0];
    const reply = await owner.callWithKey("POST", `/api/conversations/${conversation.id}/messages`, { text: "Yes, it is." });
    expect(reply.status, reply.text).toBe(201);
    await env.DB.prepare("UPDATE messages SET status = 'queued', provider_message_id = NULL WHERE id = ?").bind(reply.json.id).run();
    const graph = fakeFetch(json({ messages: [{ id: "wamid.OUT" }] }));
    await sendQueuedMessage(ctx(), { tenantId: owner.tenant.id, messageId: reply.json.id }, 1, graph.fetcher);
    expect(graph.requests).toHaveLength(1);
    expect(graph.requests[0]!.body).toMatchObject({ messaging_product: "whatsapp", recipient: userId, type: "text", text: { body: "Yes, it is." } });
    expect(graph.requests[0]!.body).not.toHaveProperty("to");
  });
});

describe("the shared platform webhook", () => {
  it("gives each tenant's job only the changes addressed to its own number", async () => {
    const [a, b] = [await createTenant(), await createTenant()];
    const [chA, chB] = [await connectMeta(a), await connectMeta(b)];
    const [idA, idB] = [wamid(), wamid()];
    const body = {
      object: "whatsapp_business_account",
      entry: [
        {
          id: "WABA",
          changes: [
            { field: "messages", value: { metadata: { phone_number_id: chA.phoneNumberId }, contacts: [{ profile: { name: "Customer of A" }, wa_id: "6281111111111" }], messages: [{ from: "6281111111111", id: idA, timestamp: now(), type: "text", text: { body: "for A" } }] } },
            { field: "messages", value: { metadata: { phone_number_id: chB.phoneNumberId }, contacts: [{ profile: { name: "Customer of B" }, wa_id: "6282222222222" }], messages: [{ from: "6282222222222", id: idB, timestamp: now(), type: "text", text: { body: "for B" } }] } },
          ],
        },
      ],
    };
    const raw = JSON.stringify(body);
    const signature = await signMeta("platform-secret", raw);
    const jobs: InboundJob[] = [];
    const base = ctx();
    const recording = {
      ...base,
      config: { ...base.config, META_APP_SECRET: "platform-secret" },
      env: { ...base.env, INBOUND_QUEUE: { send: async (job: InboundJob) => void jobs.push(job) } as unknown as Queue },
    };
    const routed = await acceptSharedMetaWebhook(recording, new TextEncoder().encode(raw).buffer as ArrayBuffer, (name) =>
      name === "x-hub-signature-256" ? signature : undefined,
    );
    expect(routed).toBe(2);
    const byChannel = new Map(jobs.map((j) => [j.channelId, j.kind === "webhook" ? j.body! : ""]));
    expect(byChannel.get(chA.id)).toContain(idA);
    expect(byChannel.get(chA.id)).not.toContain(idB);
    expect(byChannel.get(chA.id)).not.toContain("Customer of B");
    expect(byChannel.get(chB.id)).toContain(idB);
    expect(byChannel.get(chB.id)).not.toContain(idA);
    expect(byChannel.get(chB.id)).not.toContain("Customer of A");
  });
});

describe("a queue batch carrying several channels' deliveries", () => {
  it("stores each connected channel's messages and drops, acknowledged, those of a channel disconnected after accepting them", async () => {
    const owner = await quietTenant();
    const [kept, other, gone] = [await connectMeta(owner), await connectMeta(owner), await connectMeta(owner)];
    const jobFor = (channel: MetaChannel) => {
      const { payload, id } = metaTextPayload(channel);
      const job: InboundJob = { kind: "webhook", provider: "meta", tenantId: owner.tenant.id, channelId: channel.id, receivedAt: Date.now(), body: JSON.stringify(payload) };
      return { job, id };
    };
    const jobs = [jobFor(kept), jobFor(gone), jobFor(other), jobFor(kept)];
    expect((await owner.callWithKey("DELETE", `/api/channels/${gone.id}`)).status).toBe(204);
    const batch = createMessageBatch(
      "parley-inbound",
      jobs.map((j, i) => ({ id: `batch-${i}-${j.id}`, timestamp: new Date(), attempts: 1, body: j.job })),
    );
    await handleInboundBatch(ctx(), batch);
    const result = await getQueueResult(batch, createExecutionContext());
    expect(result.retryMessages).toEqual([]);
    expect(result.explicitAcks.sort()).toEqual(batch.messages.map((m) => m.id).sort());
    expect(await inboundCount(kept.id, jobs[0]!.id)).toBe(1);
    expect(await inboundCount(kept.id, jobs[3]!.id)).toBe(1);
    expect(await inboundCount(other.id, jobs[2]!.id)).toBe(1);
    expect(await inboundCount(gone.id, jobs[1]!.id)).toBe(0);
  });
});
