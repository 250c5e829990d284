// Meta media ids kept per tenant, channel and business number, by the file's
// SHA-256: the first send of a file uploads it, later sends within 29 days
// name the same id (Meta keeps uploads 30 days). A lookup or write that fails
// only costs an upload; an id Meta refuses is dropped by the sender
// (channels/media.ts) and the file uploaded once more.
import { and, eq, gt, lte } from "drizzle-orm";
import { media, metaMediaIds } from "../db/schema";
import type { Ctx } from "../lib/context";
import { errorFields } from "../lib/logger";
import type { MetaMediaIdCache } from "../channels/types";

/** How long a cached id is used: a day inside Meta's 30. */
export const META_MEDIA_ID_TTL_MS = 29 * 24 * 3600_000;

export function metaMediaIdCache(ctx: Ctx, scope: { tenantId: string; channelId: string; phoneNumberId: string }): MetaMediaIdCache {
  const where = (sha256: string) =>
    and(eq(metaMediaIds.tenantId, scope.tenantId), eq(metaMediaIds.channelId, scope.channelId), eq(metaMediaIds.phoneNumberId, scope.phoneNumberId), eq(metaMediaIds.sha256, sha256));
  return {
    async get(sha256) {
      try {
        const row = await ctx.db
          .select({ mediaId: metaMediaIds.mediaId })
          .from(metaMediaIds)
          .where(and(where(sha256), gt(metaMediaIds.expiresAt, ctx.now())))
          .get();
        return row?.mediaId ?? null;
      } catch (err) {
        ctx.logger.warn("meta media id lookup failed; uploading", errorFields(err));
        return null;
      }
    },
    async put(sha256, mediaId) {
      const now = ctx.now();
      const values = { mediaId, expiresAt: now + META_MEDIA_ID_TTL_MS, createdAt: now };
      try {
        await ctx.db
          .insert(metaMediaIds)
          .values({ ...scope, sha256, ...values })
          .onConflictDoUpdate({ target: [metaMediaIds.tenantId, metaMediaIds.channelId, metaMediaIds.phoneNumberId, metaMediaIds.sha256], set: values });
      } catch (err) {
        ctx.logger.warn("meta media id not kept", errorFields(err));
      }
    },
    async drop(sha256, mediaId) {
      try {
        await ctx.db.delete(metaMediaIds).where(and(where(sha256), eq(metaMediaIds.mediaId, mediaId)));
      } catch (err) {
        ctx.logger.warn("meta media id not dropped", errorFields(err));
      }
    },
  };
}

/** The cron's part: ids past their 29 days. */
export async function deleteExpiredMetaMediaIds(ctx: Ctx): Promise<number> {
  const res = await ctx.db.delete(metaMediaIds).where(lte(metaMediaIds.expiresAt, ctx.now())).run();
  return res.meta.changes ?? 0;
}

/** Meta's code for a send whose media it could not fetch or use, reported in a failed status. */
export const META_MEDIA_FAILED_CODE = "131053";

/**
 * A message naming a kept id failed later with a media error: forget the ids
 * of its file on that channel, so the next send uploads the file afresh.
 */
export async function forgetMetaMediaIdsOf(ctx: Ctx, tenantId: string, channelId: string, mediaId: string): Promise<void> {
  const file = await ctx.db
    .select({ sha256: media.sha256 })
    .from(media)
    .where(and(eq(media.id, mediaId), eq(media.tenantId, tenantId)))
    .get();
  if (!file?.sha256) return;
  await ctx.db.delete(metaMediaIds).where(and(eq(metaMediaIds.tenantId, tenantId), eq(metaMediaIds.channelId, channelId), eq(metaMediaIds.sha256, file.sha256)));
}
