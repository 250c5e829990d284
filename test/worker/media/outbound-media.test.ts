// Agents' files: uploaded (checked before anything is stored), then sent in a
// conversation through Meta (upload to the media endpoint, send by id) or WAHA
// (sendImage / sendFile with the bytes), shown with their delivery status.
import { env, exports } from "cloudflare:workers";
import { afterEach, describe, expect, it } from "vitest";
import { ORIGIN } from "../helpers/api";
import { quietTenant } from "../helpers/assistant";
import { connectMeta, connectWaha, metaTextPayload, postMeta, postWaha, signMeta, signWaha } from "../helpers/channels";
import type { TenantOwner } from "../helpers/tenants";
import { eventually } from "../helpers/wait";
import { bytesOf, fakeProviders, sha256Hex } from "./helpers";

let restore: (() => void) | null = null;
afterEach(() => {
  restore?.();
  restore = null;
});

async function upload(owner: TenantOwner, file: Blob | null, name = "photo.png", contentType?: string) {
  let body: BodyInit;
  const headers: Record<string, string> = { authorization: `Bearer ${owner.apiKey}` };
  if (contentType) {
    body = file ?? "";
    headers["content-type"] = contentType;
  } else {
    const form = new FormData();
    if (file) form.set("file", file, name);
    else form.set("note", "no file here");
    body = form;
  }
  const res = await exports.default.fetch(new Request(`${ORIGIN}/api/media`, { method: "POST", headers, body }));
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null, headers: res.headers };
}

async function metaConversation(owner: TenantOwner) {
  const channel = await connectMeta(owner);
  const p = metaTextPayload(channel, { text: "Hi, can you send me the brochure?" });
  const raw = JSON.stringify(p.payload);
  expect((await postMeta(channel.id, raw, await signMeta(channel.appSecret, raw))).status).toBe(200);
  const conv = await eventually(async () => {
    const list = (await owner.callWithKey("GET", "/api/conversations")).json.data;
    expect(list.length).toBe(1);
    return list[0];
  });
  return { channel, conversationId: conv.id as string };
}

describe("POST /api/media", () => {
  it("stores an allowed file in R2 with its hash and answers 201 with its descriptor", async () => {
    const owner = await quietTenant();
    const bytes = bytesOf(2500, 11);
    const res = await upload(owner, new Blob([bytes], { type: "image/png" }), "kitchen.png");
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ type: "image", mimeType: "image/png", size: 2500, fileName: "kitchen.png", sha256: await sha256Hex(bytes) });
    expect(res.json.id).toMatch(/^med_/);
    const object = await env.MEDIA.get(`${owner.tenant.id}/${res.json.id}`);
    expect(new Uint8Array(await object!.arrayBuffer())).toEqual(bytes);
    const back = await owner.callWithKey("GET", `/api/media/${res.json.id}`);
    expect(back.status).toBe(200);
    expect(back.headers.get("content-type")).toBe("image/png");
  });

  it("refuses what WhatsApp would not take, naming the field, and stores nothing", async () => {
    const owner = await quietTenant();
    const gif = await upload(owner, new Blob([bytesOf(10)], { type: "image/gif" }), "a.gif");
    expect(gif.status).toBe(415);
    expect(gif.json.errors[0].path).toBe("file");
    const big = await upload(owner, new Blob([bytesOf(5 * 1024 * 1024 + 1)], { type: "image/jpeg" }), "big.jpg");
    expect(big.status).toBe(413);
    expect(big.json.errors[0]).toMatchObject({ path: "file" });
    const none = await upload(owner, null);
    expect(none.status).toBe(400);
    expect(none.json.errors[0].path).toBe("file");
    const notMultipart = await upload(owner, new Blob(["{}"]), "x", "application/json");
    expect(notMultipart.status).toBe(415);
    expect((await env.MEDIA.list({ prefix: `${owner.tenant.id}/` })).objects.length).toBe(0);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM media WHERE tenant_id = ?").bind(owner.tenant.id).first()).toEqual({ n: 0 });
  });
});

