// WebCrypto helpers: HMAC, hashing, random tokens, PBKDF2 passwords, AES-GCM.
import { fromBase64, fromHex, toBase64, toBase64Url, toHex, utf8 } from "./encoding";

export function randomBytes(n: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(n));
}

/** A URL-safe random token with `bytes` bytes of entropy. */
export function randomToken(bytes = 32): string {
  return toBase64Url(randomBytes(bytes));
}

export async function sha256Hex(input: string | Uint8Array<ArrayBuffer>): Promise<string> {
  const data = typeof input === "string" ? utf8(input) : input;
  return toHex(await crypto.subtle.digest("SHA-256", data));
}

export type HmacHash = "SHA-256" | "SHA-512";

export async function hmac(
  hash: HmacHash,
  key: string | Uint8Array<ArrayBuffer>,
  data: string | Uint8Array<ArrayBuffer> | ArrayBuffer,
): Promise<Uint8Array<ArrayBuffer>> {
  const k = await crypto.subtle.importKey(
    "raw",
    typeof key === "string" ? utf8(key) : key,
    { name: "HMAC", hash },
    false,
    ["sign"],
  );
  return new Uint8Array(await crypto.subtle.sign("HMAC", k, typeof data === "string" ? utf8(data) : data));
}

/**
 * Imported verification keys, per isolate: webhook secrets are few and hot, and
 * importing is the one avoidable cost of a check. Bounded; a rotated secret is
 * simply a new entry.
 */
const VERIFY_KEYS_MAX = 500;
const verifyKeys = new Map<string, Promise<CryptoKey>>();

function verifyKey(hash: HmacHash, key: string): Promise<CryptoKey> {
  const id = `${hash}:${key}`;
  let k = verifyKeys.get(id);
  if (!k) {
    k = crypto.subtle.importKey("raw", utf8(key), { name: "HMAC", hash }, false, ["verify"]);
    if (verifyKeys.size >= VERIFY_KEYS_MAX) verifyKeys.delete(verifyKeys.keys().next().value!);
    verifyKeys.set(id, k);
    k.catch(() => verifyKeys.delete(id));
  }
  return k;
}

/** Constant-time HMAC verification over the exact bytes (no re-serialization). */
export async function verifyHmacHex(
  hash: HmacHash,
  key: string,
  data: ArrayBuffer | Uint8Array<ArrayBuffer>,
  hexSignature: string,
): Promise<boolean> {
  const sig = fromHex(hexSignature);
  if (!sig) return false;
  const k = await verifyKey(hash, key);
  // crypto.subtle.verify compares in constant time.
  return crypto.subtle.verify("HMAC", k, sig, data);
}

/** Constant-time comparison of two strings of any length. */
export function timingSafeEqual(a: string, b: string): boolean {
  const ab = utf8(a);
  const bb = utf8(b);
  const len = Math.max(ab.length, bb.length);
  let diff = ab.length ^ bb.length;
  for (let i = 0; i < len; i++) diff |= (ab[i] ?? 0) ^ (bb[i] ?? 0);
  return diff === 0;
}

// Workers caps PBKDF2 at 100,000 iterations.
export const PBKDF2_ITERATIONS = 100_000;

async function pbkdf2(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array<ArrayBuffer>> {
  const base = await crypto.subtle.importKey("raw", utf8(password), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, base, 256);
  return new Uint8Array(bits);
}

/** `pbkdf2_sha256$<iterations>$<salt b64>$<hash b64>` */
export async function hashPassword(password: string, iterations = PBKDF2_ITERATIONS): Promise<string> {
  const salt = randomBytes(16);
  const hash = await pbkdf2(password, salt, iterations);
  return `pbkdf2_sha256$${iterations}$${toBase64(salt)}$${toBase64(hash)}`;
}

// A well-formed hash of nothing in particular: verifying against it costs the
// same as a real check, so unknown emails take as long as wrong passwords.
const DUMMY_HASH = "pbkdf2_sha256$100000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const parts = (stored ?? DUMMY_HASH).split("$");
  const iterations = Number(parts[1]);
  const salt = fromBase64(parts[2] ?? "");
  const expected = fromBase64(parts[3] ?? "");
  if (parts[0] !== "pbkdf2_sha256" || !salt || !expected || !Number.isInteger(iterations) || iterations > PBKDF2_ITERATIONS) {
    await pbkdf2(password, randomBytes(16), PBKDF2_ITERATIONS);
    return false;
  }
  const actual = await pbkdf2(password, salt, iterations);
  let diff = actual.length ^ expected.length;
  for (let i = 0; i < actual.length; i++) diff |= actual[i]! ^ (expected[i] ?? 0);
  return stored !== null && diff === 0;
}

// AES-GCM envelope for secrets at rest: `v<keyVersion>.ad.<iv b64>.<ciphertext b64>`,
// sealed with associated data naming the row it belongs to (table, tenant, id),
// so a ciphertext copied onto another row or tenant does not decrypt. Envelopes
// written before that (`v<keyVersion>.<iv>.<ciphertext>`, no associated data)
// still decrypt until the re-encryption job rewrites them.
// The key is derived from ENCRYPTION_KEY with HKDF so any long random string works.
async function aesKey(secret: string): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey("raw", utf8(secret), "HKDF", false, ["deriveKey"]);
  return crypto.subtle.deriveKey(
    { name: "HKDF", hash: "SHA-256", salt: utf8("parley-secrets"), info: utf8("aes-gcm-256") },
    base,
    { name: "AES-GCM", length: 256 },
    false,
    ["encrypt", "decrypt"],
  );
}

/** The associated data that binds a sealed secret to its row. */
export const secretBinding = (table: string, tenantId: string, rowId: string) => `${table}:${tenantId}:${rowId}`;

export async function encryptSecret(plaintext: string, secret: string, keyVersion: number, binding: string): Promise<string> {
  const iv = randomBytes(12);
  const ct = await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: utf8(binding) }, await aesKey(secret), utf8(plaintext));
  return `v${keyVersion}.ad.${toBase64(iv)}.${toBase64(ct)}`;
}

/** Key version of an envelope and whether it is bound to its row; null if it is not an envelope. */
export function envelopeInfo(envelope: string): { version: number; bound: boolean } | null {
  const parts = envelope.split(".");
  const version = Number(parts[0]?.slice(1));
  if (!parts[0]?.startsWith("v") || !Number.isInteger(version)) return null;
  if (parts.length === 4 && parts[1] === "ad") return { version, bound: true };
  return parts.length === 3 ? { version, bound: false } : null;
}

export async function decryptSecret(envelope: string, keys: Record<number, string>, binding: string): Promise<string> {
  const parts = envelope.split(".");
  const info = envelopeInfo(envelope);
  const [ivB64, ctB64] = info?.bound ? [parts[2], parts[3]] : [parts[1], parts[2]];
  const secret = info ? keys[info.version] : undefined;
  const iv = fromBase64(ivB64 ?? "");
  const ct = fromBase64(ctB64 ?? "");
  if (!info || !secret || !iv || !ct) throw new Error(`cannot decrypt secret with key version ${info?.version ?? "unknown"}`);
  const pt = await crypto.subtle.decrypt(info.bound ? { name: "AES-GCM", iv, additionalData: utf8(binding) } : { name: "AES-GCM", iv }, await aesKey(secret), ct);
  return new TextDecoder().decode(pt);
}
