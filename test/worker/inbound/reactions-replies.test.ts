// Reactions and quoted replies, from real-world Meta and WAHA payloads
// (test/fixtures/real-world, see its SOURCES.md): a reaction is kept on the
// message it reacts to — once, replaced by a newer one, removed by an empty
// one — never as a message of its own and never answered; a reply carries the
// message it quotes.
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it } from "vitest";
import { addKnowledge, modeOf, outbound, quietTenant } from "../helpers/assistant";
import { connectMeta, connectWaha, metaTextPayload, postMeta, postWaha, signMeta, signWaha, type MetaChannel } from "../helpers/channels";
import { createTenant, type TenantOwner } from "../helpers/tenants";
import { eventually } from "../helpers/wait";
import { fakeProviders } from "../media/helpers";
import metaReaction from "../../fixtures/real-world/meta/bindambc-reaction-literal-emoji.json?raw";
import metaReactionEscaped from "../../fixtures/real-world/meta/pywa-reaction-escaped-emoji.json?raw";
import metaReactionRemoved from "../../fixtures/real-world/meta/pywa-reaction-removed-empty-emoji.json?raw";
import metaReplyContext from "../../fixtures/real-world/meta/pywa-text-reply-context.json?raw";
import wahaReaction from "../../fixtures/real-world/waha/waha-message-reaction.json?raw";

let restore: (() => void) | null = null;
afterEach(() => {
  restore?.();
  restore = null;
});

interface MetaMessage {
  from: string;
  id: string;
  timestamp: string;
  reaction?: { message_id: string; emoji?: string };
  context?: { from: string; id: string };
}

/** A published Meta delivery, re-addressed: to this channel's number, from this customer, about this message, at this time. */
function metaDelivery(raw: string, channel: MetaChannel, o: { from: string; id: string; target: string; at: number }): string {
  const body = JSON.parse(raw) as { entry: { changes: { value: { metadata: { phone_number_id: string }; contacts: { wa_id: string }[]; messages: MetaMessage[] } }[] }[] };
  const value = body.entry[0]!.changes[0]!.value;
  value.metadata.phone_number_id = channel.phoneNumberId;
  value.contacts[0]!.wa_id = o.from;
  const m = value.messages[0]!;
  m.from = o.from;
  m.id = o.id;
  m.timestamp = String(Math.floor(o.at / 1000));
  if (m.reaction) m.reaction.message_id = o.target;
  if (m.context) m.context.id = o.target;
  return JSON.stringify(body);
}

async function post(channel: MetaChannel, raw: string) {
  const res = await postMeta(channel.id, raw, await signMeta(channel.appSecret, raw));
  expect(res.status, res.text).toBe(200);
}

const count = async (sql: string, ...args: unknown[]) => (await env.DB.prepare(sql).bind(...args).first<{ n: number }>())!.n;

type Thread = { id: string; direction: string; type: string; text: string | null; providerMessageId: string | null; reactions: { emoji: string }[]; replyTo: { id: string | null; text: string | null; author: string | null } | null }[];
const thread = async (owner: TenantOwner, conversationId: string): Promise<Thread> => {
  const res = await owner.callWithKey("GET", `/api/conversations/${conversationId}/messages`);
  expect(res.status, res.text).toBe(200);
  return res.json.data;
};

/** A customer writes, an agent answers through the fake Graph API: the agent's message has a wamid to react to. */
async function agentMessage(owner: TenantOwner, channel: MetaChannel, from: string) {
  const { payload } = metaTextPayload(channel, { from, text: "Is the house on Jalan Melati still available?" });
  await post(channel, JSON.stringify(payload));
  const conversation = await eventually(async () => {
    const list = (await owner.callWithKey("GET", "/api/conversations")).json.data;
    expect(list).toHaveLength(1);
    return list[0] as { id: string };
  });
  const reply = await owner.callWithKey("POST", `/api/conversations/${conversation.id}/messages`, { text: "Yes, *it is* — viewings on weekdays." });
  expect(reply.status, reply.text).toBe(201);
  const providerMessageId = await eventually(async () => {
    const row = await env.DB.prepare("SELECT provider_message_id AS p FROM messages WHERE id = ?").bind(reply.json.id).first<{ p: string | null }>();
    expect(row?.p).toBeTruthy();
    return row!.p!;
  });
  return { conversationId: conversation.id, messageId: reply.json.id as string, providerMessageId };
}

