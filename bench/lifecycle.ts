#!/usr/bin/env -S npx tsx
// The data lifecycle at scale: a local D1 in workerd (Miniflare) seeded with dossiers past retention, their events,
// follows and questions, and finished messages with their deliveries; then the lifecycle run as the hourly cron
// runs it (services/lifecycle.ts with its defaults, run after run until nothing is left). Prints rows removed and
// anonymised per second, the longest single call to D1 (a statement, or one batch's transaction: how long the
// database is held at a time, measured from here, so an upper bound), and the database file before and after.
// Run: npm run bench:lifecycle [-- --dossiers 200000 --messages 50000]. See bench/README.md.
import { readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { drizzle } from "drizzle-orm/d1";
import * as schema from "../worker/src/db/schema";
import type { MediaBucket } from "../worker/src/env";
import { runLifecycle } from "../worker/src/services/lifecycle";
import { log, ROOT } from "./lib/common.mjs";
import { migratedD1 } from "./lib/migrated-d1";

const { values: args } = parseArgs({
  options: {
    dossiers: { type: "string", default: "200000" },
    messages: { type: "string", default: "50000" },
  },
});
const DOSSIERS = Number(args.dossiers);
const MESSAGES = Number(args.messages);
/** Deliveries per message: 4 followers each. */
const PER_MESSAGE = 4;
const PORT = Number(process.env.BENCH_LIFECYCLE_PORT ?? 9285);
const PROVINCE = "bench-lifecycle";
const AGENCY = "000.00.06.H56";
const STATE = path.join(ROOT, ".tmp", "bench-lifecycle-state");
const DAY_MS = 86_400_000;
const upTo = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)";

type Timing = { calls: number; longestMs: number; longestWhat: string };

/** D1 as the worker sees it, with every call timed from here (a batch is timed as one call: one transaction). */
function timedD1(d1: D1Database, timing: Timing): D1Database {
  const record = (ms: number, what: string) => {
    timing.calls++;
    if (ms > timing.longestMs) Object.assign(timing, { longestMs: ms, longestWhat: what });
  };
  const wrap = (stmt: D1PreparedStatement, query: string): D1PreparedStatement => {
    const timed =
      (method: "all" | "run" | "raw" | "first") =>
      async (...a: unknown[]) => {
        const t0 = performance.now();
        const result = await (stmt[method] as (...x: unknown[]) => Promise<unknown>).apply(stmt, a);
        record(performance.now() - t0, query.slice(0, 80));
        return result;
      };
    return Object.assign(Object.create(null), {
      bind: (...values: unknown[]) => wrap(stmt.bind(...values), query),
      all: timed("all"),
      run: timed("run"),
      raw: timed("raw"),
      first: timed("first"),
      inner: stmt,
    }) as D1PreparedStatement;
  };
  return {
    prepare: (query: string) => wrap(d1.prepare(query), query),
    batch: async (statements: D1PreparedStatement[]) => {
      const t0 = performance.now();
      const result = await d1.batch(statements.map((s) => (s as unknown as { inner: D1PreparedStatement }).inner));
      record(performance.now() - t0, `batch of ${statements.length}`);
      return result;
    },
    exec: (query: string) => d1.exec(query),
  } as unknown as D1Database;
}

