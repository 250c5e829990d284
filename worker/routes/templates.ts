import { createRoute } from "@hono/zod-openapi";
import { authenticate, requireTenant } from "../http/auth";
import { AUTHED, IdParam, createRouter, json, jsonBody, listOf, problems } from "../http/openapi";
import { pageQuery, toPage } from "../lib/pagination";
import {
  createTemplate,
  createTemplateInput,
  deleteTemplate,
  getTemplate,
  listTemplates,
  templateListQuery,
  updateTemplate,
  updateTemplateInput,
} from "../templates/store";
import { syncTemplates, syncTemplatesInput } from "../templates/sync";
import { submitTemplate, submitTemplateInput } from "../templates/submit";
import { TemplateSchema, TemplateSyncSchema } from "./conversation-schemas";

const member = () => [authenticate, requireTenant()];
const admin = () => [authenticate, requireTenant("owner", "admin")];
const tags = ["Templates"];

export const templateRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/templates",
      tags,
      summary: "WhatsApp message templates: synced from Meta channels and edited locally",
      middleware: member(),
      request: { query: pageQuery.extend(templateListQuery.shape) },
      responses: { 200: json(listOf(TemplateSchema), "Templates, newest first"), ...problems(...AUTHED) },
    }),
    async (c) => {
      const q = c.req.valid("query");
      return c.json(toPage(await listTemplates(c.get("tenantCtx"), q), q.limit), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/templates",
      tags,
      summary: "Create a local template (for WAHA and sandbox channels)",
      middleware: admin(),
      request: jsonBody(createTemplateInput),
      responses: { 201: json(TemplateSchema, "Created"), ...problems(...AUTHED, 409) },
    }),
    async (c) => c.json(await createTemplate(c.get("tenantCtx"), c.req.valid("json")), 201),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/templates/sync",
      tags,
      summary: "Pull a Meta channel's templates from its WhatsApp Business Account",
      description:
        "Reads GET {graph}/{wabaId}/message_templates with the channel's access token. Templates Meta lists are created or updated with their status; " +
        "synced copies Meta no longer lists are removed. The channel needs a wabaId.",
      middleware: admin(),
      request: jsonBody(syncTemplatesInput),
      responses: { 200: json(TemplateSyncSchema, "Synced"), ...problems(...AUTHED, 404, 409, 422, 503) },
    }),
    async (c) => c.json(await syncTemplates(c.get("tenantCtx"), c.req.valid("json")), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/templates/submit",
      tags,
      summary: "Submit a new template to Meta for approval (POST /{waba_id}/message_templates); stored with Meta's id and status",
      middleware: admin(),
      request: jsonBody(submitTemplateInput),
      responses: { 201: json(TemplateSchema, "Submitted; usually pending until Meta reviews it"), ...problems(...AUTHED, 404, 409, 422, 503) },
    }),
    async (c) => c.json(await submitTemplate(c.get("tenantCtx"), c.req.valid("json")), 201),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/templates/{id}",
      tags,
      summary: "One template",
      middleware: member(),
      request: { params: IdParam },
      responses: { 200: json(TemplateSchema, "The template"), ...problems(...AUTHED, 404) },
    }),
    async (c) => c.json(await getTemplate(c.get("tenantCtx"), c.req.valid("param").id), 200),
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/templates/{id}",
      tags,
      summary: "Change a local template; synced ones are edited in WhatsApp Manager (409)",
      middleware: admin(),
      request: { params: IdParam, ...jsonBody(updateTemplateInput) },
      responses: { 200: json(TemplateSchema, "Updated"), ...problems(...AUTHED, 404, 409) },
    }),
    async (c) => c.json(await updateTemplate(c.get("tenantCtx"), c.req.valid("param").id, c.req.valid("json")), 200),
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/templates/{id}",
      tags,
      summary: "Delete a template (a synced one comes back on the next sync if Meta still lists it)",
      middleware: admin(),
      request: { params: IdParam },
      responses: { 204: { description: "Deleted" }, ...problems(...AUTHED, 404) },
    }),
    async (c) => {
      await deleteTemplate(c.get("tenantCtx"), c.req.valid("param").id);
      return c.body(null, 204);
    },
  );
