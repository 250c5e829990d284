// Security headers on every response the worker makes: API answers (JSON,
// problem+json) and, in production, the dashboard's files when they are served
// through the worker. The same policy for the dashboard is in web/public/_headers
// for the responses the platform serves without the worker. HSTS only in
// production, where the site is HTTPS-only. Webhook ingress is left alone.
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./types";

/** The built dashboard loads only its own scripts, styles, fonts and images and talks only to this origin. */
export const DASHBOARD_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
/** API answers are data: nothing in them may load or run anything, or be framed. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";
export const HSTS = "max-age=31536000; includeSubDomains";

export function securityHeaders(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    if (c.req.path.startsWith("/webhooks/")) return;
    const api = c.req.path === "/api" || c.req.path.startsWith("/api/");
    // A route with its own policy (the API reference page) keeps it.
    if (!c.res.headers.has("content-security-policy")) c.header("content-security-policy", api ? API_CSP : DASHBOARD_CSP);
    c.header("x-content-type-options", "nosniff");
    c.header("x-frame-options", "DENY");
    if (!c.res.headers.has("referrer-policy")) c.header("referrer-policy", "strict-origin-when-cross-origin");
    if (c.env.ENVIRONMENT === "production") c.header("strict-transport-security", HSTS);
  };
}
