// Atomic multi-statement writes on D1 (a batch is one transaction) and the
// SQL fragments the contact modules share.
//
// Statements are drizzle query builders or raw `sql` templates. The batch is
// sent with D1's own batch(): drizzle's D1 batch cannot carry raw SQL with
// parameters, and the bulk statements here are raw (json_each, UPDATE … FROM).
import { is, SQL, sql } from "drizzle-orm";
import { SQLiteAsyncDialect } from "drizzle-orm/sqlite-core";
import type { Env } from "../env";

export type Statement = SQL | { toSQL(): { sql: string; params: unknown[] } };

const dialect = new SQLiteAsyncDialect();

/** SQL text and parameters of a statement. */
export function compile(statement: Statement): { sql: string; params: unknown[] } {
  return is(statement, SQL) ? dialect.sqlToQuery(statement) : statement.toSQL();
}

/** Run the statements as one transaction: all of them or none. */
export async function runBatch(ctx: { env: Pick<Env, "DB"> }, statements: Statement[]): Promise<D1Result[]> {
  if (statements.length === 0) return [];
  const db = ctx.env.DB;
  return db.batch(
    statements.map((s) => {
      const q = compile(s);
      return db.prepare(q.sql).bind(...q.params);
    }),
  );
}

/** A JSON array bound as one parameter: bulk writes read it with json_each, far under D1's 100-parameter cap. */
export const jsonParam = (value: unknown): SQL => sql`${JSON.stringify(value)}`;

/** `%text%` for LIKE … ESCAPE '\', with the wildcards in `text` taken literally. */
export const likeContains = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** True when a D1 error is a UNIQUE constraint failure. */
export const isUniqueViolation = (err: unknown) => /UNIQUE constraint failed/i.test(String((err as Error)?.message ?? err));
