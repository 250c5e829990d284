// Templates with an image, video or document header sent from the inbox
// (POST /api/conversations/{id}/template with headerMediaId): the file is
// checked when the message is queued (required for such a template, of the
// header's kind, stored, this tenant's), then Meta gets it as the header's
// parameter and WAHA gets the file with the rendered template as caption. The
// message keeps the file, so the thread shows it with its delivery status.
import { env, exports } from "cloudflare:workers";
import { afterEach, describe, expect, it } from "vitest";
import { ORIGIN } from "../helpers/api";
import { quietTenant } from "../helpers/assistant";
import { connectMeta, connectWaha, metaTextPayload, postMeta, postWaha, signMeta, signWaha, type MetaChannel } from "../helpers/channels";
import type { TenantOwner } from "../helpers/tenants";
import { eventually } from "../helpers/wait";
import { newId } from "../../../worker/lib/ids";
import { bytesOf, fakeProviders } from "./helpers";

let restore: (() => void) | null = null;
afterEach(() => {
  restore?.();
  restore = null;
});

async function upload(owner: TenantOwner, bytes: Uint8Array, name: string, type: string): Promise<string> {
  const form = new FormData();
  form.set("file", new Blob([bytes], { type }), name);
  const res = await exports.default.fetch(new Request(`${ORIGIN}/api/media`, { method: "POST", headers: { authorization: `Bearer ${owner.apiKey}` }, body: form }));
  const json = JSON.parse(await res.text());
  expect(res.status, JSON.stringify(json)).toBe(201);
  return json.id;
}

/** A template Meta approved for this channel (as a sync stores it), with the given header format. */
async function metaTemplate(tenantId: string, channelId: string, name: string, header: "IMAGE" | "VIDEO" | "DOCUMENT" | "TEXT" | null) {
  const components = [
    ...(header ? [{ type: "HEADER", format: header, ...(header === "TEXT" ? { text: "New listing" } : {}) }] : []),
    { type: "BODY", text: "Hi {{1}}, the details are here." },
  ];
  const now = Date.now();
  await env.DB.prepare(
    "INSERT INTO message_templates (id, tenant_id, source, channel_id, name, language, category, components, status, synced_at, created_at, updated_at) VALUES (?, ?, 'meta', ?, ?, 'en', 'utility', ?, 'approved', ?, ?, ?)",
  )
    .bind(newId("template"), tenantId, channelId, name, JSON.stringify(components), now, now, now)
    .run();
}

async function metaConversation(owner: TenantOwner): Promise<{ channel: MetaChannel; conversationId: string; from: string }> {
  const channel = await connectMeta(owner);
  const p = metaTextPayload(channel, { text: "Do you have photos of the house?" });
  const raw = JSON.stringify(p.payload);
  expect((await postMeta(channel.id, raw, await signMeta(channel.appSecret, raw))).status).toBe(200);
  const conv = await eventually(async () => {
    const list = (await owner.callWithKey("GET", "/api/conversations")).json.data;
    expect(list.length).toBe(1);
    return list[0];
  });
  return { channel, conversationId: conv.id as string, from: p.from };
}

const body = (name: string, extra: Record<string, unknown> = {}) => ({ name, language: "en", components: [{ type: "body", parameters: [{ type: "text", text: "Dewi" }] }], ...extra });

const outboundCount = async (conversationId: string) =>
  (await env.DB.prepare("SELECT count(*) AS n FROM messages WHERE conversation_id = ? AND direction = 'outbound'").bind(conversationId).first<{ n: number }>())!.n;

