// The whole path on the real queues: a sandbox message becomes events, the
// events become signed deliveries to a local subscriber, a failing subscriber
// shows in the delivery log, and a replay arrives signed with the current
// secret. The subscriber is a stub of the global fetch the consumer uses.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTenant } from "../helpers/tenants";
import { createEndpoint, settleDeliveries, verifyWith, type CapturedRequest } from "./harness";
import { ownershipAnswer } from "../helpers/graph-owner";

const received: CapturedRequest[] = [];
let failing = false;

beforeAll(() => {
  // Never restored: the queue consumers keep working after a test ends.
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const owned = ownershipAnswer(input, init);
    if (owned) return owned;
    const url = String(input instanceof Request ? input.url : input);
    if (!url.startsWith("http://127.0.0.1:9/")) return new Response("no network in tests", { status: 599 });
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((v, k) => (headers[k] = v));
    received.push({ url, method: init?.method ?? "GET", headers, body: String(init?.body ?? ""), redirect: init?.redirect, hasSignal: !!init?.signal });
    return failing ? new Response("subscriber down", { status: 500 }) : new Response("ok");
  });
});

afterAll(settleDeliveries);

const eventsAt = (url: string) => received.filter((r) => r.url === url).map((r) => ({ ...r, payload: JSON.parse(r.body) as { type: string; data: any } }));
const waitFor = (check: () => void | Promise<void>) => vi.waitFor(check, { timeout: 20_000, interval: 50 });

describe("webhooks end to end", () => {
  it("delivers sandbox events signed, logs failures, and replays with the current secret", async () => {
    const owner = await createTenant();
    const endpoint = await createEndpoint(owner, { events: ["*"] });

    const sent = await owner.call("POST", "/api/sandbox/messages", { from: "+6281234567890", name: "Sari", text: "Hi, do you deliver to Bandung?" });
    expect(sent.status, sent.text).toBe(202);
    await waitFor(() => {
      const types = eventsAt(endpoint.url).map((e) => e.payload.type);
      expect(types).toContain("message.received");
      expect(types).toContain("contact.created");
    });
    for (const req of eventsAt(endpoint.url)) expect(verifyWith(endpoint.secret, req)).toEqual(req.payload);
    const received1 = eventsAt(endpoint.url).find((e) => e.payload.type === "message.received")!;
    expect(received1.payload.data).toMatchObject({ message: { id: sent.json.messageId, text: "Hi, do you deliver to Bandung?", direction: "inbound" }, contact: { phone: "+6281234567890" } });

    // The subscriber goes down: the next event fails and the log says so, with a retry scheduled.
    failing = true;
    const second = await owner.call("POST", "/api/sandbox/messages", { from: "+6281234567890", text: "Hello again?" });
    expect(second.status).toBe(202);
    let failed: { id: string; eventId: string } | undefined;
    await waitFor(async () => {
      const log = await owner.call("GET", `/api/webhook-endpoints/${endpoint.id}/deliveries?eventType=message.received`);
      failed = log.json.data.find((d: { lastStatusCode: number | null }) => d.lastStatusCode === 500);
      expect(failed).toMatchObject({ status: "pending", attempts: expect.any(Number), nextAttemptAt: expect.any(String) });
    });

    // Rotate, recover the subscriber, replay: it arrives with the same webhook-id, signed with the new secret.
    const rotated = await owner.call("POST", `/api/webhook-endpoints/${endpoint.id}/rotate-secret`);
    failing = false;
    const replay = await owner.call("POST", `/api/webhook-deliveries/${failed!.id}/replay`);
    expect(replay.status).toBe(202);
    await waitFor(async () => {
      const detail = await owner.call("GET", `/api/webhook-deliveries/${failed!.id}`);
      expect(detail.json.status).toBe("succeeded");
    });
    const resent = received.filter((r) => r.headers["webhook-id"] === failed!.eventId).at(-1)!;
    expect(verifyWith(rotated.json.secret, resent)).toMatchObject({ type: "message.received" });
  });
});
