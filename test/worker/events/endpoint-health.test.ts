// What deliveries do to an endpoint, and what an endpoint's state does to
// deliveries: 410 Gone, the 5-day auto-disable, the throughput cap, deletion,
// production URL rules at send time, and the dead-letter queue.
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Limiter } from "../../../worker/events/deliver";
import { handleDeliveryDeadLetters } from "../../../worker/events/delivery-dlq";
import { replayDelivery, sendTestEvent } from "../../../worker/events/deliveries";
import { createTenant } from "../helpers/tenants";
import { attemptsOf, createEndpoint, deliveriesOf, exampleEvent, fakeSubscriber, harness, row, runDeliveries, runEvents, runNext, runUntilQuiet } from "./harness";

const DAY = 86_400_000;
const failing = () => fakeSubscriber(() => new Response("broken", { status: 500 }));

async function disabledAudits(tenantId: string) {
  const { results } = await env.DB.prepare("SELECT actor_type, target_id, metadata FROM audit_log WHERE tenant_id = ? AND action = 'webhook_endpoint.disabled'")
    .bind(tenantId)
    .all();
  return results;
}

interface EndpointRow {
  enabled: number;
  disabled_reason: string | null;
  disabled_at: number | null;
  failing_since: number | null;
}

describe("410 Gone", () => {
  it("disables the endpoint at once, fails the delivery, and stops its other deliveries", async () => {
    const owner = await createTenant();
    const h = harness();
    const endpoint = await createEndpoint(owner);
    await runEvents(h, [exampleEvent(h, owner.tenant.id), exampleEvent(h, owner.tenant.id)]);
    const [first, second] = h.drain();
    const sub = fakeSubscriber(() => new Response("unsubscribed", { status: 410 }));
    await runDeliveries(h, [first!], { fetcher: sub.fetcher });
    expect(h.drain()).toEqual([]);
    await runDeliveries(h, [second!], { fetcher: sub.fetcher });

    expect(sub.requests).toHaveLength(1);
    const [a, b] = await deliveriesOf(endpoint.id);
    expect(a).toMatchObject({ status: "failed", attempts: 1, last_status_code: 410, next_attempt_at: null, last_error: expect.stringMatching(/410 Gone/) });
    expect(b).toMatchObject({ status: "failed", attempts: 0, last_error: "not sent: the endpoint is disabled (gone)" });
    const api = await owner.call("GET", `/api/webhook-endpoints/${endpoint.id}`);
    expect(api.json).toMatchObject({ enabled: false, disabledReason: "gone", disabledAt: expect.any(String) });
    expect(await disabledAudits(owner.tenant.id)).toEqual([{ actor_type: "system", target_id: endpoint.id, metadata: '{"reason":"gone"}' }]);

    // A disabled endpoint gets no new deliveries.
    await runEvents(h, [exampleEvent(h, owner.tenant.id)]);
    expect(h.drain()).toEqual([]);
  });
});

