// Proof that an access token owns a Meta phone number ID, asked of the Graph
// API before a channel is stored (so nobody can claim another business's
// number first), and the Graph API version a channel talks to.
import { z } from "zod";
import { classifyGraphError } from "./meta-client";
import { SEND_TIMEOUT_MS } from "./http";
import type { Fetcher } from "./types";

/** The Graph API version Parley uses unless a channel names another (docs/channels.md, "Graph API version"). */
export const DEFAULT_GRAPH_API_VERSION = "v25.0";
export const graphVersionSchema = z.string().trim().regex(/^v\d{2}\.0$/, { message: "must be a Graph API version such as v25.0" });

/**
 * The base URL for one channel: the configured WHATSAPP_GRAPH_API_URL, with its
 * version segment replaced by the channel's own version when it has one.
 */
export function graphBaseUrl(configured: string, channelVersion?: string | null): string {
  const base = configured.replace(/\/+$/, "");
  if (!channelVersion) return base;
  return /\/v\d+\.\d+$/.test(base) ? base.replace(/\/v\d+\.\d+$/, `/${channelVersion}`) : `${base}/${channelVersion}`;
}

const numberSchema = z.object({
  id: z.coerce.string(),
  display_phone_number: z.string().optional(),
  verified_name: z.string().optional(),
});

export type NumberProof =
  | { ok: true; displayPhoneNumber: string | null; verifiedName: string | null }
  /** The token or the number was refused: the field to name and why. */
  | { ok: false; field: "accessToken" | "phoneNumberId"; message: string }
  /** Meta could not be asked (network, timeout, 5xx, throttled): nothing can be concluded. */
  | { ok: false; unavailable: true };

/**
 * `GET {base}/{phoneNumberId}?fields=id,display_phone_number,verified_name` with the
 * token: a 200 naming the same id proves the token can use the number.
 */
export async function proveNumberOwnership(
  cfg: { graphBaseUrl: string; phoneNumberId: string; accessToken: string },
  fetcher: Fetcher = fetch,
): Promise<NumberProof> {
  const url = `${cfg.graphBaseUrl.replace(/\/+$/, "")}/${encodeURIComponent(cfg.phoneNumberId)}?fields=id,display_phone_number,verified_name`;
  let res: Response;
  let body: unknown = null;
  try {
    res = await fetcher(url, {
      method: "GET",
      headers: { accept: "application/json", authorization: `Bearer ${cfg.accessToken}` },
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
    const text = await res.text();
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = text;
    }
  } catch {
    // DNS, reset or timeout: Meta may be fine; nothing can be concluded.
    return { ok: false, unavailable: true };
  }
  if (res.status >= 200 && res.status < 300) {
    const parsed = numberSchema.safeParse(body);
    if (!parsed.success) return { ok: false, unavailable: true };
    if (parsed.data.id !== cfg.phoneNumberId) return { ok: false, field: "phoneNumberId", message: "Meta answered for a different number: check the phone number ID" };
    return { ok: true, displayPhoneNumber: parsed.data.display_phone_number ?? null, verifiedName: parsed.data.verified_name ?? null };
  }
  const failure = classifyGraphError(res.status, body, res.headers);
  if (failure.retryable) return { ok: false, unavailable: true };
  if (failure.code === "190" || failure.code === "http_401") {
    return { ok: false, field: "accessToken", message: "Meta rejected this access token (invalid or expired): generate a permanent system-user token" };
  }
  if (failure.authFailed) {
    return { ok: false, field: "accessToken", message: "This access token lacks the whatsapp_business_management / whatsapp_business_messaging permission for this number" };
  }
  // 100 (and 803, 404…): the id does not exist or this token cannot see it.
  return { ok: false, field: "phoneNumberId", message: "This access token cannot use this phone number ID: check the ID, or use a token of the business that owns the number" };
}
