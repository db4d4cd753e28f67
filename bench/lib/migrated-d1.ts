/**
 * A throwaway Miniflare holding one local D1 (`DB`) and an R2 bucket (`MEDIA`) under `state`, with the migrations
 * applied and recorded as wrangler does (the Worker refuses a database that lacks any): what the benches that run
 * the worker's own services over seeded data start from.
 */
import path from "node:path";
import { Miniflare } from "miniflare";
import { readWranglerConfig } from "./common.mjs";
import { applyMigrations, readMigrations } from "./seed.mjs";

type WorkerSource = { scriptPath: string } | { script: string };

export async function migratedD1(options: { state: string; port: number } & WorkerSource): Promise<{ mf: Miniflare; d1: D1Database }> {
  const { state, port, ...source } = options;
  const config = readWranglerConfig();
  const mf = new Miniflare({
    modules: true,
    ...source,
    compatibilityDate: config.compatibilityDate,
    compatibilityFlags: config.compatibilityFlags,
    d1Databases: { DB: config.d1Id },
    d1Persist: path.join(state, "d1"),
    r2Buckets: ["MEDIA"],
    r2Persist: path.join(state, "r2"),
    host: "127.0.0.1",
    port,
  });
  try {
    const d1 = (await mf.getD1Database("DB")) as unknown as D1Database;
    await applyMigrations(d1, readMigrations(config.migrationsDir));
    return { mf, d1 };
  } catch (error) {
    await mf.dispose();
    throw error;
  }
}
