// The OpenAPI document's fixed part: served at /api/openapi.json (with this
// deployment's release and address) and read by the dashboard's type generator.
import type { createApp } from "../app";

export const OPENAPI_INFO = {
  title: "Parley API",
  description: "WhatsApp AI automation: tenants, channels, inbox, assistant and webhooks.",
} as const;

export const OPENAPI_SECURITY = [{ session: [] as string[] }, { apiKey: [] as string[] }] as Array<Record<string, string[]>>;

/**
 * The document without deployment details (no server address, a fixed version):
 * what the dashboard's generated types (web/src/api/schema.d.ts) are built from.
 */
export function apiDocument(app: ReturnType<typeof createApp>) {
  return app.getOpenAPI31Document({
    openapi: "3.1.0",
    info: { ...OPENAPI_INFO, version: "0" },
    security: OPENAPI_SECURITY,
  });
}
