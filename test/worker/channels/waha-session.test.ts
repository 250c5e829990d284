// A WAHA channel's WhatsApp session managed from Parley, against a local fake
// WAHA: Parley sets the webhook itself, shows the QR code and the live state,
// and restarts a failed session.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { connectMeta } from "../helpers/channels";
import { ownershipAnswer } from "../helpers/graph-owner";
import { expectTenantIsolation } from "../helpers/isolation";
import { createTenant, inviteMember } from "../helpers/tenants";

// ---------------------------------------------------------------- the fake WAHA (one per base URL port)

interface FakeSession {
  status: string;
  config: any;
  me: { id: string; pushName: string } | null;
}
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const servers = new Map<string, { apiKey: string; sessions: Map<string, FakeSession>; calls: string[]; down: boolean }>();

beforeAll(() => {
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const owned = ownershipAnswer(input, init);
    if (owned) return owned;
    const url = new URL(String(input instanceof Request ? input.url : input));
    const server = servers.get(url.origin);
    if (!server) return new Response("no network in tests", { status: 599 });
    const method = init?.method ?? "GET";
    server.calls.push(`${method} ${url.pathname}${url.search}`);
    if (server.down) throw new TypeError("connection refused");
    if (new Headers(init?.headers).get("x-api-key") !== server.apiKey) return Response.json({ message: "Unauthorized" }, { status: 401 });
    const body = init?.body ? JSON.parse(String(init.body)) : null;
    let m: RegExpExecArray | null;
    if (method === "POST" && url.pathname === "/api/sessions") {
      if (server.sessions.has(body.name)) return Response.json({ message: "exists" }, { status: 422 });
      server.sessions.set(body.name, { status: "STOPPED", config: body.config, me: null });
      return Response.json({ name: body.name, status: "STOPPED" }, { status: 201 });
    }
    if ((m = /^\/api\/sessions\/([^/]+)$/.exec(url.pathname))) {
      const s = server.sessions.get(decodeURIComponent(m[1]!));
      if (!s) return Response.json({ message: "not found" }, { status: 404 });
      if (method === "PUT") s.config = body.config;
      return Response.json({ name: m[1], status: s.status, me: s.me, config: s.config });
    }
    if (method === "POST" && (m = /^\/api\/sessions\/([^/]+)\/(start|stop|restart)$/.exec(url.pathname))) {
      const s = server.sessions.get(decodeURIComponent(m[1]!));
      if (!s) return Response.json({ message: "not found" }, { status: 404 });
      s.status = m[2] === "stop" ? "STOPPED" : s.me ? "WORKING" : "SCAN_QR_CODE";
      return Response.json({ name: m[1], status: s.status });
    }
    if ((m = /^\/api\/([^/]+)\/auth\/qr$/.exec(url.pathname))) {
      return new Response(PNG, { headers: { "content-type": "image/png" } });
    }
    return new Response("not faked", { status: 404 });
  });
});

let port = 4100;
/** A WAHA channel whose baseUrl is its own fake server. */
async function wahaChannel(owner: Awaited<ReturnType<typeof createTenant>>) {
  const baseUrl = `http://127.0.0.1:${port++}`;
  const apiKey = "waha-key-" + crypto.randomUUID();
  const webhookSecret = "waha-hmac-" + crypto.randomUUID();
  const server = { apiKey, sessions: new Map<string, FakeSession>(), calls: [] as string[], down: false };
  servers.set(baseUrl, server);
  const res = await owner.callWithKey("POST", "/api/channels", { type: "waha", name: "Shop phone", baseUrl, session: "shop", apiKey, webhookSecret });
  expect(res.status, res.text).toBe(201);
  return { id: res.json.id as string, webhookUrl: res.json.webhookUrl as string, webhookSecret, server };
}

const channelRow = (id: string) => env.DB.prepare("SELECT status, attention_reason FROM channels WHERE id = ?").bind(id).first<{ status: string; attention_reason: string | null }>();

