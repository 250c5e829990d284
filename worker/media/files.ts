// Media files for members: reading one (the bytes from R2, for the owning
// tenant only) and uploading one to send.
import { media } from "../db/schema";
import { AppError, fieldError, notFound } from "../http/errors";
import type { TenantCtx } from "../lib/context";
import { newId } from "../lib/ids";
import { baseMime, checkMedia, mediaTypeForUpload, MEDIA_RULES } from "./limits";
import { findMedia, putChecked, r2Key } from "./store";

/** Uploads from the dashboard or the API are read in the Worker: capped below WhatsApp's 100 MB document limit. */
export const MAX_UPLOAD_BYTES = 16 * 1024 * 1024;

export interface MediaFile {
  body: ReadableStream;
  mimeType: string;
  /** The whole file's size. */
  size: number;
  fileName: string | null;
  sha256: string | null;
  /** The part sent, when a byte range was asked for (players seek with these). */
  range: { offset: number; length: number } | null;
}

/** "bytes=0-1023", "bytes=500-", "bytes=-200" (one range only); null when absent or not of that form. */
function parseRange(header: string | null | undefined, size: number): { offset: number; length: number } | "unsatisfiable" | null {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? "");
  if (!m || (m[1] === "" && m[2] === "")) return null;
  if (m[1] === "") {
    const suffix = Math.min(Number(m[2]), size);
    return suffix === 0 ? "unsatisfiable" : { offset: size - suffix, length: suffix };
  }
  const start = Number(m[1]);
  const end = m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) return "unsatisfiable";
  return { offset: start, length: end - start + 1 };
}

const UNAVAILABLE: Record<string, string> = {
  pending: "The file is still being downloaded from WhatsApp; try again in a moment",
  refused: "The file was refused (over WhatsApp's size limit or not an allowed type), so it was never stored",
  failed: "The file could not be downloaded from the provider",
  expired: "The file was deleted by the media retention setting",
};

export async function readMedia(ctx: TenantCtx, id: string, rangeHeader?: string | null): Promise<MediaFile> {
  const row = await findMedia(ctx, ctx.tenantId, id);
  if (!row) throw notFound("Media");
  if (row.status !== "stored" || !row.r2Key) {
    throw new AppError(row.status === "pending" ? "conflict" : "gone", UNAVAILABLE[row.status] ?? "The file is not available");
  }
  const size = row.size ?? (await ctx.env.MEDIA.head(row.r2Key))?.size ?? 0;
  const range = parseRange(rangeHeader, size);
  if (range === "unsatisfiable") {
    throw new AppError("range_not_satisfiable", `The file has ${size} bytes`, { headers: { "content-range": `bytes */${size}` } });
  }
  const object = await ctx.env.MEDIA.get(row.r2Key, range ? { range } : undefined);
  if (!object) throw new AppError("gone", "The file is no longer stored");
  return { body: object.body, mimeType: row.mimeType ?? "application/octet-stream", size: object.size, fileName: row.fileName, sha256: row.sha256, range };
}

export function mediaUploadView(row: Pick<typeof media.$inferSelect, "id" | "type" | "mimeType" | "size" | "fileName" | "sha256" | "createdAt">) {
  return { id: row.id, type: row.type, mimeType: row.mimeType!, size: row.size!, fileName: row.fileName, sha256: row.sha256, createdAt: new Date(row.createdAt).toISOString() };
}

/** Store a member's file to send: type and size checked against WhatsApp's rules before anything is written. */
export async function uploadMedia(ctx: TenantCtx, file: File) {
  const mimeType = baseMime(file.type);
  const type = mediaTypeForUpload(mimeType);
  if (!type) {
    throw new AppError("unsupported_media_type", `WhatsApp does not accept ${mimeType || "files without a type"}`, {
      errors: [{ path: "file", message: `type must be one of: ${[...new Set(Object.values(MEDIA_RULES).flatMap((r) => r.mimeTypes))].join(", ")}` }],
    });
  }
  const limit = Math.min(MEDIA_RULES[type].maxBytes, MAX_UPLOAD_BYTES);
  if (file.size === 0) throw fieldError("file", "is empty");
  const check = checkMedia(type, mimeType, file.size);
  if (!check.ok || file.size > limit) {
    throw new AppError("payload_too_large", `A ${type} can be at most ${limit} bytes`, { errors: [{ path: "file", message: `must be at most ${limit} bytes for ${type}` }] });
  }
  const id = newId("media");
  const key = r2Key(ctx.tenantId, id);
  const stored = await putChecked(ctx, key, file.stream(), limit, file.size, mimeType);
  if (!stored.ok) throw new AppError("payload_too_large", `A ${type} can be at most ${limit} bytes`, { errors: [{ path: "file", message: `must be at most ${limit} bytes` }] });
  const now = ctx.now();
  const fileName = (file.name || `${type}`).replace(/[\r\n"\\/]/g, "_").slice(0, 200);
  const row = {
    id,
    tenantId: ctx.tenantId,
    origin: "upload" as const,
    type,
    status: "stored" as const,
    mimeType,
    size: stored.size,
    fileName,
    sha256: stored.sha256,
    r2Key: key,
    createdAt: now,
    updatedAt: now,
  };
  try {
    await ctx.db.insert(media).values(row);
  } catch (err) {
    await ctx.env.MEDIA.delete(key);
    throw err;
  }
  return mediaUploadView(row);
}