function databaseBytes(): number {
  const dir = path.join(STATE, "d1", "miniflare-D1DatabaseObject");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".sqlite") || f.endsWith(".sqlite-wal"))
    .reduce((sum, f) => sum + statSync(path.join(dir, f)).size, 0);
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function seed(db: D1Database, now: number) {
  const iso = (ms: number) => new Date(ms).toISOString();
  const returned = iso(now - 400 * DAY_MS);
  const received = iso(now - 420 * DAY_MS);
  await db
    .prepare(
      "INSERT INTO provinces (id, name, short_name, channel_name, primary_color, accent_color, created_at, updated_at) VALUES (?1, 'Tỉnh thử', 'Thử', 'Thử', '#b3261e', '#f4b400', ?2, ?2)",
    )
    .bind(PROVINCE, iso(now))
    .run();
  const timeline = JSON.stringify([
    { type: "dossier.received", at: received, status: 2, note: "Ông Nguyễn Văn A nộp bản sao sổ hộ khẩu" },
    { type: "dossier.result_ready", at: returned, status: 9, note: "Mời ông A đến nhận" },
    { type: "dossier.returned", at: returned, status: 10 },
  ]);
  const CHUNK = 25_000;
  for (let from = 0; from < DOSSIERS; from += CHUNK) {
    const n = Math.min(CHUNK, DOSSIERS - from);
    const code = `'${AGENCY}-250101-' || printf('%07d', i + ${from})`;
    await db.batch([
      db
        .prepare(
          `${upTo} INSERT INTO dossiers (code, province_id, agency_id, procedure_code, applicant_name, applicant_factor_hash, status, status_note, received_at, due_at, completed_at, returned_at, changed_at, timeline, version, created_at, updated_at)
           SELECT ${code}, ?2, ?3, '1.000894', 'Nguyễn Văn A', 'hash-' || i, 10, 'Mời ông A đến nhận', ?4, ?5, ?5, ?5, ?5, ?6, 3, ?4, ?5 FROM n`,
        )
        .bind(n, PROVINCE, AGENCY, received, returned, timeline),
      db
        .prepare(
          `${upTo} INSERT INTO dossier_events (client_id, event_id, province_id, dossier_code, type, occurred_at, payload)
           SELECT 'bench', 'r' || (i + ${from}), ?2, ${code}, 'dossier.received', ?3, json_object('applicantName', 'Nguyễn Văn A', 'applicantFactorHash', 'h', 'note', 'Ông A nộp bản sao') FROM n
           UNION ALL SELECT 'bench', 't' || (i + ${from}), ?2, ${code}, 'dossier.returned', ?4, '{}' FROM n`,
        )
        .bind(n, PROVINCE, received, returned),
      db
        .prepare(
          `${upTo} INSERT INTO follows (citizen_id, dossier_code, province_id, proof, created_at) SELECT i + ${from}, ${code}, ?2, 'slip', ?3 FROM n WHERE i % 2 = 0`,
        )
        .bind(n, PROVINCE, received),
    ]);
  }
  // Finished messages from 100 days ago, each with its deliveries.
  const old = iso(now - 100 * DAY_MS);
  for (let from = 0; from < MESSAGES; from += CHUNK) {
    const n = Math.min(CHUNK, MESSAGES - from);
    await db.batch([
      db
        .prepare(
          `${upTo} INSERT INTO outbox (id, dedupe_key, province_id, dossier_code, kind, params, created_at, fanned_out_at)
           SELECT i + ${from}, 'bench:' || (i + ${from}), ?2, 'X', 'returned', '{}', ?3, ?3 FROM n`,
        )
        .bind(n, PROVINCE, old),
      db
        .prepare(
          `${upTo}, f(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM f WHERE k < ${PER_MESSAGE})
           INSERT INTO deliveries (outbox_id, citizen_id, channel, status, attempts, next_attempt_at, created_at, updated_at)
           SELECT i + ${from}, k, 'miniapp', 'sent', 1, ?2, ?2, ?2 FROM n, f`,
        )
        .bind(n, old),
    ]);
  }
}

async function main() {
  rmSync(STATE, { recursive: true, force: true });
  const { mf, d1 } = await migratedD1({ state: STATE, port: PORT, script: "export default { fetch() { return new Response('lifecycle bench'); } }" });
  try {
    const bucket = (await mf.getR2Bucket("MEDIA")) as unknown as MediaBucket;
    const now = Date.now();
    const t0 = performance.now();
    await seed(d1, now);
    log(
      `seeded ${DOSSIERS} returned dossiers (400 days ago) and ${MESSAGES} messages with ${MESSAGES * PER_MESSAGE} deliveries (100 days ago) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    const before = databaseBytes();

    const timing: Timing = { calls: 0, longestMs: 0, longestWhat: "" };
    const db = drizzle(timedD1(d1, timing), { schema });
    const totals = { dossiers: 0, messages: 0, deliveries: 0, runs: 0 };
    const started = performance.now();
    // The hourly cron's call, run after run (each bounded by its own budget) until a run finds nothing left.
    for (;;) {
      const counts = await runLifecycle(db, bucket, now);
      totals.runs++;
      totals.dossiers += counts.dossiersAnonymised;
      totals.messages += counts.messagesPruned;
      totals.deliveries += counts.deliveriesPruned;
      if (counts.done) break;
    }
    const seconds = (performance.now() - started) / 1000;
    const after = databaseBytes();
    const left = await d1.prepare("SELECT count(*) AS n FROM dossiers WHERE personal_data_removed_at IS NULL").first<{ n: number }>();
    log(`runs: ${totals.runs}, D1 calls: ${timing.calls}, total ${seconds.toFixed(1)} s`);
    log(`dossiers anonymised: ${totals.dossiers} (${Math.round(totals.dossiers / seconds)}/s overall), still holding personal data: ${left!.n}`);
    log(`messages pruned: ${totals.messages}, deliveries pruned: ${totals.deliveries}`);
    log(`rows changed or removed per second: ${Math.round((totals.dossiers + totals.messages + totals.deliveries) / seconds)}`);
    log(`longest single D1 call: ${timing.longestMs.toFixed(1)} ms (${timing.longestWhat}) — ${timing.longestMs < 1000 ? "under" : "OVER"} 1 s`);
    log(`database file: ${mb(before)} before, ${mb(after)} after (SQLite keeps freed pages for reuse; new rows fill them first)`);
  } finally {
    await mf.dispose();
  }
}

await main();