describe("POST /api/conversations/{id}/template with a header file", () => {
  it("refuses a header file that does not fit with 422 naming headerMediaId, and writes nothing", async () => {
    const owner = await quietTenant();
    const other = await quietTenant();
    const fake = fakeProviders();
    restore = fake.restore;
    const { channel, conversationId } = await metaConversation(owner);
    await metaTemplate(owner.tenant.id, channel.id, "house_photo", "IMAGE");
    await metaTemplate(owner.tenant.id, channel.id, "house_video", "VIDEO");
    await metaTemplate(owner.tenant.id, channel.id, "house_text", "TEXT");
    const photo = await upload(owner, bytesOf(2000, 3), "house.jpg", "image/jpeg");
    const pdf = await upload(owner, bytesOf(800, 4), "brochure.pdf", "application/pdf");
    const theirs = await upload(other, bytesOf(2000, 5), "theirs.jpg", "image/jpeg");
    const oversized = newId("media");
    // A stored image over WhatsApp's 5 MB for images (e.g. a customer's file forwarded): never sent.
    await env.DB.prepare(
      "INSERT INTO media (id, tenant_id, origin, type, status, mime_type, size, file_name, r2_key, created_at, updated_at) VALUES (?, ?, 'upload', 'image', 'stored', 'image/jpeg', ?, 'huge.jpg', ?, ?, ?)",
    )
      .bind(oversized, owner.tenant.id, 6 * 1024 * 1024, `${owner.tenant.id}/${oversized}`, Date.now(), Date.now())
      .run();

    const cases: [string, Record<string, unknown>, RegExp][] = [
      ["house_photo", {}, /image header: upload the image/],
      ["house_photo", { headerMediaId: pdf }, /takes an image; this file is a document/],
      ["house_video", { headerMediaId: photo }, /takes a video; this file is an image/],
      ["house_photo", { headerMediaId: theirs }, /not found/],
      ["house_photo", { headerMediaId: "med_01NOPE" }, /not found/],
      ["house_photo", { headerMediaId: oversized }, /too large/],
      ["house_text", { headerMediaId: photo }, /no image, video or document header/],
      ["house_photo", { headerMediaId: photo, components: [{ type: "header", parameters: [{ type: "image", image: { link: "https://example.com/a.jpg" } }] }, body("x").components[0]] }, /given twice/],
    ];
    for (const [template, extra, message] of cases) {
      const res = await owner.callWithKey("POST", `/api/conversations/${conversationId}/template`, body(template, extra));
      expect(res.status, `${template} ${JSON.stringify(extra)}: ${res.text}`).toBe(422);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect(res.json.errors).toEqual([{ path: "headerMediaId", message: expect.stringMatching(message) }]);
    }
    const empty = await owner.callWithKey("POST", `/api/conversations/${conversationId}/template`, body("house_photo", { headerMediaId: "" }));
    expect(empty.status).toBe(400);
    expect(empty.json.errors[0].path).toBe("headerMediaId");
    expect(await outboundCount(conversationId)).toBe(0);
    expect(fake.requests.filter((r) => r.method === "POST" && r.url.includes(channel.phoneNumberId))).toHaveLength(0);

    // Another tenant cannot use this conversation, whatever file it names.
    const foreign = await other.callWithKey("POST", `/api/conversations/${conversationId}/template`, body("house_photo", { headerMediaId: theirs }));
    expect(foreign.status).toBe(404);
  });

  it("Meta: uploads the file and sends it as the header's parameter; the thread shows the file and the status", async () => {
    const owner = await quietTenant();
    const fake = fakeProviders();
    restore = fake.restore;
    const { channel, conversationId, from } = await metaConversation(owner);
    await metaTemplate(owner.tenant.id, channel.id, "house_brochure", "DOCUMENT");
    const bytes = bytesOf(1800, 9);
    const pdf = await upload(owner, bytes, "brochure.pdf", "application/pdf");

    const res = await owner.callWithKey("POST", `/api/conversations/${conversationId}/template`, body("house_brochure", { headerMediaId: pdf }));
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({ type: "template", status: "queued", media: { id: pdf, type: "document", mimeType: "application/pdf", fileName: "brochure.pdf" } });

    const sent = await eventually(async () => {
      const m = (await owner.callWithKey("GET", `/api/conversations/${conversationId}/messages`)).json.data[0];
      expect(m.status).toBe("sent");
      return m;
    });
    expect(sent).toMatchObject({ id: res.json.id, type: "template", media: { id: pdf, type: "document", url: `/api/media/${pdf}` } });

    const uploads = fake.requests.filter((r) => r.method === "POST" && r.url.endsWith(`/${channel.phoneNumberId}/media`));
    expect(uploads).toHaveLength(1);
    expect(new Uint8Array(await ((uploads[0]!.body as FormData).get("file") as File).arrayBuffer())).toEqual(bytes);
    const sends = fake.requests.filter((r) => r.method === "POST" && r.url.endsWith(`/${channel.phoneNumberId}/messages`));
    expect(sends).toHaveLength(1);
    const payload = sends[0]!.body as { to: string; type: string; template: { name: string; components: unknown[] } };
    expect(payload).toMatchObject({ to: `+${from}`, type: "template", biz_opaque_callback_data: res.json.id });
    expect(payload.template.name).toBe("house_brochure");
    expect(payload.template.components).toEqual([
      { type: "header", parameters: [{ type: "document", document: { id: expect.stringMatching(/^upl\d+$/), filename: "brochure.pdf" } }] },
      { type: "body", parameters: [{ type: "text", text: "Dewi" }] },
    ]);
    expect(sent.providerMessageId).toMatch(/^wamid\.SENT/);
  });

  it("with an Idempotency-Key, a retried request stores and sends the template once", async () => {
    const owner = await quietTenant();
    const fake = fakeProviders();
    restore = fake.restore;
    const { channel, conversationId } = await metaConversation(owner);
    await metaTemplate(owner.tenant.id, channel.id, "house_photo", "IMAGE");
    const photo = await upload(owner, bytesOf(2000, 6), "house.jpg", "image/jpeg");
    const key = { headers: { "idempotency-key": `tpl-${crypto.randomUUID()}` } };
    const first = await owner.callWithKey("POST", `/api/conversations/${conversationId}/template`, body("house_photo", { headerMediaId: photo }), key);
    const again = await owner.callWithKey("POST", `/api/conversations/${conversationId}/template`, body("house_photo", { headerMediaId: photo }), key);
    expect(first.status, first.text).toBe(201);
    expect(again.status).toBe(201);
    expect(again.json.id).toBe(first.json.id);
    await eventually(async () => {
      const m = (await owner.callWithKey("GET", `/api/conversations/${conversationId}/messages`)).json.data[0];
      expect(m.status).toBe("sent");
    });
    expect(await outboundCount(conversationId)).toBe(1);
    const sends = fake.requests.filter((r) => r.method === "POST" && r.url.endsWith(`/${channel.phoneNumberId}/messages`));
    expect(sends).toHaveLength(1);
    expect((sends[0]!.body as { template: { components: unknown[] } }).template.components[0]).toEqual({
      type: "header",
      parameters: [{ type: "image", image: { id: expect.stringMatching(/^upl\d+$/) } }],
    });
    expect(fake.requests.filter((r) => r.method === "POST" && r.url.endsWith(`/${channel.phoneNumberId}/media`))).toHaveLength(1);
  });

  it("WAHA: a local template's header file goes out with the rendered text as its caption", async () => {
    const owner = await quietTenant();
    const channel = await connectWaha(owner);
    const fake = fakeProviders({ wahaKey: channel.apiKey });
    restore = fake.restore;
    const template = await owner.callWithKey("POST", "/api/templates", {
      name: "listing_photo",
      language: "en",
      category: "utility",
      components: [{ type: "HEADER", format: "IMAGE" }, { type: "BODY", text: "Hi {{1}}, here is the house." }],
    });
    expect(template.status, template.text).toBe(201);
    const raw = JSON.stringify({
      event: "message",
      session: "default",
      payload: { id: `false_628222333555@c.us_3EB0${crypto.randomUUID().slice(0, 8)}`, timestamp: Math.floor(Date.now() / 1000), from: "628222333555@c.us", fromMe: false, body: "Photos?" },
    });
    expect((await postWaha(channel.id, raw, await signWaha(channel.webhookSecret, raw))).status).toBe(200);
    const conv = await eventually(async () => {
      const list = (await owner.callWithKey("GET", "/api/conversations")).json.data;
      expect(list.length).toBe(1);
      return list[0];
    });
    const missing = await owner.callWithKey("POST", `/api/conversations/${conv.id}/template`, body("listing_photo"));
    expect(missing.status).toBe(422);
    expect(missing.json.errors[0].path).toBe("headerMediaId");

    const bytes = bytesOf(1200, 8);
    const photo = await upload(owner, bytes, "front.png", "image/png");
    const res = await owner.callWithKey("POST", `/api/conversations/${conv.id}/template`, body("listing_photo", { headerMediaId: photo }));
    expect(res.status, res.text).toBe(201);
    await eventually(async () => {
      const m = (await owner.callWithKey("GET", `/api/conversations/${conv.id}/messages`)).json.data[0];
      expect(m).toMatchObject({ status: "sent", type: "template", media: { id: photo, type: "image" } });
    });
    const sends = fake.requests.filter((r) => r.url === "http://127.0.0.1:3999/api/sendImage");
    expect(sends).toHaveLength(1);
    expect(sends[0]!.body).toEqual({
      session: "default",
      chatId: "628222333555@c.us",
      file: { mimetype: "image/png", filename: "front.png", data: btoa(String.fromCharCode(...bytes)) },
      caption: "Hi Dewi, here is the house.",
    });
  });
});
