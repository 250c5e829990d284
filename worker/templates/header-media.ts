// Templates whose header is an image, a video or a document: the file is one
// the tenant uploaded (POST /api/media), of the header's kind, stored and
// within WhatsApp's limits. Shared by the inbox's template send and campaigns,
// which name the field each in their own way.
import { AppError } from "../http/errors";
import type { Ctx } from "../lib/context";
import { attachableMedia } from "../media/outbound";
import type { DefinitionComponent } from "./definitions";

export type HeaderFileKind = "image" | "video" | "document";

const FILE_HEADERS: Record<string, HeaderFileKind> = { IMAGE: "image", VIDEO: "video", DOCUMENT: "document" };

export const an = (word: string) => (/^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`);

/** The kind of file a template's header takes, or null for a text header or none. */
export function headerFileKind(definition: DefinitionComponent[]): HeaderFileKind | null {
  const header = definition.find((c) => c.type === "HEADER");
  return (header?.format && FILE_HEADERS[header.format]) || null;
}

/**
 * Why this upload cannot be the header file (`kind` null: any image, video or
 * document), or null when it can. Another tenant's file is "not found".
 */
export async function headerFileProblem(ctx: Ctx, tenantId: string, mediaId: string, kind: HeaderFileKind | null): Promise<string | null> {
  let type: string;
  try {
    type = (await attachableMedia(ctx, tenantId, mediaId)).file.type;
  } catch (err) {
    // attachableMedia names `mediaId`; the caller names its own field.
    if (err instanceof AppError && err.options.errors?.[0]) return err.options.errors[0].message;
    throw err;
  }
  if (kind && type !== kind) return `the template's header takes ${an(kind)}; this file is ${an(type)}`;
  if (!kind && !Object.values(FILE_HEADERS).includes(type as HeaderFileKind)) return `a header can be an image, a video or a document, not ${an(type)}`;
  return null;
}
