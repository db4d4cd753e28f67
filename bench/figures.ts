#!/usr/bin/env -S npx tsx
// The figures at a province's real size: 1,000,000 dossiers and 200,000 ratings seeded straight into a local D1,
// their counters built by the rebuild, then for each grouping the median and p99 latency of the figures read from
// the counters against the same figures recomputed from the raw tables, in the same run, with D1's rows read per
// dashboard view. Run: npm run bench:figures [-- --dossiers 1000000 --ratings 200000 --runs 100 --raw-runs 5].
// See bench/README.md.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { Miniflare } from "miniflare";
import { bundleWorker, gitInfo, log, readWranglerConfig, RESULTS_DIR, ROOT } from "./lib/common.mjs";
import { applyMigrations, readMigrations } from "./lib/seed.mjs";

const { values: args } = parseArgs({
  options: {
    dossiers: { type: "string", default: "1000000" },
    ratings: { type: "string", default: "200000" },
    runs: { type: "string", default: "100" },
    "raw-runs": { type: "string", default: "5" },
  },
});
const DOSSIERS = Number(args.dossiers);
const RATINGS = Number(args.ratings);
const RUNS = Number(args.runs);
const RAW_RUNS = Number(args["raw-runs"]);
const PORT = Number(process.env.BENCH_FIGURES_PORT ?? 8830);
const STATE = path.join(ROOT, ".tmp", "bench-figures-state");
const ADMIN_TOKEN = "bench-admin-token";
const PROVINCE = "thanh-hoa";
const AGENCIES = 8;
const DEPARTMENTS_PER_AGENCY = 3;
const PROCEDURES = 40;
const GROUPINGS = ["agency", "department", "procedure", "month"] as const;

/**
 * One INSERT … SELECT over a recursive counter: dossiers `from`..`to`, received over the last 400 days, due 5 to 19
 * days later; about 88 % completed (some early, some on the day, some late, 2 % with a moved due date), 3 % refused,
 * the rest still open. Spread with SQLite's random(): agencies, departments, procedures and days independent of each other,
 * so the counters hold as many rows as a real province's would.
 */
function dossierInsert(from: number, to: number, nowMs: number): string {
  const now = new Date(nowMs).toISOString();
  return `
    INSERT INTO dossiers (code, province_id, agency_id, procedure_code, applicant_name, applicant_factor_hash, status, received_at, due_at,
                          completed_at, department_id, timeline, version, created_at, updated_at)
    WITH RECURSIVE n(i) AS (SELECT ${from} UNION ALL SELECT i + 1 FROM n WHERE i < ${to}),
    d AS (
      SELECT i, (i % ${AGENCIES}) + 1 AS a, abs(random()) % ${DEPARTMENTS_PER_AGENCY} AS dep, abs(random()) % ${PROCEDURES} AS p,
             strftime('%Y-%m-%dT%H:%M:%fZ', '${now}', '-' || (abs(random()) % 400) || ' days', '-' || (abs(random()) % 600) || ' minutes') AS received,
             5 + abs(random()) % 15 AS due_days, abs(random()) % 100 AS fate, abs(random()) % 6 AS done_shift
        FROM n)
    SELECT printf('000.00.%02d.H56-B-%07d', a, i), '${PROVINCE}', printf('000.00.%02d.H56', a), printf('1.%06d', p), 'Bench', 'x',
           CASE WHEN fate < 45 THEN 10 WHEN fate < 88 THEN 9 WHEN fate < 91 THEN 3 ELSE 4 END,
           received, strftime('%Y-%m-%dT%H:%M:%fZ', received, '+' || due_days || ' days'),
           CASE WHEN fate < 88 AND strftime('%Y-%m-%dT%H:%M:%fZ', received, '+' || (due_days - 3 + done_shift) || ' days') < '${now}'
                THEN strftime('%Y-%m-%dT%H:%M:%fZ', received, '+' || (due_days - 3 + done_shift) || ' days') END,
           printf('pb-%02d-%d', a, dep),
           CASE WHEN i % 50 = 0 THEN '[{"type":"dossier.received"},{"type":"dossier.due_changed"}]' ELSE '[{"type":"dossier.received"}]' END,
           1, '${now}', '${now}'
      FROM d`;
}

