// Hot-path statements that drizzle builds once per database binding and binds
// per use. Building a query walks its SQL tree (every chunk type-checked) and
// costs more CPU than local D1 takes to run it; the inbound path runs the same
// few statements for every message, on the thread that also answers webhooks.
// Values go in as `sql.placeholder(name)`; binding fills them (through each
// column's encoder, as a built query would) and `runBound` sends any number of
// bound statements in one D1 batch, mapping the rows exactly as `db.batch` does.
import { is, Param, Placeholder, sql } from "drizzle-orm";
import type { SQLitePreparedQuery } from "drizzle-orm/sqlite-core";
import type { Db } from "./client";

/** A value a statement builder accepts: the value itself, or a placeholder bound later. */
export type Value<T> = T | Placeholder;

/**
 * A placeholder where drizzle's types want the column's own value (an update's
 * `set`, which takes one at run time and fills it through the column's encoder).
 */
export const placeholderFor = <T>(name: string): T => sql.placeholder(name) as unknown as T;

/** What a drizzle query builder's `prepare()` gives. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyPrepared = SQLitePreparedQuery<any>;

/** One statement with its values, ready for `runBound`; `R` is what `db.batch` would give for it. */
export interface Bound<R> {
  readonly query: AnyPrepared;
  readonly statement: D1PreparedStatement;
  /** Carries the result type only. */
  readonly _result?: R;
}

/** One parameter of a built statement: a fixed value, or a placeholder's name with the column's encoder (if any). */
type Slot = { value: unknown } | { name: string; encode?: (value: unknown) => unknown };

/** Where the placeholders are among a built statement's parameters, worked out once per statement. */
function slotsOf(params: unknown[]): Slot[] {
  return params.map((p): Slot => {
    if (is(p, Placeholder)) return { name: p.name };
    if (is(p, Param) && is(p.value, Placeholder)) return { name: p.value.name, encode: (v) => p.encoder.mapToDriverValue(v) };
    return { value: p };
  });
}

/**
 * The statement's parameters with the placeholders filled. Like drizzle's
 * fillPlaceholders, except that a null stays SQL NULL, as it does in a built
 * query (a JSON column's encoder would store the text "null"); a placeholder
 * without a value throws before anything is sent.
 */
function fill(slots: Slot[], values: Record<string, unknown>): unknown[] {
  return slots.map((slot) => {
    if ("value" in slot) return slot.value;
    const value = values[slot.name];
    if (value === undefined) throw new Error(`no value for placeholder "${slot.name}"`);
    return value === null || !slot.encode ? value : slot.encode(value);
  });
}

type ResultOf<P> = P extends SQLitePreparedQuery<infer C> ? C["execute"] : never;

/**
 * A statement drizzle builds once per database (with `sql.placeholder` where
 * the values go). The returned function binds one use's values.
 */
export function preparedStatement<P extends AnyPrepared>(build: (db: Db) => { prepare(): P }): (db: Db, values: Record<string, unknown>) => Bound<ResultOf<P>> {
  const built = new WeakMap<Db, { query: P; statement: D1PreparedStatement; slots: Slot[] }>();
  return (db, values) => {
    let entry = built.get(db);
    if (!entry) {
      const query = build(db).prepare();
      const { sql: text, params } = query.getQuery();
      entry = { query, statement: db.$client.prepare(text), slots: slotsOf(params) };
      built.set(db, entry);
    }
    return { query: entry.query, statement: entry.statement.bind(...fill(entry.slots, values)) };
  };
}

type Results<T extends readonly Bound<unknown>[]> = { [K in keyof T]: T[K] extends Bound<infer R> ? R : never };

/** Bound statements in one D1 batch (one transaction, one round trip), each result mapped as `db.batch` maps it. */
export async function runBound<T extends readonly Bound<unknown>[]>(db: Db, bound: readonly [...T]): Promise<Results<T>> {
  const results = await db.$client.batch(bound.map((b) => b.statement));
  return bound.map((b, i) => b.query.mapResult(results[i], true)) as Results<T>;
}
