// Idempotency-Key for POSTs under /api (IETF draft-ietf-httpapi-idempotency-key-header):
// the first response to a key is stored per (tenant, actor, key) and replayed
// for a retry with the same body, so nothing is created or sent twice. The
// same key with another body is refused (422); a retry while the first
// request is still running is refused (409). 5xx responses are not stored:
// the key is released and a retry runs again. Records expire after a day.
//
// Mounted once for /api/*; the claim is made by requireTenant, the first point
// where the tenant and the actor are known (before that nothing has run).
import { and, eq, isNull, lte, or } from "drizzle-orm";
import type { Context, MiddlewareHandler } from "hono";
import { idempotencyKeys } from "../db/schema";
import type { Ctx } from "../lib/context";
import { sha256Hex } from "../lib/crypto";
import { errorFields } from "../lib/logger";
import { fieldError } from "./errors";
import { problemResponse } from "./problem";
import type { AppEnv } from "./types";

export const IDEMPOTENCY_HEADER = "Idempotency-Key";
/** How long a key is remembered. */
export const IDEMPOTENCY_TTL_MS = 24 * 3600_000;
/** An in-flight claim older than this belongs to a request that died; a retry may take it over. */
export const IDEMPOTENCY_LOCK_MS = 5 * 60_000;
/** Response headers replayed with the stored body. */
const REPLAYED_HEADERS = ["content-type", "location"];
/** The shared OpenAPI header parameter (components.parameters.IdempotencyKey), listed on every authenticated POST. */
export const IDEMPOTENCY_KEY_PARAMETER = {
  name: IDEMPOTENCY_HEADER,
  in: "header" as const,
  required: false,
  description:
    "Makes a POST safe to retry: the same key with the same body (per tenant and caller, for 24 hours) returns the first response and runs nothing twice; with another body → 422; while the first is still running → 409.",
  schema: { type: "string" as const, minLength: 1, maxLength: 255 },
};
const KEY_SHAPE = /^[\x21-\x7e]{1,255}$/;

export interface IdempotencyState {
  key: string;
  requestHash: string;
  /** Set once this request owns the key; the response is then stored under it. */
  claim?: { tenantId: string; actor: string };
}

/** The key as sent: an sf-string (`"abc"`) or, as most clients send it, a bare token. */
export function parseIdempotencyKey(header: string): string | null {
  let value = header.trim();
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
  return KEY_SHAPE.test(value) ? value : null;
}

/** The middlewares that claim a key (requireTenant's), to list the header on exactly the POSTs that honour it. */
export const claimsIdempotencyKey = new WeakSet<object>();

/** Adds the shared IdempotencyKey parameter to every documented POST whose handler chain claims keys. */
export function documentIdempotencyKey(definitions: readonly { type: string }[], routes: readonly { method: string; path: string; handler: unknown }[]): void {
  const claiming = new Set(
    routes.filter((r) => r.method === "POST" && claimsIdempotencyKey.has(r.handler as object)).map((r) => r.path.replace(/:([^/]+)/g, "{$1}")),
  );
  for (const def of definitions as readonly RouteDefinition[]) {
    const route = def.type === "route" ? def.route : undefined;
    if (!route || route.method !== "post" || !claiming.has(route.path)) continue;
    route.parameters = [...(route.parameters ?? []), { $ref: "#/components/parameters/IdempotencyKey" }];
  }
}

interface RouteDefinition {
  type: string;
  route?: { method: string; path: string; parameters?: unknown[] };
}

