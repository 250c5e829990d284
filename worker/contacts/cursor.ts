// Keyset cursors for lists ordered by something other than the id alone. A
// cursor is the last row's (sort value, id): the order is total, so rows
// inserted while a client pages land strictly before or after the cursor and
// no row that existed throughout is repeated or skipped.
import { z } from "zod";
import { fromBase64Url, fromUtf8, toBase64Url, utf8 } from "../lib/encoding";

export type KeysetValue = string | number | null;

export interface Keyset {
  /** What the list is ordered by; a cursor only continues the same order. */
  kind: string;
  value: KeysetValue;
  id: string;
}

const keysetSchema = z.tuple([z.string().max(20), z.union([z.string().max(200), z.number().int(), z.null()]), z.string().regex(/^[a-z]{2,5}_[0-9A-Z]{26}$/)]);

export function encodeKeyset(k: Keyset): string {
  return toBase64Url(utf8(JSON.stringify([k.kind, k.value, k.id])));
}

export function decodeKeyset(cursor: string): Keyset | null {
  if (cursor.length > 400) return null;
  const bytes = fromBase64Url(cursor);
  if (!bytes) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(fromUtf8(bytes));
  } catch {
    return null;
  }
  const parsed = keysetSchema.safeParse(raw);
  if (!parsed.success) return null;
  const [kind, value, id] = parsed.data;
  return { kind, value, id };
}

/** A `cursor` query field that decodes to a Keyset of one of `kinds`. */
export function keysetCursorField(kinds: readonly string[]) {
  return z
    .string()
    .optional()
    .transform((c, ctx) => {
      if (!c) return null;
      const k = decodeKeyset(c);
      if (!k || !kinds.includes(k.kind)) {
        ctx.addIssue({ code: "custom", message: "is not a valid cursor" });
        return z.NEVER;
      }
      return k;
    });
}

/** limit+1 rows in → the page and the cursor after its last row. */
export function keysetPage<T extends { id: string }>(rows: T[], limit: number, kind: string, valueOf: (row: T) => KeysetValue) {
  const data = rows.slice(0, limit);
  const last = data[data.length - 1];
  return { data, nextCursor: rows.length > limit && last ? encodeKeyset({ kind, value: valueOf(last), id: last.id }) : null };
}