describe("POST /api/conversations/{id}/messages with a file", () => {
  it("needs text or mediaId, and a mediaId of this tenant's stored file", async () => {
    const owner = await quietTenant();
    const other = await quietTenant();
    const fake = fakeProviders();
    restore = fake.restore;
    const { conversationId } = await metaConversation(owner);
    const empty = await owner.callWithKey("POST", `/api/conversations/${conversationId}/messages`, {});
    expect(empty.status).toBe(400);
    expect(empty.json.errors[0]).toMatchObject({ path: "text", message: "text or mediaId is required" });
    const unknown = await owner.callWithKey("POST", `/api/conversations/${conversationId}/messages`, { mediaId: "med_01NOPE" });
    expect(unknown.status).toBe(400);
    expect(unknown.json.errors[0].path).toBe("mediaId");
    const theirs = (await upload(other, new Blob([bytesOf(100)], { type: "image/png" }))).json.id;
    const foreign = await owner.callWithKey("POST", `/api/conversations/${conversationId}/messages`, { mediaId: theirs });
    expect(foreign.status).toBe(400);
    expect(foreign.json.errors[0].path).toBe("mediaId");
    expect(await env.DB.prepare("SELECT count(*) AS n FROM messages WHERE conversation_id = ? AND direction = 'outbound'").bind(conversationId).first()).toEqual({ n: 0 });
  });

  it("Meta: uploads the file to the media endpoint, sends it by id with the caption, and shows it sent", async () => {
    const owner = await quietTenant();
    const fake = fakeProviders();
    restore = fake.restore;
    const { channel, conversationId } = await metaConversation(owner);
    const bytes = bytesOf(3000, 5);
    const uploaded = (await upload(owner, new Blob([bytes], { type: "image/jpeg" }), "house.jpg")).json;
    const res = await owner.callWithKey("POST", `/api/conversations/${conversationId}/messages`, { mediaId: uploaded.id, text: "The front of the house" });
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({ type: "image", text: "The front of the house", status: "queued" });
    expect(res.json.media).toMatchObject({ id: uploaded.id, type: "image", mimeType: "image/jpeg", size: 3000, fileName: "house.jpg", caption: "The front of the house" });

    const sent = await eventually(async () => {
      const m = (await owner.callWithKey("GET", `/api/conversations/${conversationId}/messages`)).json.data[0];
      expect(m.status).toBe("sent");
      return m;
    });
    expect(sent.media.url).toBe(`/api/media/${uploaded.id}`);
    const up = fake.requests.find((r) => r.url.endsWith(`/${channel.phoneNumberId}/media`))!;
    expect(up.headers.get("authorization")).toBe(`Bearer ${channel.accessToken}`);
    const form = up.body as FormData;
    expect(form.get("messaging_product")).toBe("whatsapp");
    expect(form.get("type")).toBe("image/jpeg");
    const file = form.get("file") as File;
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(bytes);
    const msg = fake.requests.find((r) => r.url.endsWith(`/${channel.phoneNumberId}/messages`))!;
    expect(msg.body).toMatchObject({ type: "image", image: { caption: "The front of the house" } });
    expect((msg.body as { image: { id: string } }).image.id).toMatch(/^upl/);
    expect(sent.providerMessageId).toMatch(/^wamid\.SENT/);
  });

  it("WAHA: sends a document through sendFile with its name, bytes and caption", async () => {
    const owner = await quietTenant();
    const channel = await connectWaha(owner);
    const fake = fakeProviders({ wahaKey: channel.apiKey });
    restore = fake.restore;
    const raw = JSON.stringify({
      event: "message",
      session: "default",
      payload: { id: `false_628222333444@c.us_3EB0${crypto.randomUUID().slice(0, 8)}`, timestamp: Math.floor(Date.now() / 1000), from: "628222333444@c.us", fromMe: false, body: "Price list please" },
    });
    expect((await postWaha(channel.id, raw, await signWaha(channel.webhookSecret, raw))).status).toBe(200);
    const conv = await eventually(async () => {
      const list = (await owner.callWithKey("GET", "/api/conversations")).json.data;
      expect(list.length).toBe(1);
      return list[0];
    });
    const bytes = bytesOf(1500, 2);
    const uploaded = (await upload(owner, new Blob([bytes], { type: "application/pdf" }), "prices.pdf")).json;
    expect(uploaded.type).toBe("document");
    const res = await owner.callWithKey("POST", `/api/conversations/${conv.id}/messages`, { mediaId: uploaded.id, text: "Our prices" });
    expect(res.status, res.text).toBe(201);
    await eventually(async () => {
      const m = (await owner.callWithKey("GET", `/api/conversations/${conv.id}/messages`)).json.data[0];
      expect(m.status).toBe("sent");
    });
    const send = fake.requests.find((r) => r.url === "http://127.0.0.1:3999/api/sendFile")!;
    expect(send.headers.get("x-api-key")).toBe(channel.apiKey);
    expect(send.body).toEqual({
      session: "default",
      chatId: "628222333444@c.us",
      file: { mimetype: "application/pdf", filename: "prices.pdf", data: btoa(String.fromCharCode(...bytes)) },
      caption: "Our prices",
    });
  });

  it("fails the message clearly when the file was erased before it was sent", async () => {
    const owner = await quietTenant();
    const fake = fakeProviders();
    restore = fake.restore;
    const { conversationId } = await metaConversation(owner);
    const uploaded = (await upload(owner, new Blob([bytesOf(100)], { type: "image/png" }))).json;
    // The outbound queue is paused for this one: the file disappears between queueing and sending.
    const { sendQueuedMessage } = await import("../../../worker/outbound/consumer");
    const { ctxWith } = await import("../helpers/assistant");
    const { queueOutbound } = await import("../../../worker/outbound/send");
    const send = env.OUTBOUND_QUEUE.send;
    env.OUTBOUND_QUEUE.send = async () => ({ metadata: { metrics: { backlogCount: 0, backlogBytes: 0 } } }) as unknown as QueueSendResponse;
    try {
      const ctx = ctxWith();
      const view = await queueOutbound(ctx, { tenantId: owner.tenant.id, conversationId, author: "agent", content: { type: "media", mediaId: uploaded.id } });
      await env.MEDIA.delete(`${owner.tenant.id}/${uploaded.id}`);
      await env.DB.prepare("UPDATE media SET status = 'expired', r2_key = NULL WHERE id = ?").bind(uploaded.id).run();
      expect(await sendQueuedMessage(ctx, { tenantId: owner.tenant.id, messageId: view.id }, 1)).toEqual({ kind: "done" });
      const row = await env.DB.prepare("SELECT status, error_code FROM messages WHERE id = ?").bind(view.id).first();
      expect(row).toEqual({ status: "failed", error_code: "media_unavailable" });
    } finally {
      env.OUTBOUND_QUEUE.send = send;
    }
  });
});
