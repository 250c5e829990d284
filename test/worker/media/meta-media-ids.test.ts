// Meta media ids reused: a file sent again from the same number names the id
// of its first upload (kept 29 days, by tenant, channel, number and SHA-256)
// instead of uploading it again; an id Meta refuses is dropped and the file
// uploaded once more, and the message still goes out once; another tenant's
// channel never gets the id.
import { env, exports } from "cloudflare:workers";
import { afterEach, describe, expect, it } from "vitest";
import { ORIGIN } from "../helpers/api";
import { quietTenant } from "../helpers/assistant";
import { connectMeta, metaTextPayload, postMeta, signMeta, type MetaChannel } from "../helpers/channels";
import type { TenantOwner } from "../helpers/tenants";
import { eventually } from "../helpers/wait";
import { META_MEDIA_ID_TTL_MS } from "../../../worker/media/meta-ids";
import { isStaleMediaId } from "../../../worker/channels/media";
import { classifyGraphError } from "../../../worker/channels/meta-client";
import { bytesOf, fakeProviders, sha256Hex, type SeenRequest } from "./helpers";

let restore: (() => void) | null = null;
afterEach(() => {
  restore?.();
  restore = null;
});

async function upload(owner: TenantOwner, bytes: Uint8Array, name = "house.jpg", type = "image/jpeg"): Promise<string> {
  const form = new FormData();
  form.set("file", new Blob([bytes], { type }), name);
  const res = await exports.default.fetch(new Request(`${ORIGIN}/api/media`, { method: "POST", headers: { authorization: `Bearer ${owner.apiKey}` }, body: form }));
  const json = JSON.parse(await res.text());
  expect(res.status, JSON.stringify(json)).toBe(201);
  return json.id;
}

async function metaConversation(owner: TenantOwner): Promise<{ channel: MetaChannel; conversationId: string }> {
  const channel = await connectMeta(owner);
  const p = metaTextPayload(channel, { text: "Send me the pictures again please" });
  const raw = JSON.stringify(p.payload);
  expect((await postMeta(channel.id, raw, await signMeta(channel.appSecret, raw))).status).toBe(200);
  const conv = await eventually(async () => {
    const list = (await owner.callWithKey("GET", "/api/conversations")).json.data;
    expect(list.length).toBe(1);
    return list[0];
  });
  return { channel, conversationId: conv.id as string };
}

/** Send a stored file in the conversation and wait until the message is sent; returns the message. */
async function sendFile(owner: TenantOwner, conversationId: string, mediaId: string) {
  const res = await owner.callWithKey("POST", `/api/conversations/${conversationId}/messages`, { mediaId });
  expect(res.status, res.text).toBe(201);
  return eventually(async () => {
    const m = (await owner.callWithKey("GET", `/api/conversations/${conversationId}/messages`)).json.data.find((x: { id: string }) => x.id === res.json.id);
    expect(m.status).toBe("sent");
    return m;
  });
}

const uploadsTo = (requests: SeenRequest[], channel: MetaChannel) => requests.filter((r) => r.method === "POST" && r.url.endsWith(`/${channel.phoneNumberId}/media`));
const sendsTo = (requests: SeenRequest[], channel: MetaChannel) => requests.filter((r) => r.method === "POST" && r.url.endsWith(`/${channel.phoneNumberId}/messages`));
const imageId = (r: SeenRequest) => (r.body as { image: { id: string } }).image.id;

const cacheRows = (tenantId: string) =>
  env.DB.prepare("SELECT channel_id, phone_number_id, sha256, media_id, expires_at, created_at FROM meta_media_ids WHERE tenant_id = ?")
    .bind(tenantId)
    .all<{ channel_id: string; phone_number_id: string; sha256: string; media_id: string; expires_at: number; created_at: number }>()
    .then((r) => r.results);