/** Reads the key and fingerprints the request; after the handler, stores or releases the claim. */
export function idempotency(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.method === "POST" ? c.req.header(IDEMPOTENCY_HEADER) : undefined;
    if (header === undefined) return next();
    const key = parseIdempotencyKey(header);
    if (!key) throw fieldError(IDEMPOTENCY_HEADER, "must be 1 to 255 visible ASCII characters");

    const body = new Uint8Array(await c.req.raw.clone().arrayBuffer());
    const prefix = new TextEncoder().encode(`${c.req.method} ${c.req.path}\n`);
    const fingerprint = new Uint8Array(prefix.length + body.length);
    fingerprint.set(prefix);
    fingerprint.set(body, prefix.length);
    const state: IdempotencyState = { key, requestHash: await sha256Hex(fingerprint) };
    c.set("idempotency", state);

    await next();

    if (!state.claim) return;
    const ctx = c.get("ctx");
    const where = and(eq(idempotencyKeys.tenantId, state.claim.tenantId), eq(idempotencyKeys.actor, state.claim.actor), eq(idempotencyKeys.key, key));
    try {
      if (c.res.status >= 500) {
        await ctx.db.delete(idempotencyKeys).where(where);
        return;
      }
      const headers: Record<string, string> = {};
      for (const name of REPLAYED_HEADERS) {
        const v = c.res.headers.get(name);
        if (v !== null) headers[name] = v;
      }
      const text = await c.res.clone().text();
      await ctx.db
        .update(idempotencyKeys)
        .set({ responseStatus: c.res.status, responseHeaders: JSON.stringify(headers), responseBody: text })
        .where(and(where, eq(idempotencyKeys.requestHash, state.requestHash)));
    } catch (err) {
      // The response already happened; a lost record only means a retry gets 409 until the lock lapses.
      ctx.logger.error("idempotency record not stored", errorFields(err));
    }
  };
}

/**
 * Called once the tenant and actor are known. Returns the response to send
 * instead of running the handler (a replay, 409 or 422), or null when this
 * request now owns the key (or carries none).
 */
export async function claimIdempotencyKey(c: Context<AppEnv>): Promise<Response | null> {
  const state = c.get("idempotency");
  if (!state || state.claim) return null;
  const tctx = c.get("tenantCtx");
  const actor = `${tctx.actor.type}:${tctx.actor.id ?? ""}`;
  const now = tctx.now();
  const where = and(eq(idempotencyKeys.tenantId, tctx.tenantId), eq(idempotencyKeys.actor, actor), eq(idempotencyKeys.key, state.key));
  const fresh = { requestHash: state.requestHash, responseStatus: null, responseHeaders: null, responseBody: null, lockedUntil: now + IDEMPOTENCY_LOCK_MS, createdAt: now, expiresAt: now + IDEMPOTENCY_TTL_MS };

  const inserted = await tctx.db
    .insert(idempotencyKeys)
    .values({ tenantId: tctx.tenantId, actor, key: state.key, ...fresh })
    .onConflictDoNothing()
    .run();
  let owned = (inserted.meta.changes ?? 0) > 0;
  if (!owned) {
    // An expired record, or a claim whose request died without answering, is taken over.
    const taken = await tctx.db
      .update(idempotencyKeys)
      .set(fresh)
      .where(and(where, or(lte(idempotencyKeys.expiresAt, now), and(isNull(idempotencyKeys.responseStatus), lte(idempotencyKeys.lockedUntil, now)))))
      .run();
    owned = (taken.meta.changes ?? 0) > 0;
  }
  if (owned) {
    state.claim = { tenantId: tctx.tenantId, actor };
    return null;
  }

  const requestId = c.get("requestId");
  const row = await tctx.db.select().from(idempotencyKeys).where(where).get();
  if (row && row.requestHash !== state.requestHash) {
    return problemResponse("unprocessable", `This ${IDEMPOTENCY_HEADER} was already used for a different request; send a new key for a new request`, {
      requestId,
      errors: [{ path: IDEMPOTENCY_HEADER, message: "already used with a different request body" }],
    });
  }
  if (!row || row.responseStatus === null) {
    return problemResponse("conflict", `A request with this ${IDEMPOTENCY_HEADER} is still being processed; retry once it has finished`, {
      requestId,
      headers: { "retry-after": "1" },
    });
  }
  const headers = new Headers(JSON.parse(row.responseHeaders ?? "{}") as Record<string, string>);
  headers.set("idempotent-replayed", "true");
  headers.set("x-request-id", requestId);
  return new Response(row.responseStatus === 204 ? null : row.responseBody, { status: row.responseStatus, headers });
}

/** Forget keys past their day; run by the maintenance cron. */
export async function deleteExpiredIdempotencyKeys(ctx: Ctx): Promise<number> {
  const res = await ctx.db.delete(idempotencyKeys).where(lte(idempotencyKeys.expiresAt, ctx.now())).run();
  return res.meta.changes ?? 0;
}
