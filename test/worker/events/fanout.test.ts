// The `events` consumer: fan-out to subscribed endpoints, idempotent under
// redelivery, and the shape of every request a subscriber receives.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createTenant } from "../helpers/tenants";
import {
  attemptsOf,
  createEndpoint,
  deliveriesOf,
  exampleEvent,
  fakeSubscriber,
  harness,
  row,
  runDeliveries,
  runEvents,
  verifyWith,
} from "./harness";

describe("event fan-out", () => {
  it("creates one delivery per matching enabled endpoint, once however often the event is redelivered", async () => {
    const owner = await createTenant();
    const h = harness();
    const everything = await createEndpoint(owner, { events: ["*"] });
    const matching = await createEndpoint(owner, { events: ["message.received", "message.sent"] });
    const other = await createEndpoint(owner, { events: ["contact.created"] });
    const disabled = await createEndpoint(owner, { events: ["*"] });
    await owner.call("PATCH", `/api/webhook-endpoints/${disabled.id}`, { enabled: false });
    const stranger = await createTenant();
    const strangers = await createEndpoint(stranger, { events: ["*"] });

    const event = exampleEvent(h, owner.tenant.id, "message.received");
    const result = await runEvents(h, [event]);
    expect(result.outcome).toBe("ok");
    expect(result.retryMessages).toEqual([]);
    const first = h.drain();
    expect(first.map((m) => m.body)).toEqual([
      expect.objectContaining({ kind: "scheduled", attempt: 1, tenantId: owner.tenant.id }),
      expect.objectContaining({ kind: "scheduled", attempt: 1, tenantId: owner.tenant.id }),
    ]);
    expect(first.every((m) => m.delaySeconds === 0)).toBe(true);

    // At-least-once: the same event again changes nothing but re-announces the unattempted deliveries.
    await runEvents(h, [event]);
    const again = h.drain();
    expect(again.map((m) => m.body)).toEqual(first.map((m) => m.body));
    for (const [endpoint, count] of [
      [everything, 1],
      [matching, 1],
      [other, 0],
      [disabled, 0],
      [strangers, 0],
    ] as const) {
      expect((await deliveriesOf(endpoint.id)).length, endpoint.url).toBe(count);
    }

    // Once attempted, a redelivered event sends nothing more.
    const sub = fakeSubscriber();
    await runDeliveries(h, first, { fetcher: sub.fetcher });
    expect(sub.requests).toHaveLength(2);
    await runEvents(h, [event]);
    expect(h.drain()).toEqual([]);
  });

  it("sends the stored body as a signed Standard Webhooks request that the reference library verifies", async () => {
    const owner = await createTenant();
    const h = harness();
    const endpoint = await createEndpoint(owner, { events: ["contact.created"] });
    const event = exampleEvent(h, owner.tenant.id, "contact.created");
    await runEvents(h, [event]);
    const sub = fakeSubscriber(() => new Response("thanks"));
    const result = await runDeliveries(h, h.drain(), { fetcher: sub.fetcher });
    expect(result.outcome).toBe("ok");
    expect(result.explicitAcks).toHaveLength(1);

    const [req] = sub.requests;
    expect(req).toMatchObject({ url: endpoint.url, method: "POST", redirect: "manual", hasSignal: true });
    expect(req!.headers).toMatchObject({
      "content-type": "application/json",
      "user-agent": expect.stringMatching(/^Parley-Webhooks\//),
      "webhook-id": event.id,
      "webhook-timestamp": String(Math.floor(h.clock.now / 1000)),
      "webhook-signature": expect.stringMatching(/^v1,[A-Za-z0-9+/]+=*$/),
    });
    const stored = await row<{ payload: string }>("webhook_events", event.id);
    expect(req!.body).toBe(stored.payload);
    expect(verifyWith(endpoint.secret, req!)).toEqual({ type: "contact.created", timestamp: event.timestamp, data: event.data });

    const [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery).toMatchObject({ status: "succeeded", attempts: 1, last_status_code: 200, next_attempt_at: null });
    expect(await attemptsOf(delivery!.id)).toEqual([
      expect.objectContaining({ trigger: "scheduled", succeeded: 1, status_code: 200, response_body: "thanks", error: null, url: endpoint.url }),
    ]);
    expect((await row<{ last_success_at: number }>("webhook_endpoints", endpoint.id)).last_success_at).toBe(h.clock.now);
  });

  it("keeps an event that does not match the catalogue as a dead letter instead of sending it", async () => {
    const owner = await createTenant();
    const h = harness();
    const endpoint = await createEndpoint(owner, { events: ["*"] });
    const bad = exampleEvent(h, owner.tenant.id, "message.received", { message: { id: "msg_only" } });
    const result = await runEvents(h, [bad]);
    expect(result.outcome).toBe("ok");
    expect(result.retryMessages).toEqual([]);
    expect(h.drain()).toEqual([]);
    expect(await deliveriesOf(endpoint.id)).toEqual([]);
    const dead = await env.DB.prepare("SELECT * FROM dead_letters WHERE tenant_id = ? AND queue = 'parley-events'").bind(owner.tenant.id).all<{ error: string; payload: string }>();
    expect(dead.results).toHaveLength(1);
    expect(dead.results[0]!.error).toMatch(/invalid event: message\.conversationId/);
    expect(JSON.parse(dead.results[0]!.payload)).toMatchObject({ id: bad.id, type: "message.received" });
  });
});
