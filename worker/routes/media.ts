import { createRoute, z } from "@hono/zod-openapi";
import { authenticate, requireTenant } from "../http/auth";
import { AppError } from "../http/errors";
import { AUTHED, IdParam, createRouter, json, problems } from "../http/openapi";
import { MAX_UPLOAD_BYTES, readMedia, uploadMedia } from "../media/files";

const member = () => [authenticate, requireTenant()];
const tags = ["Media"];

export const MediaUploadSchema = z
  .object({
    id: z.string(),
    type: z.enum(["image", "sticker", "audio", "video", "document"]).describe("How WhatsApp will send it, from the MIME type"),
    mimeType: z.string(),
    size: z.number().int(),
    fileName: z.string().nullable(),
    sha256: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("MediaUpload");

const contentDisposition = (name: string | null) => {
  if (!name) return "inline";
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
};

export const mediaRoutes = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/media",
      tags,
      summary: "Upload a file to send in a conversation",
      description: `multipart/form-data with one \`file\`. Allowed: JPEG/PNG images (5 MB), WebP stickers (500 KB), AAC/AMR/MP3/MP4/OGG audio and MP4/3GPP video (16 MB), PDF, text and Office documents (up to ${MAX_UPLOAD_BYTES / 1024 / 1024} MB here). Then send it with POST /api/conversations/{id}/messages and \`mediaId\`.`,
      middleware: member(),
      request: {
        body: { content: { "multipart/form-data": { schema: z.object({ file: z.any().openapi({ type: "string", format: "binary" }) }) } }, required: true },
      },
      responses: { 201: json(MediaUploadSchema, "Stored"), ...problems(...AUTHED, 413, 415) },
    }),
    async (c) => {
      const type = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
      if (type !== "multipart/form-data") throw new AppError("unsupported_media_type", "Send the file as multipart/form-data in the field `file`");
      let form: FormData | null = null;
      try {
        form = await c.req.formData();
      } catch {
        // An unreadable body is reported as a missing file below.
      }
      const file = form?.get("file");
      if (!file || typeof file === "string") {
        throw new AppError("validation_failed", "file: is required", { errors: [{ path: "file", message: "is required (a file in the multipart field `file`)" }] });
      }
      return c.json(await uploadMedia(c.get("tenantCtx"), file), 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/media/{id}",
      tags,
      summary: "A media file's bytes, with its Content-Type",
      description: "Members of the owning tenant only; another tenant's file is a 404. 409 while a customer's file is still being downloaded, 410 when it was refused, could not be downloaded, or was removed by retention.",
      middleware: member(),
      request: { params: IdParam },
      responses: {
        200: { description: "The file", content: { "application/octet-stream": { schema: z.string().openapi({ format: "binary" }) } } },
        206: { description: "The byte range asked for with `Range: bytes=…` (audio and video players seek with it)", content: { "application/octet-stream": { schema: z.string().openapi({ format: "binary" }) } } },
        ...problems(...AUTHED, 404, 409, 410, 416),
      },
    }),
    async (c) => {
      const file = await readMedia(c.get("tenantCtx"), c.req.valid("param").id, c.req.header("range"));
      const part = file.range;
      return c.body(file.body, part ? 206 : 200, {
        "content-type": file.mimeType,
        "content-length": String(part ? part.length : file.size),
        "accept-ranges": "bytes",
        ...(part ? { "content-range": `bytes ${part.offset}-${part.offset + part.length - 1}/${file.size}` } : {}),
        "content-disposition": contentDisposition(file.fileName),
        "cache-control": "private, max-age=3600",
        "x-content-type-options": "nosniff",
        "content-security-policy": "default-src 'none'; sandbox",
        ...(file.sha256 ? { "x-content-sha256": file.sha256 } : {}),
      });
    },
  );
