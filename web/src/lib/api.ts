// The one HTTP client every feature uses: same-origin JSON with the session
// cookie, and errors turned into values the UI can branch on.
import { reportApiFailure } from "./error-reporting";

export type FieldErrors = Record<string, string>;

/** A problem+json (or other non-2xx) answer from the API. */
export class ApiError extends Error {
  override readonly name = "ApiError";
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly requestId: string | null;
  /** Validation messages keyed by field path ("email", "password", …). */
  readonly fieldErrors: FieldErrors;
  /** From Retry-After on 429 and 503 answers. */
  readonly retryAfterSeconds: number | null;

  constructor(init: {
    status: number;
    code: string;
    title: string;
    detail: string;
    requestId: string | null;
    fieldErrors?: FieldErrors;
    retryAfterSeconds?: number | null;
  }) {
    super(init.detail || init.title);
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.detail = init.detail;
    this.requestId = init.requestId;
    this.fieldErrors = init.fieldErrors ?? {};
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
  }
}

/** The request never got an answer: offline, DNS, connection reset, CORS. */
export class NetworkError extends Error {
  override readonly name = "NetworkError";
  constructor(cause?: unknown) {
    super("Couldn't reach Parley. Check your internet connection and try again.", { cause });
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;
export const isNetworkError = (e: unknown): e is NetworkError => e instanceof NetworkError;

type Query = Record<string, string | number | boolean | null | undefined>;

interface RequestOptions {
  body?: unknown;
  query?: Query;
  signal?: AbortSignal;
  /** For POSTs: the action's Idempotency-Key (see actionKey); a fresh one when absent. */
  idempotencyKey?: string;
}

function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}

const actionKeys = new WeakMap<object, string>();

/**
 * One Idempotency-Key per user action: the same action object (a mutation's
 * variables) keeps its key when it is tried again, so "Try again" after a
 * network error replays the first answer instead of sending twice.
 */
export function actionKey(action: object): string {
  let key = actionKeys.get(action);
  if (!key) {
    key = newIdempotencyKey();
    actionKeys.set(action, key);
  }
  return key;
}

interface ProblemBody {
  title?: unknown;
  status?: unknown;
  detail?: unknown;
  code?: unknown;
  requestId?: unknown;
  errors?: unknown;
}

function buildUrl(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== "") params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function fieldErrorsOf(errors: unknown): FieldErrors {
  const out: FieldErrors = {};
  if (!Array.isArray(errors)) return out;
  for (const e of errors) {
    if (e && typeof e === "object" && typeof e.path === "string" && typeof e.message === "string" && !(e.path in out)) {
      out[e.path] = e.message;
    }
  }
  return out;
}

async function toApiError(res: Response): Promise<ApiError> {
  const headerId = res.headers.get("x-request-id");
  let body: ProblemBody | null = null;
  const type = res.headers.get("content-type") ?? "";
  if (type.includes("json")) {
    try {
      body = (await res.json()) as ProblemBody;
    } catch {
      body = null;
    }
  }
  const str = (v: unknown) => (typeof v === "string" ? v : "");
  const retryAfter = Number(res.headers.get("retry-after"));
  return new ApiError({
    status: res.status,
    code: str(body?.code) || `http_${res.status}`,
    title: str(body?.title) || res.statusText || `HTTP ${res.status}`,
    detail: str(body?.detail) || str(body?.title) || res.statusText || `The server answered ${res.status}`,
    requestId: str(body?.requestId) || headerId,
    fieldErrors: fieldErrorsOf(body?.errors),
    retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
  });
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json, application/problem+json" };
  // FormData (file uploads) sets its own multipart content type.
  const isForm = typeof FormData !== "undefined" && opts.body instanceof FormData;
  if (opts.body !== undefined && !isForm) headers["content-type"] = "application/json";
  if (method === "POST") headers["idempotency-key"] = opts.idempotencyKey ?? newIdempotencyKey();
  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), {
      method,
      headers,
      credentials: "include",
      body: opts.body === undefined ? undefined : isForm ? (opts.body as FormData) : JSON.stringify(opts.body),
      signal: opts.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === "AbortError") throw err;
    throw new NetworkError(err);
  }
  if (!res.ok) {
    const error = await toApiError(res);
    if (res.status >= 500) reportApiFailure(method, path, res.status, error.requestId);
    throw error;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, opts?: Omit<RequestOptions, "body">) => request<T>("GET", path, opts),
  post: <T>(path: string, body?: unknown, opts?: Omit<RequestOptions, "body">) => request<T>("POST", path, { ...opts, body }),
  patch: <T>(path: string, body?: unknown, opts?: Omit<RequestOptions, "body">) => request<T>("PATCH", path, { ...opts, body }),
  put: <T>(path: string, body?: unknown, opts?: Omit<RequestOptions, "body">) => request<T>("PUT", path, { ...opts, body }),
  delete: <T = void>(path: string, opts?: Omit<RequestOptions, "body">) => request<T>("DELETE", path, opts),
};
