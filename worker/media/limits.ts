// What WhatsApp accepts, per kind of media (Meta's "Supported media types"):
// the MIME allow-list and the largest file. Anything else is refused, inbound
// and outbound alike, and the refusal is recorded on the media row.
import type { MediaType } from "../db/schema";

const MB = 1024 * 1024;

export const MEDIA_RULES: Record<MediaType, { mimeTypes: readonly string[]; maxBytes: number }> = {
  image: { mimeTypes: ["image/jpeg", "image/png"], maxBytes: 5 * MB },
  // Animated stickers may be 500 KB, static ones 100 KB; both are WebP.
  sticker: { mimeTypes: ["image/webp"], maxBytes: 500 * 1024 },
  audio: { mimeTypes: ["audio/aac", "audio/amr", "audio/mpeg", "audio/mp4", "audio/ogg"], maxBytes: 16 * MB },
  video: { mimeTypes: ["video/mp4", "video/3gpp"], maxBytes: 16 * MB },
  document: {
    mimeTypes: [
      "text/plain",
      "application/pdf",
      "application/msword",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "application/vnd.ms-excel",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "application/vnd.ms-powerpoint",
      "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ],
    maxBytes: 100 * MB,
  },
};

/** "audio/ogg; codecs=opus" → "audio/ogg". */
export const baseMime = (mime: string | null | undefined) => (mime ?? "").split(";")[0]!.trim().toLowerCase();

export type MediaCheck = { ok: true } | { ok: false; field: "type" | "size"; reason: string };

export function checkMedia(type: MediaType, mime: string | null | undefined, size: number | null): MediaCheck {
  const rule = MEDIA_RULES[type];
  const m = baseMime(mime);
  if (!rule.mimeTypes.includes(m)) {
    return { ok: false, field: "type", reason: `${m || "an unknown type"} is not allowed for ${type} (allowed: ${rule.mimeTypes.join(", ")})` };
  }
  if (size !== null && size > rule.maxBytes) {
    return { ok: false, field: "size", reason: `${size} bytes is over the ${rule.maxBytes} byte limit for ${type}` };
  }
  return { ok: true };
}

/** The kind of media an uploaded file is sent as, from its MIME type; null when WhatsApp takes no such file. */
export function mediaTypeForUpload(mime: string): MediaType | null {
  const m = baseMime(mime);
  for (const type of ["image", "video", "audio", "document", "sticker"] as const) if (MEDIA_RULES[type].mimeTypes.includes(m)) return type;
  return null;
}

/** The largest file any kind allows: the upload route's body limit. */
export const MAX_MEDIA_BYTES = Math.max(...Object.values(MEDIA_RULES).map((r) => r.maxBytes));