describe("auto-disable", () => {
  async function failAt(h: ReturnType<typeof harness>, tenantId: string, at: number) {
    h.clock.now = at;
    await runEvents(h, [exampleEvent(h, tenantId)]);
    // Only the first attempt of each event: its retries are not needed to keep the streak going.
    await runNext(h, { fetcher: failing().fetcher });
    h.drain();
  }

  it("disables an endpoint whose deliveries have failed continuously for 5 days, and flags it in the API", async () => {
    const owner = await createTenant();
    const t0 = Date.now();
    const h = harness({ now: t0 });
    const endpoint = await createEndpoint(owner);

    await failAt(h, owner.tenant.id, t0);
    expect(await row<EndpointRow>("webhook_endpoints", endpoint.id)).toMatchObject({ enabled: 1, failing_since: t0 });
    await failAt(h, owner.tenant.id, t0 + 4 * DAY);
    await failAt(h, owner.tenant.id, t0 + 5 * DAY - 60_000);
    expect(await row<EndpointRow>("webhook_endpoints", endpoint.id)).toMatchObject({ enabled: 1, failing_since: t0 });

    await failAt(h, owner.tenant.id, t0 + 5 * DAY);
    expect(await row<EndpointRow>("webhook_endpoints", endpoint.id)).toMatchObject({ enabled: 0, disabled_reason: "failing", disabled_at: t0 + 5 * DAY, failing_since: t0 });
    const api = await owner.call("GET", `/api/webhook-endpoints/${endpoint.id}`);
    expect(api.json).toMatchObject({ enabled: false, disabledReason: "failing", failingSince: new Date(t0).toISOString() });
    expect(await disabledAudits(owner.tenant.id)).toEqual([{ actor_type: "system", target_id: endpoint.id, metadata: '{"reason":"failing"}' }]);
    const last = (await deliveriesOf(endpoint.id)).at(-1);
    expect(last).toMatchObject({ status: "failed", next_attempt_at: null, last_error: expect.stringMatching(/disabled after failing continuously for 5 days/) });

    // Re-enabling clears the flag and starts a fresh streak.
    const enabled = await owner.call("PATCH", `/api/webhook-endpoints/${endpoint.id}`, { enabled: true });
    expect(enabled.json).toMatchObject({ enabled: true, disabledReason: null, failingSince: null });
  });

  it("restarts the clock after a success", async () => {
    const owner = await createTenant();
    const t0 = Date.now();
    const h = harness({ now: t0 });
    const endpoint = await createEndpoint(owner);
    await failAt(h, owner.tenant.id, t0);
    h.clock.now = t0 + 3 * DAY;
    await runEvents(h, [exampleEvent(h, owner.tenant.id)]);
    await runNext(h, { fetcher: fakeSubscriber().fetcher });
    await failAt(h, owner.tenant.id, t0 + 6 * DAY);
    expect(await row<EndpointRow>("webhook_endpoints", endpoint.id)).toMatchObject({ enabled: 1, failing_since: t0 + 6 * DAY });
  });

  it("never counts replays or test sends", async () => {
    const owner = await createTenant();
    const t0 = Date.now();
    const h = harness({ now: t0 });
    const endpoint = await createEndpoint(owner);
    await failAt(h, owner.tenant.id, t0);
    const [delivery] = await deliveriesOf(endpoint.id);
    h.clock.now = t0 + 6 * DAY;
    await replayDelivery(h.tenantCtx(owner), delivery!.id);
    await runNext(h, { fetcher: failing().fetcher });
    expect(await attemptsOf(delivery!.id)).toEqual([expect.objectContaining({ trigger: "scheduled" }), expect.objectContaining({ trigger: "replay", succeeded: 0 })]);
    expect(await row<EndpointRow>("webhook_endpoints", endpoint.id)).toMatchObject({ enabled: 1, failing_since: t0 });
  });

  it("follows WEBHOOK_AUTO_DISABLE_DAYS, where 0 never disables", async () => {
    const owner = await createTenant();
    const t0 = Date.now();
    const oneDay = harness({ now: t0, autoDisableDays: 1 });
    const endpoint = await createEndpoint(owner);
    await failAt(oneDay, owner.tenant.id, t0);
    await failAt(oneDay, owner.tenant.id, t0 + DAY);
    expect(await row<EndpointRow>("webhook_endpoints", endpoint.id)).toMatchObject({ enabled: 0, disabled_reason: "failing" });

    const other = await createTenant();
    const never = harness({ now: t0, autoDisableDays: 0 });
    const kept = await createEndpoint(other);
    await failAt(never, other.tenant.id, t0);
    await failAt(never, other.tenant.id, t0 + 30 * DAY);
    expect(await row<EndpointRow>("webhook_endpoints", kept.id)).toMatchObject({ enabled: 1, failing_since: t0 });
  });
});

