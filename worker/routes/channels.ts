import { createRoute, z } from "@hono/zod-openapi";
import { authenticate, requireTenant } from "../http/auth";
import { AUTHED, IdParam, createRouter, json, jsonBody, listOf, problems } from "../http/openapi";
import { pageQuery, toPage } from "../lib/pagination";
import { forgetChannel } from "../inbound/ingress";
import { createChannel, createChannelInput, disconnectChannel, getChannel, listChannels, updateChannel, updateChannelInput } from "../channels/store";
import { changeChannelSession, channelSession, channelSessionQr } from "../channels/session";
import { SESSION_STATES } from "../channels/waha-sessions";

export const ChannelSchema = z
  .object({
    id: z.string(),
    type: z.enum(["meta", "waha", "sandbox"]),
    name: z.string(),
    status: z.enum(["connected", "needs_attention", "disconnected"]),
    attentionReason: z.string().nullable(),
    phoneNumber: z.string().nullable(),
    phoneNumberId: z.string().nullable(),
    wabaId: z.string().nullable(),
    baseUrl: z.string().nullable(),
    session: z.string().nullable(),
    webhookUrl: z.string().nullable(),
    verifiedName: z.string().nullable().openapi({ description: "Meta: the business name Meta shows for the number" }),
    graphApiVersion: z.string().nullable().openapi({ description: "Meta: the Graph API version the channel uses (its own, or the platform default)" }),
    verifyToken: z.string().nullable().optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Channel");

const SessionSchema = z
  .object({
    exists: z.boolean().openapi({ description: "False until the session is created in WAHA (the first start creates it)" }),
    status: z.enum(SESSION_STATES),
    me: z.object({ id: z.string(), pushName: z.string().nullable() }).nullable().openapi({ description: "The paired WhatsApp account, once WORKING" }),
  })
  .openapi("WahaSession");

const SessionQrSchema = z
  .object({
    status: z.enum(SESSION_STATES),
    qr: z
      .object({ mimeType: z.string(), data: z.string().openapi({ description: "The QR image, base64" }) })
      .nullable()
      .openapi({ description: "Null unless the session is SCAN_QR_CODE" }),
  })
  .openapi("WahaSessionQr");

const member = () => [authenticate, requireTenant()];
const admin = () => [authenticate, requireTenant("owner", "admin")];

export const channelRoutes = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/channels",
      tags: ["Channels"],
      summary: "Connect a WhatsApp number (Meta Cloud API or WAHA); secrets are stored encrypted and never returned",
      middleware: admin(),
      request: jsonBody(createChannelInput),
      responses: { 201: json(ChannelSchema, "Connected"), ...problems(...AUTHED, 409, 422, 503) },
    }),
    async (c) => c.json(await createChannel(c.get("tenantCtx"), c.req.valid("json")), 201),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/channels",
      tags: ["Channels"],
      summary: "Channels of the tenant (the built-in sandbox included)",
      middleware: member(),
      request: { query: pageQuery.extend({ includeDisconnected: z.enum(["true", "false"]).optional() }) },
      responses: { 200: json(listOf(ChannelSchema), "Channels, newest first"), ...problems(...AUTHED) },
    }),
    async (c) => {
      const q = c.req.valid("query");
      return c.json(toPage(await listChannels(c.get("tenantCtx"), { ...q, includeDisconnected: q.includeDisconnected === "true" }), q.limit), 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/channels/{id}",
      tags: ["Channels"],
      summary: "One channel",
      middleware: member(),
      request: { params: IdParam },
      responses: { 200: json(ChannelSchema, "The channel"), ...problems(...AUTHED, 404) },
    }),
    async (c) => c.json(await getChannel(c.get("tenantCtx"), c.req.valid("param").id), 200),
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/channels/{id}",
      tags: ["Channels"],
      summary: "Rename a channel or rotate its credentials",
      middleware: admin(),
      request: { params: IdParam, ...jsonBody(updateChannelInput) },
      responses: { 200: json(ChannelSchema, "Updated"), ...problems(...AUTHED, 404, 409, 422, 503) },
    }),
    async (c) => {
      const channel = await updateChannel(c.get("tenantCtx"), c.req.valid("param").id, c.req.valid("json"));
      forgetChannel(channel.id);
      return c.json(channel, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/channels/{id}/session",
      tags: ["Channels"],
      summary: "A WAHA channel's WhatsApp session as WAHA reports it now (STOPPED, STARTING, SCAN_QR_CODE, WORKING, FAILED)",
      middleware: member(),
      request: { params: IdParam },
      responses: { 200: json(SessionSchema, "The session"), ...problems(...AUTHED, 404, 409, 422, 503) },
    }),
    async (c) => c.json(await channelSession(c.get("tenantCtx"), c.req.valid("param").id), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/channels/{id}/session/{action}",
      tags: ["Channels"],
      summary: "Start (creating it if needed), stop or restart a WAHA channel's session; start and restart set its webhook (URL, events, HMAC) first",
      middleware: admin(),
      request: { params: IdParam.extend({ action: z.enum(["start", "stop", "restart"]) }) },
      responses: { 200: json(SessionSchema, "The session after the change"), ...problems(...AUTHED, 404, 409, 422, 503) },
    }),
    async (c) => {
      const { id, action } = c.req.valid("param");
      const session = await changeChannelSession(c.get("tenantCtx"), id, action);
      forgetChannel(id);
      return c.json(session, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/channels/{id}/session/qr",
      tags: ["Channels"],
      summary: "The QR code to pair a phone with the session (null unless it is SCAN_QR_CODE)",
      middleware: admin(),
      request: { params: IdParam },
      responses: { 200: json(SessionQrSchema, "The QR image"), ...problems(...AUTHED, 404, 409, 422, 503) },
    }),
    async (c) => c.json(await channelSessionQr(c.get("tenantCtx"), c.req.valid("param").id), 200),
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/channels/{id}",
      tags: ["Channels"],
      summary: "Disconnect a channel: its secrets are erased, its conversations stay",
      middleware: admin(),
      request: { params: IdParam },
      responses: { 204: { description: "Disconnected" }, ...problems(...AUTHED, 404, 409) },
    }),
    async (c) => {
      await disconnectChannel(c.get("tenantCtx"), c.req.valid("param").id);
      forgetChannel(c.req.valid("param").id);
      return c.body(null, 204);
    },
  );
