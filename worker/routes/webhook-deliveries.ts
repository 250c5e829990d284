// The delivery log, dead letters (status=failed) and replay.
import { createRoute, z } from "@hono/zod-openapi";
import { authenticate, requireTenant } from "../http/auth";
import { AUTHED, IdParam, createRouter, json, listOf, problems } from "../http/openapi";
import { pageQuery, toPage } from "../lib/pagination";
import { deliveryFilters, getDelivery, listDeliveries, replayDelivery } from "../events/deliveries";
import { WebhookDeliveryDetailSchema, WebhookDeliverySchema } from "./webhook-schemas";

// Delivery logs carry event payloads (customer messages, phone numbers): developer tooling, not the inbox.
const admin = () => [authenticate, requireTenant("owner", "admin")];
const tags = ["Webhooks"];

export const webhookDeliveryRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/webhook-endpoints/{id}/deliveries",
      tags,
      summary: "An endpoint's delivery log, newest first; status=failed lists its dead letters",
      middleware: admin(),
      request: { params: IdParam, query: pageQuery.extend(deliveryFilters.shape) },
      responses: { 200: json(listOf(WebhookDeliverySchema), "Deliveries"), ...problems(...AUTHED, 404) },
    }),
    async (c) => {
      const q = c.req.valid("query");
      return c.json(toPage(await listDeliveries(c.get("tenantCtx"), { ...q, endpointId: c.req.valid("param").id }), q.limit), 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/webhook-deliveries",
      tags,
      summary: "Deliveries to all the tenant's endpoints, newest first; status=failed lists every dead letter",
      middleware: admin(),
      request: { query: pageQuery.extend(deliveryFilters.shape).extend({ endpointId: z.string().max(64).optional() }) },
      responses: { 200: json(listOf(WebhookDeliverySchema), "Deliveries"), ...problems(...AUTHED, 404) },
    }),
    async (c) => {
      const q = c.req.valid("query");
      return c.json(toPage(await listDeliveries(c.get("tenantCtx"), q), q.limit), 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/webhook-deliveries/{id}",
      tags,
      summary: "One delivery with the exact payload it sends and its attempts",
      middleware: admin(),
      request: { params: IdParam },
      responses: { 200: json(WebhookDeliveryDetailSchema, "The delivery"), ...problems(...AUTHED, 404) },
    }),
    async (c) => c.json(await getDelivery(c.get("tenantCtx"), c.req.valid("param").id), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/webhook-deliveries/{id}/replay",
      tags,
      summary: "Re-send one delivery, signed with the endpoint's current secret; never counts towards auto-disable",
      middleware: admin(),
      request: { params: IdParam },
      responses: { 202: json(WebhookDeliverySchema, "Queued"), ...problems(...AUTHED, 404) },
    }),
    async (c) => c.json(await replayDelivery(c.get("tenantCtx"), c.req.valid("param").id), 202),
  );
