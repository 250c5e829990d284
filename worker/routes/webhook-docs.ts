// OpenAPI documentation of the provider webhooks. Their routes (webhooks.ts)
// stay plain Hono because they must read the raw body for the signature;
// this file only describes them.
import { z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../http/types";
import { problems } from "../http/openapi";

type Registry = OpenAPIHono<AppEnv>["openAPIRegistry"];

const ChannelParam = z.object({ channelId: z.string().min(1).max(64).describe("The channel id from POST /api/channels (its webhookUrl)") });
const Handshake = z.object({
  "hub.mode": z.literal("subscribe"),
  "hub.verify_token": z.string().describe("The channel's verifyToken (or META_VERIFY_TOKEN for the shared callback)"),
  "hub.challenge": z.string().describe("Echoed back as plain text"),
});
const Received = z.object({ received: z.literal(true) }).openapi("WebhookReceived");
const Payload = (what: string) => ({
  content: { "application/json": { schema: z.record(z.string(), z.unknown()).describe(what) } },
  required: true,
});
const accepted = { description: "Accepted and queued (answered fast; processing is asynchronous)", content: { "application/json": { schema: Received } } };
const challenge = { description: "The hub.challenge, as plain text", content: { "text/plain": { schema: z.string() } } };

const metaSignature = z.object({ "x-hub-signature-256": z.string().describe("sha256=<hex HMAC-SHA256 of the raw body with the app secret>") });
const wahaSignature = z.object({
  "x-webhook-hmac": z.string().describe("Hex HMAC-SHA512 of the raw body with the channel's webhook secret"),
  "x-webhook-hmac-algorithm": z.string().optional().describe("sha512"),
});

export function registerWebhookDocs(registry: Registry): void {
  const tags = ["Provider webhooks"];
  registry.registerPath({
    method: "get",
    path: "/webhooks/meta/{channelId}",
    tags,
    summary: "Meta's verification handshake for one channel",
    security: [],
    request: { params: ChannelParam, query: Handshake },
    responses: { 200: challenge, ...problems(403) },
  });
  registry.registerPath({
    method: "post",
    path: "/webhooks/meta/{channelId}",
    tags,
    summary: "Meta WhatsApp Cloud API deliveries (messages, statuses) for one channel",
    description: "Signed with the channel's app secret over the raw bytes. Meta retries anything but 200.",
    security: [],
    request: { params: ChannelParam, headers: metaSignature, body: Payload("Meta's webhook envelope: { object, entry: [{ changes: [{ value }] }] }") },
    responses: { 200: accepted, ...problems(400, 401, 404, 413, 429, 503) },
  });
  registry.registerPath({
    method: "get",
    path: "/webhooks/meta",
    tags,
    summary: "Meta's verification handshake for the platform's shared Meta app (META_VERIFY_TOKEN)",
    security: [],
    request: { query: Handshake },
    responses: { 200: challenge, ...problems(403) },
  });
  registry.registerPath({
    method: "post",
    path: "/webhooks/meta",
    tags,
    summary: "Deliveries for every number onboarded into the platform's shared Meta app, routed by phone_number_id",
    description: "Signed with META_APP_SECRET; 404 when no shared app is configured.",
    security: [],
    request: { headers: metaSignature, body: Payload("Meta's webhook envelope") },
    responses: { 200: accepted, ...problems(400, 401, 404, 413, 429, 503) },
  });
  registry.registerPath({
    method: "post",
    path: "/webhooks/waha/{channelId}",
    tags,
    summary: "WAHA deliveries (message, message.ack, session.status) for one channel",
    security: [],
    request: { params: ChannelParam, headers: wahaSignature, body: Payload("WAHA's event: { event, session, payload }") },
    responses: { 200: accepted, ...problems(400, 401, 404, 413, 429, 503) },
  });
}
