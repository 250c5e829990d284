import { createRoute, z } from "@hono/zod-openapi";
import { authenticate, requireTenant } from "../http/auth";
import { AppError } from "../http/errors";
import { AUTHED, createRouter, json, jsonBody, problems } from "../http/openapi";
import { enforceLimit } from "../http/rate-limit";
import { exportTenant } from "../tenancy/export";
import { deleteTenantInput, requestTenantDeletion } from "../tenancy/tenant-deletion";

const TenantDeletionSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    status: z.literal("scheduled"),
    requestedAt: z.string().openapi({ format: "date-time" }),
    detail: z.string(),
  })
  .openapi("TenantDeletion");

export const tenantRoutes = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/tenant/export",
    tags: ["Team"],
    summary: "Everything the current tenant holds, as NDJSON (owners only; no secrets)",
    description:
      "The first line describes the export (tenant, members, the tables that follow); each further line is `{\"table\": name, \"row\": {...}}`. " +
      "Credentials (channel tokens, API key hashes, webhook secrets, password hashes, session and invitation tokens) are never included.",
    middleware: [authenticate, requireTenant("owner")],
    request: { query: z.object({}) },
    responses: {
      200: { description: "The export, streamed as a file download", content: { "application/x-ndjson": { schema: z.string().openapi({ format: "binary" }) } } },
      ...problems(...AUTHED),
    },
  }),
  async (c) => {
    const { stream, fileName } = await exportTenant(c.get("tenantCtx"));
    // The typed-response helper reads any application/*json media type other than
    // application/json as a JSON body; this one is a file, hence the cast.
    return c.body(stream, 200, {
      "content-type": "application/x-ndjson; charset=utf-8",
      "content-disposition": `attachment; filename="${fileName}"`,
      "cache-control": "no-store",
    }) as never;
  },
).openapi(
  createRoute({
    method: "delete",
    path: "/tenant",
    tags: ["Team"],
    summary: "Delete the current workspace (owners only, signed in; your password and the workspace's name are required)",
    description:
      "The workspace stops working at once for everyone: members lose access, its API keys and invitations are revoked, its channels are disconnected " +
      "(their webhooks are acknowledged and dropped), running campaigns are cancelled and webhook endpoints disabled. Its data (messages, contacts, files, " +
      "settings, logs) is then erased in the background, usually within the hour. Download the export (`GET /api/tenant/export`) first. " +
      "422 names the field when the password or the name does not match; API keys get 403.",
    middleware: [authenticate, requireTenant("owner")],
    request: jsonBody(deleteTenantInput),
    responses: { 202: json(TenantDeletionSchema, "The workspace is closed and its erasure is scheduled"), ...problems(...AUTHED, 422) },
  }),
  async (c) => {
    const auth = c.get("auth")!;
    if (auth.via !== "session") throw new AppError("forbidden", "Deleting a workspace needs a signed-in owner, not an API key");
    await enforceLimit(c, "passwordChange", auth.userId!);
    return c.json(await requestTenantDeletion(c.get("tenantCtx"), c.req.valid("json")), 202);
  },
);
