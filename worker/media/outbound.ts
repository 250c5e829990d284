// Files agents send: the uploaded file checked when the message is queued, and
// its bytes read back from R2 when the outbound consumer sends it.
import { z } from "zod";
import { AppError } from "../http/errors";
import type { Ctx } from "../lib/context";
import type { OutboundMessage } from "../channels/types";
import { MEDIA_RULES } from "./limits";
import { fileDescriptor, findMedia, type FileDescriptor } from "./store";

export const mediaContent = z.object({
  type: z.literal("media"),
  mediaId: z.string().min(1).max(64),
  /** Shown under images, videos and documents (WhatsApp allows 1024 characters). */
  caption: z.string().trim().max(1024).nullish(),
});
export type MediaContent = z.infer<typeof mediaContent>;

/** The stored file a media message will send, or a 4xx naming `mediaId`. */
export async function attachableMedia(ctx: Ctx, tenantId: string, mediaId: string): Promise<{ id: string; file: FileDescriptor }> {
  const row = await findMedia(ctx, tenantId, mediaId);
  if (!row) throw new AppError("validation_failed", "mediaId: no such file; upload it with POST /api/media first", { errors: [{ path: "mediaId", message: "not found" }] });
  if (row.status !== "stored") {
    throw new AppError("unprocessable", `mediaId: the file is ${row.status} and cannot be sent`, { errors: [{ path: "mediaId", message: `file is ${row.status}` }] });
  }
  // Customers' files may be forwarded too, within what WhatsApp sends.
  if (row.size !== null && row.size > MEDIA_RULES[row.type].maxBytes) {
    throw new AppError("unprocessable", `mediaId: over WhatsApp's limit for ${row.type}`, { errors: [{ path: "mediaId", message: "too large to send" }] });
  }
  return { id: row.id, file: fileDescriptor(row) };
}

/** The provider-neutral message for a queued media send; null when the file is gone (erased or expired). */
export async function mediaOutboundMessage(ctx: Ctx, tenantId: string, content: MediaContent, to: string): Promise<OutboundMessage | null> {
  const row = await findMedia(ctx, tenantId, content.mediaId);
  if (!row || row.status !== "stored" || !row.r2Key) return null;
  const object = await ctx.env.MEDIA.get(row.r2Key);
  if (!object) return null;
  const bytes = await object.arrayBuffer();
  return {
    type: "media",
    to,
    mediaType: row.type,
    mimeType: row.mimeType ?? "application/octet-stream",
    fileName: row.fileName ?? row.type,
    bytes,
    caption: content.caption ?? null,
    sha256: row.sha256 ?? (await sha256Hex(bytes)),
  };
}

/** Hex SHA-256: the key under which a file's Meta media id is kept (media/meta-ids.ts). */
async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  return [...new Uint8Array(await crypto.subtle.digest("SHA-256", bytes))].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** The file of a template's image, video or document header, read back from R2; null when it is gone. */
export async function headerFileOf(ctx: Ctx, tenantId: string, mediaId: string): Promise<NonNullable<Extract<OutboundMessage, { type: "template" }>["headerFile"]> | null> {
  const row = await findMedia(ctx, tenantId, mediaId);
  if (!row || row.status !== "stored" || !row.r2Key) return null;
  if (row.type !== "image" && row.type !== "video" && row.type !== "document") return null;
  const object = await ctx.env.MEDIA.get(row.r2Key);
  if (!object) return null;
  const bytes = await object.arrayBuffer();
  return { mediaType: row.type, mimeType: row.mimeType ?? "application/octet-stream", fileName: row.fileName ?? row.type, bytes, sha256: row.sha256 ?? (await sha256Hex(bytes)) };
}
