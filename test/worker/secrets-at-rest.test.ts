// Secrets at rest: sealed with AES-GCM bound to their row (tenant and id), old
// unbound envelopes still readable, and a re-encryption job that rewrites
// everything under the current key so no more than one previous key is needed.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { channelSecrets } from "../../worker/channels/store";
import { signingSecrets } from "../../worker/events/endpoints";
import type { Ctx } from "../../worker/lib/context";
import { toBase64, utf8 } from "../../worker/lib/encoding";
import { systemContext } from "../../worker/lib/system-context";
import { reencryptSecrets } from "../../worker/ops/reencrypt";
import { connectMeta } from "./helpers/channels";
import { createTenant } from "./helpers/tenants";

const base = () => systemContext(env, () => {});
const OLD_KEY = () => base().config.encryptionKeys[base().config.ENCRYPTION_KEY_VERSION]!;
const NEW_KEY = "a brand new encryption key, long enough: 9f8e7d6c5b4a39281706";

/** The envelope format written before secrets were bound to their row (no associated data). */
async function legacyEnvelope(plaintext: string, secret: string, version: number): Promise<string> {
  const material = await crypto.subtle.importKey("raw", utf8(secret), "HKDF", false, ["deriveKey"]);
  const key = await crypto.subtle.deriveKey(
    { name: "HKDF", hash: "SHA-256", salt: utf8("parley-secrets"), info: utf8("aes-gcm-256") },
    material,
    { name: "AES-GCM", length: 256 },
    false,
    ["encrypt"],
  );
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ct = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, utf8(plaintext));
  return `v${version}.${toBase64(iv)}.${toBase64(new Uint8Array(ct))}`;
}

function rotatedCtx(keys: Record<number, string>, version: number): Ctx {
  const ctx = base();
  return { ...ctx, config: { ...ctx.config, ENCRYPTION_KEY_VERSION: version, encryptionKeys: keys } };
}

const channelRow = async (id: string) => (await env.DB.prepare("SELECT id, tenant_id AS tenantId, secrets FROM channels WHERE id = ?").bind(id).first<{ id: string; tenantId: string; secrets: string }>())!;

describe("secrets at rest", () => {
  it("a channel's sealed secrets do not open on another tenant's channel", async () => {
    const [a, b] = [await createTenant(), await createTenant()];
    const [chA, chB] = [await connectMeta(a), await connectMeta(b)];
    const rowA = await channelRow(chA.id);
    expect(rowA.secrets).toMatch(/^v\d+\.ad\./);
    expect(await channelSecrets(base(), rowA)).toMatchObject({ appSecret: chA.appSecret });
    // Copied onto B's row (a bad migration, a SQL injection elsewhere): it does not decrypt there.
    await expect(channelSecrets(base(), { ...(await channelRow(chB.id)), secrets: rowA.secrets })).rejects.toThrow();
  });

  it("still reads envelopes written before binding, and the job rewrites them bound to their row", async () => {
    const owner = await createTenant();
    const channel = await connectMeta(owner);
    const version = base().config.ENCRYPTION_KEY_VERSION;
    const legacy = await legacyEnvelope(JSON.stringify({ accessToken: channel.accessToken, appSecret: channel.appSecret }), OLD_KEY(), version);
    await env.DB.prepare("UPDATE channels SET secrets = ? WHERE id = ?").bind(legacy, channel.id).run();
    expect(await channelSecrets(base(), await channelRow(channel.id))).toMatchObject({ appSecret: channel.appSecret });

    const result = await reencryptSecrets(base());
    expect(result.reencrypted).toBeGreaterThanOrEqual(1);
    const row = await channelRow(channel.id);
    expect(row.secrets).toMatch(new RegExp(`^v${version}\\.ad\\.`));
    expect(await channelSecrets(base(), row)).toMatchObject({ appSecret: channel.appSecret, accessToken: channel.accessToken });
  });

  it("after a key rotation, re-encrypts channel and endpoint secrets so the previous key can be dropped", async () => {
    const owner = await createTenant();
    const channel = await connectMeta(owner);
    const endpoint = await owner.callWithKey("POST", "/api/webhook-endpoints", { url: "https://hooks.example.com/parley", events: ["message.received"] });
    expect(endpoint.status, endpoint.text).toBe(201);
    const rotation = await owner.callWithKey("POST", `/api/webhook-endpoints/${endpoint.json.id}/rotate-secret`);
    expect(rotation.status, rotation.text).toBe(200);
    const oldVersion = base().config.ENCRYPTION_KEY_VERSION;
    const newVersion = oldVersion + 1;
    const during = rotatedCtx({ [newVersion]: NEW_KEY, [oldVersion]: OLD_KEY() }, newVersion);

    // Runs until nothing is left (several tenants' rows may be waiting in this database).
    for (let i = 0; i < 100 && (await reencryptSecrets(during)).reencrypted > 0; i++);

    const after = rotatedCtx({ [newVersion]: NEW_KEY }, newVersion);
    expect(await channelSecrets(after, await channelRow(channel.id))).toMatchObject({ appSecret: channel.appSecret });
    const ep = (await env.DB.prepare("SELECT * FROM webhook_endpoints WHERE id = ?").bind(endpoint.json.id).first<Record<string, unknown>>())!;
    expect(String(ep.secret)).toMatch(new RegExp(`^v${newVersion}\\.ad\\.`));
    const secrets = await signingSecrets(
      after,
      { id: String(ep.id), tenantId: String(ep.tenant_id), secret: String(ep.secret), previousSecret: ep.previous_secret as string | null, previousSecretExpiresAt: ep.previous_secret_expires_at as number | null },
      Date.now(),
    );
    expect(secrets).toContain(endpoint.json.secret);
    expect(secrets).toContain(rotation.json.secret);
  });
});
