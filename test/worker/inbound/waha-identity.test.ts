// WAHA against a local fake: privacy ids (@lid) resolved to phone numbers
// when WAHA can, one contact per person however they arrive, replies to the
// chat the customer wrote from; and replies the business sends from its phone.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { EchoNotYetMatchable, storeDeviceReply } from "../../../worker/inbound/device-replies";
import { ctxWith, quietTenant } from "../helpers/assistant";
import { connectWaha, postWaha, signWaha, type WahaChannel } from "../helpers/channels";
import { ownershipAnswer } from "../helpers/graph-owner";
import type { TenantOwner } from "../helpers/tenants";
import { eventually } from "../helpers/wait";

// ---------------------------------------------------------------- the fake WAHA at http://127.0.0.1:3999

/** LID (digits) → phone (digits) pairs WAHA knows; a LID absent here answers `pn: null`. */
const knownLids = new Map<string, string>();
const lidLookups: string[] = [];
const sends: { chatId: string; text: string; id: string }[] = [];

beforeAll(() => {
  // Never restored: the queue consumers keep working after a test ends.
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const owned = ownershipAnswer(input, init);
    if (owned) return owned;
    const url = new URL(String(input instanceof Request ? input.url : input));
    if (url.origin !== "http://127.0.0.1:3999") return new Response("no network in tests", { status: 599 });
    const path = decodeURIComponent(url.pathname);
    const byLid = /^\/api\/default\/lids\/(\d+)@lid$/.exec(path);
    if (byLid) {
      lidLookups.push(path);
      const pn = knownLids.get(byLid[1]!);
      return Response.json({ lid: `${byLid[1]}@lid`, pn: pn ? `${pn}@c.us` : null });
    }
    const byPhone = /^\/api\/default\/lids\/pn\/(\d+)@c\.us$/.exec(path);
    if (byPhone) {
      lidLookups.push(path);
      const lid = [...knownLids].find(([, pn]) => pn === byPhone[1])?.[0];
      return lid ? Response.json({ lid: `${lid}@lid`, pn: `${byPhone[1]}@c.us` }) : Response.json({ message: "not found" }, { status: 404 });
    }
    if (path === "/api/sendText") {
      const body = JSON.parse(String(init?.body)) as { chatId: string; text: string };
      const id = `true_${body.chatId}_OUT${sends.length + 1}`;
      sends.push({ chatId: body.chatId, text: body.text, id });
      return Response.json({ id }, { status: 201 });
    }
    return new Response("not faked", { status: 404 });
  });
});

// ---------------------------------------------------------------- helpers

const digits = (n: number) => Array.from(crypto.getRandomValues(new Uint8Array(n)), (b) => String(b % 10)).join("");
const newLid = () => "2" + digits(14);
const newPhone = () => "628" + digits(9);
const BUSINESS = "15550003333@c.us";

async function deliver(channel: WahaChannel, payload: Record<string, unknown>, event = "message") {
  const raw = JSON.stringify({ event, session: "default", engine: "NOWEB", me: { id: BUSINESS }, payload });
  const res = await postWaha(channel.id, raw, await signWaha(channel.webhookSecret, raw));
  expect(res.status, res.text).toBe(200);
}

/** A customer's message from `jid` ("…@lid" or "…@c.us"). */
async function customerWrites(channel: WahaChannel, jid: string, text: string, extra: Record<string, unknown> = {}) {
  const id = `false_${jid}_${crypto.randomUUID().replace(/-/g, "").toUpperCase()}`;
  await deliver(channel, { id, from: jid, to: BUSINESS, fromMe: false, timestamp: Math.floor(Date.now() / 1000), body: text, _data: { pushName: "Rina" }, ...extra });
  await eventually(async () => expect(await stored(id)).toHaveLength(1), { what: `message ${text} stored` });
  return id;
}

const stored = async (providerMessageId: string) =>
  (await env.DB.prepare("SELECT * FROM messages WHERE provider_message_id = ?").bind(providerMessageId).all<Record<string, any>>()).results;

