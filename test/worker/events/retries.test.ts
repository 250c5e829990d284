// The retry schedule against a subscriber that fails, then recovers (or never
// does), with time moved by the test instead of waited for.
import { describe, expect, it } from "vitest";
import { MAX_QUEUE_DELAY_SECONDS, RETRY_DELAYS_SECONDS, nextDelaySeconds, parseRetryAfter, retryDelaySeconds } from "../../../worker/events/schedule";
import { createTenant } from "../helpers/tenants";
import { attemptsOf, createEndpoint, deliveriesOf, exampleEvent, expectVerifies, fakeSubscriber, harness, runEvents, runNext, runUntilQuiet } from "./harness";

const fixedJitter = () => 0.5; // the midpoint: delays come out exactly as scheduled

describe("retry schedule", () => {
  it("waits 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h, each within ±10 % jitter, then stops", () => {
    expect(RETRY_DELAYS_SECONDS).toEqual([5, 300, 1800, 7200, 18000, 36000, 36000]);
    RETRY_DELAYS_SECONDS.forEach((base, i) => {
      expect(retryDelaySeconds(i + 1, fixedJitter)).toBe(base);
      expect(retryDelaySeconds(i + 1, () => 0)).toBeGreaterThanOrEqual(Math.floor(base * 0.9));
      expect(retryDelaySeconds(i + 1, () => 0.999999)).toBeLessThanOrEqual(Math.ceil(base * 1.1));
    });
    expect(retryDelaySeconds(8, fixedJitter)).toBeNull();
  });

  it("honours Retry-After to lengthen a wait, within a 24 h bound, never to shorten it", () => {
    const now = Date.parse("2026-11-20T09:00:00Z");
    expect(parseRetryAfter("120", now)).toBe(120);
    expect(parseRetryAfter("Fri, 20 Nov 2026 09:10:00 GMT", now)).toBe(600);
    expect(parseRetryAfter("soon", now)).toBeNull();
    expect(nextDelaySeconds(5, 120)).toBe(120);
    expect(nextDelaySeconds(1800, 1)).toBe(1800);
    expect(nextDelaySeconds(5, 10 * 86400)).toBe(86400);
  });
});

