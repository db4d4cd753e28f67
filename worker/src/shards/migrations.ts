/**
 * Every database runs the same migrations (`npm run db:migrate` applies drizzle/ to each D1 binding). A shard left
 * out of one would fail in odd ways (a missing column, a missing table) on whatever request touched it first, so
 * before a request or a cron uses a database, its `d1_migrations` (the table `wrangler d1 migrations apply`
 * keeps) is compared, once per isolate, with the migrations this Worker was built with: a database that lacks any
 * is refused with 503 `shard_not_migrated`, naming the binding and what it lacks, and checked again a few seconds
 * later (an operator applying them heals it without a deploy).
 */
import journal from "../../../drizzle/meta/_journal.json";
import { migrationState } from "../domain/shards";
import { ApiError } from "../errors";

/** The migrations this Worker expects, by name (`0014_shards`). */
export const EXPECTED_MIGRATIONS: string[] = journal.entries.map((entry) => entry.tag);

const RECHECK_MS = 5_000;
const verified = new WeakSet<D1Database>();
const behind = new WeakMap<D1Database, { at: number; missing: string[] }>();

/** What the database lacks (empty: up to date), asking it at most once per isolate once it is up to date. */
export async function missingMigrations(d1: D1Database, nowMs = Date.now()): Promise<string[]> {
  if (verified.has(d1)) return [];
  const known = behind.get(d1);
  if (known && nowMs - known.at < RECHECK_MS) return known.missing;
  let applied: string[] = [];
  try {
    applied = (await d1.prepare("SELECT name FROM d1_migrations").all<{ name: string }>()).results.map((r) => r.name);
  } catch {
    // No d1_migrations at all: nothing was ever applied there.
  }
  const state = migrationState(applied, EXPECTED_MIGRATIONS);
  if (state.ok) {
    verified.add(d1);
    behind.delete(d1);
    return [];
  }
  behind.set(d1, { at: nowMs, missing: state.missing });
  return state.missing;
}

/** Refuses a request whose database is behind: its data would be read or written by code that expects more. */
export async function requireMigrated(d1: D1Database, binding: string): Promise<void> {
  const missing = await missingMigrations(d1);
  if (missing.length === 0) return;
  console.error("shard not migrated", binding, missing.join(","));
  throw new ApiError(
    503,
    "shard_not_migrated",
    "Hệ thống đang bảo trì. Ông/bà vui lòng thử lại sau ít phút.",
    undefined,
    `database ${binding} lacks migrations ${missing.join(", ")}: run \`npm run db:migrate -- --remote\``,
  );
}
