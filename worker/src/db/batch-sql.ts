import type { SQL } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../env";

/**
 * A raw SQL statement with bound parameters that can go in a db.batch. drizzle's `db.run(sql)` alone cannot when it
 * has parameters (drizzle-orm 0.45's D1 batch binds them on a prepared statement that raw queries do not carry), so
 * the statement is prepared here on the same D1 binding; parameters stay bound, never spliced into the text.
 */
export function batchSql(db: Db, query: SQL): BatchItem<"sqlite"> {
  const raw = db.run(query);
  const { sql: text } = raw.getQuery();
  return Object.assign(raw, { stmt: (db as Db & { $client: D1Database }).$client.prepare(text) });
}