describe("reactions", () => {
  it("Meta: a reaction is stored once on the message it reacts to, replaced by a newer one, removed by an empty one", async () => {
    const owner = await quietTenant();
    const fake = fakeProviders();
    restore = fake.restore;
    const channel = await connectMeta(owner);
    const from = "6281234567801";
    const target = await agentMessage(owner, channel, from);
    const t0 = Date.now();
    const like = metaDelivery(metaReaction, channel, { from, id: "wamid.REACT1", target: target.providerMessageId, at: t0 });
    // Delivered three times, as Meta retries do.
    for (let i = 0; i < 3; i++) await post(channel, like);
    await eventually(async () => {
      const agent = (await thread(owner, target.conversationId)).find((m) => m.id === target.messageId)!;
      expect(agent.reactions.map((r) => r.emoji)).toEqual(["👍"]);
    });
    expect(await count("SELECT count(*) AS n FROM message_reactions WHERE tenant_id = ?", owner.tenant.id)).toBe(1);
    // Not a message of its own: the thread holds the customer's question and the agent's answer only.
    const messages = await thread(owner, target.conversationId);
    expect(messages.map((m) => m.type).sort()).toEqual(["text", "text"]);
    expect(await count("SELECT count(*) AS n FROM messages WHERE tenant_id = ? AND type = 'reaction'", owner.tenant.id)).toBe(0);

    // A new emoji (escaped in the JSON, as pywa published it) replaces the old one.
    await post(channel, metaDelivery(metaReactionEscaped, channel, { from, id: "wamid.REACT2", target: target.providerMessageId, at: t0 + 5000 }));
    await eventually(async () => {
      const agent = (await thread(owner, target.conversationId)).find((m) => m.id === target.messageId)!;
      expect(agent.reactions.map((r) => r.emoji)).toEqual(["😮"]);
    });
    // Removed (an empty emoji), then the first reaction redelivered late: it stays removed.
    await post(channel, metaDelivery(metaReactionRemoved, channel, { from, id: "wamid.REACT3", target: target.providerMessageId, at: t0 + 10_000 }));
    await post(channel, like);
    await eventually(async () => {
      const row = await env.DB.prepare("SELECT emoji, provider_message_id AS p FROM message_reactions WHERE tenant_id = ?").bind(owner.tenant.id).first<{ emoji: string | null; p: string }>();
      expect(row).toEqual({ emoji: null, p: "wamid.REACT3" });
    });
    // The late redelivery was processed too (it is behind the removal in the customer's lane) and changed nothing.
    const agent = (await thread(owner, target.conversationId)).find((m) => m.id === target.messageId)!;
    expect(agent.reactions).toEqual([]);
    expect(await count("SELECT count(*) AS n FROM message_reactions WHERE tenant_id = ?", owner.tenant.id)).toBe(1);
  });

  it("a reaction is not answered by the assistant, and does not hand the conversation over", async () => {
    const owner = await createTenant();
    expect((await owner.callWithKey("PATCH", "/api/bot-settings", { burstSeconds: 0 })).status).toBe(200);
    await addKnowledge(owner, [{ title: "Office hours", content: "We are open Monday to Friday, 08:00 to 16:00. Closed on weekends." }]);
    const fake = fakeProviders();
    restore = fake.restore;
    const channel = await connectMeta(owner);
    const from = "6281234567802";
    // A reaction to a message Parley does not know, then a question: the customer's deliveries are processed in order.
    await post(channel, metaDelivery(metaReaction, channel, { from, id: "wamid.REACT-FIRST", target: "wamid.UNKNOWN", at: Date.now() }));
    const { payload } = metaTextPayload(channel, { from, text: "When is your office open?" });
    await post(channel, JSON.stringify(payload));
    const conversationId = await eventually(async () => {
      const row = await env.DB.prepare("SELECT conversation_id AS c FROM messages WHERE tenant_id = ? AND author = 'bot'").bind(owner.tenant.id).first<{ c: string }>();
      expect(row).not.toBeNull();
      return row!.c;
    });
    // One answer, to the question, from the knowledge; the reaction alone would have been "I don't know" and a handoff.
    const answers = await outbound(conversationId);
    expect(answers).toHaveLength(1);
    expect(answers[0]!.text).toMatch(/Monday to Friday/);
    expect(await modeOf(conversationId)).toBe("bot");
    expect(await count("SELECT count(*) AS n FROM messages WHERE tenant_id = ? AND direction = 'inbound'", owner.tenant.id)).toBe(1);
    expect(await count("SELECT count(*) AS n FROM message_reactions WHERE tenant_id = ? AND target_provider_message_id = 'wamid.UNKNOWN'", owner.tenant.id)).toBe(1);
  });

  it("WAHA: a message.reaction is stored on the message it names", async () => {
    const owner = await quietTenant();
    const fake = fakeProviders();
    restore = fake.restore;
    const channel = await connectWaha(owner);
    const body = JSON.parse(wahaReaction) as { payload: { id: string; from: string; participant: string; to: string; timestamp: number; reaction: { messageId: string; text: string } } };
    // A customer message first, so there is a conversation and a message to react to (the payload's own target).
    const message = {
      event: "message",
      session: "default",
      payload: { id: "false_79111111@c.us_CUSTOMER1", from: "79111111@c.us", fromMe: false, timestamp: Date.now() / 1000, body: "Hello" },
    };
    const rawMessage = JSON.stringify(message);
    expect((await postWaha(channel.id, rawMessage, await signWaha(channel.webhookSecret, rawMessage))).status).toBe(200);
    body.payload.reaction.messageId = message.payload.id;
    body.payload.timestamp = Date.now() / 1000;
    const raw = JSON.stringify(body);
    for (let i = 0; i < 2; i++) expect((await postWaha(channel.id, raw, await signWaha(channel.webhookSecret, raw))).status).toBe(200);
    const conversationId = await eventually(async () => {
      const list = (await owner.callWithKey("GET", "/api/conversations")).json.data;
      expect(list).toHaveLength(1);
      return list[0].id as string;
    });
    await eventually(async () => {
      const msgs = await thread(owner, conversationId);
      expect(msgs).toHaveLength(1);
      expect(msgs[0]!.reactions.map((r) => r.emoji)).toEqual(["🙏"]);
    });
    expect(await count("SELECT count(*) AS n FROM message_reactions WHERE tenant_id = ?", owner.tenant.id)).toBe(1);
  });

  it("another tenant's reactions never show on a message with the same provider id", async () => {
    const a = await quietTenant();
    const b = await quietTenant();
    const fake = fakeProviders();
    restore = fake.restore;
    const channelA = await connectMeta(a);
    const channelB = await connectMeta(b);
    const from = "6281234567803";
    const target = await agentMessage(a, channelA, from);
    // Tenant B's customer reacts to a message id that happens to equal A's.
    await post(channelB, metaDelivery(metaReaction, channelB, { from, id: "wamid.REACT-B", target: target.providerMessageId, at: Date.now() }));
    await eventually(async () => expect(await count("SELECT count(*) AS n FROM message_reactions WHERE tenant_id = ?", b.tenant.id)).toBe(1));
    const agent = (await thread(a, target.conversationId)).find((m) => m.id === target.messageId)!;
    expect(agent.reactions).toEqual([]);
  });
});

