import { createRoute, z } from "@hono/zod-openapi";
import { authenticate, requireTenant } from "../http/auth";
import { AUTHED, IdParam, createRouter, json, jsonBody, listOf, problems } from "../http/openapi";
import { pageQuery } from "../lib/pagination";
import { keysetCursorField } from "../contacts/cursor";
import { createTag, createTagInput, deleteTag, getTag, listTags, updateTag, updateTagInput } from "../contacts/tags";
import { TagSchema } from "./contact-schemas";

const member = () => [authenticate, requireTenant()];
const admin = () => [authenticate, requireTenant("owner", "admin")];

export const tagRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/tags",
      tags: ["Tags"],
      summary: "Tags in alphabetical order, with how many contacts carry each",
      middleware: member(),
      request: {
        query: z.object({
          limit: pageQuery.shape.limit,
          cursor: keysetCursorField(["name"]),
          q: z.string().trim().min(1).max(40).optional().openapi({ description: "Names starting with this (any case)" }),
        }),
      },
      responses: { 200: json(listOf(TagSchema), "Tags"), ...problems(...AUTHED) },
    }),
    async (c) => c.json(await listTags(c.get("tenantCtx"), c.req.valid("query")), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/tags",
      tags: ["Tags"],
      summary: "Create a tag (names are unique regardless of case; tagging a contact also creates missing tags)",
      middleware: member(),
      request: jsonBody(createTagInput),
      responses: { 201: json(TagSchema, "Created"), ...problems(...AUTHED, 409) },
    }),
    async (c) => c.json(await createTag(c.get("tenantCtx"), c.req.valid("json")), 201),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/tags/{id}",
      tags: ["Tags"],
      summary: "One tag",
      middleware: member(),
      request: { params: IdParam },
      responses: { 200: json(TagSchema, "The tag"), ...problems(...AUTHED, 404) },
    }),
    async (c) => c.json(await getTag(c.get("tenantCtx"), c.req.valid("param").id), 200),
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/tags/{id}",
      tags: ["Tags"],
      summary: "Rename (every contact's tag list follows) or recolour a tag",
      middleware: admin(),
      request: { params: IdParam, ...jsonBody(updateTagInput) },
      responses: { 200: json(TagSchema, "Updated"), ...problems(...AUTHED, 404, 409) },
    }),
    async (c) => c.json(await updateTag(c.get("tenantCtx"), c.req.valid("param").id, c.req.valid("json")), 200),
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/tags/{id}",
      tags: ["Tags"],
      summary: "Delete a tag and remove it from every contact",
      middleware: admin(),
      request: { params: IdParam },
      responses: { 204: { description: "Deleted" }, ...problems(...AUTHED, 404) },
    }),
    async (c) => {
      await deleteTag(c.get("tenantCtx"), c.req.valid("param").id);
      return c.body(null, 204);
    },
  );
