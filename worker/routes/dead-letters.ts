import { createRoute, z } from "@hono/zod-openapi";
import { authenticate, requireTenant } from "../http/auth";
import { AUTHED, IdParam, createRouter, json, listOf, problems } from "../http/openapi";
import { pageQuery, toPage } from "../lib/pagination";
import { getDeadLetter, listDeadLetters, replayDeadLetter } from "../ops/dead-letters";

const DeadLetterSchema = z
  .object({
    id: z.string(),
    queue: z.string(),
    messageId: z.string(),
    payload: z.unknown(),
    error: z.string().nullable(),
    attempts: z.number().int(),
    createdAt: z.string(),
    replayedAt: z.string().nullable(),
  })
  .openapi("DeadLetter");

const admin = () => [authenticate, requireTenant("owner", "admin")];

export const deadLetterRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/dead-letters",
      tags: ["Dead letters"],
      summary: "Messages that exhausted their retries",
      middleware: admin(),
      request: { query: pageQuery.extend({ pending: z.enum(["true", "false"]).optional() }) },
      responses: { 200: json(listOf(DeadLetterSchema), "Dead letters, newest first"), ...problems(...AUTHED) },
    }),
    async (c) => {
      const q = c.req.valid("query");
      return c.json(toPage(await listDeadLetters(c.get("tenantCtx"), { ...q, pending: q.pending === "true" }), q.limit), 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/dead-letters/{id}",
      tags: ["Dead letters"],
      summary: "One dead letter with its payload",
      middleware: admin(),
      request: { params: IdParam },
      responses: { 200: json(DeadLetterSchema, "The dead letter"), ...problems(...AUTHED, 404) },
    }),
    async (c) => c.json(await getDeadLetter(c.get("tenantCtx"), c.req.valid("param").id), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/dead-letters/{id}/replay",
      tags: ["Dead letters"],
      summary: "Put the message back on its queue; processing is idempotent",
      middleware: admin(),
      request: { params: IdParam },
      responses: { 202: json(DeadLetterSchema, "Re-queued"), ...problems(...AUTHED, 404, 409) },
    }),
    async (c) => c.json(await replayDeadLetter(c.get("tenantCtx"), c.req.valid("param").id), 202),
  );
