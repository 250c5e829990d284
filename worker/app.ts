// The Hono app: middleware order and route mounting, nothing else.
import "./http/zod-messages";
import { OpenAPIHono } from "@hono/zod-openapi";
import { notFoundHandler, onError } from "./http/error-handler";
import { apiBodyLimit } from "./http/body-limit";
import { OPENAPI_INFO, OPENAPI_SECURITY } from "./http/openapi-document";
import { IDEMPOTENCY_KEY_PARAMETER, documentIdempotencyKey, idempotency } from "./http/idempotency";
import { requestContext } from "./http/request-context";
import { securityHeaders } from "./http/security-headers";
import type { AppEnv } from "./http/types";
import { apiKeyRoutes } from "./routes/api-keys";
import { authRoutes } from "./routes/auth";
import { configRoutes } from "./routes/config";
import { healthRoutes } from "./routes/health";
import { teamRoutes } from "./routes/team";
import { channelRoutes } from "./routes/channels";
import { conversationRoutes } from "./routes/conversations";
import { docsRoutes } from "./routes/docs";
import { quickReplyRoutes } from "./routes/quick-replies";
import { realtimeRoutes } from "./routes/realtime";
import { templateRoutes } from "./routes/templates";
import { registerWebhookDocs } from "./routes/webhook-docs";
import { deadLetterRoutes } from "./routes/dead-letters";
import { sandboxRoutes } from "./routes/sandbox";
import { webhookRoutes } from "./routes/webhooks";
import { assistantRoutes } from "./routes/assistant";
import { webhookEndpointRoutes } from "./routes/webhook-endpoints";
import { contactRoutes } from "./routes/contacts";
import { tagRoutes } from "./routes/tags";
import { customFieldRoutes } from "./routes/custom-fields";
import { flowRoutes } from "./routes/flows";
import { campaignRoutes } from "./routes/campaigns";
import { mediaRoutes } from "./routes/media";
import { analyticsRoutes } from "./routes/analytics";
import { notificationRoutes } from "./routes/notifications";
import { passwordRoutes } from "./routes/passwords";
import { auditLogRoutes } from "./routes/audit-log";
import { tenantRoutes } from "./routes/tenant";
import { accountRoutes } from "./routes/account";
import { clientErrorRoutes } from "./routes/client-errors";

export function createApp() {
  const app = new OpenAPIHono<AppEnv>();
  app.use("*", securityHeaders());
  app.use("*", requestContext());
  app.use("/api/*", apiBodyLimit());
  app.use("/api/*", idempotency());

  const api = new OpenAPIHono<AppEnv>();
  api.route("/", healthRoutes);
  api.route("/", configRoutes);
  api.route("/", authRoutes);
  api.route("/", apiKeyRoutes);
  api.route("/", teamRoutes);
  api.route("/", channelRoutes);
  api.route("/", sandboxRoutes);
  api.route("/", conversationRoutes);
  api.route("/", quickReplyRoutes);
  api.route("/", templateRoutes);
  api.route("/", realtimeRoutes);
  api.route("/", docsRoutes);
  api.route("/", deadLetterRoutes);
  api.route("/", assistantRoutes);
  api.route("/", webhookEndpointRoutes);
  api.route("/", contactRoutes);
  api.route("/", tagRoutes);
  api.route("/", customFieldRoutes);
  api.route("/", flowRoutes);
  api.route("/", campaignRoutes);
  api.route("/", mediaRoutes);
  api.route("/", analyticsRoutes);
  api.route("/", notificationRoutes);
  api.route("/", passwordRoutes);
  api.route("/", auditLogRoutes);
  api.route("/", tenantRoutes);
  api.route("/", accountRoutes);
  api.route("/", clientErrorRoutes);
  app.route("/api", api);
  app.route("/webhooks", webhookRoutes);
  registerWebhookDocs(app.openAPIRegistry);

  app.openAPIRegistry.registerComponent("securitySchemes", "session", { type: "apiKey", in: "cookie", name: "parley_session" });
  app.openAPIRegistry.registerComponent("securitySchemes", "apiKey", { type: "http", scheme: "bearer" });
  app.openAPIRegistry.registerComponent("parameters", "IdempotencyKey", IDEMPOTENCY_KEY_PARAMETER);
  documentIdempotencyKey(app.openAPIRegistry.definitions, app.routes);
  app.doc31("/api/openapi.json", (c) => ({
    openapi: "3.1.0",
    info: { ...OPENAPI_INFO, version: c.get("ctx").config.RELEASE },
    servers: [{ url: c.get("ctx").config.PUBLIC_URL }],
    security: OPENAPI_SECURITY,
  }));

  app.onError(onError);
  app.notFound(notFoundHandler(app));
  return app;
}

export type App = ReturnType<typeof createApp>;
