// The reference page and the documentation of the two documentation routes
// themselves (GET /api/openapi.json is served by app.doc31 in app.ts).
import { z } from "@hono/zod-openapi";
import { REFERENCE_HTML, referenceCsp } from "../docs/reference-page";
import { createRouter } from "../http/openapi";

export const docsRoutes = createRouter();

docsRoutes.openAPIRegistry.registerPath({
  method: "get",
  path: "/openapi.json",
  tags: ["Reference"],
  summary: "This API's OpenAPI 3.1 document",
  security: [],
  responses: { 200: { description: "The document", content: { "application/json": { schema: z.record(z.string(), z.unknown()) } } } },
});

docsRoutes.openAPIRegistry.registerPath({
  method: "get",
  path: "/docs",
  tags: ["Reference"],
  summary: "The API reference, rendered from the OpenAPI document (works offline)",
  security: [],
  responses: { 200: { description: "An HTML page", content: { "text/html": { schema: z.string() } } } },
});

docsRoutes.get("/docs", async () =>
  new Response(REFERENCE_HTML, {
    headers: {
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": await referenceCsp(),
      "x-content-type-options": "nosniff",
      "referrer-policy": "no-referrer",
      "cache-control": "public, max-age=300",
    },
  }),
);
