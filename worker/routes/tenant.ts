import { createRoute, z } from "@hono/zod-openapi";
import { authenticate, requireTenant } from "../http/auth";
import { AUTHED, createRouter, problems } from "../http/openapi";
import { exportTenant } from "../tenancy/export";

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
);
