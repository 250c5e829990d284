// Request body limits for /api/*: 1 MiB, except the few routes that take
// files. Checked on Content-Length and, when that is missing, while reading.
// Webhooks read their raw bytes with readBodyWithin, which counts the same way.
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { AppError } from "./errors";
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

/**
 * Read a request body of at most `maxBytes`, counting while it streams: a
 * declared Content-Length over the limit is refused before reading, and a
 * chunked body is cancelled as soon as it passes the limit.
 */
export async function readBodyWithin(request: Request, maxBytes: number): Promise<ArrayBuffer> {
  const tooLarge = () => new AppError("payload_too_large", `Request bodies are limited to ${maxBytes} bytes`);
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge();
  if (!request.body) return new ArrayBuffer(0);
  // A declared length bounds the body (the runtime ends it there): read it in one call.
  if (request.headers.has("content-length") && Number.isInteger(declared) && declared >= 0) {
    const body = await request.arrayBuffer();
    if (body.byteLength > maxBytes) throw tooLarge();
    return body;
  }
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  const only = chunks.length === 1 ? chunks[0]! : null;
  if (only && only.byteOffset === 0 && only.byteLength === only.buffer.byteLength && only.buffer instanceof ArrayBuffer) return only.buffer;
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out.buffer;
}
