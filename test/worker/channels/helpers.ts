// Test doubles for the channel modules: a recording fetcher and webhook signing.
import type { Fetcher } from "../../../worker/channels/types";
import { hmac, type HmacHash } from "../../../worker/lib/crypto";
import { toHex, utf8 } from "../../../worker/lib/encoding";

export interface RecordedRequest {
  url: string;
  method: string;
  headers: Headers;
  body: unknown;
  signal: AbortSignal | null;
}

type Reply = Response | Error;

/** A fetcher that records each request and answers with the next reply in order. */
export function fakeFetch(...replies: Reply[]): { fetcher: Fetcher; requests: RecordedRequest[] } {
  const requests: RecordedRequest[] = [];
  const fetcher: Fetcher = async (input, init) => {
    requests.push({
      url: String(input),
      method: init?.method ?? "GET",
      headers: new Headers(init?.headers),
      body: typeof init?.body === "string" ? JSON.parse(init.body) : null,
      signal: init?.signal ?? null,
    });
    const reply = replies.shift();
    if (!reply) throw new Error("fakeFetch: no reply left for this request");
    if (reply instanceof Error) throw reply;
    return reply;
  };
  return { fetcher, requests };
}

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

export async function signHex(hash: HmacHash, key: string, body: string | Uint8Array<ArrayBuffer>): Promise<string> {
  return toHex(await hmac(hash, key, typeof body === "string" ? utf8(body) : body));
}