describe("delivery retries", () => {
  it("retries a subscriber that fails 3 times, on schedule, with a stable webhook-id, until it succeeds", async () => {
    const owner = await createTenant();
    const start = Date.now();
    const h = harness({ now: start });
    const endpoint = await createEndpoint(owner);
    const sub = fakeSubscriber((_req, n) => (n <= 3 ? new Response("temporarily down", { status: 503 }) : new Response("ok")));
    const event = exampleEvent(h, owner.tenant.id);
    await runEvents(h, [event]);
    const ran = await runUntilQuiet(h, { fetcher: sub.fetcher, random: fixedJitter });

    expect(sub.requests).toHaveLength(4);
    expect(ran.map((m) => m.delaySeconds)).toEqual([0, 5, 300, 1800]);
    expect(new Set(sub.requests.map((r) => r.headers["webhook-id"]))).toEqual(new Set([event.id]));
    const sentAt = sub.requests.map((r) => Number(r.headers["webhook-timestamp"]) - Math.floor(start / 1000));
    expect(sentAt).toEqual([0, 5, 305, 2105]);
    for (const req of sub.requests) expectVerifies(endpoint.secret, req);
    expect(new Set(sub.requests.map((r) => r.body)).size).toBe(1);

    const [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery).toMatchObject({ status: "succeeded", attempts: 4, scheduled_attempts: 4, last_status_code: 200, last_error: null, next_attempt_at: null });
    const attempts = await attemptsOf(delivery!.id);
    expect(attempts.map((a) => [a.trigger, a.succeeded, a.status_code, a.response_body])).toEqual([
      ["scheduled", 0, 503, "temporarily down"],
      ["scheduled", 0, 503, "temporarily down"],
      ["scheduled", 0, 503, "temporarily down"],
      ["scheduled", 1, 200, "ok"],
    ]);

    const log = await owner.call("GET", `/api/webhook-endpoints/${endpoint.id}/deliveries`);
    expect(log.json.data).toEqual([
      expect.objectContaining({ id: delivery!.id, eventId: event.id, eventType: "message.received", status: "succeeded", attempts: 4, lastStatusCode: 200, nextAttemptAt: null }),
    ]);
    // Recovery ends the endpoint's failure streak.
    expect((await owner.call("GET", `/api/webhook-endpoints/${endpoint.id}`)).json.failingSince).toBeNull();
  });

  it("shows the next attempt while retrying, and after the 8th failure marks the delivery failed and lists it as a dead letter", async () => {
    const owner = await createTenant();
    const h = harness();
    const endpoint = await createEndpoint(owner);
    const sub = fakeSubscriber(() => new Response("nope", { status: 500 }));
    await runEvents(h, [exampleEvent(h, owner.tenant.id)]);

    await runNext(h, { fetcher: sub.fetcher, random: fixedJitter });
    const during = await owner.call("GET", `/api/webhook-endpoints/${endpoint.id}/deliveries?status=pending`);
    expect(during.json.data).toEqual([expect.objectContaining({ status: "pending", attempts: 1, lastStatusCode: 500, nextAttemptAt: new Date(h.clock.now + 5000).toISOString() })]);

    const ran = await runUntilQuiet(h, { fetcher: sub.fetcher, random: fixedJitter });
    expect(sub.requests).toHaveLength(8);
    expect(ran.map((m) => m.delaySeconds)).toEqual([5, 300, 1800, 7200, 18000, 36000, 36000]);
    const failed = await owner.call("GET", `/api/webhook-endpoints/${endpoint.id}/deliveries?status=failed`);
    expect(failed.json.data).toEqual([expect.objectContaining({ status: "failed", attempts: 8, lastStatusCode: 500, lastError: "HTTP 500", nextAttemptAt: null })]);
    const deadLetters = await owner.call("GET", "/api/webhook-deliveries?status=failed");
    expect(deadLetters.json.data.map((d: { id: string }) => d.id)).toEqual([failed.json.data[0].id]);
    expect((await owner.call("GET", `/api/webhook-endpoints/${endpoint.id}/deliveries?status=pending`)).json.data).toEqual([]);
    // 27.5 hours of failures is far from the 5-day auto-disable.
    expect((await owner.call("GET", `/api/webhook-endpoints/${endpoint.id}`)).json).toMatchObject({ enabled: true, failingSince: expect.any(String) });
  });

  it("waits out a Retry-After longer than a queue delay by chaining hops, sending nothing early", async () => {
    const owner = await createTenant();
    const start = Date.now();
    const h = harness({ now: start });
    const endpoint = await createEndpoint(owner);
    const sub = fakeSubscriber((_req, n) => (n === 1 ? new Response("slow down", { status: 429, headers: { "retry-after": "86400" } }) : new Response("ok")));
    await runEvents(h, [exampleEvent(h, owner.tenant.id)]);
    const ran = await runUntilQuiet(h, { fetcher: sub.fetcher, random: fixedJitter });

    // 24 h in two hops of the 12 h queue cap; the first hop arrives early and is only passed on.
    expect(ran.map((m) => m.delaySeconds)).toEqual([0, MAX_QUEUE_DELAY_SECONDS, MAX_QUEUE_DELAY_SECONDS]);
    expect(sub.requests).toHaveLength(2);
    expect(Number(sub.requests[1]!.headers["webhook-timestamp"]) - Math.floor(start / 1000)).toBe(86400);
    expect(await deliveriesOf(endpoint.id)).toEqual([expect.objectContaining({ status: "succeeded", attempts: 2 })]);
  });

  it("counts a redirect, a timeout and a network error as failures, keeping the first 2 KB of a response", async () => {
    const owner = await createTenant();
    const h = harness();
    const endpoint = await createEndpoint(owner);
    const responses = [
      () => new Response(null, { status: 302, headers: { location: "https://elsewhere.example/hook" } }),
      () => Promise.reject(new DOMException("The operation was aborted due to timeout", "TimeoutError")),
      () => Promise.reject(new TypeError("Network connection lost.")),
      () => new Response("é".repeat(3000), { status: 500 }),
      () => new Response("ok"),
    ];
    const sub = fakeSubscriber((_req, n) => responses[n - 1]!());
    await runEvents(h, [exampleEvent(h, owner.tenant.id)]);
    await runUntilQuiet(h, { fetcher: sub.fetcher, random: fixedJitter });

    expect(sub.requests.map((r) => r.url)).toEqual(Array(5).fill(endpoint.url));
    const [delivery] = await deliveriesOf(endpoint.id);
    const attempts = await attemptsOf(delivery!.id);
    expect(attempts.map((a) => [a.status_code, a.error])).toEqual([
      [302, expect.stringMatching(/redirects are not followed/)],
      [null, "no response within 15 s"],
      [null, "request failed: Network connection lost."],
      [500, "HTTP 500"],
      [200, null],
    ]);
    expect(new TextEncoder().encode(attempts[3]!.response_body).length).toBeLessThanOrEqual(2048);
    expect(attempts[3]!.response_body.length).toBeGreaterThan(1000);
  });
});