describe("isStaleMediaId", () => {
  const graph = (code: number, message: string, details?: string) =>
    classifyGraphError(400, { error: { code, message, type: "OAuthException", ...(details ? { error_data: { details } } : {}) } });
  it("recognises Graph's refusal of an unknown or expired media id, for media messages and template headers", () => {
    expect(isStaleMediaId(graph(100, "(#100) Param image.id is not a valid whatsapp business account media attachment ID"))).toBe(true);
    expect(isStaleMediaId(graph(100, "(#100) Param template['components'][0]['parameters'][0]['document']['id'] is not a valid whatsapp business account media attachment ID"))).toBe(true);
    expect(isStaleMediaId(graph(131009, "(#131009) Parameter value is not valid", "Invalid media id"))).toBe(true);
  });
  it("leaves every other refusal alone", () => {
    expect(isStaleMediaId(graph(100, "(#100) Invalid parameter", "Parameter name is missing or empty"))).toBe(false);
    expect(isStaleMediaId(graph(131047, "Re-engagement message"))).toBe(false);
    expect(isStaleMediaId(graph(132001, "Template name does not exist in the translation"))).toBe(false);
  });
});

describe("Meta media id reuse", () => {
  it("sends a file again (also as another upload of the same bytes) by the id of its first upload", async () => {
    const owner = await quietTenant();
    const fake = fakeProviders();
    restore = fake.restore;
    const { channel, conversationId } = await metaConversation(owner);
    const bytes = bytesOf(2400, 21);
    const first = await upload(owner, bytes);
    await sendFile(owner, conversationId, first);
    await sendFile(owner, conversationId, first);
    // The same photo uploaded to Parley again: same bytes, same Meta id.
    await sendFile(owner, conversationId, await upload(owner, bytes, "again.jpg"));

    expect(uploadsTo(fake.requests, channel)).toHaveLength(1);
    const sends = sendsTo(fake.requests, channel);
    expect(sends).toHaveLength(3);
    const id = imageId(sends[0]!);
    expect(sends.map(imageId)).toEqual([id, id, id]);
    const rows = await cacheRows(owner.tenant.id);
    expect(rows).toEqual([{ channel_id: channel.id, phone_number_id: channel.phoneNumberId, sha256: await sha256Hex(bytes), media_id: id, expires_at: expect.any(Number), created_at: expect.any(Number) }]);
    expect(rows[0]!.expires_at - rows[0]!.created_at).toBe(META_MEDIA_ID_TTL_MS);
    expect(META_MEDIA_ID_TTL_MS).toBe(29 * 24 * 3600_000);
  });

  it("uploads again once the kept id is past its 29 days, and keeps the new one", async () => {
    const owner = await quietTenant();
    const fake = fakeProviders();
    restore = fake.restore;
    const { channel, conversationId } = await metaConversation(owner);
    const file = await upload(owner, bytesOf(2400, 22));
    await sendFile(owner, conversationId, file);
    const [old] = await cacheRows(owner.tenant.id);
    await env.DB.prepare("UPDATE meta_media_ids SET expires_at = ? WHERE tenant_id = ?").bind(Date.now() - 1, owner.tenant.id).run();

    await sendFile(owner, conversationId, file);
    expect(uploadsTo(fake.requests, channel)).toHaveLength(2);
    const sends = sendsTo(fake.requests, channel);
    expect(sends).toHaveLength(2);
    expect(imageId(sends[1]!)).not.toBe(old!.media_id);
    const [renewed] = await cacheRows(owner.tenant.id);
    expect(renewed!.media_id).toBe(imageId(sends[1]!));
    expect(renewed!.expires_at).toBeGreaterThan(Date.now() + META_MEDIA_ID_TTL_MS - 60_000);
  });

  it("an id Meta refuses as invalid is dropped, the file uploaded once more, and the message sent exactly once", async () => {
    const owner = await quietTenant();
    const staleMediaIds = new Set<string>();
    const fake = fakeProviders({ staleMediaIds });
    restore = fake.restore;
    const { channel, conversationId } = await metaConversation(owner);
    const file = await upload(owner, bytesOf(2400, 23));
    await sendFile(owner, conversationId, file);
    const [kept] = await cacheRows(owner.tenant.id);
    // Meta lost the upload before its 30 days were up.
    staleMediaIds.add(kept!.media_id);

    const message = await sendFile(owner, conversationId, file);
    const sends = sendsTo(fake.requests, channel);
    // The refused attempt, then the one with the fresh upload; no third.
    expect(sends.map(imageId)).toEqual([kept!.media_id, kept!.media_id, expect.not.stringMatching(kept!.media_id)]);
    expect(uploadsTo(fake.requests, channel)).toHaveLength(2);
    const [renewed] = await cacheRows(owner.tenant.id);
    expect(renewed!.media_id).toBe(imageId(sends[2]!));
    expect(message.providerMessageId).toMatch(/^wamid\.SENT/);
    const rows = await env.DB.prepare("SELECT status FROM messages WHERE conversation_id = ? AND direction = 'outbound'").bind(conversationId).all();
    expect(rows.results).toEqual([{ status: "sent" }, { status: "sent" }]);

    // A fresh upload Meta refuses too: no loop, the message fails with Meta's reason.
    // Every id the fake hands out from here on is refused (its counter is shared with whatever else calls it meanwhile).
    const last = Number(renewed!.media_id.slice(3));
    for (let k = 0; k <= 50; k++) staleMediaIds.add(`upl${last + k}`);
    const res = await owner.callWithKey("POST", `/api/conversations/${conversationId}/messages`, { mediaId: file });
    const failed = await eventually(async () => {
      const m = (await owner.callWithKey("GET", `/api/conversations/${conversationId}/messages`)).json.data.find((x: { id: string }) => x.id === res.json.id);
      expect(m.status).toBe("failed");
      return m;
    });
    expect(failed.error).toMatchObject({ code: "100" });
    const all = sendsTo(fake.requests, channel);
    expect(all).toHaveLength(5);
    expect(uploadsTo(fake.requests, channel)).toHaveLength(3);
    // The fresh upload's id (the last send named it) is the one kept.
    expect(imageId(all[4]!)).not.toBe(renewed!.media_id);
    expect(await cacheRows(owner.tenant.id)).toEqual([expect.objectContaining({ media_id: imageId(all[4]!) })]);
  });

  it("forgets the id when Meta reports later that it could not use the file (failed status 131053)", async () => {
    const owner = await quietTenant();
    const fake = fakeProviders();
    restore = fake.restore;
    const { channel, conversationId } = await metaConversation(owner);
    const file = await upload(owner, bytesOf(2400, 25));
    const message = await sendFile(owner, conversationId, file);
    expect(await cacheRows(owner.tenant.id)).toHaveLength(1);

    const raw = JSON.stringify({
      object: "whatsapp_business_account",
      entry: [
        {
          id: "110000000000001",
          changes: [
            {
              field: "messages",
              value: {
                messaging_product: "whatsapp",
                metadata: { display_phone_number: "15550001111", phone_number_id: channel.phoneNumberId },
                statuses: [
                  {
                    id: message.providerMessageId,
                    status: "failed",
                    timestamp: String(Math.floor(Date.now() / 1000)),
                    recipient_id: "628111",
                    errors: [{ code: 131053, title: "Media upload error", message: "Media upload error", error_data: { details: "Media id is not valid" } }],
                  },
                ],
              },
            },
          ],
        },
      ],
    });
    expect((await postMeta(channel.id, raw, await signMeta(channel.appSecret, raw))).status).toBe(200);
    await eventually(async () => {
      const m = (await owner.callWithKey("GET", `/api/conversations/${conversationId}/messages`)).json.data.find((x: { id: string }) => x.id === message.id);
      expect(m.status).toBe("failed");
      // The id is forgotten after the status is stored, by the same job.
      expect(await cacheRows(owner.tenant.id)).toEqual([]);
    });
    await sendFile(owner, conversationId, file);
    expect(uploadsTo(fake.requests, channel)).toHaveLength(2);
  });

  it("never gives one tenant's id to another tenant's channel, even for the same bytes", async () => {
    const a = await quietTenant();
    const b = await quietTenant();
    const fake = fakeProviders();
    restore = fake.restore;
    const ca = await metaConversation(a);
    const cb = await metaConversation(b);
    const bytes = bytesOf(2400, 24);
    await sendFile(a, ca.conversationId, await upload(a, bytes));
    await sendFile(b, cb.conversationId, await upload(b, bytes));

    expect(uploadsTo(fake.requests, ca.channel)).toHaveLength(1);
    expect(uploadsTo(fake.requests, cb.channel)).toHaveLength(1);
    const idA = imageId(sendsTo(fake.requests, ca.channel)[0]!);
    const idB = imageId(sendsTo(fake.requests, cb.channel)[0]!);
    expect(idB).not.toBe(idA);
    expect((await cacheRows(a.tenant.id)).map((r) => [r.channel_id, r.media_id])).toEqual([[ca.channel.id, idA]]);
    expect((await cacheRows(b.tenant.id)).map((r) => [r.channel_id, r.media_id])).toEqual([[cb.channel.id, idB]]);
  });
});
