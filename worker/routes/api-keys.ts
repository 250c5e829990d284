import { createRoute, z } from "@hono/zod-openapi";
import { authenticate, requireTenant } from "../http/auth";
import { AUTHED, IdParam, createRouter, json, jsonBody, listOf, problems } from "../http/openapi";
import { pageQuery, toPage } from "../lib/pagination";
import { createApiKey, createApiKeyInput, listApiKeys, revokeApiKey, rotateApiKey, rotateApiKeyInput } from "../tenancy/api-keys";

const ApiKeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable().describe("When the key stopped working (revoked by hand, or its rotation overlap ended)"),
    expiresAt: z.string().nullable().describe("Set by a rotation: the key works until then, next to the key that replaced it"),
    replacedBy: z.string().nullable().describe("The id of the key that replaced this one in a rotation"),
  })
  .openapi("ApiKey");
const CreatedKeySchema = z
  .object({ id: z.string(), name: z.string(), key: z.string(), prefix: z.string(), createdAt: z.string() })
  .openapi("CreatedApiKey");
const RotatedKeySchema = CreatedKeySchema.extend({
  replaces: z.object({ id: z.string(), expiresAt: z.string().describe("When the old key stops working") }),
}).openapi("RotatedApiKey");

const admin = () => [authenticate, requireTenant("owner", "admin")];

export const apiKeyRoutes = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/api-keys",
      tags: ["API keys"],
      summary: "Create an API key; the key is shown in this response only",
      middleware: admin(),
      request: jsonBody(createApiKeyInput),
      responses: { 201: json(CreatedKeySchema, "Created"), ...problems(...AUTHED) },
    }),
    async (c) => c.json(await createApiKey(c.get("tenantCtx"), c.req.valid("json")), 201),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/api-keys",
      tags: ["API keys"],
      summary: "List API keys (never the keys themselves)",
      middleware: admin(),
      request: { query: pageQuery },
      responses: { 200: json(listOf(ApiKeySchema), "API keys, newest first"), ...problems(...AUTHED) },
    }),
    async (c) => {
      const q = c.req.valid("query");
      return c.json(toPage(await listApiKeys(c.get("tenantCtx"), q), q.limit), 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/api-keys/{id}",
      tags: ["API keys"],
      summary: "Revoke an API key",
      middleware: admin(),
      request: { params: IdParam },
      responses: { 200: json(ApiKeySchema, "Revoked"), ...problems(...AUTHED, 404) },
    }),
    async (c) => c.json(await revokeApiKey(c.get("tenantCtx"), c.req.valid("param").id), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/api-keys/{id}/rotate",
      tags: ["API keys"],
      summary: "Rotate an API key: a new key now, the old one keeps working for the overlap, then it is revoked",
      description:
        "The new key (same name) is shown in this response only. The old key works until `replaces.expiresAt` and is revoked after it; revoke it by hand sooner with DELETE. A revoked key, or one rotated already, is a 409.",
      middleware: admin(),
      request: { params: IdParam, ...jsonBody(rotateApiKeyInput) },
      responses: { 201: json(RotatedKeySchema, "The new key"), ...problems(...AUTHED, 404, 409) },
    }),
    async (c) => c.json(await rotateApiKey(c.get("tenantCtx"), c.req.valid("param").id, c.req.valid("json")), 201),
  );
