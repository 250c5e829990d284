// A conversation reads in the order the customer wrote (provider time, then
// id), and the assistant answers one turn at a time: with no burst window, a
// message that arrives while an answer is being prepared is answered after it.
import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { ConversationDO } from "../../../worker/conversations/conversation-do";
import { connectMeta, metaTextPayload, postMeta, signMeta, type MetaChannel } from "../helpers/channels";
import { addKnowledge, quietTenant } from "../helpers/assistant";
import type { TenantOwner } from "../helpers/tenants";
import { eventually } from "../helpers/wait";

async function deliver(channel: MetaChannel, opts: { from?: string; text: string; timestamp?: number }) {
  const { payload, id, from } = metaTextPayload(channel, opts);
  const raw = JSON.stringify(payload);
  expect((await postMeta(channel.id, raw, await signMeta(channel.appSecret, raw))).status).toBe(200);
  await eventually(async () => expect(await env.DB.prepare("SELECT id FROM messages WHERE provider_message_id = ?").bind(id).first()).not.toBeNull());
  return { id, from };
}

async function conversationOf(owner: TenantOwner) {
  return eventually(async () => {
    const list = await owner.callWithKey("GET", "/api/conversations");
    expect(list.json.data).toHaveLength(1);
    return list.json.data[0] as { id: string; contactId: string; channelId: string };
  });
}

describe("a conversation's messages", () => {
  it("are listed by provider time, so a delivery WhatsApp retried late sorts where the customer wrote it", async () => {
    const owner = await quietTenant();
    const channel = await connectMeta(owner);
    const now = Date.now();
    const first = await deliver(channel, { text: "Is the house still available?", timestamp: now - 60_000 });
    await deliver(channel, { from: first.from, text: "Hello, I saw your listing", timestamp: now - 10 * 60_000 });
    const conversation = await conversationOf(owner);

    const all = await owner.callWithKey("GET", `/api/conversations/${conversation.id}/messages`);
    expect(all.json.data.map((m: { text: string }) => m.text)).toEqual(["Is the house still available?", "Hello, I saw your listing"]);

    // Page by page, the same order.
    const page1 = await owner.callWithKey("GET", `/api/conversations/${conversation.id}/messages?limit=1`);
    expect(page1.json.data.map((m: { text: string }) => m.text)).toEqual(["Is the house still available?"]);
    const page2 = await owner.callWithKey("GET", `/api/conversations/${conversation.id}/messages?limit=1&cursor=${page1.json.nextCursor}`);
    expect(page2.json.data.map((m: { text: string }) => m.text)).toEqual(["Hello, I saw your listing"]);
    expect(page2.json.nextCursor).toBeNull();
  });
});

describe("the assistant's turns in one conversation", () => {
  it("never interleave: a message arriving while an answer is prepared is answered after it", async () => {
    const owner = await quietTenant();
    const channel = await connectMeta(owner);
    const opener = await deliver(channel, { text: "Hello" });
    const conversation = await conversationOf(owner);
    await addKnowledge(owner, [{ title: "Office hours", content: "We are open Monday to Friday, 08:00 to 16:00. Closed on weekends." }]);
    expect((await owner.callWithKey("PATCH", "/api/bot-settings", { enabled: true, burstSeconds: 0 })).status).toBe(200);

    // The first turn shows the typing indicator at Meta while it composes, and ends only once Meta answered it: hold it there.
    // (Flags, not promises: the object and the test run in different I/O contexts, so each side polls.)
    const original = globalThis.fetch;
    const gate = { entered: false, released: false };
    globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      if (typeof init?.body === "string" && init.body.includes('"status":"read"')) {
        gate.entered = true;
        while (!gate.released) await scheduler.wait(10);
        return new Response(JSON.stringify({ success: true }), { headers: { "content-type": "application/json" } });
      }
      return original(input, init);
    }) as typeof fetch;
    const stub = env.CONVERSATIONS.get(env.CONVERSATIONS.idFromName(`${owner.tenant.id}:${conversation.contactId}`));
    const message = (text: string) => ({
      kind: "message" as const,
      providerMessageId: `wamid.TURN${crypto.randomUUID().replace(/-/g, "")}`,
      from: opener.from,
      profileName: null,
      timestamp: Date.now(),
      type: "text" as const,
      text,
    });
    const input = (m: ReturnType<typeof message>) => ({ tenantId: owner.tenant.id, channelId: channel.id, contactId: conversation.contactId, message: m });
    try {
      const question = message("When is your office open?");
      const first = stub.receive(input(question));
      await eventually(async () => expect(gate.entered).toBe(true), { what: "the first answer waiting at Meta" });
      // The second message arrives while the first answer waits.
      const hi = message("hi");
      const second = stub.receive(input(hi));
      await Promise.race([
        second,
        eventually(async () => {
          const scheduled = await runInDurableObject(stub, (_i: ConversationDO, state) =>
            state.storage.sql.exec<{ scheduled: number }>("SELECT scheduled FROM receipts WHERE provider_message_id = ?", hi.providerMessageId).toArray()[0]?.scheduled,
          );
          expect(scheduled).toBe(1);
        }),
      ]);
      gate.released = true;
      await Promise.all([first, second]);
      // receive() returns once the message is stored and scheduled; the object's turns finish after it.
      await stub.answerPending();
    } finally {
      gate.released = true;
      globalThis.fetch = original;
    }

    const answers = (
      await env.DB.prepare("SELECT text, payload FROM messages WHERE conversation_id = ? AND author = 'bot' ORDER BY id").bind(conversation.id).all<{ text: string; payload: string }>()
    ).results.map((r) => ({ text: r.text, payload: JSON.parse(r.payload) as { sources?: string[]; greeting?: boolean } }));
    expect(answers).toHaveLength(2);
    expect(answers[0]!.payload.sources?.length, "the office-hours answer comes first").toBeGreaterThan(0);
    expect(answers[1]!.payload.greeting).toBe(true);
  });
});
