import { createRoute, z } from "@hono/zod-openapi";
import { authenticate, requireTenant } from "../http/auth";
import { AUTHED, createRouter, json, listOf, problems } from "../http/openapi";
import { pageQuery, toPage } from "../lib/pagination";
import { auditLogFilters, listAuditActions, listAuditLog, rangeInOrder } from "../tenancy/audit-log";

const AuditEntrySchema = z
  .object({
    id: z.string(),
    actor: z.object({
      type: z.enum(["user", "api_key", "system"]),
      id: z.string().nullable(),
      name: z.string().nullable().describe("The member's name, the key's name and prefix, or null when it is gone"),
    }),
    action: z.string().describe("What happened, e.g. `contact.created`"),
    targetType: z.string().nullable(),
    targetId: z.string().nullable(),
    requestId: z.string().nullable(),
    metadata: z.record(z.string(), z.unknown()),
    createdAt: z.string(),
  })
  .openapi("AuditEntry");

const admin = () => [authenticate, requireTenant("owner", "admin")];
const tags = ["Audit log"];

export const auditLogRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/audit-log",
      tags,
      summary: "Who changed what, newest first (owners and admins)",
      description: "Every change made through the dashboard or the API writes one row. Filters combine; `from`/`to` bound the time.",
      middleware: admin(),
      request: { query: pageQuery.extend(auditLogFilters.shape).refine(rangeInOrder, { message: "must be after `from`", path: ["to"] }) },
      responses: { 200: json(listOf(AuditEntrySchema), "Audit entries"), ...problems(...AUTHED) },
    }),
    async (c) => {
      const q = c.req.valid("query");
      return c.json(toPage(await listAuditLog(c.get("tenantCtx"), q), q.limit), 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/audit-log/actions",
      tags,
      summary: "The actions recorded for this business, for filtering",
      middleware: admin(),
      responses: { 200: json(z.object({ data: z.array(z.string()) }), "Actions"), ...problems(...AUTHED) },
    }),
    async (c) => c.json({ data: await listAuditActions(c.get("tenantCtx")) }, 200),
  );
