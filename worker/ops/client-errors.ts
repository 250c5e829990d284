// Errors the dashboard reports about itself (a crashed page, an uncaught error
// or rejection, a 5xx from the API). Every text field is scrubbed of
// secret-looking values and personal data, the page path is reduced to its
// route, and the report goes to Sentry with the Worker's DSN; without one it
// becomes a single structured log line.
import { z } from "zod";
import type { Ctx } from "../lib/context";
import { captureClientError } from "../lib/sentry";
import { scrubText } from "../lib/scrub-text";
import { listUserTenants, membershipRole } from "../tenancy/accounts";

/** Largest report body accepted; larger ones are refused with 413 before they are parsed. */
export const CLIENT_ERROR_MAX_BYTES = 16 * 1024;

export const CLIENT_ERROR_LIMITS = { message: 1000, name: 100, stack: 6000, componentStack: 4000, path: 500, release: 100, userAgent: 400 } as const;

export const clientErrorReport = z
  .object({
    kind: z.enum(["render", "error", "unhandledrejection", "api"]).describe("What failed: a render (error boundary), an uncaught error, an unhandled rejection, or a 5xx from the API"),
    name: z.string().min(1).max(CLIENT_ERROR_LIMITS.name).optional(),
    message: z.string().min(1).max(CLIENT_ERROR_LIMITS.message),
    stack: z.string().max(CLIENT_ERROR_LIMITS.stack).optional(),
    componentStack: z.string().max(CLIENT_ERROR_LIMITS.componentStack).optional().describe("React's component stack, for render errors"),
    path: z.string().min(1).max(CLIENT_ERROR_LIMITS.path).regex(/^\//, "must be a path starting with /"),
    release: z.string().min(1).max(CLIENT_ERROR_LIMITS.release).regex(/^[A-Za-z0-9._+-]+$/, "must be a build id (letters, digits, . _ + -)").optional().describe("The dashboard build that reported it"),
    userAgent: z.string().max(CLIENT_ERROR_LIMITS.userAgent).optional(),
    status: z.number().int().min(500).max(599).optional().describe("For kind=api: the API's status"),
    requestId: z.string().max(128).regex(/^[A-Za-z0-9._:-]+$/, "must be a request id").optional().describe("For kind=api: the failed request's id"),
  })
  .strict();
export type ClientErrorReport = z.infer<typeof clientErrorReport>;

export interface Reporter {
  /** The tenant of the signed-in member, or null on the sign-in pages. */
  tenantId: string | null;
  signedIn: boolean;
}

// Dashboard paths with a credential in them, and segments that are ids.
const SECRET_SEGMENT = /^\/(invite|reset-password)\/[^/]+/;
const ID_SEGMENT = /^(?=.*\d)[A-Za-z0-9_-]{8,}$/;

/** A page path as a route: no query or fragment, credentials and ids replaced (`/contacts/:id`). */
export function routeOf(path: string): string {
  const bare = path.split(/[?#]/, 1)[0]!.replace(SECRET_SEGMENT, "/$1/:token");
  return bare
    .split("/")
    .map((segment) => (ID_SEGMENT.test(segment) ? ":id" : segment))
    .join("/")
    .slice(0, 200);
}

/** The tenant a signed-in member's report belongs to: the session's current one while they are a member, else their first. */
export async function reportingTenantOf(ctx: Ctx, userId: string, sessionTenantId: string | null): Promise<string | null> {
  if (sessionTenantId && (await membershipRole(ctx, userId, sessionTenantId))) return sessionTenantId;
  return (await listUserTenants(ctx, userId))[0]?.id ?? null;
}

/** Forward one report (scrubbed) to Sentry, or log it when there is no DSN. Never throws. */
export function reportClientError(ctx: Ctx, report: ClientErrorReport, who: Reporter): void {
  const route = routeOf(report.path);
  const name = scrubText(report.name ?? (report.kind === "api" ? "ApiError" : "Error"));
  const message = scrubText(report.message);
  const stack = report.stack === undefined ? undefined : scrubText(report.stack);
  const componentStack = report.componentStack === undefined ? undefined : scrubText(report.componentStack);
  const release = report.release;
  const tags: Record<string, string> = { source: "dashboard", kind: report.kind, route, signed_in: who.signedIn ? "yes" : "no" };
  if (who.tenantId) tags.tenant_id = who.tenantId;
  if (release) tags.dashboard_release = release;
  if (report.status !== undefined) tags.api_status = String(report.status);
  const context = {
    route,
    ...(componentStack ? { componentStack } : {}),
    ...(report.userAgent ? { userAgent: scrubText(report.userAgent) } : {}),
    ...(report.requestId ? { apiRequestId: report.requestId } : {}),
  };
  if (captureClientError(ctx.env, { name, message, stack }, { tags, context })) return;
  ctx.logger.warn("dashboard error", {
    source: "dashboard",
    kind: report.kind,
    route,
    tenantId: who.tenantId,
    signedIn: who.signedIn,
    name,
    message: message.slice(0, 300),
    ...(stack ? { topFrame: stack.split("\n").find((l) => /^\s*at\s/.test(l))?.trim().slice(0, 200) ?? null } : {}),
    ...(release ? { release } : {}),
    ...(report.status !== undefined ? { apiStatus: report.status, apiRequestId: report.requestId ?? null } : {}),
  });
}
