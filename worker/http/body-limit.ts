// Request body limits for /api/*: 1 MiB, except the few routes that take
// files. Checked on Content-Length and, when that is missing, while reading.
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { LARGE_BODY_ROUTES, MAX_BODY_BYTES } from "./limits";
import { problemResponse } from "./problem";
import type { AppEnv } from "./types";

function limitOf(maxSize: number): MiddlewareHandler<AppEnv> {
  return bodyLimit({
    maxSize,
    onError: (c) => problemResponse("payload_too_large", `Request bodies are limited to ${maxSize} bytes`, { requestId: c.get("requestId") }),
  });
}

export function apiBodyLimit(): MiddlewareHandler<AppEnv> {
  const standard = limitOf(MAX_BODY_BYTES);
  const large = new Map(LARGE_BODY_ROUTES.map((r) => [`${r.method} ${r.path}`, limitOf(r.maxBytes)]));
  return (c, next) => (large.get(`${c.req.method} ${c.req.path}`) ?? standard)(c, next);
}
