// Templates with an image, video or document header in campaigns: the header
// file is an uploaded media id, checked when the campaign is created (the
// template's header kind, the file's kind, stored, this tenant's), and sent to
// Meta as the header's parameter after uploading the bytes; WAHA gets the file
// with the rendered text as its caption.
import { env, exports } from "cloudflare:workers";
import { afterEach, describe, expect, it } from "vitest";
import { ORIGIN } from "../helpers/api";
import { connectMeta, connectWaha } from "../helpers/channels";
import { createTenant, type TenantOwner } from "../helpers/tenants";
import { eventually } from "../helpers/wait";
import { newId } from "../../../worker/lib/ids";
import { bytesOf, fakeProviders } from "../media/helpers";
import { seedContact, waitForStatus } from "./helpers";

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

/** A template Meta has approved for this channel (as a sync stores it), with the given header format. */
async function metaTemplate(tenantId: string, channelId: string, name: string, header: "IMAGE" | "DOCUMENT" | "TEXT" | null) {
  const components = [
    ...(header ? [{ type: "HEADER", format: header, ...(header === "TEXT" ? { text: "New listing" } : {}) }] : []),
    { type: "BODY", text: "Hi {{1}}, a new home just came on the market." },
  ];
  const now = Date.now();
  await env.DB.prepare(
    "INSERT INTO message_templates (id, tenant_id, source, channel_id, name, language, category, components, status, synced_at, created_at, updated_at) VALUES (?, ?, 'meta', ?, ?, 'en', 'marketing', ?, 'approved', ?, ?, ?)",
  )
    .bind(newId("template"), tenantId, channelId, name, JSON.stringify(components), now, now, now)
    .run();
}

const campaign = (channelId: string, name: string, header?: unknown) => ({
  name: "Photo launch",
  channelId,
  audience: { tags: ["photo"] },
  message: { template: { name, language: "en", parameters: { ...(header !== undefined ? { header } : {}), body: [{ field: "name", fallback: "there" }] } } },
  ratePerSecond: 5,
});

