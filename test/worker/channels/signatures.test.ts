import { describe, expect, it } from "vitest";
import batched from "../../fixtures/meta/batched.json?raw";
import wahaMessage from "../../fixtures/waha/message.json?raw";
import { verifyMetaSignature } from "../../../worker/channels/meta";
import { verifyWahaSignature } from "../../../worker/channels/waha";
import { utf8 } from "../../../worker/lib/encoding";
import { signHex } from "./helpers";

const APP_SECRET = "meta-app-secret-for-tests";
const WAHA_KEY = "waha-webhook-key-for-tests";

describe("verifyMetaSignature", () => {
  it("accepts batched.json signed over its raw bytes", async () => {
    expect(batched).toContain("\\ud83d\\udc4d");
    const header = `sha256=${await signHex("SHA-256", APP_SECRET, batched)}`;
    expect(await verifyMetaSignature(utf8(batched), header, APP_SECRET)).toBe(true);
    expect(await verifyMetaSignature(utf8(batched).buffer, header, APP_SECRET)).toBe(true);
  });

  it("rejects the same content re-serialized with JSON.stringify", async () => {
    const header = `sha256=${await signHex("SHA-256", APP_SECRET, batched)}`;
    const reserialized = JSON.stringify(JSON.parse(batched));
    expect(JSON.parse(reserialized)).toEqual(JSON.parse(batched));
    expect(await verifyMetaSignature(utf8(reserialized), header, APP_SECRET)).toBe(false);
  });

  it("rejects re-serialization even when only Meta's \\u escapes differ", async () => {
    // Compact like Meta's bodies, emoji escaped as Meta sends it: JSON.stringify turns the escape into raw UTF-8.
    const asMetaSends = JSON.stringify(JSON.parse(batched)).replace("\u{1F44D}", "\\ud83d\\udc4d");
    expect(asMetaSends).toContain("\\ud83d\\udc4d");
    const header = `sha256=${await signHex("SHA-256", APP_SECRET, asMetaSends)}`;
    expect(await verifyMetaSignature(utf8(asMetaSends), header, APP_SECRET)).toBe(true);
    expect(await verifyMetaSignature(utf8(JSON.stringify(JSON.parse(asMetaSends))), header, APP_SECRET)).toBe(false);
  });

  it("hashes exactly the bytes of a view with an offset", async () => {
    const header = `sha256=${await signHex("SHA-256", APP_SECRET, batched)}`;
    const body = utf8(batched);
    const padded = new Uint8Array(body.length + 8);
    padded.set(body, 4);
    expect(await verifyMetaSignature(padded.subarray(4, 4 + body.length), header, APP_SECRET)).toBe(true);
    expect(await verifyMetaSignature(padded, header, APP_SECRET)).toBe(false);
  });

  it("accepts upper-case hex and surrounding whitespace", async () => {
    const hex = await signHex("SHA-256", APP_SECRET, batched);
    expect(await verifyMetaSignature(utf8(batched), ` sha256=${hex.toUpperCase()} `, APP_SECRET)).toBe(true);
  });

  it("rejects a wrong secret or a tampered body", async () => {
    const header = `sha256=${await signHex("SHA-256", APP_SECRET, batched)}`;
    expect(await verifyMetaSignature(utf8(batched), header, "another-app-secret")).toBe(false);
    expect(await verifyMetaSignature(utf8(batched.replace("Ana Souza", "Ana Sousa")), header, APP_SECRET)).toBe(false);
  });

  it("rejects missing and malformed headers without throwing", async () => {
    const hex = await signHex("SHA-256", APP_SECRET, batched);
    const body = utf8(batched);
    for (const header of [null, "", hex, `sha1=${hex}`, `sha256=${hex.slice(0, 62)}`, `sha256=${hex}00`, `sha256=${"z".repeat(64)}`, "sha256="]) {
      expect(await verifyMetaSignature(body, header, APP_SECRET), String(header)).toBe(false);
    }
  });

  it("never verifies with an empty app secret", async () => {
    const header = `sha256=${await signHex("SHA-256", "x", batched)}`;
    expect(await verifyMetaSignature(utf8(batched), header, "")).toBe(false);
  });
});

describe("verifyWahaSignature", () => {
  it("matches the example in WAHA's docs", async () => {
    const body = '{"event":"message","session":"default","engine":"WEBJS"}';
    const hex = await signHex("SHA-512", "my-secret-key", body);
    expect(hex.startsWith("208f8a55dde9e055")).toBe(true);
    expect(hex.endsWith("6153fa89")).toBe(true);
    expect(await verifyWahaSignature(utf8(body), hex, "sha512", "my-secret-key")).toBe(true);
  });

  it("accepts a fixture signed over its raw bytes, algorithm header in any case", async () => {
    const hex = await signHex("SHA-512", WAHA_KEY, wahaMessage);
    expect(await verifyWahaSignature(utf8(wahaMessage), hex, "sha512", WAHA_KEY)).toBe(true);
    expect(await verifyWahaSignature(utf8(wahaMessage).buffer, hex, "SHA512", WAHA_KEY)).toBe(true);
  });

  it("rejects a wrong key or a tampered body", async () => {
    const hex = await signHex("SHA-512", WAHA_KEY, wahaMessage);
    expect(await verifyWahaSignature(utf8(wahaMessage), hex, "sha512", "another-key")).toBe(false);
    expect(await verifyWahaSignature(utf8(wahaMessage.replace("Sundays", "Mondays")), hex, "sha512", WAHA_KEY)).toBe(false);
  });

  it("rejects a missing or different algorithm even with a valid HMAC", async () => {
    const hex = await signHex("SHA-512", WAHA_KEY, wahaMessage);
    for (const algorithm of [null, "", "sha256", "sha-512", "md5"]) {
      expect(await verifyWahaSignature(utf8(wahaMessage), hex, algorithm, WAHA_KEY), String(algorithm)).toBe(false);
    }
  });

  it("rejects missing and malformed signatures and an empty key", async () => {
    const hex = await signHex("SHA-512", WAHA_KEY, wahaMessage);
    const body = utf8(wahaMessage);
    for (const header of [null, "", hex.slice(0, 126), `${hex}00`, `sha512=${hex}`, "g".repeat(128)]) {
      expect(await verifyWahaSignature(body, header, "sha512", WAHA_KEY), String(header)).toBe(false);
    }
    expect(await verifyWahaSignature(body, await signHex("SHA-512", "k", wahaMessage), "sha512", "")).toBe(false);
  });

  it("does not accept an HMAC-SHA256 labelled as sha512", async () => {
    const sha256 = await signHex("SHA-256", WAHA_KEY, wahaMessage);
    expect(await verifyWahaSignature(utf8(wahaMessage), sha256, "sha512", WAHA_KEY)).toBe(false);
  });
});
