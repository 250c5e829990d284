// Drives the webhook consumers directly: a domain Ctx whose clock the test
// sets, whose webhook-deliveries queue only records what is sent (so the test
// decides when each message runs), and a fake subscriber standing in for the
// network. Nothing here sleeps.
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { Webhook } from "standardwebhooks";
import { expect, vi } from "vitest";
import type { Ctx, TenantCtx } from "../../../worker/lib/context";
import { systemContext } from "../../../worker/lib/system-context";
import type { DeliveryMessage } from "../../../worker/events/delivery-queue";
import { handleDeliveryBatch, type DeliveryDeps } from "../../../worker/events/deliver";
import { handleEventsBatch } from "../../../worker/events/fanout";
import { buildEvent, type EventEnvelope, type EventType } from "../../../worker/events/emit";
import { EVENT_CATALOGUE } from "../../../worker/events/catalogue";
import type { Fetcher } from "../../../worker/events/http";
import type { TenantOwner } from "../helpers/tenants";

export interface Sent {
  body: DeliveryMessage;
  delaySeconds: number;
  /** Harness time when it was sent. */
  sentAt: number;
}

export interface Harness {
  ctx: Ctx;
  clock: { now: number };
  /** Every message sent to the webhook-deliveries queue, in order. */
  sent: Sent[];
  /** The messages sent since the last call. */
  drain(): Sent[];
  tenantCtx(owner: TenantOwner): TenantCtx;
}

export function harness(opts: { now?: number; production?: boolean; autoDisableDays?: number } = {}): Harness {
  const sent: Sent[] = [];
  let drained = 0;
  const clock = { now: opts.now ?? Date.now() };
  const record = (body: unknown, delaySeconds?: number) => sent.push({ body: body as DeliveryMessage, delaySeconds: delaySeconds ?? 0, sentAt: clock.now });
  const queue = {
    send: async (body: unknown, o?: QueueSendOptions) => void record(body, o?.delaySeconds),
    sendBatch: async (messages: Iterable<MessageSendRequest<unknown>>) => {
      for (const m of messages) record(m.body, m.delaySeconds);
    },
  } as unknown as Queue<unknown>;
  const base = systemContext({ ...env, WEBHOOK_DELIVERIES_QUEUE: queue }, () => undefined, { test: true });
  const config = {
    ...base.config,
    ...(opts.production ? { ENVIRONMENT: "production" as const } : {}),
    ...(opts.autoDisableDays !== undefined ? { WEBHOOK_AUTO_DISABLE_DAYS: opts.autoDisableDays } : {}),
  };
  const ctx: Ctx = { ...base, config, now: () => clock.now };
  return {
    ctx,
    clock,
    sent,
    drain() {
      const out = sent.slice(drained);
      drained = sent.length;
      return out;
    },
    tenantCtx: (owner) => ({ ...ctx, tenantId: owner.tenant.id, role: "owner", actor: { type: "user", id: owner.user.id }, userId: owner.user.id }),
  };
}

let messageSeq = 0;

function batchOf(queue: string, bodies: unknown[]) {
  return createMessageBatch(
    queue,
    bodies.map((body) => ({ id: `test-${++messageSeq}`, timestamp: new Date(), attempts: 1, body })),
  );
}

/** Run events through the real `events` consumer; returns the queue outcome. */
export async function runEvents(h: Harness, events: EventEnvelope[]) {
  const batch = batchOf("parley-events", events);
  const ec = createExecutionContext();
  await handleEventsBatch(h.ctx, batch);
  return getQueueResult(batch, ec);
}

/** Run delivery messages through the real webhook-deliveries consumer. */
export async function runDeliveries(h: Harness, messages: Sent[], deps: DeliveryDeps) {
  const batch = batchOf("parley-webhook-deliveries", messages.map((m) => m.body));
  const ec = createExecutionContext();
  await handleDeliveryBatch(h.ctx, batch, deps);
  return getQueueResult(batch, ec);
}

/** An event of `type` for the tenant with the catalogue's example data. */
export function exampleEvent(h: Harness, tenantId: string, type: EventType = "message.received", data?: Record<string, unknown>): EventEnvelope {
  return buildEvent(h.ctx, tenantId, type, data ?? EVENT_CATALOGUE[type].example);
}

export interface CapturedRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string;
  redirect: RequestInit["redirect"];
  hasSignal: boolean;
}

/**
 * A subscriber that records every request and answers with `respond(request,
 * n)` (n counts from 1); by default 200 OK.
 */