const contactsOf = async (owner: TenantOwner) =>
  (
    await env.DB.prepare("SELECT id, wa_id, phone, waha_lid, name FROM contacts WHERE tenant_id = ? ORDER BY created_at").bind(owner.tenant.id).all<{
      id: string;
      wa_id: string;
      phone: string;
      waha_lid: string | null;
      name: string | null;
    }>()
  ).results;

async function onlyConversation(owner: TenantOwner) {
  const list = await owner.callWithKey("GET", "/api/conversations");
  expect(list.json.data).toHaveLength(1);
  return list.json.data[0] as { id: string; contactId: string; mode: string };
}

async function agentReplies(owner: TenantOwner, conversationId: string, text: string) {
  const res = await owner.callWithKey("POST", `/api/conversations/${conversationId}/messages`, { text });
  expect(res.status, res.text).toBe(201);
  return eventually(async () => {
    const sent = sends.find((s) => s.text === text);
    expect(sent, `"${text}" reached WAHA`).toBeDefined();
    return sent!;
  });
}

// ---------------------------------------------------------------- privacy ids

describe("WAHA @lid senders", () => {
  it("a LID WAHA can resolve: the contact gets the real number, the reply goes to the chat they wrote from", async () => {
    const owner = await quietTenant();
    const channel = await connectWaha(owner);
    const lid = newLid();
    const phone = newPhone();
    knownLids.set(lid, phone);
    await customerWrites(channel, `${lid}@lid`, "Is the house on Jalan Melati still available?");
    expect(await contactsOf(owner)).toMatchObject([{ wa_id: phone, phone: `+${phone}`, waha_lid: lid, name: "Rina" }]);
    expect(lidLookups.filter((l) => l === `/api/default/lids/${lid}@lid`)).toHaveLength(1);
    // Once known, the number is not asked for again.
    await customerWrites(channel, `${lid}@lid`, "And the price?");
    expect(lidLookups.filter((l) => l === `/api/default/lids/${lid}@lid`)).toHaveLength(1);
    expect(await contactsOf(owner)).toHaveLength(1);
    const conversation = await onlyConversation(owner);
    const sent = await agentReplies(owner, conversation.id, `Yes it is (${lid})`);
    expect(sent.chatId).toBe(`${lid}@lid`);
  });

  it("a LID WAHA cannot resolve stays the contact's identity (no made-up number), and the reply still reaches them", async () => {
    const owner = await quietTenant();
    const channel = await connectWaha(owner);
    const lid = newLid();
    await customerWrites(channel, `${lid}@lid`, "Halo");
    expect(await contactsOf(owner)).toMatchObject([{ wa_id: `${lid}@lid`, phone: "", waha_lid: lid }]);
    const contact = (await owner.callWithKey("GET", `/api/contacts/${(await contactsOf(owner))[0]!.id}`)).json;
    expect(contact.phone).not.toBe(`+${lid}`);
    const conversation = await onlyConversation(owner);
    const sent = await agentReplies(owner, conversation.id, `Halo juga (${lid})`);
    expect(sent.chatId).toBe(`${lid}@lid`);
  });

  it("first by LID, later by phone: one contact, one conversation, and replies follow the chat they last wrote from", async () => {
    const owner = await quietTenant();
    const channel = await connectWaha(owner);
    const lid = newLid();
    const phone = newPhone();
    await customerWrites(channel, `${lid}@lid`, "first, by LID");
    // WAHA learns the pair later (the person is now in the session's contacts).
    knownLids.set(lid, phone);
    await customerWrites(channel, `${phone}@c.us`, "then from the phone");
    expect(await contactsOf(owner)).toMatchObject([{ wa_id: phone, phone: `+${phone}`, waha_lid: lid }]);
    const conversation = await onlyConversation(owner);
    const messages = (await owner.callWithKey("GET", `/api/conversations/${conversation.id}/messages`)).json.data;
    expect(messages.map((m: { text: string }) => m.text).sort()).toEqual(["first, by LID", "then from the phone"]);
    expect((await agentReplies(owner, conversation.id, `by phone now (${phone})`)).chatId).toBe(`${phone}@c.us`);
  });

  it("first by phone, then by a LID WAHA could not resolve yet, then resolved: the two contacts become one", async () => {
    const owner = await quietTenant();
    const channel = await connectWaha(owner);
    const lid = newLid();
    const phone = newPhone();
    await customerWrites(channel, `${phone}@c.us`, "one");
    await customerWrites(channel, `${lid}@lid`, "two");
    expect(await contactsOf(owner)).toHaveLength(2);
    const tag = await owner.callWithKey("PATCH", `/api/contacts/${(await contactsOf(owner))[1]!.id}`, { tags: ["vip"] });
    expect(tag.status, tag.text).toBe(200);
    knownLids.set(lid, phone);
    await customerWrites(channel, `${lid}@lid`, "three");
    const contacts = await contactsOf(owner);
    expect(contacts).toMatchObject([{ wa_id: phone, phone: `+${phone}`, waha_lid: lid }]);
    const conversation = await onlyConversation(owner);
    expect(conversation.contactId).toBe(contacts[0]!.id);
    const texts = (await owner.callWithKey("GET", `/api/conversations/${conversation.id}/messages`)).json.data.map((m: { text: string }) => m.text);
    expect(texts.sort()).toEqual(["one", "three", "two"]);
    // What the team knew about the LID-only contact stays with the person.
    expect((await owner.callWithKey("GET", `/api/contacts/${contacts[0]!.id}`)).json.tags).toEqual(["vip"]);
  });

  it("uses the number an engine sends beside the LID without asking WAHA", async () => {
    const owner = await quietTenant();
    const channel = await connectWaha(owner);
    const lid = newLid();
    const phone = newPhone();
    await customerWrites(channel, `${lid}@lid`, "hi", { _data: { key: { senderPn: `${phone}@s.whatsapp.net` } } });
    expect(await contactsOf(owner)).toMatchObject([{ wa_id: phone, waha_lid: lid }]);
    expect(lidLookups).not.toContain(`/api/default/lids/${lid}@lid`);
  });

  it("the same LID in two tenants is two contacts", async () => {
    const a = await quietTenant();
    const b = await quietTenant();
    const lid = newLid();
    await customerWrites(await connectWaha(a), `${lid}@lid`, "to a");
    await customerWrites(await connectWaha(b), `${lid}@lid`, "to b");
    const [ca] = await contactsOf(a);
    const [cb] = await contactsOf(b);
    expect(ca!.id).not.toBe(cb!.id);
    expect((await b.callWithKey("GET", `/api/contacts/${ca!.id}`)).status).toBe(404);
  });
});

