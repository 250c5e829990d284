import { api } from "../../../lib/api";
import type { Schema } from "../../../api";

export type UploadedMedia = Schema<"MediaUpload">;

/** POST /api/media (multipart `file`). */
export function uploadMedia(file: File): Promise<UploadedMedia> {
  const form = new FormData();
  form.set("file", file, file.name);
  return api.post<UploadedMedia>("/api/media", form);
}

const MB = 1024 * 1024;
/** What WhatsApp sends (and the upload route accepts), checked before uploading. */
export const ATTACHMENT_RULES: Array<{ label: string; types: string[]; maxBytes: number }> = [
  { label: "photo", types: ["image/jpeg", "image/png"], maxBytes: 5 * MB },
  { label: "sticker", types: ["image/webp"], maxBytes: 500 * 1024 },
  { label: "audio", types: ["audio/aac", "audio/amr", "audio/mpeg", "audio/mp4", "audio/ogg"], maxBytes: 16 * MB },
  { label: "video", types: ["video/mp4", "video/3gpp"], maxBytes: 16 * MB },
  {
    label: "document",
    types: [
      "application/pdf",
      "text/plain",
      "application/msword",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "application/vnd.ms-excel",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "application/vnd.ms-powerpoint",
      "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ],
    maxBytes: 16 * MB,
  },
];

export const ACCEPTED_TYPES = ATTACHMENT_RULES.flatMap((r) => r.types).join(",");

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < MB) return `${Math.round(n / 102.4) / 10} KB`;
  return `${Math.round(n / (MB / 10)) / 10} MB`;
}

/** Why WhatsApp would not take this file, or null when it is fine. */
export function attachmentProblem(file: File): string | null {
  const rule = ATTACHMENT_RULES.find((r) => r.types.includes(file.type.toLowerCase()));
  if (!rule) return `WhatsApp can't send ${file.name || "this file"}${file.type ? ` (${file.type})` : ""}. Send a JPEG or PNG photo, an MP4 video, an audio file, or a PDF, Word, Excel, PowerPoint or text document.`;
  if (file.size === 0) return `${file.name} is empty.`;
  if (file.size > rule.maxBytes) return `${file.name} is ${formatBytes(file.size)}; a ${rule.label} can be at most ${formatBytes(rule.maxBytes)}.`;
  return null;
}

/** What a template's image, video or document header takes: the same rules, one kind. */
export type HeaderFileKind = "image" | "video" | "document";

const HEADER_RULE: Record<HeaderFileKind, { label: string; describe: string }> = {
  image: { label: "photo", describe: "a JPEG or PNG photo" },
  video: { label: "video", describe: "an MP4 or 3GP video" },
  document: { label: "document", describe: "a PDF, Word, Excel, PowerPoint or text document" },
};

export const headerAcceptedTypes = (kind: HeaderFileKind) => ATTACHMENT_RULES.find((r) => r.label === HEADER_RULE[kind].label)!.types.join(",");

export const headerFileDescription = (kind: HeaderFileKind) => HEADER_RULE[kind].describe;

/** Why this file cannot be the template's header, or null when it can. */
export function headerFileProblem(file: File, kind: HeaderFileKind): string | null {
  const rule = ATTACHMENT_RULES.find((r) => r.label === HEADER_RULE[kind].label)!;
  if (!rule.types.includes(file.type.toLowerCase())) return `This template's header takes ${HEADER_RULE[kind].describe}; ${file.name || "this file"} is not one.`;
  return attachmentProblem(file);
}
