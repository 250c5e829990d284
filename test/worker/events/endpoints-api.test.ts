// The webhook endpoints API: contract shapes, validation, roles, audit and tenant isolation.
import { env } from "cloudflare:workers";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { request } from "../helpers/api";
import { expectTenantIsolation } from "../helpers/isolation";
import { createTenant, inviteMember } from "../helpers/tenants";
import { createEndpoint, deliveriesOf, row, settleDeliveries, subscriberUrl } from "./harness";
import { ownershipAnswer } from "../helpers/graph-owner";

// Test sends, replays and recoveries go through the real queue, whose consumer runs in this
// isolate: answer its requests here so nothing is sent anywhere. Never restored, because the
// consumer may still be working through the queue after a test has finished.
beforeAll(() => {
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => ownershipAnswer(input, init) ?? new Response("ok"));
});
afterAll(settleDeliveries);

async function auditActions(tenantId: string): Promise<Array<{ action: string; target_id: string; metadata: string | null }>> {
  const { results } = await env.DB.prepare("SELECT action, target_id, metadata FROM audit_log WHERE tenant_id = ? AND action LIKE 'webhook_%' ORDER BY id")
    .bind(tenantId)
    .all<{ action: string; target_id: string; metadata: string | null }>();
  return results;
}

describe("webhook endpoints API", () => {
  it("creates an endpoint and returns its whsec_ secret once, never again", async () => {
    const owner = await createTenant();
    const url = subscriberUrl();
    const res = await owner.callWithKey("POST", "/api/webhook-endpoints", { url, events: ["message.received", "contact.created"], description: "CRM sync" });
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({
      id: expect.stringMatching(/^ep_/),
      url,
      events: ["message.received", "contact.created"],
      description: "CRM sync",
      enabled: true,
      disabledReason: null,
      failingSince: null,
      rateLimitPerSecond: 50,
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{43}=$/),
    });
    const { id, secret } = res.json;

    const got = await owner.call("GET", `/api/webhook-endpoints/${id}`);
    expect(got.status).toBe(200);
    expect(got.json).not.toHaveProperty("secret");
    const list = await owner.call("GET", "/api/webhook-endpoints");
    expect(list.json.data.map((e: { id: string }) => e.id)).toContain(id);
    expect(list.json.nextCursor).toBeNull();
    for (const text of [got.text, list.text]) expect(text).not.toContain(secret.slice(6));

    // At rest the secret is encrypted, not stored as given.
    const stored = await row<{ secret: string }>("webhook_endpoints", id);
    expect(stored.secret).not.toContain(secret.slice(6));
    expect(stored.secret).toMatch(/^v\d+\./);
  });

  it("rejects invalid input with problem+json naming the field", async () => {
    const owner = await createTenant();
    const cases: Array<[unknown, string]> = [
      [{ events: ["*"] }, "url"],
      [{ url: "not a url", events: ["*"] }, "url"],
      [{ url: "ftp://example.com", events: ["*"] }, "url"],
      [{ url: subscriberUrl(), events: [] }, "events"],
      [{ url: subscriberUrl(), events: ["*", "message.sent"] }, "events"],
      [{ url: subscriberUrl(), events: ["message.teleported"] }, "events.0"],
      [{ url: subscriberUrl(), events: ["*"], rateLimitPerSecond: 0 }, "rateLimitPerSecond"],
    ];
    for (const [body, path] of cases) {
      const res = await owner.call("POST", "/api/webhook-endpoints", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect(res.json.errors.map((e: { path: string }) => e.path), JSON.stringify(body)).toContain(path);
    }
    const created = await createEndpoint(owner);
    const empty = await owner.call("PATCH", `/api/webhook-endpoints/${created.id}`, {});
    expect(empty.status).toBe(400);
    const badRange = await owner.call("POST", `/api/webhook-endpoints/${created.id}/recover`, { since: "2026-11-20T10:00:00Z", until: "2026-11-20T09:00:00Z" });
    expect(badRange.status).toBe(400);
    expect(badRange.json.errors[0].path).toBe("until");
  });

  it("updates, disables with a reason, re-enables and deletes", async () => {
    const owner = await createTenant();
    const { id } = await createEndpoint(owner);
    const url = subscriberUrl("moved");
    const updated = await owner.call("PATCH", `/api/webhook-endpoints/${id}`, { url, events: ["*"], description: "All events", rateLimitPerSecond: 5 });
    expect(updated.status, updated.text).toBe(200);
    expect(updated.json).toMatchObject({ url, events: ["*"], description: "All events", rateLimitPerSecond: 5 });

    const disabled = await owner.call("PATCH", `/api/webhook-endpoints/${id}`, { enabled: false });
    expect(disabled.json).toMatchObject({ enabled: false, disabledReason: "manual", disabledAt: expect.any(String) });
    const enabled = await owner.call("PATCH", `/api/webhook-endpoints/${id}`, { enabled: true, description: null });
    expect(enabled.json).toMatchObject({ enabled: true, disabledReason: null, disabledAt: null, failingSince: null, description: null });

    const test = await owner.call("POST", `/api/webhook-endpoints/${id}/test`);
    expect(test.status, test.text).toBe(202);
    const deleted = await owner.call("DELETE", `/api/webhook-endpoints/${id}`);
    expect(deleted.status).toBe(204);
    expect((await owner.call("GET", `/api/webhook-endpoints/${id}`)).status).toBe(404);
    // Its delivery log goes with it.
    expect(await deliveriesOf(id)).toEqual([]);
  });

  it("rotates the secret: a new one is returned and the old one keeps signing for 24 hours", async () => {
    const owner = await createTenant();
    const { id, secret } = await createEndpoint(owner);
    const before = Date.now();
    const res = await owner.callWithKey("POST", `/api/webhook-endpoints/${id}/rotate-secret`);
    expect(res.status, res.text).toBe(200);
    expect(res.json.secret).toMatch(/^whsec_/);
    expect(res.json.secret).not.toBe(secret);
    const expires = Date.parse(res.json.previousSecretExpiresAt);
    expect(expires - before).toBeGreaterThanOrEqual(24 * 3600_000);
    expect(expires - Date.now()).toBeLessThanOrEqual(24 * 3600_000);
    const got = await owner.call("GET", `/api/webhook-endpoints/${id}`);
    expect(got.json.previousSecretExpiresAt).toBe(res.json.previousSecretExpiresAt);
    expect(got.json.secretRotatedAt).toEqual(expect.any(String));
  });

  it("sends a test event and queues a replay, answering 202", async () => {
    const owner = await createTenant();
    const { id } = await createEndpoint(owner, { events: ["contact.created"] });
    const test = await owner.call("POST", `/api/webhook-endpoints/${id}/test`, {});
    expect(test.status, test.text).toBe(202);
    expect(test.json).toMatchObject({ id: expect.stringMatching(/^dlv_/), endpointId: id, eventType: "contact.created", eventId: expect.stringMatching(/^evt_/), test: true });
    const chosen = await owner.call("POST", `/api/webhook-endpoints/${id}/test`, { eventType: "credit.low" });
    expect(chosen.json.eventType).toBe("credit.low");

    const detail = await owner.call("GET", `/api/webhook-deliveries/${test.json.id}`);
    expect(detail.status).toBe(200);
    expect(detail.json.payload).toMatchObject({ type: "contact.created", timestamp: expect.any(String), data: { contact: expect.any(Object) } });
    expect(Array.isArray(detail.json.attemptLog)).toBe(true);

    const replay = await owner.call("POST", `/api/webhook-deliveries/${test.json.id}/replay`);
    expect(replay.status, replay.text).toBe(202);
    expect(replay.json).toMatchObject({ id: test.json.id, replayQueued: true });

    const log = await owner.call("GET", `/api/webhook-endpoints/${id}/deliveries?eventType=credit.low`);
    expect(log.status).toBe(200);
    expect(log.json.data).toHaveLength(1);
    expect(Object.keys(log.json.data[0])).toEqual(expect.arrayContaining(["id", "eventId", "eventType", "status", "attempts", "lastStatusCode", "nextAttemptAt", "createdAt"]));
  });

  it("writes an audit row for every change, with no secret in it", async () => {
    const owner = await createTenant();
    const { id, secret } = await createEndpoint(owner);
    await owner.call("PATCH", `/api/webhook-endpoints/${id}`, { description: "audited" });
    const rotated = await owner.call("POST", `/api/webhook-endpoints/${id}/rotate-secret`);
    const test = await owner.call("POST", `/api/webhook-endpoints/${id}/test`);
    await owner.call("POST", `/api/webhook-deliveries/${test.json.id}/replay`);
    await owner.call("POST", `/api/webhook-endpoints/${id}/recover`, { since: new Date(Date.now() - 3600_000).toISOString() });
    await owner.call("DELETE", `/api/webhook-endpoints/${id}`);
    const rows = await auditActions(owner.tenant.id);
    expect(rows.map((r) => r.action)).toEqual([
      "webhook_endpoint.created",
      "webhook_endpoint.updated",
      "webhook_endpoint.secret_rotated",
      "webhook_endpoint.test_sent",
      "webhook_delivery.replayed",
      "webhook_endpoint.recovered",
      "webhook_endpoint.deleted",
    ]);
    const all = JSON.stringify(rows);
    expect(all).not.toContain(secret.slice(6));
    expect(all).not.toContain(rotated.json.secret.slice(6));
  });

  it("caps endpoints per tenant", async () => {
    const owner = await createTenant();
    for (let i = 0; i < 50; i++) await createEndpoint(owner);
    const res = await owner.callWithKey("POST", "/api/webhook-endpoints", { url: subscriberUrl(), events: ["*"] });
    expect(res.status).toBe(422);
    expect(res.json.detail).toMatch(/at most 50/);
  });

  it("is for owners and admins: agents get 403 on every route", async () => {
    const owner = await createTenant();
    const { id } = await createEndpoint(owner);
    const test = await owner.call("POST", `/api/webhook-endpoints/${id}/test`);
    const admin = await inviteMember(owner, "admin");
    expect((await admin.call("GET", `/api/webhook-endpoints/${id}`)).status).toBe(200);
    const agent = await inviteMember(owner, "agent");
    const routes: Array<[string, string, unknown?]> = [
      ["POST", "/api/webhook-endpoints", { url: subscriberUrl(), events: ["*"] }],
      ["GET", "/api/webhook-endpoints"],
      ["GET", `/api/webhook-endpoints/${id}`],
      ["PATCH", `/api/webhook-endpoints/${id}`, { description: "x" }],
      ["DELETE", `/api/webhook-endpoints/${id}`],
      ["POST", `/api/webhook-endpoints/${id}/rotate-secret`],
      ["POST", `/api/webhook-endpoints/${id}/test`, {}],
      ["POST", `/api/webhook-endpoints/${id}/recover`, { since: "2026-01-01T00:00:00Z" }],
      ["GET", `/api/webhook-endpoints/${id}/deliveries`],
      ["GET", "/api/webhook-deliveries"],
      ["GET", `/api/webhook-deliveries/${test.json.id}`],
      ["POST", `/api/webhook-deliveries/${test.json.id}/replay`],
    ];
    for (const [method, path, body] of routes) {
      const res = await agent.call(method, path, body);
      expect(res.status, `${method} ${path}: ${res.text}`).toBe(403);
    }
    expect((await agent.call("GET", "/api/webhook-event-types")).status).toBe(200);
    expect((await request("GET", "/api/webhook-endpoints")).status).toBe(401);
  });

  it("lists the event catalogue and documents every route in OpenAPI", async () => {
    const owner = await createTenant();
    const types = await owner.call("GET", "/api/webhook-event-types");
    expect(types.json.data.map((t: { type: string }) => t.type)).toContain("message.received");
    const doc = await request("GET", "/api/openapi.json");
    const paths = Object.keys(doc.json.paths);
    for (const p of [
      "/api/webhook-endpoints",
      "/api/webhook-endpoints/{id}",
      "/api/webhook-endpoints/{id}/rotate-secret",
      "/api/webhook-endpoints/{id}/test",
      "/api/webhook-endpoints/{id}/recover",
      "/api/webhook-endpoints/{id}/deliveries",
      "/api/webhook-deliveries",
      "/api/webhook-deliveries/{id}",
      "/api/webhook-deliveries/{id}/replay",
    ]) {
      expect(paths).toContain(p);
    }
  });
});

