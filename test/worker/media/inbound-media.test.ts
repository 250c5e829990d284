// Customers' files: downloaded from the provider (with the channel's credentials,
// retried, refused when WhatsApp would not allow them), stored in R2 with their
// hash, served only to the owning tenant, erased with the contact, expired by retention.
import { env, exports } from "cloudflare:workers";
import { ORIGIN } from "../helpers/api";
import { afterEach, describe, expect, it, vi } from "vitest";
import { connectMeta, connectWaha, postMeta, postWaha, signMeta, signWaha } from "../helpers/channels";
import { quietTenant, ctxWith } from "../helpers/assistant";
import { expectTenantIsolation } from "../helpers/isolation";
import { eventually } from "../helpers/wait";
import { processMediaJob, expireOldMedia } from "../../../worker/media/store";
import { bytesOf, fakeProviders, metaMediaPayload, sha256Hex } from "./helpers";
import type { TenantOwner } from "../helpers/tenants";

let restore: (() => void) | null = null;
afterEach(() => {
  restore?.();
  restore = null;
});

interface MediaRow {
  id: string;
  status: string;
  mime_type: string | null;
  size: number | null;
  sha256: string | null;
  r2_key: string | null;
  error: string | null;
  attempts: number;
  file_name: string | null;
  contact_id: string;
}

async function mediaOfMessage(providerMessageId: string): Promise<MediaRow> {
  return eventually(async () => {
    const row = await env.DB.prepare("SELECT m.* FROM media m JOIN messages g ON g.media_id = m.id WHERE g.provider_message_id = ?").bind(providerMessageId).first<MediaRow>();
    expect(row).not.toBeNull();
    return row!;
  });
}

async function settled(providerMessageId: string): Promise<MediaRow> {
  return eventually(
    async () => {
      const row = await mediaOfMessage(providerMessageId);
      expect(row.status).not.toBe("pending");
      return row;
    },
    { what: "media download settled" },
  );
}

async function sendMetaMedia(owner: TenantOwner, type: Parameters<typeof metaMediaPayload>[1], body: Record<string, unknown>) {
  const channel = await connectMeta(owner);
  const p = metaMediaPayload(channel, type, body);
  const res = await postMeta(channel.id, p.raw, await signMeta(channel.appSecret, p.raw));
  expect(res.status).toBe(200);
  return { channel, ...p };
}

