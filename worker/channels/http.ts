// The HTTP step shared by the provider clients: one JSON POST with a timeout,
// and the failures every provider reports the same way.
import type { Fetcher, SendResult } from "./types";

export type SendFailure = Extract<SendResult, { ok: false }>;

export const SEND_TIMEOUT_MS = 15_000;

export interface HttpReply {
  status: number;
  headers: Headers;
  /** Parsed JSON, or the raw text when the body is not JSON. */
  body: unknown;
}

export const permanentFailure = (code: string, title: string, detail?: string): SendFailure => ({
  ok: false,
  retryable: false,
  code,
  title,
  ...(detail ? { detail } : {}),
});

// The error's own message can carry the URL, so only its kind is reported.
export function networkFailure(err: unknown): SendFailure {
  const timedOut = err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError");
  return timedOut
    ? { ok: false, retryable: true, outcomeUnknown: true, code: "network", title: "The provider did not answer in time", detail: `No response within ${SEND_TIMEOUT_MS / 1000} s` }
    : { ok: false, retryable: true, code: "network", title: "The provider could not be reached" };
}

/** Retry-After as delay-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(headers: Headers | undefined, now = Date.now()): number | undefined {
  const value = headers?.get("retry-after")?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** POST JSON; a thrown fetch (DNS, reset, timeout) becomes a retryable "network" failure. */
export async function postJson(fetcher: Fetcher, url: string, headers: Record<string, string>, body: unknown): Promise<HttpReply | SendFailure> {
  try {
    const res = await fetcher(url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json", ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // Proxies and gateways answer with HTML; keep the text for classification.
    }
    return { status: res.status, headers: res.headers, body: parsed };
  } catch (err) {
    return networkFailure(err);
  }
}

export const isFailure = (r: HttpReply | SendFailure): r is SendFailure => "ok" in r;
