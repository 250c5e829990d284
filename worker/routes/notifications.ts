import { createRoute, z } from "@hono/zod-openapi";
import { authenticate, requireTenant } from "../http/auth";
import { AUTHED, createRouter, json, listOf, problems } from "../http/openapi";
import { pageQuery, toPage } from "../lib/pagination";
import { EMAIL_KINDS, EMAIL_STATUSES } from "../db/schema";
import { emailDelivery, listEmails } from "../notify/outbox";

const EmailSchema = z
  .object({
    id: z.string(),
    kind: z.enum(EMAIL_KINDS),
    to: z.string(),
    subject: z.string(),
    body: z.string().nullable().describe("The text, while the email is in the outbox (no provider configured); null once a provider took it"),
    status: z.enum(EMAIL_STATUSES),
    attempts: z.number(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
  })
  .openapi("Email");

const EmailPageSchema = listOf(EmailSchema).extend({
  delivery: z.enum(["provider", "outbox"]).describe("provider: an email provider sends them; outbox: none is configured and they are kept here"),
});

export const notificationRoutes = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/emails",
    tags: ["Team"],
    summary: "Emails Parley sent (or, without an email provider, keeps in the outbox) for this tenant, newest first",
    middleware: [authenticate, requireTenant("owner", "admin")],
    request: { query: pageQuery },
    responses: { 200: json(EmailPageSchema, "Emails"), ...problems(...AUTHED) },
  }),
  async (c) => {
    const ctx = c.get("tenantCtx");
    const page = c.req.valid("query");
    return c.json({ ...toPage(await listEmails(ctx, page), page.limit), delivery: emailDelivery(ctx) }, 200);
  },
);
