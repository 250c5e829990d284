import { createRoute } from "@hono/zod-openapi";
import { authenticate, requireTenant } from "../http/auth";
import { AUTHED, IdParam, createRouter, json, jsonBody, listOf, problems } from "../http/openapi";
import { pageQuery, toPage } from "../lib/pagination";
import {
  createCustomField,
  createCustomFieldInput,
  deleteCustomField,
  getCustomField,
  listCustomFields,
  updateCustomField,
  updateCustomFieldInput,
} from "../contacts/custom-fields";
import { CustomFieldSchema } from "./contact-schemas";

const member = () => [authenticate, requireTenant()];
const admin = () => [authenticate, requireTenant("owner", "admin")];

export const customFieldRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/custom-fields",
      tags: ["Custom fields"],
      summary: "The tenant's custom contact fields, newest first",
      middleware: member(),
      request: { query: pageQuery },
      responses: { 200: json(listOf(CustomFieldSchema), "Custom fields"), ...problems(...AUTHED) },
    }),
    async (c) => {
      const q = c.req.valid("query");
      return c.json(toPage(await listCustomFields(c.get("tenantCtx"), q), q.limit), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/custom-fields",
      tags: ["Custom fields"],
      summary: "Define a custom field: key, label, type (text, number, boolean, date, select) and, for select, its options",
      middleware: admin(),
      request: jsonBody(createCustomFieldInput),
      responses: { 201: json(CustomFieldSchema, "Created"), ...problems(...AUTHED, 409) },
    }),
    async (c) => c.json(await createCustomField(c.get("tenantCtx"), c.req.valid("json")), 201),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/custom-fields/{id}",
      tags: ["Custom fields"],
      summary: "One custom field",
      middleware: member(),
      request: { params: IdParam },
      responses: { 200: json(CustomFieldSchema, "The field"), ...problems(...AUTHED, 404) },
    }),
    async (c) => c.json(await getCustomField(c.get("tenantCtx"), c.req.valid("param").id), 200),
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/custom-fields/{id}",
      tags: ["Custom fields"],
      summary: "Change the label, the options of a select field, or the key (every contact's value moves to the new key)",
      middleware: admin(),
      request: { params: IdParam, ...jsonBody(updateCustomFieldInput) },
      responses: { 200: json(CustomFieldSchema, "Updated"), ...problems(...AUTHED, 404, 409) },
    }),
    async (c) => c.json(await updateCustomField(c.get("tenantCtx"), c.req.valid("param").id, c.req.valid("json")), 200),
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/custom-fields/{id}",
      tags: ["Custom fields"],
      summary: "Delete a custom field and its value on every contact",
      middleware: admin(),
      request: { params: IdParam },
      responses: { 204: { description: "Deleted" }, ...problems(...AUTHED, 404) },
    }),
    async (c) => {
      await deleteCustomField(c.get("tenantCtx"), c.req.valid("param").id);
      return c.body(null, 204);
    },
  );
