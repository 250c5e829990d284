// One signed POST to a subscriber. Only a 2xx within the timeout is success;
// redirects are returned, not followed (a 3xx is a failure), and only the
// first 2 KB of the response body is read and kept.
export const REQUEST_TIMEOUT_MS = 15_000;
export const RESPONSE_BODY_LIMIT = 2048;

export type Fetcher = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

export interface HttpOutcome {
  succeeded: boolean;
  /** Null when no response arrived. */
  statusCode: number | null;
  durationMs: number;
  responseBody: string | null;
  error: string | null;
  retryAfter: string | null;
}

async function readPrefix(res: Response, limit: number): Promise<string> {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    while (total < limit) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      total += value.byteLength;
    }
  } catch {
    // A body cut off by the timeout or the peer still tells what arrived.
  } finally {
    reader.cancel().catch(() => undefined);
  }
  const bytes = new Uint8Array(Math.min(total, limit));
  let offset = 0;
  for (const c of chunks) {
    const part = c.subarray(0, bytes.length - offset);
    bytes.set(part, offset);
    offset += part.length;
    if (offset >= bytes.length) break;
  }
  return new TextDecoder().decode(bytes);
}

function failureText(status: number): string | null {
  if (status >= 200 && status < 300) return null;
  if (status >= 300 && status < 400) return `HTTP ${status}: redirects are not followed; only a 2xx response counts as delivered`;
  return `HTTP ${status}`;
}

export async function postWebhook(
  fetcher: Fetcher,
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs = REQUEST_TIMEOUT_MS,
): Promise<HttpOutcome> {
  const started = Date.now();
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const res = await fetcher(url, { method: "POST", body, headers, redirect: "manual", signal });
    const responseBody = await readPrefix(res, RESPONSE_BODY_LIMIT);
    const error = failureText(res.status);
    return { succeeded: error === null, statusCode: res.status, durationMs: Date.now() - started, responseBody, error, retryAfter: res.headers.get("retry-after") };
  } catch (err) {
    const timedOut = signal.aborted || (err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError"));
    const error = timedOut ? `no response within ${timeoutMs / 1000} s` : `request failed: ${err instanceof Error ? err.message : String(err)}`;
    return { succeeded: false, statusCode: null, durationMs: Date.now() - started, responseBody: null, error, retryAfter: null };
  }
}
