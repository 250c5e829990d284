// Secret rotation (both secrets sign for 24 h), replay re-signed with the
// current secret, recover over a time range, and test sends.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Limiter } from "../../../worker/events/deliver";
import { RECOVER_PAGE_SIZE, recoverEndpoint } from "../../../worker/events/recover";
import { replayDelivery, sendTestEvent } from "../../../worker/events/deliveries";
import { rotateSecret } from "../../../worker/events/endpoints";
import { createTenant } from "../helpers/tenants";
import {
  attemptsOf,
  createEndpoint,
  deliveriesOf,
  exampleEvent,
  expectRejects,
  expectVerifies,
  fakeSubscriber,
  harness,
  row,
  runEvents,
  runNext,
  runUntilQuiet,
} from "./harness";

const HOUR = 3_600_000;
const failing = () => fakeSubscriber(() => new Response("broken", { status: 500 }));
const unlimited: Limiter = async (_env, p) => ({ allowed: true, limit: p.policy.limit, remaining: p.policy.limit, resetAt: Date.now() + 1000 });

describe("secret rotation", () => {
  it("signs with both secrets for 24 hours, then with the new one only", async () => {
    const owner = await createTenant();
    const endpoint = await createEndpoint(owner);
    const rotated = await owner.callWithKey("POST", `/api/webhook-endpoints/${endpoint.id}/rotate-secret`);
    expect(rotated.status).toBe(200);
    const newSecret: string = rotated.json.secret;

    const h = harness();
    await runEvents(h, [exampleEvent(h, owner.tenant.id)]);
    const during = fakeSubscriber();
    await runNext(h, { fetcher: during.fetcher });
    const [req] = during.requests;
    expect(req!.headers["webhook-signature"]!.split(" ")).toHaveLength(2);
    expectVerifies(newSecret, req!);
    expectVerifies(endpoint.secret, req!);

    h.clock.now = Date.parse(rotated.json.previousSecretExpiresAt) + 1000;
    await runEvents(h, [exampleEvent(h, owner.tenant.id)]);
    const after = fakeSubscriber();
    await runNext(h, { fetcher: after.fetcher });
    const [later] = after.requests;
    expect(later!.headers["webhook-signature"]!.split(" ")).toHaveLength(1);
    expectVerifies(newSecret, later!);
    expectRejects(endpoint.secret, later!);
  });
});

describe("replay", () => {
  it("re-sends a failed delivery with the same webhook-id, signed with the current secret, as a replay attempt", async () => {
    const owner = await createTenant();
    const h = harness();
    const endpoint = await createEndpoint(owner);
    const event = exampleEvent(h, owner.tenant.id);
    await runEvents(h, [event]);
    await runUntilQuiet(h, { fetcher: failing().fetcher });
    const [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery).toMatchObject({ status: "failed", attempts: 8 });
    const streak = (await row<{ failing_since: number }>("webhook_endpoints", endpoint.id)).failing_since;

    const t = h.tenantCtx(owner);
    const { secret: current } = await rotateSecret(t, endpoint.id);
    h.clock.now += 25 * HOUR; // past the overlap: only the current secret signs
    const queued = await replayDelivery(t, delivery!.id);
    expect(queued).toMatchObject({ id: delivery!.id, status: "failed", replayQueued: true });

    const sub = fakeSubscriber();
    await runNext(h, { fetcher: sub.fetcher });
    const [req] = sub.requests;
    expect(req!.headers["webhook-id"]).toBe(event.id);
    expect(req!.headers["webhook-timestamp"]).toBe(String(Math.floor(h.clock.now / 1000)));
    expectVerifies(current, req!);
    expectRejects(endpoint.secret, req!);
    expect(h.drain()).toEqual([]); // a replay is one attempt, never a new schedule

    const detail = await owner.call("GET", `/api/webhook-deliveries/${delivery!.id}`);
    expect(detail.json).toMatchObject({ status: "succeeded", attempts: 9, lastStatusCode: 200, replayQueued: false, payload: { type: event.type, timestamp: event.timestamp } });
    expect(detail.json.attemptLog[0]).toMatchObject({ trigger: "replay", status: "succeeded", statusCode: 200 });
    expect(detail.json.attemptLog.slice(1).every((a: { trigger: string }) => a.trigger === "scheduled")).toBe(true);
    // Replays never touch the failure streak that drives auto-disable.
    expect((await row<{ failing_since: number }>("webhook_endpoints", endpoint.id)).failing_since).toBe(streak);
  });

  it("sends once when a replay is asked for again before it ran", async () => {
    const owner = await createTenant();
    const h = harness();
    const endpoint = await createEndpoint(owner);
    await runEvents(h, [exampleEvent(h, owner.tenant.id)]);
    await runNext(h, { fetcher: fakeSubscriber().fetcher });
    const [delivery] = await deliveriesOf(endpoint.id);
    const t = h.tenantCtx(owner);
    await replayDelivery(t, delivery!.id);
    await replayDelivery(t, delivery!.id);
    const sub = fakeSubscriber();
    await runNext(h, { fetcher: sub.fetcher });
    expect(sub.requests).toHaveLength(1);
  });
});