describe("campaign templates with a media header", () => {
  it("refuses a header that does not fit, naming the field", async () => {
    const owner = await createTenant();
    const other = await createTenant();
    const channel = await connectMeta(owner);
    await metaTemplate(owner.tenant.id, channel.id, "listing_photo", "IMAGE");
    await metaTemplate(owner.tenant.id, channel.id, "listing_text", "TEXT");
    const photo = await upload(owner, bytesOf(2000, 3), "house.jpg", "image/jpeg");
    const pdf = await upload(owner, bytesOf(800, 4), "brochure.pdf", "application/pdf");
    const theirs = await upload(other, bytesOf(2000, 5), "theirs.jpg", "image/jpeg");

    const cases: [string, unknown, string, RegExp][] = [
      ["listing_photo", undefined, "message.template.parameters.header", /image header/],
      ["listing_photo", { mediaId: pdf }, "message.template.parameters.header.mediaId", /takes an image; this file is a document/],
      ["listing_photo", { mediaId: "med_nope" }, "message.template.parameters.header.mediaId", /not found/],
      ["listing_photo", { mediaId: theirs }, "message.template.parameters.header.mediaId", /not found/],
      ["listing_text", { mediaId: photo }, "message.template.parameters.header", /no image, video or document header/],
    ];
    for (const [template, header, path, message] of cases) {
      const res = await owner.callWithKey("POST", "/api/campaigns", campaign(channel.id, template, header));
      expect(res.status, `${template} ${JSON.stringify(header)}: ${res.text}`).toBe(400);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect(res.json.errors[0].path).toBe(path);
      expect(res.json.errors[0].message).toMatch(message);
    }
    const bad = await owner.callWithKey("POST", "/api/campaigns", campaign(channel.id, "listing_photo", { mediaId: "" }));
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].path).toMatch(/^message\.template\.parameters/);
    expect((await owner.callWithKey("GET", "/api/campaigns")).json.data).toHaveLength(0);
  });

  it("Meta: uploads the file and sends it as the template's header; the thread shows it", async () => {
    const owner = await createTenant();
    const fake = fakeProviders();
    restore = fake.restore;
    const channel = await connectMeta(owner);
    await metaTemplate(owner.tenant.id, channel.id, "listing_photo", "IMAGE");
    const photo = await upload(owner, bytesOf(2000, 3), "house.jpg", "image/jpeg");
    const contact = await seedContact(owner.tenant.id, { channelId: channel.id, tags: ["photo"], name: "Dewi", lastInboundAt: null });
    const created = await owner.callWithKey("POST", "/api/campaigns", campaign(channel.id, "listing_photo", { mediaId: photo }));
    expect(created.status, created.text).toBe(201);
    expect((await owner.callWithKey("POST", `/api/campaigns/${created.json.id}/start`)).status).toBe(200);
    const done = await waitForStatus(owner, created.json.id, "completed", 30_000);
    expect(done.counts).toMatchObject({ queued: 1, sent: 1, failed: 0 });

    const uploads = fake.requests.filter((r) => r.method === "POST" && r.url.endsWith(`/${channel.phoneNumberId}/media`));
    expect(uploads).toHaveLength(1);
    const sends = fake.requests.filter((r) => r.method === "POST" && r.url.endsWith(`/${channel.phoneNumberId}/messages`));
    expect(sends).toHaveLength(1);
    const body = sends[0]!.body as { to: string; type: string; template: { name: string; components: unknown[] } };
    expect(body.to).toBe(contact.phone);
    expect(body.template.name).toBe("listing_photo");
    expect(body.template.components).toEqual([
      { type: "header", parameters: [{ type: "image", image: { id: expect.stringMatching(/^upl\d+$/) } }] },
      { type: "body", parameters: [{ type: "text", text: "Dewi" }] },
    ]);
    const row = await env.DB.prepare("SELECT type, media_id, conversation_id FROM messages WHERE campaign_id = ?").bind(created.json.id).first<{ type: string; media_id: string; conversation_id: string }>();
    expect(row).toMatchObject({ type: "template", media_id: photo });
    const thread = await owner.callWithKey("GET", `/api/conversations/${row!.conversation_id}/messages`);
    expect(thread.json.data[0]).toMatchObject({ type: "template", media: { id: photo, type: "image", mimeType: "image/jpeg" } });
  });

  it("Meta: a campaign to many recipients uploads the header file once and names that id in every send", async () => {
    const owner = await createTenant();
    const fake = fakeProviders();
    restore = fake.restore;
    const channel = await connectMeta(owner);
    await metaTemplate(owner.tenant.id, channel.id, "listing_photo", "IMAGE");
    const photo = await upload(owner, bytesOf(2000, 13), "house.jpg", "image/jpeg");
    for (const name of ["Ana", "Budi", "Citra", "Dewi", "Eka", "Fajar"]) {
      await seedContact(owner.tenant.id, { channelId: channel.id, tags: ["photo"], name, lastInboundAt: null });
    }
    const created = await owner.callWithKey("POST", "/api/campaigns", { ...campaign(channel.id, "listing_photo", { mediaId: photo }), ratePerSecond: 20 });
    expect(created.status, created.text).toBe(201);
    expect((await owner.callWithKey("POST", `/api/campaigns/${created.json.id}/start`)).status).toBe(200);
    const done = await waitForStatus(owner, created.json.id, "completed", 30_000);
    expect(done.counts).toMatchObject({ queued: 6, sent: 6, failed: 0 });

    expect(fake.requests.filter((r) => r.method === "POST" && r.url.endsWith(`/${channel.phoneNumberId}/media`))).toHaveLength(1);
    const sends = fake.requests.filter((r) => r.method === "POST" && r.url.endsWith(`/${channel.phoneNumberId}/messages`));
    expect(sends).toHaveLength(6);
    const ids = sends.map((s) => (s.body as { template: { components: [{ parameters: [{ image: { id: string } }] }] } }).template.components[0].parameters[0].image.id);
    expect(new Set(ids).size).toBe(1);
  });

  it("WAHA: the header file goes out with the rendered template as its caption", async () => {
    const owner = await createTenant();
    const fake = fakeProviders();
    restore = fake.restore;
    const channel = await connectWaha(owner);
    const template = await owner.callWithKey("POST", "/api/templates", {
      name: "listing_doc",
      language: "en",
      category: "marketing",
      components: [{ type: "HEADER", format: "DOCUMENT" }, { type: "BODY", text: "Hi {{1}}, the brochure is attached." }],
    });
    expect(template.status, template.text).toBe(201);
    const pdf = await upload(owner, bytesOf(800, 4), "brochure.pdf", "application/pdf");
    await seedContact(owner.tenant.id, { channelId: channel.id, tags: ["photo"], name: "Rina" });
    const created = await owner.callWithKey("POST", "/api/campaigns", {
      ...campaign(channel.id, "listing_doc", { mediaId: pdf }),
      ratePerSecond: 1,
    });
    expect(created.status, created.text).toBe(201);
    expect((await owner.callWithKey("POST", `/api/campaigns/${created.json.id}/start`)).status).toBe(200);
    await eventually(
      async () => {
        const files = fake.requests.filter((r) => r.url.endsWith("/api/sendFile"));
        expect(files).toHaveLength(1);
        const body = files[0]!.body as { caption: string; file: { filename: string; mimetype: string } };
        expect(body.caption).toBe("Hi Rina, the brochure is attached.");
        expect(body.file).toMatchObject({ filename: "brochure.pdf", mimetype: "application/pdf" });
      },
      { timeoutMs: 20_000 },
    );
  });
});
