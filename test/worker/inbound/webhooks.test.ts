// Webhook ingress and the inbound pipeline, end to end through the real queue.
import { env, exports } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { hitLimit } from "../../../worker/limits/client";
import { request, uniqueIp } from "../helpers/api";
import { connectMeta, connectWaha, metaTextPayload, postMeta, postWaha, signMeta, signWaha } from "../helpers/channels";
import { expectTenantIsolation } from "../helpers/isolation";
import { quietTenant } from "../helpers/assistant";
import { createTenant, inviteMember } from "../helpers/tenants";
import { eventually, withinOneWindow } from "../helpers/wait";
import wahaMessage from "../../fixtures/waha/message.json";

async function messagesOf(owner: Awaited<ReturnType<typeof createTenant>>, providerMessageId: string) {
  const rows = await env.DB.prepare("SELECT * FROM messages WHERE tenant_id = ? AND provider_message_id = ?").bind(owner.tenant.id, providerMessageId).all();
  return rows.results;
}

describe("channels API", () => {
  it("connects a Meta number without ever returning or storing its secrets in clear", async () => {
    const owner = await quietTenant();
    const accessToken = "EAAGsecret" + crypto.randomUUID();
    const appSecret = "appsecret-" + crypto.randomUUID();
    const res = await owner.callWithKey("POST", "/api/channels", { type: "meta", name: "Sales", phoneNumberId: "123456789012345", phoneNumber: "+62 812-3456-7890", accessToken, appSecret });
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({ type: "meta", name: "Sales", status: "connected", phoneNumber: "+6281234567890" });
    expect(res.json.webhookUrl).toBe(`http://127.0.0.1:8787/webhooks/meta/${res.json.id}`);
    expect(res.json.verifyToken).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(res.text).not.toContain(accessToken);
    expect(res.text).not.toContain(appSecret);
    const row = await env.DB.prepare("SELECT secrets FROM channels WHERE id = ?").bind(res.json.id).first<{ secrets: string }>();
    expect(row!.secrets).toMatch(/^v1\./);
    expect(row!.secrets).not.toContain(appSecret);
    const list = await owner.callWithKey("GET", "/api/channels");
    expect(list.json.data.map((c: { type: string }) => c.type).sort()).toEqual(["meta", "sandbox"]);
    expect(list.text).not.toContain(accessToken);
  });

  it("names the invalid fields", async () => {
    const owner = await quietTenant();
    const res = await owner.callWithKey("POST", "/api/channels", { type: "meta", name: "", phoneNumberId: "abc" });
    expect(res.status).toBe(400);
    const paths = res.json.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["name", "phoneNumberId", "accessToken", "appSecret"]));
  });

  it("refuses a phone number id another channel already uses", async () => {
    const a = await createTenant();
    const b = await createTenant();
    const channel = await connectMeta(a);
    // Even with the owner's own token, one number feeds one channel.
    const res = await b.callWithKey("POST", "/api/channels", { type: "meta", name: "Copy", phoneNumberId: channel.phoneNumberId, accessToken: channel.accessToken, appSecret: "yyyyyyyyyyyy" });
    expect(res.status).toBe(409);
  });

  it("lets only owners and admins manage channels", async () => {
    const owner = await quietTenant();
    const agent = await inviteMember(owner, "agent");
    const res = await agent.call("POST", "/api/channels", { type: "meta", name: "x", phoneNumberId: "1234567890", accessToken: "EAAGxxxxxxxx", appSecret: "yyyyyyyyyyyy" });
    expect(res.status).toBe(403);
    expect((await agent.call("GET", "/api/channels")).status).toBe(200);
  });

  it("keeps channels inside their tenant", () =>
    expectTenantIsolation({
      create: async (a) => (await connectMeta(a)).id,
      routes: [
        { method: "GET", path: (id) => `/api/channels/${id}` },
        { method: "PATCH", path: (id) => `/api/channels/${id}`, body: { name: "Renamed" } },
        { method: "DELETE", path: (id) => `/api/channels/${id}`, ownerStatus: 204 },
      ],
      lists: ["/api/channels"],
    }));

  it("answers Meta's handshake with the challenge only for the right verify token", async () => {
    const owner = await quietTenant();
    const channel = await connectMeta(owner);
    const ok = await request("GET", `/webhooks/meta/${channel.id}?hub.mode=subscribe&hub.verify_token=${channel.verifyToken}&hub.challenge=1158201444`);
    expect(ok.status).toBe(200);
    expect(ok.text).toBe("1158201444");
    expect(ok.headers.get("content-type")).toMatch(/^text\/plain/);
    const bad = await request("GET", `/webhooks/meta/${channel.id}?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1`);
    expect(bad.status).toBe(403);
  });

  it("disconnecting erases the secrets and stops the webhook", async () => {
    const owner = await quietTenant();
    const channel = await connectMeta(owner);
    expect((await owner.callWithKey("DELETE", `/api/channels/${channel.id}`)).status).toBe(204);
    const row = await env.DB.prepare("SELECT status, secrets FROM channels WHERE id = ?").bind(channel.id).first();
    expect(row).toEqual({ status: "disconnected", secrets: null });
    const raw = JSON.stringify(metaTextPayload(channel).payload);
    expect((await postMeta(channel.id, raw, await signMeta(channel.appSecret, raw))).status).toBe(404);
  });
});

