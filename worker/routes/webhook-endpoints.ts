// Outbound webhook endpoints: manage them, rotate their secrets, send test
// events and recover failed deliveries. The delivery log lives in
// webhook-deliveries.ts and is mounted from here.
import { createRoute, z } from "@hono/zod-openapi";
import { authenticate, requireTenant } from "../http/auth";
import { AUTHED, IdParam, createRouter, json, jsonBody, listOf, problems } from "../http/openapi";
import { pageQuery, toPage } from "../lib/pagination";
import { EVENT_CATALOGUE } from "../events/catalogue";
import { sendTestEvent, testEventInput } from "../events/deliveries";
import { EVENT_TYPES } from "../events/emit";
import { createEndpoint, createEndpointInput, deleteEndpoint, getEndpoint, listEndpoints, rotateSecret, updateEndpoint, updateEndpointInput } from "../events/endpoints";
import { recoverEndpoint, recoverInput } from "../events/recover";
import { webhookDeliveryRoutes } from "./webhook-deliveries";
import {
  WebhookDeliverySchema,
  WebhookEndpointSchema,
  WebhookEndpointWithSecretSchema,
  WebhookEventTypeSchema,
  WebhookRecoverySchema,
  WebhookSecretRotationSchema,
} from "./webhook-schemas";

const member = () => [authenticate, requireTenant()];
const admin = () => [authenticate, requireTenant("owner", "admin")];
const tags = ["Webhooks"];

export const webhookEndpointRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/webhook-event-types",
      tags,
      summary: "The event catalogue: every event type with a description and an example payload",
      middleware: member(),
      responses: { 200: json(z.object({ data: z.array(WebhookEventTypeSchema) }), "Event types") },
    }),
    (c) => c.json({ data: EVENT_TYPES.map((type) => ({ type, description: EVENT_CATALOGUE[type].description, example: EVENT_CATALOGUE[type].example })) }, 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/webhook-endpoints",
      tags,
      summary: "Subscribe a URL to events; the signing secret is returned this once",
      middleware: admin(),
      request: jsonBody(createEndpointInput),
      responses: { 201: json(WebhookEndpointWithSecretSchema, "Created"), ...problems(...AUTHED, 422) },
    }),
    async (c) => c.json(await createEndpoint(c.get("tenantCtx"), c.req.valid("json")), 201),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/webhook-endpoints",
      tags,
      summary: "The tenant's webhook endpoints, newest first",
      middleware: admin(),
      request: { query: pageQuery },
      responses: { 200: json(listOf(WebhookEndpointSchema), "Endpoints"), ...problems(...AUTHED) },
    }),
    async (c) => {
      const q = c.req.valid("query");
      return c.json(toPage(await listEndpoints(c.get("tenantCtx"), q), q.limit), 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/webhook-endpoints/{id}",
      tags,
      summary: "One endpoint (never its secret)",
      middleware: admin(),
      request: { params: IdParam },
      responses: { 200: json(WebhookEndpointSchema, "The endpoint"), ...problems(...AUTHED, 404) },
    }),
    async (c) => c.json(await getEndpoint(c.get("tenantCtx"), c.req.valid("param").id), 200),
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/webhook-endpoints/{id}",
      tags,
      summary: "Change the URL, event filter, description or throughput cap; enable or disable",
      middleware: admin(),
      request: { params: IdParam, ...jsonBody(updateEndpointInput) },
      responses: { 200: json(WebhookEndpointSchema, "Updated"), ...problems(...AUTHED, 404) },
    }),
    async (c) => c.json(await updateEndpoint(c.get("tenantCtx"), c.req.valid("param").id, c.req.valid("json")), 200),
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/webhook-endpoints/{id}",
      tags,
      summary: "Delete an endpoint and its delivery log",
      middleware: admin(),
      request: { params: IdParam },
      responses: { 204: { description: "Deleted" }, ...problems(...AUTHED, 404) },
    }),
    async (c) => {
      await deleteEndpoint(c.get("tenantCtx"), c.req.valid("param").id);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/webhook-endpoints/{id}/rotate-secret",
      tags,
      summary: "Issue a new signing secret; the old one keeps signing alongside it for 24 hours",
      middleware: admin(),
      request: { params: IdParam },
      responses: { 200: json(WebhookSecretRotationSchema, "Rotated"), ...problems(...AUTHED, 404, 409) },
    }),
    async (c) => c.json(await rotateSecret(c.get("tenantCtx"), c.req.valid("param").id), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/webhook-endpoints/{id}/test",
      tags,
      summary: "Send an example event to this endpoint (one attempt, no retries)",
      middleware: admin(),
      request: { params: IdParam, body: { content: { "application/json": { schema: testEventInput } }, required: false } },
      responses: { 202: json(WebhookDeliverySchema, "Queued"), ...problems(...AUTHED, 404) },
    }),
    async (c) => c.json(await sendTestEvent(c.get("tenantCtx"), c.req.valid("param").id, c.req.valid("json")), 202),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/webhook-endpoints/{id}/recover",
      tags,
      summary: "Re-send every failed delivery created in [since, until), signed with the current secret",
      middleware: admin(),
      request: { params: IdParam, ...jsonBody(recoverInput) },
      responses: { 202: json(WebhookRecoverySchema, "Queued"), ...problems(...AUTHED, 404) },
    }),
    async (c) => c.json(await recoverEndpoint(c.get("tenantCtx"), c.req.valid("param").id, c.req.valid("json")), 202),
  )
  .route("/", webhookDeliveryRoutes);
