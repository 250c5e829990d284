// The live feed: GET /api/realtime upgrades an authenticated dashboard client
// and forwards it to the tenant's RealtimeDO; events arrive as they happen and
// a client that reconnects with ?since=<cursor> catches up on exactly what it
// missed.
import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { LOG_MAX_EVENTS, type RealtimeDO } from "../../../worker/realtime/realtime-do";
import type { LoggedEvent } from "../../../worker/realtime/protocol";
import { request } from "../helpers/api";
import { createTenant, inviteMember, type TenantOwner } from "../helpers/tenants";
import { eventually } from "../helpers/wait";
import { connect, cookieHeaders, loggedSince, openSocket, realtimeOf } from "./helpers";

async function sandboxMessage(owner: TenantOwner, text: string, from = "+6281234567890") {
  const res = await owner.callWithKey("POST", "/api/sandbox/messages", { from, name: "Sari", text });
  expect(res.status, res.text).toBe(202);
  return res.json as { conversationId: string; messageId: string; contactId: string };
}

const isMessage = (messageId: string) => (e: LoggedEvent) =>
  e.type === "message.received" && (e.data as { message?: { id?: string } }).message?.id === messageId;

describe("GET /api/realtime", () => {
  it("a dashboard socket (session cookie) receives the event of a sandbox message", async () => {
    const owner = await createTenant();
    const socket = await connect("/api/realtime", cookieHeaders(owner.cookie));
    const ready = await socket.frame("ready");
    expect(ready.replayed).toBe(0);

    const sent = await sandboxMessage(owner, "Is the blue dress still available?");
    const event = await socket.event(isMessage(sent.messageId), "message.received for the sandbox message");
    expect(event.cursor).toBeGreaterThan(ready.cursor);
    expect(event.data).toMatchObject({
      message: { id: sent.messageId, conversationId: sent.conversationId, direction: "inbound", text: "Is the blue dress still available?" },
      conversation: { id: sent.conversationId },
    });
    // Cursors only grow, one per event.
    const cursors = socket.events().map((e) => e.cursor);
    expect(cursors).toEqual([...cursors].sort((a, b) => a - b));
    expect(new Set(cursors).size).toBe(cursors.length);
    socket.close();
  });

  it("after a disconnect, reconnecting with since=<cursor> replays exactly the missed events, then goes live", async () => {
    const owner = await createTenant();
    const first = await connect("/api/realtime", cookieHeaders(owner.cookie));
    await first.frame("ready");
    const sent = await sandboxMessage(owner, "Hello, I'd like to book a table");
    await first.event(isMessage(sent.messageId));
    const seen = first.events();
    const lastSeen = seen[seen.length - 1]!.cursor;
    first.close();
    await eventually(async () => expect(first.closed).not.toBeNull(), { what: "the first socket closed" });

    // While disconnected: changes by the API, each publishing one event.
    const conversation = `/api/conversations/${sent.conversationId}`;
    expect((await owner.call("POST", `${conversation}/close`)).status).toBe(200);
    expect((await owner.call("POST", `${conversation}/reopen`)).status).toBe(200);
    expect((await owner.call("POST", `${conversation}/assign`, { userId: owner.user.id })).status).toBe(200);
    expect((await owner.call("POST", `${conversation}/notes`, { text: "VIP: offer the terrace" })).status).toBe(201);

    const second = await connect(`/api/realtime?since=${lastSeen}`, cookieHeaders(owner.cookie));
    const ready = await second.frame("ready");
    const replayed = second.events().filter((e) => e.cursor <= ready.cursor);
    expect(ready.replayed).toBe(replayed.length);
    // Exactly the log after the cursor the client had: nothing it saw, no gap, in order.
    const log = (await loggedSince(owner.tenant.id, lastSeen)).filter((e) => e.cursor <= ready.cursor);
    expect(replayed.map((e) => [e.cursor, e.id])).toEqual(log.map((e) => [e.cursor, e.id]));
    expect(replayed.map((e) => e.cursor)).toEqual(replayed.map((_, i) => lastSeen + 1 + i));
    expect(replayed.some((e) => seen.some((s) => s.id === e.id))).toBe(false);
    const mine = replayed
      // The assistant may add its own events (a handoff) meanwhile; these are the ones this test caused.
      .filter((e) => e.type === "conversation.updated" || e.type === "conversation.note_created")
      .map((e) => (e.type === "conversation.updated" ? `updated:${(e.data as { change: string }).change}` : e.type));
    expect(mine).toEqual(["updated:closed", "updated:reopened", "updated:assigned", "conversation.note_created"]);

    // Live events follow the catch-up.
    expect((await owner.call("POST", `${conversation}/assign`, { userId: null })).status).toBe(200);
    const live = await second.event((e) => e.type === "conversation.updated" && (e.data as { change: string }).change === "unassigned");
    expect(live.cursor).toBeGreaterThan(ready.cursor);
    second.close();
  });

  it("tells a client whose cursor is too old or unknown to refetch (reset)", async () => {
    const owner = await createTenant();
    const stub = realtimeOf(owner.tenant.id);
    const total = LOG_MAX_EVENTS + 50;
    for (let i = 0; i < total; i += 100) {
      const batch = Array.from({ length: Math.min(100, total - i) }, (_, j) => ({
        id: `evt_test_${i + j}`,
        type: "contact.updated",
        timestamp: new Date().toISOString(),
        data: { n: i + j },
      }));
      await stub.publish(batch);
    }
    const old = await connect("/api/realtime?since=10", { authorization: `Bearer ${owner.apiKey}` });
    expect(await old.frame("reset")).toEqual({ type: "reset", cursor: total, reason: "cursor_too_old" });
    old.close();
    const future = await connect(`/api/realtime?since=${total + 5}`, { authorization: `Bearer ${owner.apiKey}` });
    expect(await future.frame("reset")).toEqual({ type: "reset", cursor: total, reason: "unknown_cursor" });
    future.close();
    // The last LOG_MAX_EVENTS are still there for a recent cursor.
    const recent = await connect(`/api/realtime?since=${total - 3}`, { authorization: `Bearer ${owner.apiKey}` });
    expect((await recent.frame("ready")).replayed).toBe(3);
    expect(recent.events().map((e) => e.cursor)).toEqual([total - 2, total - 1, total]);
    recent.close();
  });

  it("delivers an event once when a publisher retries it", async () => {
    const owner = await createTenant();
    const stub = realtimeOf(owner.tenant.id);
    const event = { id: "evt_retry_1", type: "contact.updated", timestamp: new Date().toISOString(), data: {} };
    expect(await stub.publish([event])).toEqual({ cursor: 1 });
    expect(await stub.publish([event])).toEqual({ cursor: 1 });
    expect(await loggedSince(owner.tenant.id, 0)).toHaveLength(1);
  });

  it("keeps sockets across hibernation: live events and ping still work", async () => {
    const owner = await createTenant();
    const socket = await connect("/api/realtime", { authorization: `Bearer ${owner.apiKey}` });
    const ready = await socket.frame("ready");
    const stub = realtimeOf(owner.tenant.id);
    await evictDurableObject(stub, { webSockets: "hibernate" });
    await stub.publish([{ id: "evt_after_hibernation", type: "contact.updated", timestamp: new Date().toISOString(), data: {} }]);
    const e = await socket.event((x) => x.id === "evt_after_hibernation");
    expect(e.cursor).toBe(ready.cursor + 1);
    const pong = new Promise<string>((resolve) => socket.ws.addEventListener("message", (m) => m.data === "pong" && resolve("pong")));
    socket.ws.send("ping");
    expect(await pong).toBe("pong");
    socket.close();
  });

  it("closes a socket whose session has expired (4001), and only that one", async () => {
    const owner = await createTenant();
    const agent = await inviteMember(owner, "agent");
    const ownerSocket = await connect("/api/realtime", cookieHeaders(owner.cookie));
    const agentSocket = await connect("/api/realtime", cookieHeaders(agent.cookie));
    await ownerSocket.frame("ready");
    await agentSocket.frame("ready");
    const stub = realtimeOf(owner.tenant.id);
    // Age the owner's session as stored on its socket.
    await runInDurableObject(stub, (_instance: RealtimeDO, state) => {
      for (const ws of state.getWebSockets(`user:${owner.user.id}`)) ws.serializeAttachment({ ...ws.deserializeAttachment(), expiresAt: Date.now() - 1 });
    });
    await stub.publish([{ id: "evt_wake", type: "contact.updated", timestamp: new Date().toISOString(), data: {} }]);
    await eventually(async () => expect(ownerSocket.closed?.code).toBe(4001), { what: "the expired session's socket closed" });
    await agentSocket.event((e) => e.id === "evt_wake");
    expect(agentSocket.closed).toBeNull();
    agentSocket.close();
  });

  it("closes the sockets of a removed member and of a revoked API key (4003)", async () => {
    const owner = await createTenant();
    const agent = await inviteMember(owner, "agent");
    const agentSocket = await connect("/api/realtime", cookieHeaders(agent.cookie));
    const keySocket = await connect("/api/realtime", { authorization: `Bearer ${owner.apiKey}` });
    const ownerSocket = await connect("/api/realtime", cookieHeaders(owner.cookie));
    await Promise.all([agentSocket.frame("ready"), keySocket.frame("ready"), ownerSocket.frame("ready")]);
    expect((await owner.call("DELETE", `/api/members/${agent.user.id}`)).status).toBe(204);
    await eventually(async () => expect(agentSocket.closed?.code).toBe(4003), { what: "the removed agent's socket closed" });
    expect((await owner.call("DELETE", `/api/api-keys/${owner.apiKeyId}`)).status).toBe(200);
    await eventually(async () => expect(keySocket.closed?.code).toBe(4003), { what: "the revoked key's socket closed" });
    // Everyone else stays connected and keeps receiving events.
    await realtimeOf(owner.tenant.id).publish([{ id: "evt_still_here", type: "contact.updated", timestamp: new Date().toISOString(), data: {} }]);
    await ownerSocket.event((e) => e.id === "evt_still_here");
    expect(ownerSocket.closed).toBeNull();
    ownerSocket.close();
  });
});