/** 200,000 ratings of completed dossiers, a few days after completion, overall mostly satisfied. */
function ratingInsert(limit: number, nowMs: number): string {
  const now = new Date(nowMs).toISOString();
  return `
    INSERT INTO ratings (dossier_code, province_id, citizen_id, proof, agency_id, department_id, officer_id, month, time_vs_limit, extra_visits,
                         agencies_count, publicly_posted, attitude, convenience, overall, comment, created_at)
    SELECT code, province_id, NULL, 'slip', agency_id, department_id, NULL, substr(created, 1, 7), 'on_time', '0', '1', 'yes', 'courteous', 'convenient',
           CASE id % 10 WHEN 0 THEN 'dissatisfied' WHEN 1 THEN 'very_satisfied' WHEN 2 THEN 'very_satisfied' ELSE 'satisfied' END, NULL, created
      FROM (SELECT code, province_id, agency_id, department_id, id,
                   min(strftime('%Y-%m-%dT%H:%M:%fZ', completed_at, '+' || (id % 5) || ' days'), '${now}') AS created
              FROM dossiers WHERE province_id = '${PROVINCE}' AND completed_at IS NOT NULL AND id % 4 = 0 LIMIT ${limit})`;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

async function measure(url: string, runs: number) {
  const times: number[] = [];
  let last: { rowsRead: number; groups: number; total: Record<string, unknown> } | null = null;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    // A fresh connection each time: a kept-alive one can be dropped by workerd after a long request (the rebuild).
    const res = await fetch(url, { headers: { connection: "close" } });
    if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
    last = (await res.json()) as typeof last;
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: quantile(times, 0.5), p99: quantile(times, 0.99), ...last! };
}