describe("Meta webhook", () => {
  it("stores a signed delivery once and shows it through the API", async () => {
    const owner = await quietTenant();
    const channel = await connectMeta(owner);
    const { payload, id, from } = metaTextPayload(channel, { text: "Berapa harga rumah di Jalan Melati? 🏠" });
    // Meta escapes non-ASCII; sign exactly the bytes sent.
    const raw = JSON.stringify(payload).replace(/[\u007f-\uffff]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
    const res = await postMeta(channel.id, raw, await signMeta(channel.appSecret, raw));
    expect(res.status).toBe(200);

    const conversation = await eventually(async () => {
      const list = await owner.callWithKey("GET", "/api/conversations");
      expect(list.json.data).toHaveLength(1);
      return list.json.data[0];
    });
    expect(conversation).toMatchObject({ channelId: channel.id, mode: "bot", status: "open", unreadCount: 1 });
    expect(conversation.windowExpiresAt).not.toBeNull();
    const msgs = await eventually(async () => {
      const m = await owner.callWithKey("GET", `/api/conversations/${conversation.id}/messages`);
      expect(m.json.data).toHaveLength(1);
      return m.json;
    });
    expect(msgs.data[0]).toMatchObject({ direction: "inbound", author: "customer", type: "text", text: "Berapa harga rumah di Jalan Melati? 🏠", providerMessageId: id, stale: false });
    const contact = await env.DB.prepare("SELECT phone, name, wa_id FROM contacts WHERE id = ?").bind(conversation.contactId).first();
    expect(contact).toEqual({ phone: `+${from}`, name: "Budi Santoso", wa_id: from });
  });

  it("refuses forged and unsigned deliveries and enqueues nothing", async () => {
    const owner = await quietTenant();
    const channel = await connectMeta(owner);
    const { payload, id } = metaTextPayload(channel);
    const raw = JSON.stringify(payload);
    const send = vi.spyOn(env.INBOUND_QUEUE, "send");
    try {
      expect((await postMeta(channel.id, raw, "sha256=" + "0".repeat(64))).status).toBe(401);
      expect((await postMeta(channel.id, raw, await signMeta("not-the-secret", raw))).status).toBe(401);
      expect((await postMeta(channel.id, raw, null)).status).toBe(401);
      expect((await postMeta(channel.id, raw + " ", await signMeta(channel.appSecret, raw))).status).toBe(401);
      expect(send).not.toHaveBeenCalled();
    } finally {
      send.mockRestore();
    }
    expect(await messagesOf(owner, id)).toHaveLength(0);
  });

  it("answers 400 for a signed body that is not JSON, 404 for an unknown channel, 413 over 1 MiB", async () => {
    const owner = await quietTenant();
    const channel = await connectMeta(owner);
    const notJson = "this is not json";
    const bad = await postMeta(channel.id, notJson, await signMeta(channel.appSecret, notJson));
    expect(bad.status).toBe(400);
    expect(bad.headers.get("content-type")).toContain("problem+json");
    const raw = JSON.stringify(metaTextPayload(channel).payload);
    expect((await postMeta("chn_01M873W74R0Q9XBA7FC8DYR6VX", raw, await signMeta(channel.appSecret, raw))).status).toBe(404);
    const huge = JSON.stringify({ object: "whatsapp_business_account", entry: [], pad: "x".repeat(1024 * 1024) });
    expect((await postMeta(channel.id, huge, await signMeta(channel.appSecret, huge))).status).toBe(413);
  });

  it("never throttles signed deliveries: a status flood past the old per-channel limit is accepted and queued", async () => {
    const owner = await quietTenant();
    const channel = await connectMeta(owner);
    // What the per-channel limiter used to allow in a minute, already used up.
    for (let i = 0; i < 6; i++) await hitLimit(env, { name: "webhookChannel", policy: { limit: 6000, windowMs: 60_000 } }, channel.id, 1000);
    const { payload, id } = metaTextPayload(channel);
    const raw = JSON.stringify(payload);
    const res = await postMeta(channel.id, raw, await signMeta(channel.appSecret, raw));
    expect(res.status, res.text).toBe(200);
    await eventually(async () => expect(await messagesOf(owner, id)).toHaveLength(1));
  });

  it("holds off a flood of unverifiable requests per address before verification, and only that address", () =>
    withinOneWindow(60_000, async () => {
      const owner = await quietTenant();
      const channel = await connectMeta(owner);
      const other = await connectMeta(owner);
      // Addresses of this run: a rerun in the next window starts from nothing.
      const flooder = uniqueIp();
      const bystander = uniqueIp();
      const prober = uniqueIp();
      const raw = JSON.stringify(metaTextPayload(channel).payload);
      const signed = await signMeta(channel.appSecret, raw);
      const post = (channelId: string, signature: string, ip: string) =>
        request("POST", `/webhooks/meta/${channelId}`, { rawBody: raw, headers: { "content-type": "application/json", "x-hub-signature-256": signature }, ip });

      // Forged signatures on a known channel: refused with 401 until the address is over the limit on that channel.
      const statuses: number[] = [];
      for (let i = 0; i < 250 && !statuses.includes(429); i++) statuses.push((await post(channel.id, "sha256=" + "0".repeat(64), flooder)).status);
      expect(statuses.at(-1)).toBe(429);
      expect(new Set(statuses.slice(0, -1))).toEqual(new Set([401]));
      // Now even a genuine delivery from that address to that channel waits…
      const held = await post(channel.id, signed, flooder);
      expect(held.status).toBe(429);
      expect(held.headers.get("content-type")).toContain("problem+json");
      expect(Number(held.headers.get("retry-after"))).toBeGreaterThan(0);
      // …while the same address on another channel, and other addresses on this one, pass.
      const otherRaw = JSON.stringify(metaTextPayload(other).payload);
      const viaOther = await request("POST", `/webhooks/meta/${other.id}`, {
        rawBody: otherRaw,
        headers: { "content-type": "application/json", "x-hub-signature-256": await signMeta(other.appSecret, otherRaw) },
        ip: flooder,
      });
      expect(viaOther.status).toBe(200);
      expect((await post(channel.id, signed, bystander)).status).toBe(200);

      // Unknown channel ids: the whole address is held off, before any lookup.
      const unknown: number[] = [];
      for (let i = 0; i < 250 && !unknown.includes(429); i++) {
        unknown.push((await post(`chn_01M873W74R0Q9XBA7FC8DYR${String(i).padStart(3, "0")}`.slice(0, 30), signed, prober)).status);
      }
      expect(unknown.at(-1)).toBe(429);
      expect(new Set(unknown.slice(0, -1))).toEqual(new Set([404]));
      expect((await post(channel.id, signed, prober)).status).toBe(429);
    }));

  it("counts a chunked body while it streams and stops reading past 1 MiB", async () => {
    const owner = await quietTenant();
    const channel = await connectMeta(owner);
    let pulled = 0;
    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    // No Content-Length: the body announces nothing and would run to 64 MiB.
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= 64 * 1024 * 1024) return controller.close();
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const res = await exports.default.fetch(
      new Request(`http://parley.test/webhooks/meta/${channel.id}`, { method: "POST", headers: { "content-type": "application/json", "x-hub-signature-256": "sha256=" + "0".repeat(64) }, body }),
    );
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toContain("problem+json");
    await res.arrayBuffer();
    expect(pulled).toBeLessThan(4 * 1024 * 1024);
  });

  it("spills a body that only overflows the queue once escaped, instead of failing the delivery", async () => {
    const owner = await quietTenant();
    const channel = await connectMeta(owner);
    // ~80 KB raw, under the old 100 KiB inline limit; every quote and backslash doubles again inside the queued job.
    const text = ('"'.repeat(9) + "\\").repeat(4000);
    const { payload, id } = metaTextPayload(channel, { text });
    const raw = JSON.stringify(payload);
    expect(raw.length).toBeLessThan(100 * 1024);
    expect(JSON.stringify({ body: raw }).length).toBeGreaterThan(128 * 1024);
    const res = await postMeta(channel.id, raw, await signMeta(channel.appSecret, raw));
    expect(res.status, res.text).toBe(200);
    const stored = await eventually(async () => {
      const rows = await messagesOf(owner, id);
      expect(rows).toHaveLength(1);
      return rows[0] as { text: string };
    });
    expect(stored.text).toBe(text);
    // The spilled copy is removed once processed.
    await eventually(async () => expect(await env.DB.prepare("SELECT count(*) AS n FROM webhook_payloads WHERE channel_id = ?").bind(channel.id).first("n")).toBe(0));
  });

  it("stores a delivery posted three times at once exactly once", async () => {
    const owner = await quietTenant();
    const channel = await connectMeta(owner);
    const { payload, id } = metaTextPayload(channel);
    const raw = JSON.stringify(payload);
    const sig = await signMeta(channel.appSecret, raw);
    const statuses = await Promise.all([postMeta(channel.id, raw, sig), postMeta(channel.id, raw, sig), postMeta(channel.id, raw, sig)]);
    expect(statuses.map((r) => r.status)).toEqual([200, 200, 200]);
    await eventually(async () => expect(await messagesOf(owner, id)).toHaveLength(1));
    // Redelivered later too: still one, and the unread count did not move.
    await postMeta(channel.id, raw, sig);
    const conv = await eventually(async () => {
      const list = await owner.callWithKey("GET", "/api/conversations");
      expect(list.json.data[0].unreadCount).toBe(1);
      return list.json.data[0];
    });
    expect(await messagesOf(owner, id)).toHaveLength(1);
    expect(conv.unreadCount).toBe(1);
  });

  it("answers a delivery posted three times at once exactly once", async () => {
    const owner = await createTenant();
    await owner.callWithKey("PATCH", "/api/bot-settings", { burstSeconds: 0 });
    await owner.callWithKey("POST", "/api/knowledge", { title: "Opening hours", content: "We are open Monday to Friday, 08:00 to 16:00." });
    const channel = await connectMeta(owner);
    const { payload } = metaTextPayload(channel, { text: "When are you open?" });
    const raw = JSON.stringify(payload);
    const sig = await signMeta(channel.appSecret, raw);
    await Promise.all([postMeta(channel.id, raw, sig), postMeta(channel.id, raw, sig), postMeta(channel.id, raw, sig)]);
    const replies = await eventually(async () => {
      const rows = await env.DB.prepare("SELECT text FROM messages WHERE tenant_id = ? AND direction = 'outbound'").bind(owner.tenant.id).all<{ text: string }>();
      expect(rows.results.length).toBeGreaterThan(0);
      return rows.results;
    });
    await eventually(async () => {
      const stats = await env.DB.prepare("SELECT count(*) AS n FROM messages WHERE tenant_id = ? AND direction = 'inbound'").bind(owner.tenant.id).first("n");
      expect(stats).toBe(1);
    });
    expect(replies[0]!.text).toContain("08:00 to 16:00");
    const after = await env.DB.prepare("SELECT count(*) AS n FROM messages WHERE tenant_id = ? AND direction = 'outbound'").bind(owner.tenant.id).first("n");
    expect(after).toBe(1);
    const credits = await owner.callWithKey("GET", "/api/credits/ledger");
    expect(credits.json.data.filter((l: { reason: string }) => l.reason === "answer")).toHaveLength(1);
  });

  it("stores a message older than the stale age but flags it", async () => {
    const owner = await quietTenant();
    const channel = await connectMeta(owner);
    const { payload, id } = metaTextPayload(channel, { timestamp: Date.now() - 3 * 3600_000 });
    const raw = JSON.stringify(payload);
    expect((await postMeta(channel.id, raw, await signMeta(channel.appSecret, raw))).status).toBe(200);
    const [row] = await eventually(async () => {
      const rows = await messagesOf(owner, id);
      expect(rows).toHaveLength(1);
      return rows;
    });
    expect(row!.stale).toBe(1);
  });
});

