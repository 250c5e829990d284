// Standard Webhooks signatures: `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`
// keyed with the base64-decoded bytes after `whsec_`.
import { hmac, randomBytes } from "../lib/crypto";
import { fromBase64, toBase64 } from "../lib/encoding";

export const SECRET_PREFIX = "whsec_";
const SECRET_BYTES = 32;

/** A new endpoint secret: 32 random bytes, base64, `whsec_` prefix. */
export function generateSecret(): string {
  return SECRET_PREFIX + toBase64(randomBytes(SECRET_BYTES));
}

function secretKey(secret: string): Uint8Array<ArrayBuffer> {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  const key = fromBase64(encoded);
  if (!key || key.length === 0) throw new Error("webhook secret is not valid base64");
  return key;
}

/** One signature over the exact body that is sent. `timestamp` is unix seconds. */
export async function sign(secret: string, id: string, timestamp: number, body: string): Promise<string> {
  const mac = await hmac("SHA-256", secretKey(secret), `${id}.${timestamp}.${body}`);
  return `v1,${toBase64(mac)}`;
}

/** The `webhook-signature` header: one signature per secret, space-separated (several during a rotation). */
export async function signatureHeader(secrets: readonly string[], id: string, timestamp: number, body: string): Promise<string> {
  return (await Promise.all(secrets.map((s) => sign(s, id, timestamp, body)))).join(" ");
}
