// WAHA (self-hosted WhatsApp Web gateway): webhook signature, event parsing
// (waha-inbound.ts) and the sending client (waha-client.ts).
import { verifyRawHmac } from "./signature";

export { ChannelPayloadError, parseWahaPayload, wahaUserId } from "./waha-inbound";
export { classifyWahaError, interactiveAsText, wahaClient, type WahaClient, type WahaClientConfig } from "./waha-client";

const SIGNATURE = /^[0-9a-fA-F]{128}$/;

/**
 * `X-Webhook-Hmac`: hex HMAC-SHA512 of the raw body with the webhook key, and
 * `X-Webhook-Hmac-Algorithm: sha512`. Any other algorithm, or none, is refused.
 */
export function verifyWahaSignature(
  raw: ArrayBuffer | Uint8Array,
  hmacHeader: string | null,
  algorithmHeader: string | null,
  key: string,
): Promise<boolean> {
  if (algorithmHeader?.trim().toLowerCase() !== "sha512") return Promise.resolve(false);
  const hex = hmacHeader?.trim();
  return verifyRawHmac("SHA-512", key, raw, hex && SIGNATURE.test(hex) ? hex : undefined);
}
