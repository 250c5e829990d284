import { createRoute } from "@hono/zod-openapi";
import { authenticate, requireTenant } from "../http/auth";
import { AUTHED, IdParam, createRouter, json, jsonBody, listOf, problems } from "../http/openapi";
import { pageQuery, toPage } from "../lib/pagination";
import {
  createQuickReply,
  createQuickReplyInput,
  deleteQuickReply,
  getQuickReply,
  listQuickReplies,
  quickReplyListQuery,
  renderInput,
  renderQuickReply,
  updateQuickReply,
  updateQuickReplyInput,
} from "../quick-replies/store";
import { QuickReplySchema, RenderedQuickReplySchema } from "./conversation-schemas";

const member = () => [authenticate, requireTenant()];
const admin = () => [authenticate, requireTenant("owner", "admin")];
const tags = ["Quick replies"];

export const quickReplyRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/quick-replies",
      tags,
      summary: "Quick replies (canned responses), newest first",
      middleware: member(),
      request: { query: pageQuery.extend(quickReplyListQuery.shape) },
      responses: { 200: json(listOf(QuickReplySchema), "Quick replies"), ...problems(...AUTHED) },
    }),
    async (c) => {
      const q = c.req.valid("query");
      return c.json(toPage(await listQuickReplies(c.get("tenantCtx"), q), q.limit), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/quick-replies",
      tags,
      summary: "Create a quick reply; unknown variables are refused",
      middleware: admin(),
      request: jsonBody(createQuickReplyInput),
      responses: { 201: json(QuickReplySchema, "Created"), ...problems(...AUTHED, 409) },
    }),
    async (c) => c.json(await createQuickReply(c.get("tenantCtx"), c.req.valid("json")), 201),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/quick-replies/{id}",
      tags,
      summary: "One quick reply",
      middleware: member(),
      request: { params: IdParam },
      responses: { 200: json(QuickReplySchema, "The quick reply"), ...problems(...AUTHED, 404) },
    }),
    async (c) => c.json(await getQuickReply(c.get("tenantCtx"), c.req.valid("param").id), 200),
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/quick-replies/{id}",
      tags,
      summary: "Change a quick reply",
      middleware: admin(),
      request: { params: IdParam, ...jsonBody(updateQuickReplyInput) },
      responses: { 200: json(QuickReplySchema, "Updated"), ...problems(...AUTHED, 404, 409) },
    }),
    async (c) => c.json(await updateQuickReply(c.get("tenantCtx"), c.req.valid("param").id, c.req.valid("json")), 200),
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/quick-replies/{id}",
      tags,
      summary: "Delete a quick reply",
      middleware: admin(),
      request: { params: IdParam },
      responses: { 204: { description: "Deleted" }, ...problems(...AUTHED, 404) },
    }),
    async (c) => {
      await deleteQuickReply(c.get("tenantCtx"), c.req.valid("param").id);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/quick-replies/{id}/render",
      tags,
      summary: "The quick reply's text for a conversation: {{contact.*}}, {{agent.*}} and {{business.name}} filled in",
      description: "Nothing is sent: the agent edits the text and sends it with POST /api/conversations/{id}/messages.",
      middleware: member(),
      request: { params: IdParam, ...jsonBody(renderInput) },
      responses: { 200: json(RenderedQuickReplySchema, "Rendered"), ...problems(...AUTHED, 404) },
    }),
    async (c) => c.json(await renderQuickReply(c.get("tenantCtx"), c.req.valid("param").id, c.req.valid("json")), 200),
  );
