// WhatsApp privacy ids ("…@lid") through WAHA's lids API: a LID's phone number
// (`GET /api/{session}/lids/{lid}` → { lid, pn }) and a phone number's LID
// (`GET /api/{session}/lids/pn/{phone}`). WAHA knows the pair only for people
// its session has seen with both; `pn: null` or a 404 means it does not.
// Any failure is "unknown": a customer's message never waits on this lookup.
import { z } from "zod";
import type { Fetcher } from "./types";

export interface WahaLidConfig {
  baseUrl: string;
  session: string;
  apiKey: string;
}

const LOOKUP_TIMEOUT_MS = 5_000;
const pairSchema = z.object({ lid: z.string().nullish(), pn: z.string().nullish() });
const digitsOf = (jid: string | null | undefined, suffix: RegExp) => {
  const m = new RegExp(`^(\\d{5,20})(?::\\d+)?@${suffix.source}$`).exec(jid ?? "");
  return m ? m[1]! : null;
};

async function lookup(cfg: WahaLidConfig, path: string, fetcher: Fetcher): Promise<z.infer<typeof pairSchema> | null> {
  try {
    const res = await fetcher(`${cfg.baseUrl.replace(/\/+$/, "")}/api/${encodeURIComponent(cfg.session)}/lids/${path}`, {
      method: "GET",
      headers: { accept: "application/json", ...(cfg.apiKey ? { "x-api-key": cfg.apiKey } : {}) },
      signal: AbortSignal.timeout(LOOKUP_TIMEOUT_MS),
    });
    if (!res.ok) return null;
    const parsed = pairSchema.safeParse(await res.json());
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The phone number (digits) behind a LID (digits), or null when WAHA does not know it. */
export async function phoneForLid(cfg: WahaLidConfig, lid: string, fetcher: Fetcher = fetch): Promise<string | null> {
  const pair = await lookup(cfg, encodeURIComponent(`${lid}@lid`), fetcher);
  return digitsOf(pair?.pn, /(?:c\.us|s\.whatsapp\.net)/);
}

/** The LID (digits) of a phone number (digits), or null when WAHA does not know it. */
export async function lidForPhone(cfg: WahaLidConfig, phone: string, fetcher: Fetcher = fetch): Promise<string | null> {
  const pair = await lookup(cfg, `pn/${encodeURIComponent(`${phone}@c.us`)}`, fetcher);
  return digitsOf(pair?.lid, /lid/);
}
