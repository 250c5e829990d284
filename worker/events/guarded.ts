// A row insert that happens only if a condition holds when the batch runs, so
// it can share a db.batch with the change it belongs to (D1 has no
// interactive transactions to check-then-write in).
import { getTableColumns, sql, type SQL } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "../db/client";

export function insertWhen<T extends SQLiteTable>(db: Db, table: T, row: Required<T["$inferInsert"]>, condition: SQL) {
  const values = Object.entries(getTableColumns(table)).map(([key, column]) => sql.param((row as Record<string, unknown>)[key] ?? null, column));
  return db.insert(table).select(sql`SELECT ${sql.join(values, sql`, `)} WHERE ${condition}`);
}