describe("recover", () => {
  it("re-sends every failed delivery created in the range, and nothing else", async () => {
    const owner = await createTenant();
    const t0 = Date.now() - 10 * HOUR;
    const h = harness({ now: t0 });
    const endpoint = await createEndpoint(owner);
    const events = [];
    for (let i = 0; i < 4; i++) {
      h.clock.now = t0 + i * HOUR;
      const e = exampleEvent(h, owner.tenant.id);
      events.push(e);
      await runEvents(h, [e]);
    }
    await runUntilQuiet(h, { fetcher: failing().fetcher });
    expect((await deliveriesOf(endpoint.id)).map((d) => d.status)).toEqual(["failed", "failed", "failed", "failed"]);

    const range = { since: new Date(t0 + 0.5 * HOUR).toISOString(), until: new Date(t0 + 2.5 * HOUR).toISOString() };
    const accepted = await recoverEndpoint(h.tenantCtx(owner), endpoint.id, range);
    expect(accepted).toEqual({ endpointId: endpoint.id, ...range });
    const sub = fakeSubscriber();
    await runUntilQuiet(h, { fetcher: sub.fetcher });
    expect(sub.requests.map((r) => r.headers["webhook-id"]).sort()).toEqual([events[1]!.id, events[2]!.id].sort());
    expect((await deliveriesOf(endpoint.id)).map((d) => d.status)).toEqual(["failed", "succeeded", "succeeded", "failed"]);
  });

  it("walks a large backlog a page at a time", async () => {
    const owner = await createTenant();
    const h = harness();
    const endpoint = await createEndpoint(owner);
    const now = h.clock.now;
    const total = RECOVER_PAGE_SIZE + 3;
    // A backlog of failed deliveries, written directly: producing it through 8 attempts each would only slow the test.
    const statements = [];
    for (let i = 0; i < total; i++) {
      const id = `dlv_backlog${String(i).padStart(4, "0")}${crypto.randomUUID().slice(0, 8)}`;
      const eventId = `evt_backlog${String(i).padStart(4, "0")}${crypto.randomUUID().slice(0, 8)}`;
      statements.push(
        env.DB.prepare("INSERT INTO webhook_events (id, tenant_id, type, payload, created_at) VALUES (?, ?, 'message.received', '{}', ?)").bind(eventId, owner.tenant.id, now - 1000),
        env.DB.prepare(
          "INSERT INTO webhook_deliveries (id, tenant_id, endpoint_id, event_id, event_type, status, attempts, scheduled_attempts, created_at, updated_at) VALUES (?, ?, ?, ?, 'message.received', 'failed', 8, 8, ?, ?)",
        ).bind(id, owner.tenant.id, endpoint.id, eventId, now - 1000 + (i % 5), now),
      );
    }
    await env.DB.batch(statements);

    await recoverEndpoint(h.tenantCtx(owner), endpoint.id, { since: new Date(now - 60_000).toISOString() });
    const sub = fakeSubscriber();
    // The throughput cap counts real seconds, which this test does not wait through; it is tested on its own.
    const deps = { fetcher: sub.fetcher, limiter: unlimited };
    const job = h.drain();
    expect(job.map((m) => m.body.kind)).toEqual(["recover"]);
    h.sent.push(...job); // put it back for runNext
    const firstPage = await runNext(h, deps);
    expect(firstPage).toHaveLength(1);
    const queued = h.drain();
    expect(queued.filter((m) => m.body.kind === "replay")).toHaveLength(RECOVER_PAGE_SIZE);
    expect(queued.filter((m) => m.body.kind === "recover")).toHaveLength(1);
    h.sent.push(...queued);
    await runUntilQuiet(h, deps);
    expect(sub.requests).toHaveLength(total);
    expect(new Set(sub.requests.map((r) => r.headers["webhook-id"])).size).toBe(total);
    expect((await deliveriesOf(endpoint.id)).every((d) => d.status === "succeeded")).toBe(true);
  });
});

describe("test events", () => {
  it("sends the catalogue example once, signed, without retries or any effect on auto-disable", async () => {
    const owner = await createTenant();
    const h = harness();
    const endpoint = await createEndpoint(owner, { events: ["credit.low", "credit.exhausted"] });
    const queued = await sendTestEvent(h.tenantCtx(owner), endpoint.id, {});
    expect(queued).toMatchObject({ eventType: "credit.low", test: true, status: "pending" });
    const sub = failing();
    await runNext(h, { fetcher: sub.fetcher });
    expect(h.drain()).toEqual([]);
    expect(sub.requests).toHaveLength(1);
    expectVerifies(endpoint.secret, sub.requests[0]!);
    expect(JSON.parse(sub.requests[0]!.body)).toMatchObject({ type: "credit.low", data: { credits: { balance: 480 } } });
    expect(await attemptsOf(queued.id)).toEqual([expect.objectContaining({ trigger: "manual", succeeded: 0, status_code: 500 })]);
    expect(await deliveriesOf(endpoint.id)).toEqual([expect.objectContaining({ status: "failed", attempts: 1, test: 1 })]);
    expect(await row("webhook_endpoints", endpoint.id)).toMatchObject({ failing_since: null, enabled: 1 });
  });
});
