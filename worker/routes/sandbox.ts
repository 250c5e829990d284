import { createRoute, z } from "@hono/zod-openapi";
import { authenticate, requireTenant } from "../http/auth";
import { AUTHED, createRouter, json, jsonBody, problems } from "../http/openapi";
import { enforceLimit } from "../http/rate-limit";
import { sandboxMessageInput, sendSandboxMessage } from "../inbound/sandbox";

export const sandboxRoutes = createRouter().openapi(
  createRoute({
    method: "post",
    path: "/sandbox/messages",
    tags: ["Sandbox"],
    summary: "A message from a test customer on the built-in sandbox channel, processed exactly like a WhatsApp message",
    middleware: [authenticate, requireTenant()],
    request: jsonBody(sandboxMessageInput),
    responses: {
      202: json(z.object({ conversationId: z.string(), messageId: z.string(), contactId: z.string() }), "Accepted for processing"),
      ...problems(...AUTHED),
    },
  }),
  async (c) => {
    const t = c.get("tenantCtx");
    await enforceLimit(c, "sandbox", t.tenantId);
    return c.json(await sendSandboxMessage(t, c.req.valid("json")), 202);
  },
);
