// A fake Graph API and WAHA server for media tests (behind the global fetch the
// worker uses), and Meta/WAHA webhook bodies carrying media.
import { vi } from "vitest";
import type { MetaChannel } from "../helpers/channels";
import { ownershipAnswer } from "../helpers/graph-owner";

export const GRAPH = "http://127.0.0.1:9/v21.0";
export const CDN = "https://lookaside.fbsbx.test/whatsapp_business/attachments";

export interface SeenRequest {
  url: string;
  method: string;
  headers: Headers;
  body: unknown;
}

export interface FakeFile {
  bytes: Uint8Array;
  mimeType: string;
  /** What Graph declares as file_size (default: the real size). */
  declaredSize?: number;
  /** How many download attempts answer 404 (an expired URL) before the file is served. */
  expiredTimes?: number;
}

/**
 * Serves Meta's two-step download (GET /{media-id} → JSON with a URL, GET URL → bytes, both with
 * the channel's token), uploads (POST /{phone}/media) and sends (POST /{phone}/messages), and
 * WAHA's files and sendImage/sendFile. Unknown media ids are 404, like Graph; a send naming one of
 * `staleMediaIds` is refused as Graph refuses an expired upload.
 */
export function fakeProviders(opts: { token?: string; wahaKey?: string; staleMediaIds?: Set<string> } = {}) {
  const files = new Map<string, FakeFile>();
  const requests: SeenRequest[] = [];
  let sent = 0;
  const spy = vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const owned = ownershipAnswer(input as RequestInfo, init);
    if (owned) return owned;
    const req = new Request(input as RequestInfo, init);
    const url = new URL(req.url);
    let body: unknown = null;
    const type = req.headers.get("content-type") ?? "";
    if (type.includes("json")) body = await req.clone().json();
    else if (type.includes("multipart")) body = await req.clone().formData();
    requests.push({ url: req.url, method: req.method, headers: req.headers, body });
    const authorized = !opts.token || req.headers.get("authorization") === `Bearer ${opts.token}`;

    if (req.url.startsWith(CDN)) {
      if (!authorized) return new Response("no token", { status: 401 });
      const id = url.searchParams.get("mid")!;
      const f = files.get(id);
      if (!f) return new Response("gone", { status: 404 });
      if ((f.expiredTimes ?? 0) > 0) {
        f.expiredTimes!--;
        return new Response("expired", { status: 404 });
      }
      return new Response(f.bytes, { headers: { "content-type": f.mimeType } });
    }
    if (req.url.startsWith(GRAPH)) {
      const path = url.pathname.replace(/^\/v21\.0\//, "");
      if (!authorized) return Response.json({ error: { code: 190, message: "Invalid OAuth access token" } }, { status: 401 });
      if (req.method === "POST" && path.endsWith("/media")) return Response.json({ id: `upl${++sent}` });
      if (req.method === "POST" && path.endsWith("/messages")) {
        // A media id Meta no longer has (past its 30 days): refused the way Graph does.
        const stale = [...(opts.staleMediaIds ?? [])].find((id) => JSON.stringify(body).includes(`"id":"${id}"`));
        if (stale) {
          return Response.json(
            { error: { message: "(#100) Param image.id is not a valid whatsapp business account media attachment ID", type: "OAuthException", code: 100, fbtrace_id: "t" } },
            { status: 400 },
          );
        }
        return Response.json({ messages: [{ id: `wamid.SENT${++sent}` }] });
      }
      const f = files.get(path);
      if (!f) return Response.json({ error: { code: 100, message: "Unsupported get request" } }, { status: 404 });
      return Response.json({
        url: `${CDN}/?mid=${path}&ext=1&hash=x${requests.length}`,
        mime_type: f.mimeType,
        sha256: "ignored",
        file_size: f.declaredSize ?? f.bytes.byteLength,
        id: path,
        messaging_product: "whatsapp",
      });
    }
    if (url.origin === "http://127.0.0.1:3999") {
      if (opts.wahaKey && req.headers.get("x-api-key") !== opts.wahaKey) return new Response("unauthorized", { status: 401 });
      if (url.pathname.startsWith("/api/files/")) {
        const f = files.get(url.pathname);
        return f ? new Response(f.bytes, { headers: { "content-type": f.mimeType, "content-length": String(f.bytes.byteLength) } }) : new Response("nope", { status: 404 });
      }
      if (url.pathname === "/api/sendImage" || url.pathname === "/api/sendFile" || url.pathname === "/api/sendText") {
        return Response.json({ id: `true_628111@c.us_SENT${++sent}` });
      }
    }
    return new Response("not faked", { status: 599 });
  });
  return { files, requests, restore: () => spy.mockRestore() };
}

export function bytesOf(size: number, seed = 7): Uint8Array {
  const b = new Uint8Array(size);
  for (let i = 0; i < size; i++) b[i] = (i * 31 + seed) & 0xff;
  return b;
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return [...new Uint8Array(await crypto.subtle.digest("SHA-256", bytes))].map((x) => x.toString(16).padStart(2, "0")).join("");
}

const digits = (n: number) => Array.from(crypto.getRandomValues(new Uint8Array(n)), (b) => String(b % 10)).join("");

/** A Meta delivery of one media message (image, sticker, audio, video, document) or a location. */
export function metaMediaPayload(
  channel: Pick<MetaChannel, "phoneNumberId">,
  type: "image" | "sticker" | "audio" | "video" | "document" | "location",
  body: Record<string, unknown>,
  opts: { from?: string } = {},
) {
  const from = opts.from ?? "628" + digits(9);
  const id = `wamid.MEDIA${crypto.randomUUID().replace(/-/g, "")}`;
  const payload = {
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
              contacts: [{ profile: { name: "Ana Souza" }, wa_id: from }],
              messages: [{ from, id, timestamp: String(Math.floor(Date.now() / 1000)), type, [type]: body }],
            },
          },
        ],
      },
    ],
  };
  return { raw: JSON.stringify(payload), from, id };
}
