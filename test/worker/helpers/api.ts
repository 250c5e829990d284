// A tiny HTTP client around the worker under test (`exports.default.fetch`).
// It sends JSON, keeps cookies like a browser would, and for cookie-carrying
// requests sends an Origin matching the host (as browsers do for fetch POSTs),
// so tests only spell out what differs from a normal dashboard or script call.
import { exports } from "cloudflare:workers";

/** The origin every test request is addressed to. */
export const ORIGIN = "http://parley.test";

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  /** Parsed body when it is JSON (including problem+json), otherwise null. */
  json: T;
  text: string;
}

export interface RequestOptions {
  /** JSON-encoded unless `rawBody` is given. */
  body?: unknown;
  /** Sent as is, with no content-type added (for size and malformed-body tests). */
  rawBody?: BodyInit;
  /** `Authorization: Bearer <key>`. */
  bearer?: string;
  /** A Cookie header value; overrides the client's jar. */
  cookie?: string;
  /**
   * The Origin header. Default: this host when a cookie is sent, none otherwise.
   * `null` sends no Origin at all.
   */
  origin?: string | null;
  /** Simulated client address (`cf-connecting-ip`), which the login and signup limits key on. */
  ip?: string;
  headers?: Record<string, string>;
}

/** One raw request to the worker. */
export async function request<T = any>(method: string, path: string, opts: RequestOptions = {}): Promise<ApiResponse<T>> {
  const headers = new Headers(opts.headers);
  let body: BodyInit | undefined;
  if (opts.rawBody !== undefined) {
    body = opts.rawBody;
  } else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  if (opts.bearer) headers.set("authorization", `Bearer ${opts.bearer}`);
  if (opts.cookie) headers.set("cookie", opts.cookie);
  const origin = opts.origin === undefined ? (opts.cookie ? ORIGIN : null) : opts.origin;
  if (origin !== null) headers.set("origin", origin);
  if (opts.ip) headers.set("cf-connecting-ip", opts.ip);

  const res = await exports.default.fetch(new Request(ORIGIN + path, { method, headers, body }));
  const text = await res.text();
  let json: any = null;
  if (/json/.test(res.headers.get("content-type") ?? "") && text) json = JSON.parse(text);
  return { status: res.status, headers: res.headers, json, text };
}

/** Cookie name → value, from a response's Set-Cookie headers (deleted cookies map to null). */
export function setCookies(res: { headers: Headers }): Map<string, { value: string | null; attributes: string }> {
  const out = new Map<string, { value: string | null; attributes: string }>();
  for (const line of res.headers.getSetCookie()) {
    const [pair = "", ...attrs] = line.split(";");
    const eq = pair.indexOf("=");
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    const attributes = attrs.join(";");
    const expired = /max-age=0\b/i.test(attributes) || value === "";
    out.set(name, { value: expired ? null : value, attributes });
  }
  return out;
}

/** The session cookie's name outside production. */
export const SESSION_COOKIE = "parley_session";

/** The `name=value` Cookie header for a session token. */
export const sessionCookie = (token: string) => `${SESSION_COOKIE}=${token}`;

/** The session token a response set, or null if it set none. */
export function sessionTokenFrom(res: { headers: Headers }): string | null {
  return setCookies(res).get(SESSION_COOKIE)?.value ?? null;
}

let ipCounter = 0;
const ipBase = crypto.getRandomValues(new Uint8Array(1))[0]!;

/** A client address no other request in this test file uses (the login and signup limits are per IP). */
export function uniqueIp(): string {
  ipCounter++;
  return `10.${ipBase}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
}

export type Call = <T = any>(method: string, path: string, body?: unknown, opts?: RequestOptions) => Promise<ApiResponse<T>>;

/**
 * A browser-like client: a cookie jar that follows Set-Cookie, an Origin on
 * every cookie request, and its own client address.
 */
export class BrowserClient {
  readonly jar = new Map<string, string>();
  readonly ip = uniqueIp();

  get cookie(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  call: Call = async (method, path, body, opts = {}) => {
    const cookie = opts.cookie ?? (this.jar.size ? this.cookie : undefined);
    const res = await request(method, path, { ip: this.ip, ...opts, body, cookie });
    for (const [name, { value }] of setCookies(res)) {
      if (value === null) this.jar.delete(name);
      else this.jar.set(name, value);
    }
    return res;
  };
}

/** A script's client: every call carries `Authorization: Bearer <key>` and no cookie or Origin. */
export function keyClient(apiKey: string): Call {
  return (method, path, body, opts = {}) => request(method, path, { bearer: apiKey, ...opts, body });
}

/** A unique email address for a new account. */
export const uniqueEmail = (label = "user") => `${label}-${crypto.randomUUID()}@example.com`;

export const PASSWORD = "correct horse battery staple";