async function main() {
  rmSync(STATE, { recursive: true, force: true });
  mkdirSync(STATE, { recursive: true });
  log("bundling the worker…");
  const bundle = await bundleWorker(path.join(ROOT, ".tmp", "bench-figures-build"), path.join("bench", "figures-worker.ts"));
  const config = readWranglerConfig();
  const mf = new Miniflare({
    scriptPath: bundle.scriptPath,
    modules: true,
    compatibilityDate: config.compatibilityDate,
    compatibilityFlags: config.compatibilityFlags,
    d1Databases: { DB: config.d1Id },
    d1Persist: path.join(STATE, "d1"),
    bindings: { ...config.vars, SERVER_SECRET: "bench-only-server-secret-0123456789abcdef", ADMIN_TOKEN },
    cf: false,
    host: "127.0.0.1",
    port: PORT,
  });
  try {
    const api = (await mf.ready).toString().replace(/\/$/, "");
    const db = await mf.getD1Database("DB");
    // Recorded in d1_migrations as wrangler does: the Worker refuses a database that lacks any.
    await applyMigrations(db, readMigrations(config.migrationsDir));
    const nowMs = Date.now();
    const at = new Date(nowMs).toISOString();

    // Reference data straight into D1 (seeding, not what is measured): names for every group.
    const ref = [
      db
        .prepare(
          "INSERT INTO provinces (id, name, short_name, channel_name, primary_color, accent_color, agency_code, created_at, updated_at) VALUES (?, 'Tỉnh Thanh Hóa', 'Thanh Hóa', 'Dịch vụ công', '#b3261e', '#f4b400', 'H56', ?, ?)",
        )
        .bind(PROVINCE, at, at),
    ];
    for (let a = 1; a <= AGENCIES; a++) {
      const agency = `000.00.${String(a).padStart(2, "0")}.H56`;
      ref.push(
        db
          .prepare("INSERT INTO agencies (id, province_id, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)")
          .bind(agency, PROVINCE, `Cơ quan ${a}`, at, at),
      );
      for (let d = 0; d < DEPARTMENTS_PER_AGENCY; d++) {
        ref.push(
          db
            .prepare("INSERT INTO departments (id, province_id, agency_id, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)")
            .bind(`pb-${String(a).padStart(2, "0")}-${d}`, PROVINCE, agency, `Phòng ${d + 1} cơ quan ${a}`, at, at),
        );
      }
    }
    for (let p = 0; p < PROCEDURES; p++) {
      ref.push(
        db
          .prepare(
            "INSERT INTO procedures (province_id, code, name, search_text, field, documents, legal_days, where_to_file, created_at, updated_at) VALUES (?, ?, ?, 'thu tuc', 'Hộ tịch', '[]', 5, 'Một cửa', ?, ?)",
          )
          .bind(PROVINCE, `1.${String(p).padStart(6, "0")}`, `Thủ tục ${p + 1}`, at, at),
      );
    }
    await db.batch(ref);

    let t0 = performance.now();
    const chunk = 50_000;
    for (let from = 1; from <= DOSSIERS; from += chunk) await db.prepare(dossierInsert(from, Math.min(DOSSIERS, from + chunk - 1), nowMs)).run();
    log(`seeded ${DOSSIERS.toLocaleString("en")} dossiers in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    t0 = performance.now();
    await db.prepare(ratingInsert(RATINGS, nowMs)).run();
    const ratings = (await db.prepare("SELECT count(*) AS n FROM ratings").first<{ n: number }>())!.n;
    log(`seeded ${ratings.toLocaleString("en")} ratings in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    t0 = performance.now();
    const rebuilt = await fetch(`${api}/v1/admin/figures/rebuild`, {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ provinceId: PROVINCE }),
    });
    if (!rebuilt.ok) throw new Error(`rebuild: ${rebuilt.status} ${await rebuilt.text()}`);
    const rebuildSeconds = (performance.now() - t0) / 1000;
    const counterRows = (await db.prepare("SELECT count(*) AS n FROM figure_counts").first<{ n: number }>())!.n;
    log(`rebuilt the counters in ${rebuildSeconds.toFixed(1)} s (${counterRows.toLocaleString("en")} counter rows)`);

    const rows: Record<string, unknown>[] = [];
    for (const groupBy of GROUPINGS) {
      const counters = await measure(`${api}/__bench/figures/counters?groupBy=${groupBy}`, RUNS);
      const raw = await measure(`${api}/__bench/figures/raw?groupBy=${groupBy}`, RAW_RUNS);
      if (JSON.stringify(counters.total) !== JSON.stringify(raw.total)) throw new Error(`${groupBy}: counters and raw tables disagree`);
      rows.push({
        groupBy,
        groups: counters.groups,
        "counters median ms": counters.median.toFixed(1),
        "counters p99 ms": counters.p99.toFixed(1),
        "counters rows read": counters.rowsRead,
        "raw median ms": raw.median.toFixed(0),
        "raw p99 ms": raw.p99.toFixed(0),
        "raw rows read": raw.rowsRead,
        "median ratio": `${(raw.median / counters.median).toFixed(0)}×`,
      });
      log(`${groupBy}: counters ${counters.median.toFixed(1)} ms (p99 ${counters.p99.toFixed(1)}), raw ${raw.median.toFixed(0)} ms`);
    }
    console.table(rows);
    mkdirSync(RESULTS_DIR, { recursive: true });
    const out = path.join(RESULTS_DIR, "figures.json");
    writeFileSync(
      out,
      `${JSON.stringify({ at: new Date().toISOString(), git: gitInfo(), dossiers: DOSSIERS, ratings, runs: RUNS, rawRuns: RAW_RUNS, rebuildSeconds, counterRows, rows }, null, 2)}\n`,
    );
    log(`written ${path.relative(ROOT, out)}`);
  } finally {
    await mf.dispose();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
