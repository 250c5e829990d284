// Error reporting through toucan-js, active only when SENTRY_DSN is set and
// never in tests. One Toucan per invocation, as the library requires.
import { Toucan } from "toucan-js";
import type { Env } from "../env";

export interface ReportContext {
  waitUntil(p: Promise<unknown>): void;
}

export function reportError(
  env: Env,
  ctx: ReportContext,
  error: unknown,
  extra: { request?: Request; requestId?: string; tags?: Record<string, string> } = {},
): void {
  if (!env.SENTRY_DSN || env.ENVIRONMENT === "test") return;
  try {
    const sentry = new Toucan({
      dsn: env.SENTRY_DSN,
      context: ctx,
      request: extra.request,
      environment: env.ENVIRONMENT ?? "development",
      release: env.RELEASE,
      // Headers, cookies, query strings and bodies are PII: send none of them.
      requestDataOptions: { allowedHeaders: ["user-agent", "cf-ray"], allowedCookies: false, allowedSearchParams: false },
    });
    if (extra.requestId) sentry.setTag("request_id", extra.requestId);
    for (const [k, v] of Object.entries(extra.tags ?? {})) sentry.setTag(k, v);
    sentry.captureException(error);
  } catch {
    // Reporting must never turn one failure into two.
  }
}
