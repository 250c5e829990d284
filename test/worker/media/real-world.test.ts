// Real-world media deliveries (see test/fixtures/media/SOURCES.md), signed and
// posted as a provider would: each file is retrievable through the API with its
// type and hash, and every media message without text is answered or handed to
// a human — never left in silence.
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it } from "vitest";
import { connectMeta, postMeta, signMeta } from "../helpers/channels";
import { createTenant } from "../helpers/tenants";
import { eventually } from "../helpers/wait";
import { MEDIA_PHRASES } from "../../../worker/media/understand";
import { bytesOf, fakeProviders, sha256Hex } from "./helpers";
import imageCaption from "../../fixtures/media/netflie-image-caption.json?raw";
import image from "../../fixtures/media/bindambc-image.json?raw";
import voice from "../../fixtures/media/bindambc-audio-voice.json?raw";
import documentPdf from "../../fixtures/media/bindambc-document.json?raw";
import sticker from "../../fixtures/media/bindambc-sticker.json?raw";
import location from "../../fixtures/media/bindambc-location-url-only.json?raw";

let restore: (() => void) | null = null;
afterEach(() => {
  restore?.();
  restore = null;
});

/** The delivery addressed to this channel's number, sent now (so it is not stale); every other byte as published. */
const addressed = (raw: string, phoneNumberId: string) =>
  raw.replace(/("phone_number_id"\s*:\s*)"[^"]*"/g, `$1"${phoneNumberId}"`).replace(/("timestamp"\s*:\s*)"\d+"/g, `$1"${Math.floor(Date.now() / 1000)}"`);

const CASES = [
  { name: "image with a caption", raw: imageCaption, mediaId: "IMAGE_ID", mime: "image/jpeg", silentUnlessText: false },
  { name: "image", raw: image, mediaId: "8472976218001204", mime: "image/jpeg", silentUnlessText: true },
  { name: "voice note", raw: voice, mediaId: "827776106019109", mime: "audio/ogg", silentUnlessText: true },
  { name: "document", raw: documentPdf, mediaId: "848704520347750", mime: "application/pdf", silentUnlessText: true },
  { name: "sticker", raw: sticker, mediaId: "1604825680670873", mime: "image/webp", silentUnlessText: true },
  { name: "location without a name", raw: location, mediaId: null, mime: null, silentUnlessText: true },
] as const;

describe("real-world media deliveries", () => {
  for (const c of CASES) {
    it(`${c.name}: stored and retrievable with its type and hash; answered or handed off`, async () => {
      const owner = await createTenant();
      expect((await owner.callWithKey("PATCH", "/api/bot-settings", { burstSeconds: 0 })).status).toBe(200);
      const fake = fakeProviders();
      restore = fake.restore;
      const bytes = bytesOf(1500, c.name.length);
      if (c.mediaId) fake.files.set(c.mediaId, { bytes, mimeType: c.mime! });
      const channel = await connectMeta(owner);
      const raw = addressed(c.raw, channel.phoneNumberId);
      expect((await postMeta(channel.id, raw, await signMeta(channel.appSecret, raw))).status).toBe(200);

      const conversation = await eventually(async () => {
        const list = (await owner.callWithKey("GET", "/api/conversations")).json.data;
        expect(list.length).toBe(1);
        return list[0];
      });
      const received = await eventually(async () => {
        const msgs = (await owner.callWithKey("GET", `/api/conversations/${conversation.id}/messages`)).json.data;
        const inbound = msgs.find((m: { direction: string }) => m.direction === "inbound");
        expect(inbound).toBeDefined();
        if (c.mediaId) expect(inbound.media?.status).toBe("stored");
        return inbound;
      });

      if (c.mediaId) {
        expect(received.media).toMatchObject({ mimeType: c.mime, size: 1500, status: "stored" });
        const file = await owner.callWithKey("GET", received.media.url);
        expect(file.status).toBe(200);
        expect(file.headers.get("content-type")).toBe(c.mime);
        expect(file.headers.get("x-content-sha256")).toBe(await sha256Hex(bytes));
        const row = await env.DB.prepare("SELECT r2_key FROM media WHERE id = ?").bind(received.media.id).first<{ r2_key: string }>();
        expect(new Uint8Array(await (await env.MEDIA.get(row!.r2_key))!.arrayBuffer())).toEqual(bytes);
      }

      // Never silence: an answer or a handoff, with the customer told.
      const reply = await eventually(async () => {
        const out = (await owner.callWithKey("GET", `/api/conversations/${conversation.id}/messages`)).json.data.filter(
          (m: { direction: string }) => m.direction === "outbound",
        );
        expect(out.length).toBeGreaterThan(0);
        return out[out.length - 1];
      });
      if (c.silentUnlessText) {
        expect(reply.text).toBe(MEDIA_PHRASES.en.received);
        expect((await owner.callWithKey("GET", `/api/conversations/${conversation.id}`)).json.mode).toBe("human");
      }
    });
  }
});