describe("WAHA session from the dashboard", () => {
  it("start creates the session with Parley's webhook (URL, events, HMAC), then shows the QR code to scan", async () => {
    const owner = await createTenant();
    const ch = await wahaChannel(owner);
    const before = await owner.callWithKey("GET", `/api/channels/${ch.id}/session`);
    expect(before.json).toEqual({ exists: false, status: "STOPPED", me: null });

    const started = await owner.callWithKey("POST", `/api/channels/${ch.id}/session/start`);
    expect(started.status, started.text).toBe(200);
    expect(started.json).toEqual({ exists: true, status: "SCAN_QR_CODE", me: null });
    expect(ch.server.sessions.get("shop")!.config).toEqual({
      webhooks: [
        {
          url: ch.webhookUrl,
          events: ["message.any", "message.reaction", "message.ack", "session.status"],
          hmac: { key: ch.webhookSecret },
          retries: { policy: "exponential", delaySeconds: 2, attempts: 10 },
        },
      ],
    });
    expect(await channelRow(ch.id)).toEqual({ status: "needs_attention", attention_reason: "The WAHA session needs its QR code scanned" });

    const qr = await owner.callWithKey("GET", `/api/channels/${ch.id}/session/qr`);
    expect(qr.status, qr.text).toBe(200);
    expect(qr.json).toEqual({ status: "SCAN_QR_CODE", qr: { mimeType: "image/png", data: btoa(String.fromCharCode(...PNG)) } });
    expect(qr.text).not.toContain(ch.webhookSecret);
    expect(started.text).not.toContain(ch.webhookSecret);
  });

  it("shows WORKING once the phone is paired, FAILED when it fails, and restart sets the webhook again and restarts", async () => {
    const owner = await createTenant();
    const ch = await wahaChannel(owner);
    await owner.callWithKey("POST", `/api/channels/${ch.id}/session/start`);
    const session = ch.server.sessions.get("shop")!;
    // The phone scanned the code.
    Object.assign(session, { status: "WORKING", me: { id: "6281234567890@c.us", pushName: "Toko Melati" } });
    const working = await owner.callWithKey("GET", `/api/channels/${ch.id}/session`);
    expect(working.json).toEqual({ exists: true, status: "WORKING", me: { id: "6281234567890@c.us", pushName: "Toko Melati" } });
    expect(await channelRow(ch.id)).toEqual({ status: "connected", attention_reason: null });
    expect((await owner.callWithKey("GET", `/api/channels/${ch.id}/session/qr`)).json).toEqual({ status: "WORKING", qr: null });

    session.status = "FAILED";
    session.config = { webhooks: [] }; // someone edited it in WAHA
    expect((await owner.callWithKey("GET", `/api/channels/${ch.id}/session`)).json.status).toBe("FAILED");
    expect(await channelRow(ch.id)).toMatchObject({ status: "needs_attention", attention_reason: expect.stringContaining("failed") });

    const calls = ch.server.calls.length;
    const restarted = await owner.callWithKey("POST", `/api/channels/${ch.id}/session/restart`);
    expect(restarted.json.status).toBe("WORKING");
    expect(ch.server.calls.slice(calls)).toEqual(["GET /api/sessions/shop", "PUT /api/sessions/shop", "POST /api/sessions/shop/restart", "GET /api/sessions/shop"]);
    expect(session.config.webhooks[0].url).toBe(ch.webhookUrl);
    expect(await channelRow(ch.id)).toEqual({ status: "connected", attention_reason: null });

    const stopped = await owner.callWithKey("POST", `/api/channels/${ch.id}/session/stop`);
    expect(stopped.json.status).toBe("STOPPED");
    expect(await channelRow(ch.id)).toMatchObject({ status: "needs_attention" });
  });

  it("explains what went wrong: WAHA down (503), a wrong API key (422 naming apiKey), a Meta channel (409), an unknown action (400)", async () => {
    const owner = await createTenant();
    const ch = await wahaChannel(owner);
    ch.server.down = true;
    const down = await owner.callWithKey("POST", `/api/channels/${ch.id}/session/start`);
    expect(down.status).toBe(503);
    expect(down.headers.get("content-type")).toContain("application/problem+json");
    ch.server.down = false;
    ch.server.apiKey = "rotated-in-waha";
    const refused = await owner.callWithKey("GET", `/api/channels/${ch.id}/session`);
    expect(refused.status).toBe(422);
    expect(refused.json.errors).toEqual([{ path: "apiKey", message: "WAHA rejected this API key" }]);
    const meta = await connectMeta(owner);
    expect((await owner.callWithKey("POST", `/api/channels/${meta.id}/session/start`)).status).toBe(409);
    expect((await owner.callWithKey("POST", `/api/channels/${ch.id}/session/logout`)).status).toBe(400);
  });

  it("agents see the state; only owners and admins change it or see the QR code", async () => {
    const owner = await createTenant();
    const ch = await wahaChannel(owner);
    const agent = await inviteMember(owner, "agent");
    expect((await agent.call("GET", `/api/channels/${ch.id}/session`)).status).toBe(200);
    expect((await agent.call("POST", `/api/channels/${ch.id}/session/start`)).status).toBe(403);
    expect((await agent.call("GET", `/api/channels/${ch.id}/session/qr`)).status).toBe(403);
    expect(ch.server.sessions.size).toBe(0);
  });

  it("keeps sessions inside their tenant", () =>
    expectTenantIsolation({
      create: async (a) => (await wahaChannel(a)).id,
      routes: [
        { method: "GET", path: (id) => `/api/channels/${id}/session` },
        { method: "GET", path: (id) => `/api/channels/${id}/session/qr` },
        { method: "POST", path: (id) => `/api/channels/${id}/session/stop` },
      ],
    }));
});
