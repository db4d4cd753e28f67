import { Placeholder } from "drizzle-orm";

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

export function bind(db: D1Database, compiled: Compiled, values: Values): D1PreparedStatement {
  const params = compiled.params.map((p) => (p instanceof Placeholder ? values[p.name as string] : p));
  return db.prepare(compiled.text).bind(...params);
}