describe("quoted replies", () => {
  it("Meta: a reply carries the message it quotes (context.id); an unknown one is named by its provider id", async () => {
    const owner = await quietTenant();
    const fake = fakeProviders();
    restore = fake.restore;
    const channel = await connectMeta(owner);
    const from = "6281234567804";
    const target = await agentMessage(owner, channel, from);
    await post(channel, metaDelivery(metaReplyContext, channel, { from, id: "wamid.REPLY1", target: target.providerMessageId, at: Date.now() }));
    await post(channel, metaDelivery(metaReplyContext, channel, { from, id: "wamid.REPLY2", target: "wamid.NEVERSEEN", at: Date.now() + 1000 }));
    await eventually(async () => {
      const msgs = await thread(owner, target.conversationId);
      const reply = msgs.find((m) => m.providerMessageId === "wamid.REPLY1")!;
      expect(reply.text).toBe("replied text");
      expect(reply.replyTo).toMatchObject({ id: target.messageId, author: "agent", text: "Yes, *it is* — viewings on weekdays." });
      expect(msgs.find((m) => m.providerMessageId === "wamid.REPLY2")!.replyTo).toEqual({
        id: null,
        providerMessageId: "wamid.NEVERSEEN",
        direction: null,
        author: null,
        type: null,
        text: null,
      });
      expect(msgs.find((m) => m.id === target.messageId)!.replyTo).toBeNull();
    });
  });

  it("WAHA: replyTo by its bare id finds our message in the chat", async () => {
    const owner = await quietTenant();
    const fake = fakeProviders();
    restore = fake.restore;
    const channel = await connectWaha(owner);
    const chat = "6281234567805@c.us";
    const first = { event: "message", session: "default", payload: { id: `false_${chat}_Q1`, from: chat, fromMe: false, timestamp: Date.now() / 1000, body: "Hello" } };
    const raw1 = JSON.stringify(first);
    expect((await postWaha(channel.id, raw1, await signWaha(channel.webhookSecret, raw1))).status).toBe(200);
    const conversationId = await eventually(async () => {
      const list = (await owner.callWithKey("GET", "/api/conversations")).json.data;
      expect(list).toHaveLength(1);
      return list[0].id as string;
    });
    const sent = await owner.callWithKey("POST", `/api/conversations/${conversationId}/messages`, { text: "Hi! How can we help?" });
    expect(sent.status, sent.text).toBe(201);
    const wamid = await eventually(async () => {
      const row = await env.DB.prepare("SELECT provider_message_id AS p FROM messages WHERE id = ?").bind(sent.json.id).first<{ p: string | null }>();
      expect(row?.p).toBeTruthy();
      return row!.p!;
    });
    // WAHA answers a send with "true_<chat>_<id>"; the fake names one fixed chat, so give the row this customer's.
    const bare = wamid.split("_").pop()!;
    await env.DB.prepare("UPDATE messages SET provider_message_id = ? WHERE id = ?").bind(`true_${chat}_${bare}`, sent.json.id).run();
    const reply = {
      event: "message",
      session: "default",
      payload: { id: `false_${chat}_Q2`, from: chat, fromMe: false, timestamp: Date.now() / 1000 + 1, body: "The blue one", replyTo: { id: bare, participant: chat, body: "Hi! How can we help?" } },
    };
    const raw2 = JSON.stringify(reply);
    expect((await postWaha(channel.id, raw2, await signWaha(channel.webhookSecret, raw2))).status).toBe(200);
    await eventually(async () => {
      const msgs = await thread(owner, conversationId);
      const r = msgs.find((m) => m.providerMessageId === `false_${chat}_Q2`);
      expect(r?.replyTo).toMatchObject({ id: sent.json.id, author: "agent", text: "Hi! How can we help?" });
    });
  });
});