describe("GET /api/realtime refuses", () => {
  it("anonymous clients (401), foreign origins with a cookie (403), and plain GETs (400)", async () => {
    const owner = await createTenant();
    const anonymous = await openSocket("/api/realtime", {});
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    const foreign = await openSocket("/api/realtime", { cookie: owner.cookie, origin: "https://evil.example" });
    expect(foreign.status).toBe(403);
    const noOrigin = await openSocket("/api/realtime", { cookie: owner.cookie });
    expect(noOrigin.status).toBe(403);
    const plain = await request("GET", "/api/realtime", { cookie: owner.cookie });
    expect(plain.status).toBe(400);
    expect(plain.json.detail).toMatch(/WebSocket/);
    const badSince = await openSocket("/api/realtime?since=yesterday", { authorization: `Bearer ${owner.apiKey}` });
    expect(badSince.status).toBe(400);
    expect((await badSince.json<{ errors: { path: string }[] }>()).errors[0]!.path).toBe("since");
  });

  it("a tenant the caller does not belong to, and never leaks another tenant's events", async () => {
    const a = await createTenant();
    const b = await createTenant();
    const other = await openSocket("/api/realtime", { ...cookieHeaders(b.cookie), "x-tenant-id": a.tenant.id });
    expect(other.status).toBe(403);
    const bSocket = await connect("/api/realtime", cookieHeaders(b.cookie));
    const aSocket = await connect("/api/realtime", { authorization: `Bearer ${a.apiKey}` });
    await bSocket.frame("ready");
    const sent = await sandboxMessage(a, "secret order #4411");
    await aSocket.event(isMessage(sent.messageId));
    // A's events are in A's log only; B's socket and log never saw them.
    const bLog = await loggedSince(b.tenant.id, 0);
    expect(JSON.stringify(bLog)).not.toContain(sent.messageId);
    expect(JSON.stringify(bSocket.frames)).not.toContain("secret order");
    aSocket.close();
    bSocket.close();
  });

  it("reports the realtime object in the health check", async () => {
    const res = await request("GET", "/api/health");
    expect(res.json.checks.realtime).toEqual({ status: "up", latencyMs: expect.any(Number) });
  });

  it("closes the sockets a session opened when it logs out, and only those", async () => {
    const owner = await createTenant();
    const agent = await inviteMember(owner, "agent");
    const ownerSocket = await connect("/api/realtime", cookieHeaders(owner.cookie));
    const agentSocket = await connect("/api/realtime", cookieHeaders(agent.cookie));
    await Promise.all([ownerSocket.frame("ready"), agentSocket.frame("ready")]);
    expect((await owner.call("POST", "/api/auth/logout")).status).toBe(204);
    await eventually(async () => expect(ownerSocket.closed?.code).toBe(4003), { what: "the logged-out session's socket closed" });
    await realtimeOf(owner.tenant.id).publish([{ id: "evt_after_logout", type: "contact.updated", timestamp: new Date().toISOString(), data: {} }]);
    await agentSocket.event((e) => e.id === "evt_after_logout");
    expect(agentSocket.closed).toBeNull();
    agentSocket.close();
  });
});