export function fakeSubscriber(respond: (req: CapturedRequest, n: number) => Response | Promise<Response> = () => new Response("ok")) {
  const requests: CapturedRequest[] = [];
  const fetcher: Fetcher = async (input, init) => {
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((v, k) => (headers[k] = v));
    const req: CapturedRequest = {
      url: String(input),
      method: init?.method ?? "GET",
      headers,
      body: typeof init?.body === "string" ? init.body : "",
      redirect: init?.redirect,
      hasSignal: init?.signal instanceof AbortSignal,
    };
    requests.push(req);
    return respond(req, requests.length);
  };
  return { requests, fetcher };
}

/**
 * Verify a captured request with the reference `standardwebhooks` library, as
 * the receiver would at the moment it arrived (the library checks the
 * timestamp against its own clock).
 */
export function verifyWith(secret: string, req: CapturedRequest): unknown {
  const spy = vi.spyOn(Date, "now").mockReturnValue(Number(req.headers["webhook-timestamp"]) * 1000);
  try {
    return new Webhook(secret).verify(req.body, req.headers);
  } finally {
    spy.mockRestore();
  }
}

export function expectVerifies(secret: string, req: CapturedRequest) {
  expect(() => verifyWith(secret, req), `signature of ${req.headers["webhook-id"]} with the given secret`).not.toThrow();
}

export function expectRejects(secret: string, req: CapturedRequest) {
  expect(() => verifyWith(secret, req)).toThrow(/No matching signature/);
}

/** A loopback URL on the discard port: nothing answers there, so a stray real request fails at once and never leaves the machine. */
export const subscriberUrl = (name = "hook") => `http://127.0.0.1:9/${name}-${crypto.randomUUID().slice(0, 8)}`;

/** Create an endpoint through the API; returns its id and secret. */
export async function createEndpoint(owner: TenantOwner, body: Record<string, unknown> = {}): Promise<{ id: string; secret: string; url: string }> {
  const res = await owner.callWithKey("POST", "/api/webhook-endpoints", { url: subscriberUrl(), events: ["message.received"], ...body });
  expect(res.status, res.text).toBe(201);
  return { id: res.json.id, secret: res.json.secret, url: res.json.url };
}

/** A row of one of our tables, read directly. */
export async function row<T = Record<string, unknown>>(table: string, id: string): Promise<T> {
  const r = await env.DB.prepare(`SELECT * FROM ${table} WHERE id = ?`).bind(id).first<T>();
  expect(r, `${table} ${id}`).not.toBeNull();
  return r!;
}

export async function deliveriesOf(endpointId: string) {
  const { results } = await env.DB.prepare("SELECT * FROM webhook_deliveries WHERE endpoint_id = ? ORDER BY id").bind(endpointId).all<Record<string, any>>();
  return results;
}

export async function attemptsOf(deliveryId: string) {
  const { results } = await env.DB.prepare("SELECT * FROM webhook_attempts WHERE delivery_id = ? ORDER BY id").bind(deliveryId).all<Record<string, any>>();
  return results;
}

/**
 * Run the delivery messages queued so far, with the clock moved to when the
 * queue would hand them over (sent time + delay). Returns them.
 */
export async function runNext(h: Harness, deps: DeliveryDeps): Promise<Sent[]> {
  const due = h.drain();
  if (due.length === 0) return due;
  h.clock.now = Math.max(h.clock.now, ...due.map((m) => m.sentAt + m.delaySeconds * 1000));
  await runDeliveries(h, due, deps);
  return due;
}

/** Run queued delivery messages until none are left (chained hops included); returns every message run, in order. */
export async function runUntilQuiet(h: Harness, deps: DeliveryDeps, maxRounds = 50): Promise<Sent[]> {
  const ran: Sent[] = [];
  for (let round = 0; round < maxRounds; round++) {
    const due = await runNext(h, deps);
    if (due.length === 0) return ran;
    ran.push(...due);
  }
  throw new Error(`delivery messages still queued after ${maxRounds} rounds`);
}

/** Wait until the real queue consumers have nothing left to send for these tests, so no request outlives the file's fetch stub. */
export async function settleDeliveries(): Promise<void> {
  await vi.waitFor(
    async () => {
      const open = await env.DB.prepare("SELECT COUNT(*) AS n FROM webhook_deliveries WHERE status = 'pending' OR replay_token IS NOT NULL").first<{ n: number }>();
      expect(open!.n).toBe(0);
    },
    { timeout: 20_000, interval: 100 },
  );
}
