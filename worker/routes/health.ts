import { createRoute, z } from "@hono/zod-openapi";
import { checkHealth } from "../ops/health";
import { createRouter, json } from "../http/openapi";

const CheckSchema = z.object({
  status: z.enum(["up", "down", "not_configured"]),
  latencyMs: z.number().optional(),
  detail: z.string().optional(),
});
const HealthSchema = z
  .object({ status: z.enum(["healthy", "degraded"]), checks: z.record(z.string(), CheckSchema), version: z.string() })
  .openapi("Health");

export const healthRoutes = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/health",
      security: [],
    tags: ["Health"],
    summary: "Health of the database, Durable Objects, queues and AI provider",
    responses: { 200: json(HealthSchema, "Healthy or degraded"), 503: json(HealthSchema, "A critical dependency is down") },
  }),
  async (c) => {
    const { report, critical } = await checkHealth(c.get("ctx"));
    return critical ? c.json(report, 503) : c.json(report, 200);
  },
);
