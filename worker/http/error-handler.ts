import type { Context, ErrorHandler, Hono, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { ZodError } from "zod";
import { errorFields } from "../lib/logger";
import { reportError } from "../lib/sentry";
import { AppError, type ErrorCode } from "./errors";
import { problemResponse } from "./problem";
import type { AppEnv } from "./types";

const STATUS_CODES: Record<number, ErrorCode> = {
  400: "bad_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  409: "conflict",
  413: "payload_too_large",
  415: "unsupported_media_type",
  422: "unprocessable",
  429: "rate_limited",
  503: "unavailable",
};

export function zodFieldErrors(err: ZodError) {
  return err.issues.map((i) => ({ path: i.path.join(".") || "(body)", message: i.message }));
}

export const onError: ErrorHandler<AppEnv> = (err, c) => {
  const requestId = c.get("requestId");
  // A request that was counted against a limit says so even when it fails.
  const rateLimit = c.get("rateLimitHeaders");
  if (err instanceof AppError) {
    return problemResponse(err.code, err.detail, { requestId, errors: err.options.errors, headers: { ...rateLimit, ...err.options.headers } });
  }
  if (err instanceof ZodError) {
    return problemResponse("validation_failed", "The request is not valid", { requestId, errors: zodFieldErrors(err), headers: rateLimit });
  }
  if (err instanceof HTTPException && err.status < 500) {
    const code = STATUS_CODES[err.status] ?? "bad_request";
    return problemResponse(code, err.message || code, { requestId, headers: rateLimit });
  }
  c.get("ctx")?.logger.error("unhandled error", { method: c.req.method, path: c.req.path, ...errorFields(err) });
  let execution: { waitUntil(p: Promise<unknown>): void } | undefined;
  try {
    execution = c.executionCtx;
  } catch {
    execution = undefined;
  }
  if (execution) reportError(c.env, execution, err, { request: c.req.raw, requestId });
  return problemResponse("internal", "Something went wrong on our side. Quote the request id when you report it.", { requestId });
};

type RoutePattern = { method: string; regex: RegExp };
const patternCache = new WeakMap<object, RoutePattern[]>();

function routePatterns(app: Hono<AppEnv>): RoutePattern[] {
  let patterns = patternCache.get(app);
  if (!patterns) {
    patterns = app.routes
      .filter((r) => r.method !== "ALL")
      .map((r) => ({
        method: r.method,
        regex: new RegExp(
          "^" + r.path.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\/:[^/]+/g, "/[^/]+").replace(/\*/g, ".*") + "$",
        ),
      }));
    patternCache.set(app, patterns);
  }
  return patterns;
}

/** 404 for unknown routes, 405 with Allow for a known path and the wrong method; the dashboard for the rest. */
export function notFoundHandler(app: Hono<AppEnv>): NotFoundHandler<AppEnv> {
  return (c: Context<AppEnv>) => {
    const path = c.req.path;
    const isApi = path === "/api" || path.startsWith("/api/") || path.startsWith("/webhooks/");
    if (!isApi && c.env.ASSETS) return c.env.ASSETS.fetch(c.req.raw);
    const allowed = [...new Set(routePatterns(app).filter((p) => p.regex.test(path)).map((p) => p.method))];
    if (allowed.length > 0) {
      if (allowed.includes("GET")) allowed.push("HEAD");
      return problemResponse("method_not_allowed", `${c.req.method} is not allowed on ${path}`, {
        requestId: c.get("requestId"),
        headers: { allow: allowed.join(", ") },
      });
    }
    return problemResponse("not_found", `No route for ${c.req.method} ${path}`, { requestId: c.get("requestId") });
  };
}
