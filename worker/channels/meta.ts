// Meta WhatsApp Cloud API and Meta-format providers: webhook signature,
// payload parsing (meta-inbound.ts) and the Graph API client (meta-client.ts).
import { verifyRawHmac } from "./signature";

export { ChannelPayloadError, parseMetaDelivery, parseMetaPayload, splitMetaByPhoneNumberId, type MetaParseFailure } from "./meta-inbound";
export { classifyGraphError, metaClient, type MetaClient, type MetaClientConfig } from "./meta-client";

const SIGNATURE = /^sha256=([0-9a-fA-F]{64})$/;

/**
 * `X-Hub-Signature-256: sha256=<hex>`: HMAC-SHA256 with the app secret over the
 * raw body. Never over re-serialized JSON: Meta signs its escaped-Unicode bytes.
 */
export function verifyMetaSignature(raw: ArrayBuffer | Uint8Array, header: string | null, appSecret: string): Promise<boolean> {
  return verifyRawHmac("SHA-256", appSecret, raw, header?.trim().match(SIGNATURE)?.[1]);
}
