// The bench's local D1 under .tmp/bench-state: seeded once through a throwaway Miniflare (with the D1 id wrangler
// uses, so Miniflare and wrangler dev open the same file), or reused when already seeded. Shared by the lookup and
// load benchmarks.
import { Miniflare } from "miniflare";
import { d1Dir, log, running, seconds as ms, SERVER_SECRET } from "./common.mjs";
import { seedDatabase } from "./seed.mjs";

/**
 * A fresh local D1 under .tmp/bench-state with `rows` dossiers, seeded through a throwaway Miniflare on `port`;
 * with `reuse`, an already seeded one is kept (its codes read back). Returns the codes, counts and timings.
 */
export async function seedBenchState(config, { rows, reuse, port }) {
  return withThrowawayD1(config, { d1Id: config.d1Id, persist: d1Dir() }, port, async (db) => {
    if (reuse) {
      const seeded = await db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'dossiers'")
        .first()
        .catch(() => null);
      if (seeded) {
        const t0 = performance.now();
        const { results } = await db.prepare("SELECT code FROM dossiers").all();
        log(`  reusing the seeded state: ${results.length} dossiers (codes read in ${ms(performance.now() - t0)})`);
        return { codes: results.map((r) => r.code), reused: true, timings: null, counts: { dossiers: results.length } };
      }
    }
    const seeded = await seedDatabase(db, {
      migrationsDir: config.migrationsDir,
      count: rows,
      serverSecret: SERVER_SECRET,
      log,
    });
    const { n } = await db.prepare("SELECT count(*) AS n FROM dossiers").first();
    if (n !== rows) throw new Error(`seeded ${n} dossiers, expected ${rows}`);
    return { ...seeded, reused: false };
  });
}

/**
 * A throwaway Miniflare holding one local D1 (`d1Id`, persisted under `persist`) on `port`; `use(db)` runs against
 * its binding, then the Miniflare is disposed.
 */
export async function withThrowawayD1(config, { d1Id, persist }, port, use) {
  const mf = new Miniflare({
    modules: true,
    script: "export default { fetch() { return new Response(null, { status: 404 }); } };",
    compatibilityDate: config.compatibilityDate,
    d1Databases: { DB: d1Id },
    d1Persist: persist,
    cf: false,
    host: "127.0.0.1",
    port,
  });
  running.miniflares.add(mf);
  try {
    await mf.ready;
    return await use(await mf.getD1Database("DB"));
  } finally {
    await mf.dispose();
    running.miniflares.delete(mf);
  }
}