describe("throughput cap", () => {
  it("defers deliveries over the endpoint's cap instead of failing them", async () => {
    const owner = await createTenant();
    const h = harness();
    const endpoint = await createEndpoint(owner, { rateLimitPerSecond: 3 });
    const calls: Array<{ name: string; limit: number; windowMs: number; key: string }> = [];
    let allowed = false;
    const limiter: Limiter = async (_env, p, key) => {
      calls.push({ name: p.name, ...p.policy, key });
      return { allowed, limit: p.policy.limit, remaining: 0, resetAt: Date.now() + 1000 };
    };
    const sub = fakeSubscriber();
    await runEvents(h, [exampleEvent(h, owner.tenant.id)]);
    const [original] = h.drain();
    await runDeliveries(h, [original!], { fetcher: sub.fetcher, limiter, random: () => 0 });

    expect(calls).toEqual([{ name: "webhookEndpoint", limit: 3, windowMs: 1000, key: endpoint.id }]);
    expect(sub.requests).toEqual([]);
    const [deferred] = h.drain();
    expect(deferred!.body).toEqual(original!.body);
    expect(deferred!.delaySeconds).toBeGreaterThanOrEqual(1);
    expect(deferred!.delaySeconds).toBeLessThanOrEqual(3);
    expect(await deliveriesOf(endpoint.id)).toEqual([expect.objectContaining({ status: "pending", attempts: 0 })]);

    allowed = true;
    await runDeliveries(h, [deferred!], { fetcher: sub.fetcher, limiter });
    expect(sub.requests).toHaveLength(1);
    expect(await deliveriesOf(endpoint.id)).toEqual([expect.objectContaining({ status: "succeeded", attempts: 1 })]);
  });

  it("counts through the RateLimiter Durable Object: a cap of 1/s lets at most 2 of 3 simultaneous deliveries through", async () => {
    const owner = await createTenant();
    const h = harness();
    await createEndpoint(owner, { rateLimitPerSecond: 1 });
    await runEvents(h, [exampleEvent(h, owner.tenant.id), exampleEvent(h, owner.tenant.id), exampleEvent(h, owner.tenant.id)]);
    const sub = fakeSubscriber();
    await runDeliveries(h, h.drain(), { fetcher: sub.fetcher });
    const deferred = h.drain();
    // Three hits can straddle at most one window boundary, so 1 or 2 pass and the rest wait.
    expect(sub.requests.length).toBeGreaterThanOrEqual(1);
    expect(sub.requests.length).toBeLessThanOrEqual(2);
    expect(sub.requests.length + deferred.length).toBe(3);
  });
});

describe("endpoint state at send time", () => {
  it("sends nothing for a deleted endpoint's queued deliveries", async () => {
    const owner = await createTenant();
    const h = harness();
    const endpoint = await createEndpoint(owner);
    await runEvents(h, [exampleEvent(h, owner.tenant.id)]);
    await owner.call("DELETE", `/api/webhook-endpoints/${endpoint.id}`);
    const sub = fakeSubscriber();
    const result = await runDeliveries(h, h.drain(), { fetcher: sub.fetcher });
    expect(result.explicitAcks).toHaveLength(1);
    expect(sub.requests).toEqual([]);
  });

  it("re-checks the URL rules in production, failing the delivery without calling the URL", async () => {
    const owner = await createTenant();
    const endpoint = await createEndpoint(owner); // http on loopback, fine in development
    const h = harness({ production: true });
    await runEvents(h, [exampleEvent(h, owner.tenant.id)]);
    const sub = fakeSubscriber();
    await runUntilQuiet(h, { fetcher: sub.fetcher });
    expect(sub.requests).toEqual([]);
    const [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery).toMatchObject({ status: "failed", attempts: 1, last_error: "not sent: the URL must use https" });
  });

  it("marks deliveries whose messages exhausted the queue's retries as failed, so they can be replayed", async () => {
    const owner = await createTenant();
    const h = harness();
    const endpoint = await createEndpoint(owner);
    await runEvents(h, [exampleEvent(h, owner.tenant.id)]);
    const [msg] = h.drain();
    const batch = createMessageBatch("parley-webhook-deliveries-dlq", [{ id: "dead-1", timestamp: new Date(), attempts: 6, body: msg!.body }]);
    const ec = createExecutionContext();
    await handleDeliveryDeadLetters(h.ctx, batch);
    expect((await getQueueResult(batch, ec)).ackAll).toBe(true);
    const failed = await owner.call("GET", `/api/webhook-endpoints/${endpoint.id}/deliveries?status=failed`);
    expect(failed.json.data).toEqual([expect.objectContaining({ status: "failed", attempts: 0, lastError: expect.stringMatching(/replay it/) })]);

    // A test send that never ran ends failed too, and no longer shows a queued replay.
    const test = await sendTestEvent(h.tenantCtx(owner), endpoint.id, {});
    const [manual] = h.drain();
    await handleDeliveryDeadLetters(h.ctx, createMessageBatch("parley-webhook-deliveries-dlq", [{ id: "dead-2", timestamp: new Date(), attempts: 6, body: manual!.body }]));
    const detail = await owner.call("GET", `/api/webhook-deliveries/${test.id}`);
    expect(detail.json).toMatchObject({ status: "failed", replayQueued: false, attempts: 0 });
  });
});
