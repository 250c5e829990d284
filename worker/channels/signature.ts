// Webhook HMACs are checked over the bytes exactly as received: providers sign
// their own serialization, which JSON.parse + JSON.stringify does not reproduce.
import { verifyHmacHex, type HmacHash } from "../lib/crypto";

// WebCrypto takes ArrayBuffer-backed data; only a view over shared memory is copied.
function exactBytes(raw: ArrayBuffer | Uint8Array): ArrayBuffer | Uint8Array<ArrayBuffer> {
  if (raw instanceof ArrayBuffer) return raw;
  return raw.buffer instanceof ArrayBuffer ? (raw as Uint8Array<ArrayBuffer>) : new Uint8Array(raw);
}

/** Constant-time check of a hex HMAC; an empty key or signature never verifies. */
export async function verifyRawHmac(hash: HmacHash, key: string, raw: ArrayBuffer | Uint8Array, hex: string | undefined): Promise<boolean> {
  if (!key || !hex) return false;
  return verifyHmacHex(hash, key, exactBytes(raw), hex);
}
