// The Hono app: middleware order and route mounting, nothing else.
import { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { notFoundHandler, onError } from "./http/error-handler";
import { problemResponse } from "./http/problem";
import { requestContext } from "./http/request-context";
import type { AppEnv } from "./http/types";
import { apiKeyRoutes } from "./routes/api-keys";
import { authRoutes } from "./routes/auth";
import { configRoutes } from "./routes/config";
import { healthRoutes } from "./routes/health";
import { teamRoutes } from "./routes/team";

export const MAX_BODY_BYTES = 1024 * 1024;

export function createApp() {
  const app = new OpenAPIHono<AppEnv>();
  app.use("*", requestContext());
  app.use(
    "/api/*",
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => problemResponse("payload_too_large", `Request bodies are limited to ${MAX_BODY_BYTES} bytes`, { requestId: c.get("requestId") }),
    }),
  );

  const api = new OpenAPIHono<AppEnv>();
  api.route("/", healthRoutes);
  api.route("/", configRoutes);
  api.route("/", authRoutes);
  api.route("/", apiKeyRoutes);
  api.route("/", teamRoutes);
  app.route("/api", api);

  app.openAPIRegistry.registerComponent("securitySchemes", "session", { type: "apiKey", in: "cookie", name: "parley_session" });
  app.openAPIRegistry.registerComponent("securitySchemes", "apiKey", { type: "http", scheme: "bearer" });
  app.doc31("/api/openapi.json", (c) => ({
    openapi: "3.1.0",
    info: { title: "Parley API", version: c.get("ctx").config.RELEASE, description: "WhatsApp AI automation: tenants, channels, inbox, assistant and webhooks." },
    servers: [{ url: c.get("ctx").config.PUBLIC_URL }],
    security: [{ session: [] as string[] }, { apiKey: [] as string[] }] as Array<Record<string, string[]>>,
  }));

  app.onError(onError);
  app.notFound(notFoundHandler(app));
  return app;
}

export type App = ReturnType<typeof createApp>;