// ---------------------------------------------------------------- replies from the phone

describe("replies from the business's phone (fromMe)", () => {
  const phoneReply = (jid: string, text: string, id = `true_${jid}_${crypto.randomUUID().replace(/-/g, "").toUpperCase()}`) => ({
    id,
    from: BUSINESS,
    to: jid,
    fromMe: true,
    timestamp: Math.floor(Date.now() / 1000),
    body: text,
    _data: { pushName: "Acme Support" },
  });

  it("is stored once as an agent's reply from the device, shown in the inbox, and hands the conversation to a human", async () => {
    const owner = await quietTenant();
    expect((await owner.callWithKey("PATCH", "/api/bot-settings", { enabled: true })).status).toBe(200);
    const channel = await connectWaha(owner);
    const phone = newPhone();
    await customerWrites(channel, `${phone}@c.us`, "Can I visit on Saturday?");
    const before = await onlyConversation(owner);
    expect(before.mode).toBe("bot");
    const reply = phoneReply(`${phone}@c.us`, "Sure, come at 10 — Budi");
    await deliver(channel, reply, "message.any");
    await deliver(channel, reply, "message.any"); // WAHA retries: still one row
    await eventually(async () => expect(await stored(reply.id)).toHaveLength(1));
    const conversation = await onlyConversation(owner);
    expect(conversation.mode).toBe("human");
    const messages = (await owner.callWithKey("GET", `/api/conversations/${conversation.id}/messages`)).json.data;
    expect(messages[0]).toMatchObject({ direction: "outbound", author: "agent", text: "Sure, come at 10 — Budi", status: "sent", providerMessageId: reply.id, payload: { fromDevice: true } });
    // Never sent again through WAHA, and the customer keeps their own name.
    expect(sends.find((s) => s.text === "Sure, come at 10 — Budi")).toBeUndefined();
    expect((await contactsOf(owner))[0]!.name).toBe("Rina");
    expect(await stored(reply.id)).toHaveLength(1);
  });

  it("keeps the bot on when the tenant chose so", async () => {
    const owner = await quietTenant();
    expect((await owner.callWithKey("PATCH", "/api/bot-settings", { handoff: { onPhoneReply: false } })).status).toBe(200);
    const channel = await connectWaha(owner);
    const phone = newPhone();
    await customerWrites(channel, `${phone}@c.us`, "hello");
    const reply = phoneReply(`${phone}@c.us`, "hi from the phone");
    await deliver(channel, reply, "message.any");
    await eventually(async () => expect(await stored(reply.id)).toHaveLength(1));
    expect((await onlyConversation(owner)).mode).toBe("bot");
  });

  it("Parley's own send echoed back by WAHA is not stored twice", async () => {
    const owner = await quietTenant();
    const channel = await connectWaha(owner);
    const phone = newPhone();
    await customerWrites(channel, `${phone}@c.us`, "price?");
    const conversation = await onlyConversation(owner);
    const sent = await agentReplies(owner, conversation.id, `It is 750 juta (${phone})`);
    await eventually(async () => expect(await stored(sent.id)).toHaveLength(1), { what: "the send recorded with WAHA's id" });
    await deliver(channel, phoneReply(`${phone}@c.us`, sent.text, sent.id), "message.any");
    // A later customer message is processed after the echo (one lane per customer).
    await customerWrites(channel, `${phone}@c.us`, "ok thanks");
    const rows = await stored(sent.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ author: "agent", status: "sent" });
    expect(rows[0]!.payload).not.toContain("fromDevice");
  });

  it("an echo arriving while Parley's own send awaits WAHA's answer waits for it instead of being stored", async () => {
    const owner = await quietTenant();
    const channel = await connectWaha(owner);
    const phone = newPhone();
    await customerWrites(channel, `${phone}@c.us`, "hi");
    const conversation = await onlyConversation(owner);
    const now = Date.now();
    await env.DB.prepare(
      "INSERT INTO messages (id, tenant_id, conversation_id, channel_id, direction, author, type, text, status, lease_until, created_at, updated_at) VALUES (?, ?, ?, ?, 'outbound', 'agent', 'text', 'in flight', 'sending', ?, ?, ?)",
    )
      .bind(`msg_inflight_${phone}`, owner.tenant.id, conversation.id, channel.id, now + 60_000, now, now)
      .run();
    const ctx = ctxWith();
    const echo = { kind: "message" as const, providerMessageId: `true_${phone}@c.us_ECHO`, from: phone, chatId: `${phone}@c.us`, profileName: null, timestamp: now, type: "text" as const, text: "in flight", fromBusiness: true };
    const input = { tenantId: owner.tenant.id, channelId: channel.id, contactId: conversation.contactId, message: echo };
    await expect(storeDeviceReply(ctx, input)).rejects.toBeInstanceOf(EchoNotYetMatchable);
    expect(await stored(echo.providerMessageId)).toHaveLength(0);
    // The send's answer is recorded: the echo is recognised as that send.
    await env.DB.prepare("UPDATE messages SET status = 'sent', provider_message_id = ?, lease_until = NULL WHERE id = ?").bind(echo.providerMessageId, `msg_inflight_${phone}`).run();
    expect(await storeDeviceReply(ctx, input)).toBe("known");
    expect(await stored(echo.providerMessageId)).toHaveLength(1);
  });
});
