import { createRoute } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { authenticate, rejectForeignOrigin } from "../http/auth";
import { createRouter, jsonBody, problems } from "../http/openapi";
import { problemResponse } from "../http/problem";
import { clientIp, enforceLimit } from "../http/rate-limit";
import type { AppEnv } from "../http/types";
import { errorFields } from "../lib/logger";
import { CLIENT_ERROR_MAX_BYTES, clientErrorReport, reportClientError, reportingTenantOf } from "../ops/client-errors";

/** An error reporter must not fail in turn: anything that is not a refusal (4xx) answers 204, logged. */
const neverFail: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  if (c.res.status >= 500) {
    c.get("ctx")?.logger.error("dashboard error report dropped", { status: c.res.status, ...(c.error ? errorFields(c.error) : {}) });
    c.res = new Response(null, { status: 204 });
  }
};

const smallBody: MiddlewareHandler<AppEnv> = bodyLimit({
  maxSize: CLIENT_ERROR_MAX_BYTES,
  onError: (c) =>
    problemResponse("payload_too_large", `Error reports are limited to ${CLIENT_ERROR_MAX_BYTES} bytes`, {
      requestId: c.get("requestId"),
      errors: [{ path: "(body)", message: `must be at most ${CLIENT_ERROR_MAX_BYTES} bytes` }],
    }),
});

/** The tenant a request's report is attributed to, worked out while limiting it. */
const reportingTenant = new WeakMap<Request, string>();

/** Signed-in members count against their tenant's allowance; the sign-in pages against a smaller one per address. */
const limitReports: MiddlewareHandler<AppEnv> = async (c, next) => {
  const auth = c.get("auth");
  if (auth?.via === "session" && auth.userId) {
    const tenantId = await reportingTenantOf(c.get("ctx"), auth.userId, auth.sessionTenantId ?? null);
    if (tenantId) reportingTenant.set(c.req.raw, tenantId);
    await enforceLimit(c, "clientErrors", tenantId ?? auth.userId);
  } else {
    await enforceLimit(c, "clientErrorsAnonymous", clientIp(c));
  }
  await next();
};

export const clientErrorRoutes = createRouter().openapi(
  createRoute({
    method: "post",
    path: "/client-errors",
    security: [{ session: [] }, {}] as Array<Record<string, string[]>>,
    tags: ["Observability"],
    summary: "Report an error the dashboard ran into; scrubbed and forwarded to error reporting (always 204 once accepted)",
    description:
      "For the dashboard's own use (sent with `navigator.sendBeacon`). Signed in, the report is attributed to your workspace and limited per workspace; " +
      "without a session (the sign-in pages) it is limited per network address. Query strings, tokens, cookies, email addresses and phone numbers are removed before anything is stored or sent.",
    middleware: [neverFail, rejectForeignOrigin, smallBody, authenticate, limitReports] as const,
    request: jsonBody(clientErrorReport),
    responses: { 204: { description: "Accepted (forwarded, or logged when error reporting is not configured)" }, ...problems(400, 403, 413, 429) },
  }),
  (c) => {
    const auth = c.get("auth");
    reportClientError(c.get("ctx"), c.req.valid("json"), { tenantId: reportingTenant.get(c.req.raw) ?? null, signedIn: auth?.via === "session" });
    return c.body(null, 204);
  },
);
