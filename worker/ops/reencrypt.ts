// Re-encryption of secrets at rest, run by the maintenance cron: every channel
// secret and webhook endpoint secret not yet sealed with the current key and
// bound to its row is decrypted (current or previous key, with or without
// associated data) and sealed again. After a key rotation a few runs rewrite
// everything, so ENCRYPTION_KEY_PREVIOUS can go before the next rotation and
// more than one previous key is never needed (docs/operations.md).
import { and, eq, isNotNull, or, sql } from "drizzle-orm";
import { channels, webhookEndpoints } from "../db/schema";
import type { Ctx } from "../lib/context";
import { decryptSecret, encryptSecret } from "../lib/crypto";
import { errorFields } from "../lib/logger";
import { channelBinding } from "../channels/store";
import { endpointBinding } from "../events/endpoints";

/** Rows rewritten per table and run: bounded work for one cron invocation. */
export const REENCRYPT_BATCH = 200;

export interface ReencryptResult {
  reencrypted: number;
  /** Rows whose key is missing (a version older than the previous key): they need their credentials saved again. */
  unreadable: number;
}

export async function reencryptSecrets(ctx: Ctx, limit = REENCRYPT_BATCH): Promise<ReencryptResult> {
  const version = ctx.config.ENCRYPTION_KEY_VERSION;
  const key = ctx.config.encryptionKeys[version]!;
  const currentPrefix = `v${version}.ad.`;
  const stale = (column: typeof channels.secrets | typeof webhookEndpoints.secret | typeof webhookEndpoints.previousSecret) =>
    and(isNotNull(column), sql`substr(${column}, 1, ${currentPrefix.length}) != ${currentPrefix}`);
  const result: ReencryptResult = { reencrypted: 0, unreadable: 0 };

  const reseal = async (envelope: string, binding: string): Promise<string | null> => {
    try {
      return await encryptSecret(await decryptSecret(envelope, ctx.config.encryptionKeys, binding), key, version, binding);
    } catch (err) {
      result.unreadable++;
      ctx.logger.error("a secret could not be re-encrypted", errorFields(err));
      return null;
    }
  };

  const channelRows = await ctx.db
    .select({ id: channels.id, tenantId: channels.tenantId, secrets: channels.secrets })
    .from(channels)
    .where(stale(channels.secrets))
    .limit(limit)
    .all();
  for (const row of channelRows) {
    const sealed = await reseal(row.secrets!, channelBinding(row));
    if (!sealed) continue;
    // Guarded on the envelope read: a credential saved meanwhile is not overwritten.
    const done = await ctx.db.update(channels).set({ secrets: sealed }).where(and(eq(channels.id, row.id), eq(channels.secrets, row.secrets!))).run();
    result.reencrypted += done.meta.changes ?? 0;
  }

  const endpointRows = await ctx.db
    .select({ id: webhookEndpoints.id, tenantId: webhookEndpoints.tenantId, secret: webhookEndpoints.secret, previousSecret: webhookEndpoints.previousSecret })
    .from(webhookEndpoints)
    .where(or(stale(webhookEndpoints.secret), stale(webhookEndpoints.previousSecret)))
    .limit(limit)
    .all();
  for (const row of endpointRows) {
    const binding = endpointBinding(row);
    const secret = row.secret.startsWith(currentPrefix) ? row.secret : await reseal(row.secret, binding);
    const previous = row.previousSecret === null || row.previousSecret.startsWith(currentPrefix) ? row.previousSecret : await reseal(row.previousSecret, binding);
    if (!secret || (row.previousSecret !== null && !previous)) continue;
    const unchanged = and(
      eq(webhookEndpoints.id, row.id),
      eq(webhookEndpoints.secret, row.secret),
      row.previousSecret === null ? sql`${webhookEndpoints.previousSecret} IS NULL` : eq(webhookEndpoints.previousSecret, row.previousSecret),
    );
    const done = await ctx.db.update(webhookEndpoints).set({ secret, previousSecret: previous }).where(unchanged).run();
    result.reencrypted += done.meta.changes ?? 0;
  }
  return result;
}
