// Reports the dashboard's own failures to POST /api/client-errors (same
// origin, so the strict CSP's connect-src 'self' allows it): render errors,
// uncaught errors and rejections, and 5xx answers from the API. The Worker
// scrubs and forwards them to error reporting. Each distinct error is sent
// once per page load and at most MAX_REPORTS are sent in all, so a loop that
// keeps failing cannot turn into a storm. Off in development unless
// VITE_REPORT_ERRORS=1.

export type ErrorKind = "render" | "error" | "unhandledrejection" | "api";

const ENDPOINT = "/api/client-errors";
export const MAX_REPORTS = 5;

// The Worker's caps (worker/ops/client-errors.ts); longer fields are cut here rather than refused there.
const CAPS = { message: 1000, name: 100, stack: 6000, componentStack: 4000, path: 500, userAgent: 400 } as const;

const enabled = import.meta.env.PROD || import.meta.env.VITE_REPORT_ERRORS === "1";

/** This build: the entry chunk's content-hashed file name (`index-AbC123`) changes with every release. */
const release = (() => {
  const file = new URL(import.meta.url).pathname.split("/").pop()?.replace(/\.[a-z]+$/, "") ?? "";
  return /^[A-Za-z0-9._+-]{1,100}$/.test(file) ? file : undefined;
})();

const seen = new Set<string>();
let sent = 0;

const cut = (text: string | undefined, max: number) => (text && text.length > max ? text.slice(0, max) : text || undefined);

interface Report {
  kind: ErrorKind;
  name?: string;
  message: string;
  stack?: string;
  componentStack?: string;
  status?: number;
  requestId?: string;
}

function send(report: Report): void {
  if (!enabled || sent >= MAX_REPORTS) return;
  const message = cut(report.message.trim(), CAPS.message) || "(no message)";
  const key = `${report.kind}|${report.name ?? ""}|${message}|${report.stack?.split("\n", 3).join("|") ?? ""}`;
  if (seen.has(key)) return;
  seen.add(key);
  sent++;
  const body = JSON.stringify({
    kind: report.kind,
    name: cut(report.name, CAPS.name),
    message,
    stack: cut(report.stack, CAPS.stack),
    componentStack: cut(report.componentStack, CAPS.componentStack),
    // The path only: query strings and fragments can hold search terms and tokens.
    path: cut(window.location.pathname, CAPS.path) ?? "/",
    release,
    userAgent: cut(navigator.userAgent, CAPS.userAgent),
    status: report.status,
    requestId: report.requestId ?? undefined,
  });
  try {
    // keepalive: the report still goes out when the error is followed by a reload or navigation.
    void fetch(ENDPOINT, { method: "POST", headers: { "content-type": "application/json" }, body, credentials: "same-origin", keepalive: true }).catch(() => undefined);
  } catch {
    // Reporting must never cause an error of its own.
  }
}

function describe(error: unknown): Pick<Report, "name" | "message" | "stack"> {
  if (error instanceof Error) return { name: error.name, message: error.message || error.name, stack: error.stack };
  if (typeof error === "string") return { message: error };
  try {
    return { message: `Non-error value: ${JSON.stringify(error) ?? String(error)}` };
  } catch {
    return { message: `Non-error value: ${String(error)}` };
  }
}

/** A render error caught by an error boundary (React's onCaughtError/onUncaughtError). */
export function reportRenderError(error: unknown, componentStack?: string): void {
  if (isChunkLoadError(error)) return;
  send({ kind: "render", ...describe(error), componentStack });
}

/** A 5xx from the API: the dashboard's or the API's bug, never the user's doing. */
export function reportApiFailure(method: string, path: string, status: number, requestId: string | null): void {
  const bare = path.split(/[?#]/, 1)[0];
  send({ kind: "api", name: "ApiError", message: `${method} ${bare} answered ${status}`, status, requestId: requestId ?? undefined });
}

/** A new release replaced the page's chunks: the page offers a reload; nothing is broken. */
export function isChunkLoadError(error: unknown): boolean {
  return error instanceof Error && /dynamically imported module|Importing a module script failed|error loading dynamically/i.test(error.message);
}

/** Failures the API client already explains (and reports when they are 5xx), or that are not bugs. */
const handledElsewhere = (error: unknown) =>
  error instanceof Error && (error.name === "ApiError" || error.name === "NetworkError" || error.name === "AbortError" || isChunkLoadError(error));

/** window.onerror and unhandledrejection, for errors outside React's render. */
export function installGlobalErrorHandlers(): void {
  window.addEventListener("error", (event: ErrorEvent) => {
    // Scripts from elsewhere (browser extensions) are not the dashboard's errors.
    if (event.filename && !event.filename.startsWith(window.location.origin)) return;
    if (handledElsewhere(event.error)) return;
    send({ kind: "error", ...describe(event.error ?? event.message) });
  });
  window.addEventListener("unhandledrejection", (event: PromiseRejectionEvent) => {
    if (handledElsewhere(event.reason)) return;
    send({ kind: "unhandledrejection", ...describe(event.reason) });
  });
}
