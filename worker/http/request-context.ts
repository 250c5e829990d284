// First middleware: request id, validated config, the domain Ctx, and one
// structured log line per request (method, route, status, duration, tenant).
import type { MiddlewareHandler } from "hono";
import { createDb } from "../db/client";
import { ConfigError, configFor, type Config } from "../env";
import { newId } from "../lib/ids";
import { createLogger } from "../lib/logger";
import { problemResponse } from "./problem";
import type { AppEnv } from "./types";

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;
export { configFor };

export function requestContext(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = Date.now();
    const incoming = c.req.header("x-request-id");
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : newId("request");
    c.set("requestId", requestId);
    const logger = createLogger({ requestId });

    let config: Config;
    try {
      config = configFor(c.env);
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      logger.error("refusing to serve: invalid configuration", { problems: err.problems });
      return problemResponse("misconfigured", `Invalid configuration: ${err.problems.join("; ")}`, {
        requestId,
        errors: err.problems.map((p) => ({ path: p.split(/[ :]/)[0] ?? "config", message: p })),
      });
    }

    const env = c.env;
    c.set("ctx", {
      // Built (once per binding) only when a handler reads it.
      get db() {
        return createDb(env.DB);
      },
      env,
      config,
      logger,
      requestId,
      now: () => Date.now(),
      waitUntil: (p) => {
        try {
          c.executionCtx.waitUntil(p);
        } catch {
          void p;
        }
      },
    });
    c.set("auth", undefined);

    await next();

    // c.header copies a response whose headers are immutable (e.g. one from ASSETS.fetch).
    c.header("x-request-id", requestId);
    const tenant = c.var.tenantCtx;
    logger.info("request", {
      method: c.req.method,
      route: c.req.routePath,
      path: c.req.path,
      status: c.res.status,
      durationMs: Date.now() - started,
      tenantId: tenant?.tenantId ?? null,
      actor: c.var.auth?.actor.type ?? null,
    });
  };
}
