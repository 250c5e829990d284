// Cursor pagination over time-sortable ids (newest first). A cursor is the
// last id of the previous page, encoded; rows inserted later sort before it,
// so paging is stable under inserts.
import { z } from "zod";
import { fromBase64Url, fromUtf8, toBase64Url, utf8 } from "./encoding";

export interface PageRequest {
  limit: number;
  cursor: string | null;
}

export const encodeCursor = (id: string) => toBase64Url(utf8(id));

export function decodeCursor(cursor: string): string | null {
  const bytes = fromBase64Url(cursor);
  if (!bytes) return null;
  const id = fromUtf8(bytes);
  return /^[a-z]{2,5}_[0-9A-Z]{26}$/.test(id) ? id : null;
}

export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1, { message: "must be between 1 and 200" }).max(200, { message: "must be between 1 and 200" }).default(50),
  cursor: z
    .string()
    .optional()
    .transform((c, ctx) => {
      if (!c) return null;
      const id = decodeCursor(c);
      if (!id) {
        ctx.addIssue({ code: "custom", message: "is not a valid cursor" });
        return z.NEVER;
      }
      return id;
    }),
});

/** Given up to limit+1 rows, the page and the cursor for the next one. */
export function toPage<T extends { id: string }>(rows: T[], limit: number): { data: T[]; nextCursor: string | null } {
  const data = rows.slice(0, limit);
  const last = data[data.length - 1];
  return { data, nextCursor: rows.length > limit && last ? encodeCursor(last.id) : null };
}
