// The shards bench's local D1 databases under .tmp/bench-shards-state, one folder (Miniflare's d1Persist) each:
// - control: the control database (binding DB): both provinces' directory rows and the shard map naming
//   DB_THANH_HOA and DB_NGHE_AN, no dossiers;
// - thanh-hoa and nghe-an: each province's reference data and dossiers in its own database (the shards);
// - one: the same rows of both provinces in one database (the "1 database" layout).
// Each province's rows are generated once and inserted into its shard and into `one`, so both layouts hold the
// same data. Seeded in parallel, each through a throwaway Miniflare of its own.
import { existsSync } from "node:fs";
import path from "node:path";
import { NGHE_AN, THANH_HOA } from "./bench-provinces.mjs";
import { withThrowawayD1 } from "./bench-state.mjs";
import { log, ROOT, SERVER_SECRET } from "./common.mjs";
import { generateDossiers } from "./dossiers.mjs";
import { applyMigrations, assertEmpty, insertProvinceData, insertRows, readMigrations } from "./seed.mjs";

export const SHARDS_STATE_DIR = path.join(ROOT, ".tmp", "bench-shards-state");
export const BENCH_SHARD_PROVINCES = [THANH_HOA, NGHE_AN];
/** The "1 database" layout's D1 (a folder of its own, so its id only has to differ from nothing). */
const ONE_DATABASE_ID = "bench-shards-one-database";

/**
 * The four databases: key, the D1 id (wrangler.jsonc's for the control database and the shards) and where it is
 * persisted. `provinces`: whose dossiers it holds.
 */
export function shardDatabases(config) {
  for (const p of BENCH_SHARD_PROVINCES) {
    if (!config.d1Databases[p.shard]) throw new Error(`wrangler.jsonc declares no D1 binding ${p.shard} (the shard of ${p.id})`);
  }
  const at = (key) => path.join(SHARDS_STATE_DIR, key);
  return [
    { key: "control", d1Id: config.d1Databases.DB, persist: at("control"), provinces: [] },
    ...BENCH_SHARD_PROVINCES.map((p) => ({ key: p.id, d1Id: config.d1Databases[p.shard], persist: at(p.id), provinces: [p.id] })),
    { key: "one", d1Id: ONE_DATABASE_ID, persist: at("one"), provinces: BENCH_SHARD_PROVINCES.map((p) => p.id) },
  ];
}

const count = async (db, sql) => (await db.prepare(sql).first()).n;

/** Each database's dossiers (and the control database's map rows), to check the state before measuring. */
async function describe(config, databases, ports) {
  return Promise.all(
    databases.map((database, i) =>
      withThrowawayD1(config, database, ports[i], async (db) => ({
        key: database.key,
        dossiers: await count(db, "SELECT count(*) AS n FROM dossiers"),
        mapRows: await count(db, "SELECT count(*) AS n FROM shard_map"),
        codes: database.key === "control" || database.key === "one" ? null : (await db.prepare("SELECT code FROM dossiers").all()).results.map((r) => r.code),
      })),
    ),
  );
}

/**
 * Seeds the four databases afresh with `rows` dossiers per province (or, with `reuse`, keeps a state seeded
 * before with the same row count). `ports`: one free port per database for the throwaway Miniflares.
 * Returns the codes per province, the counts per database and the timings.
 */
export async function seedShardsState(config, { rows, reuse, ports }) {
  const databases = shardDatabases(config);
  const t0 = performance.now();
  if (reuse && databases.every((d) => existsSync(d.persist))) {
    const found = await describe(config, databases, ports).catch(() => null);
    if (found && checkCounts(found, rows).length === 0) {
      log(`  reusing the seeded state: ${found.map((f) => `${f.key} ${f.dossiers} dossiers`).join(", ")}`);
      return result(found, null);
    }
    log("  the state there is not this seed's: seeding afresh");
  }
  const migrations = readMigrations(config.migrationsDir);
  const generated = new Map(BENCH_SHARD_PROVINCES.map((province) => [province.id, generateDossiers({ count: rows, serverSecret: SERVER_SECRET, province })]));
  const generateMs = performance.now() - t0;
  await Promise.all(
    databases.map((database, i) =>
      withThrowawayD1(config, database, ports[i], async (db) => {
        await assertEmpty(db);
        await applyMigrations(db, migrations);
        if (database.key === "control") {
          await insertRows(
            db,
            "provinces",
            BENCH_SHARD_PROVINCES.map((p) => generated.get(p.id).ref.province),
          );
          await insertRows(
            db,
            "shard_map",
            BENCH_SHARD_PROVINCES.map((p) => ({ province_id: p.id, agency_group: "", binding: p.shard })),
          );
        }
        for (const provinceId of database.provinces) await insertProvinceData(db, generated.get(provinceId), (line) => log(`${line} into ${database.key}`));
      }),
    ),
  );
  const found = await describe(config, databases, ports);
  const wrong = checkCounts(found, rows);
  if (wrong.length) throw new Error(`the seeded state is not what was seeded: ${wrong.join("; ")}`);
  return result(found, { generateMs, totalMs: performance.now() - t0 });
}

/** What is wrong with the described databases for `rows` per province (empty: nothing). */
function checkCounts(found, rows) {
  const expected = { control: 0, one: rows * BENCH_SHARD_PROVINCES.length, ...Object.fromEntries(BENCH_SHARD_PROVINCES.map((p) => [p.id, rows])) };
  const wrong = found.filter((f) => f.dossiers !== expected[f.key]).map((f) => `${f.key} holds ${f.dossiers} dossiers, expected ${expected[f.key]}`);
  const control = found.find((f) => f.key === "control");
  if (control.mapRows !== BENCH_SHARD_PROVINCES.length) wrong.push(`the control database's shard map has ${control.mapRows} rows`);
  return wrong;
}

function result(found, timings) {
  return {
    codes: Object.fromEntries(found.filter((f) => f.codes).map((f) => [f.key, f.codes])),
    counts: Object.fromEntries(found.map((f) => [f.key, f.dossiers])),
    timings,
  };
}
