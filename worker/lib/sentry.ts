// Error reporting through @sentry/cloudflare, active only when SENTRY_DSN is set
// and never in tests. worker/index.ts wraps the handlers with sentryOptions
// (one isolated scope per invocation, flushed with waitUntil); reportError
// captures an error the app handled itself (a 500, a failed queue batch or cron).
import { captureException, withScope, type CloudflareOptions, type ErrorEvent } from "@sentry/cloudflare";
import type { Env } from "../env";
import { redactPath } from "./logger";

export interface ReportContext {
  waitUntil(p: Promise<unknown>): void;
}

const ALLOWED_HEADERS = ["user-agent", "cf-ray"];

const scrubUrl = (raw: string | undefined) => {
  if (!raw) return raw;
  const [base] = raw.split("?");
  try {
    const u = new URL(base!);
    return `${u.origin}${redactPath(u.pathname)}`;
  } catch {
    return base;
  }
};

/** Headers, cookies, query strings and bodies are PII: an event keeps only method, path and two headers. */
export function scrubEvent(event: ErrorEvent): ErrorEvent {
  if (event.request) {
    const headers = Object.fromEntries(Object.entries(event.request.headers ?? {}).filter(([k]) => ALLOWED_HEADERS.includes(k.toLowerCase())));
    event.request = { method: event.request.method, url: scrubUrl(event.request.url), headers };
  }
  delete event.user;
  return event;
}

export function sentryEnabled(env: Env): boolean {
  return Boolean(env.SENTRY_DSN) && env.ENVIRONMENT !== "test";
}

/** The SDK's options for this invocation; without a DSN (or in tests) the SDK stays disabled and sends nothing. */
export function sentryOptions(env: Env): CloudflareOptions {
  return {
    dsn: sentryEnabled(env) ? env.SENTRY_DSN : undefined,
    enabled: sentryEnabled(env),
    environment: env.ENVIRONMENT ?? "development",
    release: env.RELEASE,
    dataCollection: { userInfo: false, cookies: false, httpHeaders: false, httpBodies: [], urlQueryParams: false },
    // Breadcrumbs would carry console lines and fetched URLs; the structured logs already have them, redacted.
    beforeBreadcrumb: () => null,
    beforeSend: scrubEvent,
  };
}

export function reportError(
  env: Env,
  _ctx: ReportContext,
  error: unknown,
  extra: { request?: Request; requestId?: string; tags?: Record<string, string> } = {},
): void {
  if (!sentryEnabled(env)) return;
  try {
    withScope((scope) => {
      if (extra.requestId) scope.setTag("request_id", extra.requestId);
      for (const [k, v] of Object.entries(extra.tags ?? {})) scope.setTag(k, v);
      if (extra.request) {
        const url = new URL(extra.request.url);
        scope.setContext("request", { method: extra.request.method, path: redactPath(url.pathname) });
      }
      captureException(error);
    });
  } catch {
    // Reporting must never turn one failure into two.
  }
}

/**
 * Report an error that happened in the dashboard (a browser), already scrubbed
 * by the caller: it is rebuilt as an Error whose name, message and stack are
 * the browser's, so Sentry groups it by the dashboard's frames, not this
 * Worker's. Returns false when reporting is off (no DSN, or tests).
 */
export function captureClientError(
  env: Env,
  error: { name: string; message: string; stack?: string },
  extra: { tags: Record<string, string>; context: Record<string, unknown> },
): boolean {
  if (!sentryEnabled(env)) return false;
  try {
    const reported = new Error(error.message);
    reported.name = error.name;
    reported.stack = error.stack ?? `${error.name}: ${error.message}`;
    withScope((scope) => {
      scope.setTags(extra.tags);
      scope.setContext("dashboard", extra.context);
      scope.setLevel("error");
      captureException(reported, { mechanism: { type: "dashboard", handled: false } });
    });
  } catch {
    // Reporting must never turn one failure into two.
  }
  return true;
}