describe("inbound media from Meta", () => {
  it("downloads the file with the channel's token into R2, with type, size and sha256, and serves it to the tenant", async () => {
    const owner = await quietTenant();
    const bytes = bytesOf(4000);
    const fake = fakeProviders();
    restore = fake.restore;
    fake.files.set("9900000000000101", { bytes, mimeType: "image/jpeg" });
    const events = vi.spyOn(env.EVENTS_QUEUE, "sendBatch");
    const { channel, id } = await sendMetaMedia(owner, "image", { id: "9900000000000101", mime_type: "image/jpeg", sha256: "x", caption: "Is this the right part?" });

    const row = await settled(id);
    expect(row).toMatchObject({ status: "stored", mime_type: "image/jpeg", size: 4000, sha256: await sha256Hex(bytes) });
    const object = await env.MEDIA.get(row.r2_key!);
    expect(new Uint8Array(await object!.arrayBuffer())).toEqual(bytes);
    // Both steps carried the channel's token.
    const calls = fake.requests.filter((r) => r.url.includes("9900000000000101"));
    expect(calls.length).toBe(2);
    for (const c of calls) expect(c.headers.get("authorization")).toBe(`Bearer ${channel.accessToken}`);

    const res = await owner.callWithKey("GET", `/api/media/${row.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/jpeg");
    expect(res.headers.get("x-content-sha256")).toBe(row.sha256);

    // The message names its file; the API never carries the bytes.
    const conv = (await owner.callWithKey("GET", "/api/conversations")).json.data[0];
    const msg = (await owner.callWithKey("GET", `/api/conversations/${conv.id}/messages`)).json.data[0];
    expect(msg.media).toEqual({
      id: row.id,
      type: "image",
      mimeType: "image/jpeg",
      size: 4000,
      fileName: null,
      caption: "Is this the right part?",
      status: "stored",
      url: `/api/media/${row.id}`,
    });
    expect(msg.transcript).toBeNull();

    // message.received names the file (descriptor and URL), never its bytes.
    const received = events.mock.calls
      .flatMap(([batch]) => [...batch].map((m) => m.body as { type: string; data: { message: { id: string; media: Record<string, unknown> } } }))
      .find((e) => e.type === "message.received" && e.data.message.id === msg.id)!;
    expect(received.data.message.media).toMatchObject({ id: row.id, type: "image", mimeType: "image/jpeg", caption: "Is this the right part?", url: `/api/media/${row.id}` });
    expect(JSON.stringify(received).length).toBeLessThan(4000);
    events.mockRestore();
  });

  it("answers the bytes byte for byte through GET /api/media/{id}", async () => {
    const owner = await quietTenant();
    const bytes = bytesOf(70_000, 3);
    const fake = fakeProviders();
    restore = fake.restore;
    fake.files.set("9900000000000102", { bytes, mimeType: "application/pdf" });
    const { id } = await sendMetaMedia(owner, "document", { id: "9900000000000102", mime_type: "application/pdf", filename: "brochure.pdf" });
    const row = await settled(id);
    expect(row).toMatchObject({ status: "stored", file_name: "brochure.pdf", size: 70_000 });
    const res = await exports.default.fetch(new Request(`${ORIGIN}/api/media/${row.id}`, { headers: { authorization: `Bearer ${owner.apiKey}` } }));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toContain('filename="brochure.pdf"');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes);

    // Players seek with byte ranges.
    const get = (range: string) =>
      exports.default.fetch(new Request(`${ORIGIN}/api/media/${row.id}`, { headers: { authorization: `Bearer ${owner.apiKey}`, range } }));
    const part = await get("bytes=100-199");
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe("bytes 100-199/70000");
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(bytes.slice(100, 200));
    const tail = await get("bytes=-10");
    expect(tail.status).toBe(206);
    expect(new Uint8Array(await tail.arrayBuffer())).toEqual(bytes.slice(-10));
    const beyond = await get("bytes=70000-");
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get("content-range")).toBe("bytes */70000");
    await beyond.text();
  });

  it("fetches a fresh URL when the first one expired, and stores the file once", async () => {
    const owner = await quietTenant();
    const bytes = bytesOf(2048);
    const fake = fakeProviders();
    restore = fake.restore;
    fake.files.set("9900000000000103", { bytes, mimeType: "audio/ogg", expiredTimes: 1 });
    const { id } = await sendMetaMedia(owner, "audio", { id: "9900000000000103", mime_type: "audio/ogg; codecs=opus", voice: true });
    // The retry waits its backoff (5 s) on the queue.
    const row = await eventually(
      async () => {
        const r = await mediaOfMessage(id);
        expect(r.status).toBe("stored");
        return r;
      },
      { timeoutMs: 25_000, what: "stored after a fresh URL" },
    );
    expect(row.status).toBe("stored");
    expect(row.attempts).toBe(2);
    expect(row.sha256).toBe(await sha256Hex(bytes));
    // Two Graph lookups: the second URL is a fresh one.
    const lookups = fake.requests.filter((r) => r.url.endsWith("/9900000000000103"));
    expect(lookups.length).toBe(2);
  });

  it("records a file Meta no longer has (404) as failed, without retrying", async () => {
    const owner = await quietTenant();
    const fake = fakeProviders();
    restore = fake.restore;
    const { id } = await sendMetaMedia(owner, "image", { id: "9900000000000199", mime_type: "image/jpeg" });
    const row = await settled(id);
    expect(row.status).toBe("failed");
    expect(row.attempts).toBe(1);
    expect(row.error).toContain("media_not_found");
    expect((await owner.callWithKey("GET", `/api/media/${row.id}`)).status).toBe(410);
  });

  it("retries a provider outage with backoff and stores the file when it is back", async () => {
    const owner = await quietTenant();
    const channel = await connectMeta(owner);
    const ctx = ctxWith();
    const bytes = bytesOf(1000);
    // Register the file the way the pipeline does, then drive the job by hand.
    const { registerInboundMedia } = await import("../../../worker/media/store");
    const tenantId = owner.tenant.id;
    const contact = await env.DB.prepare("INSERT INTO contacts (id, tenant_id, wa_id, phone, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id")
      .bind(`con_T${crypto.randomUUID().slice(0, 8)}`, tenantId, "628555000111", "+628555000111", Date.now(), Date.now())
      .first<{ id: string }>();
    const file = await registerInboundMedia(ctx, {
      tenantId,
      channelId: channel.id,
      contactId: contact!.id,
      messageId: "msg_none",
      message: { kind: "message", providerMessageId: "wamid.X", from: "628555000111", profileName: null, timestamp: Date.now(), type: "image", text: null, media: { id: "55501", mimeType: "image/png" } },
    });
    let calls = 0;
    const fetcher = async (input: RequestInfo | URL) => {
      calls++;
      const url = String(input);
      if (calls === 1) return new Response("bad gateway", { status: 502 });
      if (url.endsWith("/55501")) return Response.json({ url: "https://lookaside.fbsbx.test/x?mid=55501", mime_type: "image/png", file_size: 1000 });
      return new Response(bytes, { headers: { "content-type": "image/png" } });
    };
    const first = await processMediaJob(ctx, { tenantId, mediaId: file!.id }, 1, fetcher);
    expect(first).toEqual({ kind: "retry", delaySeconds: 5 });
    const second = await processMediaJob(ctx, { tenantId, mediaId: file!.id }, 2, fetcher);
    expect(second).toEqual({ kind: "done", status: "stored" });
    // A redelivered job changes nothing.
    expect(await processMediaJob(ctx, { tenantId, mediaId: file!.id }, 3, fetcher)).toEqual({ kind: "done", status: "stored" });
    expect(calls).toBe(3);
  });
});

describe("limits and allow-list", () => {
  it("refuses an image over 5 MB before downloading it, and records why", async () => {
    const owner = await quietTenant();
    const fake = fakeProviders();
    restore = fake.restore;
    fake.files.set("9900000000000201", { bytes: bytesOf(10), mimeType: "image/jpeg", declaredSize: 5 * 1024 * 1024 + 1 });
    const { id } = await sendMetaMedia(owner, "image", { id: "9900000000000201", mime_type: "image/jpeg" });
    const row = await settled(id);
    expect(row.status).toBe("refused");
    expect(row.error).toContain("limit for image");
    expect(row.r2_key).toBeNull();
    // Meta declared the size: the file itself was never requested.
    expect(fake.requests.some((r) => r.url.includes("lookaside") && r.url.includes("9900000000000201"))).toBe(false);
    expect((await env.MEDIA.list({ prefix: `${owner.tenant.id}/` })).objects.length).toBe(0);
  });

  it("refuses a file larger than the provider declared, mid-download", async () => {
    const owner = await quietTenant();
    const fake = fakeProviders();
    restore = fake.restore;
    fake.files.set("9900000000000202", { bytes: bytesOf(3000), mimeType: "image/webp", declaredSize: 1000 });
    const { id } = await sendMetaMedia(owner, "sticker", { id: "9900000000000202", mime_type: "image/webp", animated: false });
    const row = await settled(id);
    expect(row.status).toBe("refused");
    expect(row.error).toContain("larger than");
    expect((await env.MEDIA.list({ prefix: `${owner.tenant.id}/` })).objects.length).toBe(0);
  });

  it("refuses a type WhatsApp does not allow for the kind of message", async () => {
    const owner = await quietTenant();
    const fake = fakeProviders();
    restore = fake.restore;
    fake.files.set("9900000000000203", { bytes: bytesOf(100), mimeType: "application/x-msdownload" });
    const { id } = await sendMetaMedia(owner, "document", { id: "9900000000000203", mime_type: "application/x-msdownload", filename: "setup.exe" });
    const row = await settled(id);
    expect(row.status).toBe("refused");
    expect(row.error).toContain("not allowed for document");
  });
});

describe("inbound media from WAHA", () => {
  it("downloads the file URL with the API key, only ever from the channel's own server", async () => {
    const owner = await quietTenant();
    const channel = await connectWaha(owner);
    const fake = fakeProviders({ wahaKey: channel.apiKey });
    restore = fake.restore;
    const bytes = bytesOf(5000);
    fake.files.set("/api/files/default/3EB0ABC.jpeg", { bytes, mimeType: "image/jpeg" });
    const providerId = `false_628111222333@c.us_3EB0${crypto.randomUUID().slice(0, 8)}`;
    const raw = JSON.stringify({
      event: "message",
      session: "default",
      payload: {
        id: providerId,
        timestamp: Math.floor(Date.now() / 1000),
        from: "628111222333@c.us",
        fromMe: false,
        body: "",
        hasMedia: true,
        // WAHA's public URL differs from the base URL Parley calls: the key must not go there.
        media: { url: "https://files.elsewhere.test/api/files/default/3EB0ABC.jpeg", mimetype: "image/jpeg" },
      },
    });
    expect((await postWaha(channel.id, raw, await signWaha(channel.webhookSecret, raw))).status).toBe(200);
    const row = await settled(providerId);
    expect(row).toMatchObject({ status: "stored", size: 5000, sha256: await sha256Hex(bytes) });
    const download = fake.requests.find((r) => r.url.includes("/api/files/"))!;
    expect(download.url).toBe("http://127.0.0.1:3999/api/files/default/3EB0ABC.jpeg");
    expect(download.headers.get("x-api-key")).toBe(channel.apiKey);
    expect(fake.requests.some((r) => r.url.includes("elsewhere"))).toBe(false);
  });
});

describe("access, erasure and retention", () => {
  it("serves a file only to the owning tenant (401 without auth, 404 for another tenant)", async () => {
    const fake = fakeProviders();
    restore = fake.restore;
    await expectTenantIsolation({
      create: async (a) => {
        const channel = await connectMeta(a);
        fake.files.set("9900000000000301", { bytes: bytesOf(500), mimeType: "image/png" });
        const p = metaMediaPayload(channel, "image", { id: "9900000000000301", mime_type: "image/png" });
        await postMeta(channel.id, p.raw, await signMeta(channel.appSecret, p.raw));
        return (await settled(p.id)).id;
      },
      routes: [{ method: "GET", path: (id) => `/api/media/${id}`, ownerStatus: 200 }],
    });
    const { request } = await import("../helpers/api");
    const row = await env.DB.prepare("SELECT id FROM media WHERE status = 'stored' LIMIT 1").first<{ id: string }>();
    expect((await request("GET", `/api/media/${row!.id}`)).status).toBe(401);
  });

  it("erases a contact's files, from R2 and the database, with the contact", async () => {
    const owner = await quietTenant();
    const fake = fakeProviders();
    restore = fake.restore;
    fake.files.set("9900000000000401", { bytes: bytesOf(800), mimeType: "image/jpeg" });
    const { id } = await sendMetaMedia(owner, "image", { id: "9900000000000401", mime_type: "image/jpeg", caption: "my house" });
    const row = await settled(id);
    expect(await env.MEDIA.head(row.r2_key!)).not.toBeNull();

    const res = await owner.callWithKey("DELETE", `/api/contacts/${row.contact_id}`);
    expect(res.status, res.text).toBeLessThan(300);
    expect(await env.MEDIA.head(row.r2_key!)).toBeNull();
    expect(await env.DB.prepare("SELECT id FROM media WHERE id = ?").bind(row.id).first()).toBeNull();
    const msg = await env.DB.prepare("SELECT media_id, text, payload FROM messages WHERE provider_message_id = ?").bind(id).first<Record<string, unknown>>();
    expect(msg).toEqual({ media_id: null, text: null, payload: null });
    expect((await owner.callWithKey("GET", `/api/media/${row.id}`)).status).toBe(404);
  });

  it("leaves no copy in R2 when the contact is erased while their file is downloading", async () => {
    const owner = await quietTenant();
    const channel = await connectMeta(owner);
    const ctx = ctxWith();
    const tenantId = owner.tenant.id;
    const { registerInboundMedia } = await import("../../../worker/media/store");
    const contact = await env.DB.prepare("INSERT INTO contacts (id, tenant_id, wa_id, phone, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id")
      .bind(`con_E${crypto.randomUUID().slice(0, 8)}`, tenantId, "628555000222", "+628555000222", Date.now(), Date.now())
      .first<{ id: string }>();
    const file = await registerInboundMedia(ctx, {
      tenantId,
      channelId: channel.id,
      contactId: contact!.id,
      messageId: "msg_none",
      message: { kind: "message", providerMessageId: "wamid.E", from: "628555000222", profileName: null, timestamp: Date.now(), type: "image", text: null, media: { id: "55502", mimeType: "image/png" } },
    });
    const fetcher = async (input: RequestInfo | URL) => {
      if (String(input).endsWith("/55502")) return Response.json({ url: "https://lookaside.fbsbx.test/x?mid=55502", mime_type: "image/png", file_size: 10 });
      // The erasure lands while the bytes are on their way.
      await env.DB.prepare("DELETE FROM media WHERE id = ?").bind(file!.id).run();
      return new Response(bytesOf(10), { headers: { "content-type": "image/png" } });
    };
    await processMediaJob(ctx, { tenantId, mediaId: file!.id }, 1, fetcher);
    expect(await env.MEDIA.head(`${tenantId}/${file!.id}`)).toBeNull();
  });

  it("deletes files older than the retention setting and keeps the message", async () => {
    const owner = await quietTenant();
    const fake = fakeProviders();
    restore = fake.restore;
    fake.files.set("9900000000000501", { bytes: bytesOf(300), mimeType: "image/jpeg" });
    const { id } = await sendMetaMedia(owner, "image", { id: "9900000000000501", mime_type: "image/jpeg" });
    const row = await settled(id);
    // A clock 31 days ahead with a 30-day setting.
    const ctx = { ...ctxWith({ MEDIA_RETENTION_DAYS: 30 }), now: () => Date.now() + 31 * 24 * 3600_000 };
    expect(await expireOldMedia(ctx, 1000)).toBeGreaterThanOrEqual(1);
    expect(await env.MEDIA.head(row.r2_key!)).toBeNull();
    const after = await env.DB.prepare("SELECT status, r2_key FROM media WHERE id = ?").bind(row.id).first();
    expect(after).toEqual({ status: "expired", r2_key: null });
    expect((await owner.callWithKey("GET", `/api/media/${row.id}`)).status).toBe(410);
    const msg = await env.DB.prepare("SELECT json_extract(payload, '$.file.status') AS s FROM messages WHERE provider_message_id = ?").bind(id).first();
    expect(msg).toEqual({ s: "expired" });
    // With retention off (0) nothing is touched.
    expect(await expireOldMedia({ ...ctx, config: { ...ctx.config, MEDIA_RETENTION_DAYS: 0 } })).toBe(0);
  });
});
