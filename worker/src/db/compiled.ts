import { Placeholder, type SQL } from "drizzle-orm";
import { SQLiteAsyncDialect } from "drizzle-orm/sqlite-core";

/**
 * A query built by drizzle once per isolate and kept as SQL text with its parameters; requests only bind values.
 * Used on hot paths, where building the query would cost more CPU than running it.
 */
export type Compiled = { text: string; params: unknown[] };
type Values = Record<string, unknown>;

export function compile(query: { toSQL(): { sql: string; params: unknown[] } }): Compiled {
  const { sql: text, params } = query.toSQL();
  return { text, params };
}

export function bind(db: Pick<D1Database, "prepare">, compiled: Compiled, values: Values): D1PreparedStatement {
  const params = compiled.params.map((p) => (p instanceof Placeholder ? values[p.name as string] : p));
  return db.prepare(compiled.text).bind(...params);
}

const dialect = new SQLiteAsyncDialect();

/** A raw drizzle `sql` statement as a D1 statement, to run several in one D1 batch (one transaction). */
export function prepareSql(db: D1Database, query: SQL): D1PreparedStatement {
  const { sql: text, params } = dialect.sqlToQuery(query);
  return db.prepare(text).bind(...params);
}