describe("WAHA webhook", () => {
  function wahaPayload(opts: { fromMe?: boolean } = {}) {
    const p = structuredClone(wahaMessage) as Record<string, any>;
    const fromMe = opts.fromMe ?? false;
    p.payload.id = `${fromMe}_628111222333@c.us_${crypto.randomUUID().replace(/-/g, "").toUpperCase()}`;
    // The business's own message: from its number, to the customer's chat.
    p.payload.from = fromMe ? "15550003333@c.us" : "628111222333@c.us";
    p.payload.to = fromMe ? "628111222333@c.us" : "15550003333@c.us";
    p.payload.fromMe = fromMe;
    p.payload.timestamp = Math.floor(Date.now() / 1000);
    return p;
  }

  it("stores a signed message, and the business's own (fromMe) as a reply from the phone, never as the customer's", async () => {
    const owner = await quietTenant();
    const channel = await connectWaha(owner);
    const mine = wahaPayload({ fromMe: true });
    const theirs = wahaPayload();
    for (const p of [mine, theirs]) {
      const raw = JSON.stringify(p);
      expect((await postWaha(channel.id, raw, await signWaha(channel.webhookSecret, raw))).status).toBe(200);
    }
    await eventually(async () => expect(await messagesOf(owner, theirs.payload.id)).toHaveLength(1));
    await eventually(async () => expect(await messagesOf(owner, mine.payload.id)).toMatchObject([{ direction: "outbound", author: "agent", status: "sent" }]));
  });

  it("refuses a wrong HMAC or another algorithm", async () => {
    const owner = await quietTenant();
    const channel = await connectWaha(owner);
    const raw = JSON.stringify(wahaPayload());
    expect((await postWaha(channel.id, raw, await signWaha("other", raw))).status).toBe(401);
    expect((await postWaha(channel.id, raw, await signWaha(channel.webhookSecret, raw), "sha256")).status).toBe(401);
    expect((await postWaha(channel.id, raw, null)).status).toBe(401);
  });
});