describe("webhook tenant isolation", () => {
  it("keeps endpoints inside their tenant", () =>
    expectTenantIsolation({
      create: async (a) => {
        const res = await a.call("POST", "/api/webhook-endpoints", { url: subscriberUrl("a-private"), events: ["*"], description: "a-private-description" });
        return { id: res.json.id, data: [res.json.url, "a-private-description", res.json.secret] };
      },
      routes: [
        { method: "GET", path: (id) => `/api/webhook-endpoints/${id}`, ownerStatus: 200 },
        { method: "GET", path: (id) => `/api/webhook-endpoints/${id}/deliveries`, ownerStatus: 200 },
        { method: "PATCH", path: (id) => `/api/webhook-endpoints/${id}`, body: { description: "changed" }, ownerStatus: 200 },
        { method: "POST", path: (id) => `/api/webhook-endpoints/${id}/rotate-secret`, ownerStatus: 200 },
        { method: "POST", path: (id) => `/api/webhook-endpoints/${id}/test`, body: {}, ownerStatus: 202 },
        { method: "POST", path: (id) => `/api/webhook-endpoints/${id}/recover`, body: { since: "2026-01-01T00:00:00Z" }, ownerStatus: 202 },
        { method: "DELETE", path: (id) => `/api/webhook-endpoints/${id}`, ownerStatus: 204 },
      ],
      lists: ["/api/webhook-endpoints"],
    }));

  it("keeps deliveries inside their tenant", () =>
    expectTenantIsolation({
      create: async (a) => {
        const ep = await a.call("POST", "/api/webhook-endpoints", { url: subscriberUrl("a-private"), events: ["*"] });
        const test = await a.call("POST", `/api/webhook-endpoints/${ep.json.id}/test`, { eventType: "contact.created" });
        return { id: test.json.id, data: [ep.json.id, ep.json.url, test.json.eventId] };
      },
      routes: [
        { method: "GET", path: (id) => `/api/webhook-deliveries/${id}`, ownerStatus: 200 },
        { method: "POST", path: (id) => `/api/webhook-deliveries/${id}/replay`, ownerStatus: 202 },
      ],
      lists: ["/api/webhook-deliveries"],
    }));

  it("answers 404 for another tenant's endpoint in the tenant-wide delivery filter", async () => {
    const a = await createTenant();
    const b = await createTenant();
    const { id } = await createEndpoint(a);
    const res = await b.call("GET", `/api/webhook-deliveries?endpointId=${id}`);
    expect(res.status).toBe(404);
  });
});
