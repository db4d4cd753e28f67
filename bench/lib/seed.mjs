// Seeds a local D1 (through Miniflare's getD1Database) with the drizzle migrations and the bench's data
// (bench/lib/dossiers.mjs): a province, its reference data and N dossiers; several provinces can share one D1.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { generateDossiers } from "./dossiers.mjs";

export { PROVINCE_ID } from "./dossiers.mjs";

/** SQLite's statement limit in workerd's D1 is 100,000 bytes; stay under it. */
const MAX_STATEMENT_BYTES = 90_000;
/** Statements per db.batch call (each batch is one transaction). */
const STATEMENTS_PER_BATCH = 40;

// ---------------------------------------------------------------------------------------------------------------
// Migrations

/** drizzle/NNNN_name.sql files in order, each split on drizzle's statement breakpoints. */
export function readMigrations(migrationsDir) {
  return readdirSync(migrationsDir)
    .filter((f) => /^\d+_.*\.sql$/.test(f))
    .sort()
    .map((name) => ({
      name,
      statements: readFileSync(path.join(migrationsDir, name), "utf8")
        .split("--> statement-breakpoint")
        .map((s) => s.trim())
        .filter(Boolean),
    }));
}

/** Applies migrations and records them in d1_migrations, the table `wrangler d1 migrations apply` keeps. */
export async function applyMigrations(db, migrations) {
  await db
    .prepare(
      "CREATE TABLE IF NOT EXISTS d1_migrations (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE, applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL)",
    )
    .run();
  for (const m of migrations) {
    await db.batch([...m.statements.map((s) => db.prepare(s)), db.prepare("INSERT INTO d1_migrations (name) VALUES (?)").bind(m.name)]);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Inserting

function sqlLiteral(value) {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "NULL";
  return `'${String(value).replaceAll("'", "''")}'`;
}

/** Multi-row INSERT statements for `rows`, each under the statement size limit. */
export function insertStatements(table, rows) {
  if (rows.length === 0) return [];
  const columns = Object.keys(rows[0]);
  const head = `INSERT INTO ${table} (${columns.join(", ")}) VALUES `;
  const statements = [];
  let values = [];
  let bytes = Buffer.byteLength(head);
  for (const row of rows) {
    const tuple = `(${columns.map((c) => sqlLiteral(row[c])).join(", ")})`;
    const size = Buffer.byteLength(tuple) + 1;
    if (values.length > 0 && bytes + size > MAX_STATEMENT_BYTES) {
      statements.push(head + values.join(","));
      values = [];
      bytes = Buffer.byteLength(head);
    }
    values.push(tuple);
    bytes += size;
  }
  if (values.length > 0) statements.push(head + values.join(","));
  return statements;
}

/** Runs `statements` in db.batch calls of STATEMENTS_PER_BATCH (each batch one transaction). */
export async function runInBatches(db, statements) {
  for (let i = 0; i < statements.length; i += STATEMENTS_PER_BATCH) {
    await db.batch(statements.slice(i, i + STATEMENTS_PER_BATCH).map((s) => db.prepare(s)));
  }
}

/** Inserts a province's reference data (generateDossiers' `ref`: the province, agencies, departments, officers, procedures). */
export async function insertReferenceData(db, ref) {
  await runInBatches(db, [
    ...insertStatements("provinces", [ref.province]),
    ...insertStatements("agencies", ref.agencies),
    ...insertStatements("departments", ref.departments),
    ...insertStatements("officers", ref.officers),
    ...insertStatements("procedures", ref.procedures),
  ]);
}

/** Inserts one province's generated data (generateDossiers' `ref` and `rows`) into a migrated D1. */
export async function insertProvinceData(db, { ref, rows }, log = () => {}) {
  await insertReferenceData(db, ref);
  const statements = insertStatements("dossiers", rows);
  log(`  ${rows.length} ${ref.province.id} dossiers in ${statements.length} INSERT statements (${STATEMENTS_PER_BATCH} per batch)`);
  await runInBatches(db, statements);
}

/** Multi-row INSERTs of any rows (objects with the same keys, the table's column names) into `table`. */
export async function insertRows(db, table, rows) {
  await runInBatches(db, insertStatements(table, rows));
}

/** Refuses a D1 that already holds the bench's tables: seeding starts from an empty one. */
export async function assertEmpty(db) {
  const existing = await db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'dossiers'").first();
  if (existing) throw new Error("the bench database is not empty; remove the state directory first");
}

/**
 * Applies the migrations to an empty D1 and inserts the reference data and `count` dossiers.
 * Returns the dossier codes and timings (ms).
 */
export async function seedDatabase(db, { migrationsDir, count, serverSecret, log = () => {} }) {
  await assertEmpty(db);

  const t0 = performance.now();
  await applyMigrations(db, readMigrations(migrationsDir));
  const t1 = performance.now();

  const generated = generateDossiers({ count, serverSecret });
  const { ref, rows } = generated;
  const t2 = performance.now();

  await insertProvinceData(db, generated, log);
  // The province in the shard map, home in this database (the control one, `DB`), as onboarding leaves it: lookups
  // by code then find it from the map like production's, instead of reloading the map on every miss.
  await insertRows(db, "shard_map", [{ province_id: ref.province.id, agency_group: "", binding: "DB" }]);
  const t3 = performance.now();

  return {
    codes: rows.map((r) => r.code),
    timings: { migrateMs: t1 - t0, generateMs: t2 - t1, insertMs: t3 - t2, totalMs: t3 - t0 },
    counts: {
      agencies: ref.agencies.length,
      departments: ref.departments.length,
      officers: ref.officers.length,
      procedures: ref.procedures.length,
      dossiers: rows.length,
    },
  };
}
