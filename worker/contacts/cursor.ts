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

/** A stored row's id (`con_01J…`). */
export const ROW_ID = /^[a-z]{2,5}_[0-9A-Z]{26}$/;
const keysetSchema = (id: RegExp) => z.tuple([z.string().max(20), z.union([z.string().max(200), z.number().int(), z.null()]), z.string().regex(id)]);

export function encodeKeyset(k: Keyset): string {
  return toBase64Url(utf8(JSON.stringify([k.kind, k.value, k.id])));
}

/** `idPattern`: what the id part may look like (derived list items have ids of their own). */
export function decodeKeyset(cursor: string, idPattern: RegExp = ROW_ID): Keyset | null {
  if (cursor.length > 400) return null;
  const bytes = fromBase64Url(cursor);
  if (!bytes) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(fromUtf8(bytes));
  } catch {
    return null;
  }
  const parsed = keysetSchema(idPattern).safeParse(raw);
  if (!parsed.success) return null;
  const [kind, value, id] = parsed.data;
  return { kind, value, id };
}

/** A `cursor` query field that decodes to a Keyset of one of `kinds`. */
export function keysetCursorField(kinds: readonly string[], idPattern: RegExp = ROW_ID) {
  return z
    .string()
    .optional()
    .transform((c, ctx) => {
      if (!c) return null;
      const k = decodeKeyset(c, idPattern);
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
