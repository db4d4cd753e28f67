#!/usr/bin/env -S npx tsx
// How much a province can keep in one D1 database (capped at 10 GB): a local D1 in workerd (Miniflare) seeded with
// N dossiers and what they bring over their life (events, follows, citizens, consents, messages and deliveries,
// ratings, questions, the figures' counters), measured in the SQLite file itself (bench/lib/sqlite-file.ts:
// page count × page size minus the free list, by table and index); then the real lifecycle (services/lifecycle.ts,
// in workerd through bench/capacity-worker.ts) run twice, as the hourly cron would run it later: 91 days on (messages pruned) and past the retention (personal
// data removed), measured again. From the three costs, dossiers per 10 GB and the months a province filing
// 3,000,000 dossiers a year keeps in one, two or four databases (bench/lib/capacity-model.ts).
// Run: npm run bench:capacity [-- --dossiers 100000 --retention 12 --per-year 3000000]. See bench/README.md.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { monthsBefore } from "../worker/src/domain/lifecycle";
import type { LifecycleCounts } from "../worker/src/services/lifecycle";
import { ASSUMPTION_LINES, companionRows, throttleRows } from "./lib/capacity-rows.mjs";
import { bundleWorker, gitInfo, log, RESULTS_DIR, ROOT, SERVER_SECRET } from "./lib/common.mjs";
import { bytesAfter, growthPerMonth, monthsThatFit, type Province, type StageCosts } from "./lib/capacity-model";
import { generateDossiers } from "./lib/dossiers.mjs";
import { migratedD1 } from "./lib/migrated-d1";
import { insertReferenceData, insertStatements, runInBatches } from "./lib/seed.mjs";
import { findD1File, readSqliteFile, type SqliteFileReport } from "./lib/sqlite-file";

const { values: args } = parseArgs({
  options: {
    dossiers: { type: "string", default: "100000" },
    retention: { type: "string", default: "12" },
    "per-year": { type: "string", default: "3000000" },
  },
});
const DOSSIERS = Number(args.dossiers);
const RETENTION = Number(args.retention);
const PER_YEAR = Number(args["per-year"]);
const PORT = Number(process.env.BENCH_CAPACITY_PORT ?? 8834);
const STATE = path.join(ROOT, ".tmp", "bench-capacity-state");
/** D1's cap on a database: 10 GB, counted here as 10 × 10⁹ bytes. */
const CAP_BYTES = 10e9;
const DAY_MS = 86_400_000;
const MONTH_DAYS = 365.25 / 12;
/** Dossiers generated and written at a time (with everything they bring). */
const CHUNK = 5000;

type Stage = { name: string; report: SqliteFileReport; rows: Record<string, number> };

const gb = (bytes: number) => `${(bytes / 1e9).toFixed(2)} GB`;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
/** Bytes holding data: the b-trees' pages minus the space left unused in them (about what VACUUM would pack to). */
const packed = (r: SqliteFileReport) => r.btrees.reduce((sum, b) => sum + b.bytes - b.unused, 0);
const int = (n: number) => Math.round(n).toLocaleString("en");
const seconds = (t0: number) => `${((performance.now() - t0) / 1000).toFixed(1)} s`;

/** Bytes of each table with its indexes (and the WITHOUT ROWID tables they are), as the file holds them. */
function byTable(report: SqliteFileReport): Map<string, { bytes: number; unused: number; indexBytes: number }> {
  const tables = new Map<string, { bytes: number; unused: number; indexBytes: number }>();
  for (const b of report.btrees) {
    const t = tables.get(b.table) ?? { bytes: 0, unused: 0, indexBytes: 0 };
    t.bytes += b.bytes;
    t.unused += b.unused;
    if (b.type === "index") t.indexBytes += b.bytes;
    tables.set(b.table, t);
  }
  return tables;
}

async function rowCounts(d1: D1Database): Promise<Record<string, number>> {
  const { results } = await d1
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name <> 'd1_migrations'")
    .all<{ name: string }>();
  const statements = results.map((r) => d1.prepare(`SELECT '${r.name}' AS name, count(*) AS n FROM "${r.name}"`));
  const counted = await d1.batch<{ name: string; n: number }>(statements);
  return Object.fromEntries(counted.map((c) => [c.results[0]!.name, c.results[0]!.n]));
}

/** A request to the bench worker (bench/capacity-worker.ts), which runs the real code in workerd. */
async function call(mf: Miniflare, pathAndQuery: string): Promise<unknown> {
  const res = await mf.dispatchFetch(`http://capacity.bench${pathAndQuery}`, { method: "POST" });
  const text = await res.text();
  if (!res.ok) throw new Error(`${pathAndQuery}: ${res.status} ${text}`);
  return JSON.parse(text);
}

/** The hourly cron's call, run after run (each bounded by its own budget) until a run finds nothing left. */
async function lifecycleAt(mf: Miniflare, nowMs: number) {
  const totals = { runs: 0, dossiers: 0, messages: 0, deliveries: 0, throttles: 0 };
  for (;;) {
    const counts = (await call(mf, `/lifecycle?now=${nowMs}`)) as LifecycleCounts;
    totals.runs++;
    totals.dossiers += counts.dossiersAnonymised;
    totals.messages += counts.messagesPruned;
    totals.deliveries += counts.deliveriesPruned;
    totals.throttles += counts.throttlesPurged;
    if (counts.done) return totals;
  }
}

async function seed(d1: D1Database, nowMs: number) {
  const { ref, rows } = generateDossiers({ count: DOSSIERS, serverSecret: SERVER_SECRET, nowMs });
  await insertReferenceData(d1, ref);
  return { ref, rows };
}

function breakdownTable(stages: Stage[], fixed: SqliteFileReport) {
  const base = byTable(fixed);
  const perStage = stages.map((s) => byTable(s.report));
  const allIn = perStage[0]!;
  const total = stages[0]!.report.inUseBytes - fixed.inUseBytes;
  const extra = (m: Map<string, { bytes: number }>, t: string) => (m.get(t)?.bytes ?? 0) - (base.get(t)?.bytes ?? 0);
  return [...allIn.keys()]
    .filter((t) => perStage.some((m) => extra(m, t) > 0))
    .sort((a, b) => extra(allIn, b) - extra(allIn, a))
    .map((t) => ({
      table: t,
      "rows/dossier": (stages[0]!.rows[t] ?? 0) / DOSSIERS,
      "B/dossier": extra(allIn, t) / DOSSIERS,
      "% all-in": (100 * extra(allIn, t)) / total,
      "of it indexes": allIn.get(t)!.indexBytes / Math.max(1, allIn.get(t)!.bytes),
      "unused in pages": allIn.get(t)!.unused / Math.max(1, allIn.get(t)!.bytes),
      "B/dossier, messages pruned": extra(perStage[1]!, t) / DOSSIERS,
      "B/dossier, retained": extra(perStage[2]!, t) / DOSSIERS,
    }));
}

function printBreakdown(rows: ReturnType<typeof breakdownTable>) {
  const head = ["table", "rows/dossier", "B/dossier", "% all-in", "indexes", "unused", "msgs pruned", "retained"];
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(22) : c.padStart(12))).join(" ");
  console.log(line(head));
  for (const r of rows) {
    console.log(
      line([
        r.table,
        r["rows/dossier"].toFixed(2),
        r["B/dossier"].toFixed(0),
        `${r["% all-in"].toFixed(1)} %`,
        `${(100 * r["of it indexes"]).toFixed(0)} %`,
        `${(100 * r["unused in pages"]).toFixed(0)} %`,
        r["B/dossier, messages pruned"].toFixed(0),
        r["B/dossier, retained"].toFixed(0),
      ]),
    );
  }
}

async function main() {
  const started = performance.now();
  rmSync(STATE, { recursive: true, force: true });
  const bundle = await bundleWorker(path.join(ROOT, ".tmp", "bench-capacity-build"), path.join("bench", "capacity-worker.ts"), {
    assets: path.join(ROOT, ".tmp", "bench-capacity-assets"),
  });
  const { mf, d1 } = await migratedD1({ state: STATE, port: PORT, scriptPath: bundle.scriptPath });
  try {
    const file = () => findD1File(path.join(STATE, "d1"));
    const nowMs = Date.now();
    let t0 = performance.now();
    const { ref, rows } = await seed(d1, nowMs);
    const fixed = readSqliteFile(file());

    const rowsFor = companionRows({ ref, nowMs, serverSecret: SERVER_SECRET });
    let mismatched = 0;
    for (let from = 0; from < rows.length; from += CHUNK) {
      const c = await rowsFor(rows.slice(from, from + CHUNK));
      mismatched += c.mismatched;
      await runInBatches(d1, [
        ...insertStatements("dossiers", c.dossiers),
        ...insertStatements("dossier_events", c.events),
        ...insertStatements("citizens", c.citizens),
        ...insertStatements("consents", c.consents),
        ...insertStatements("follows", c.follows),
        ...insertStatements("outbox", c.outbox),
        ...insertStatements("deliveries", c.deliveries),
        ...insertStatements("ratings", c.ratings),
        ...insertStatements("questions", c.questions),
      ]);
    }
    if (mismatched > 0) throw new Error(`${mismatched} dossiers folded to another status than the generator meant`);
    await runInBatches(d1, insertStatements("throttles", throttleRows(DOSSIERS / 365, nowMs)));
    const province = ref.province.id as string;
    await call(mf, `/rebuild?province=${province}`);
    log(`seeded ${int(DOSSIERS)} dossiers with what they bring in ${seconds(t0)}`);

    const stages: Stage[] = [];
    const measure = async (name: string) => {
      const stage = { name, report: readSqliteFile(file()), rows: await rowCounts(d1) };
      stages.push(stage);
      const perDossier = (stage.report.inUseBytes - fixed.inUseBytes) / DOSSIERS;
      log(
        `${name}: ${gb(stage.report.inUseBytes)} in use (${int(stage.report.pageCount)} pages of ${stage.report.pageSize} B, ${int(stage.report.freelistPages)} free), ${perDossier.toFixed(0)} B per dossier`,
      );
      return stage;
    };
    await measure("all-in");

    // Later, as the hourly cron finds it: 91 days on, every message is past its 90 days (personal data kept: the
    // province's retention set to its maximum for this run), then past the retention (set back).
    t0 = performance.now();
    await d1.prepare("UPDATE provinces SET data_retention_months = 120 WHERE id = ?").bind(province).run();
    const pruned = await lifecycleAt(mf, nowMs + 91 * DAY_MS);
    log(
      `lifecycle 91 days on: ${int(pruned.messages)} messages and ${int(pruned.deliveries)} deliveries pruned, ${int(pruned.throttles)} throttle rows purged (${pruned.runs} runs, ${seconds(t0)})`,
    );
    await measure("messages pruned");

    t0 = performance.now();
    await d1.prepare("UPDATE provinces SET data_retention_months = ? WHERE id = ?").bind(RETENTION, province).run();
    // The retention's cutoff at this time falls a day after the run's now: every dossier closed by now is past it.
    let laterMs = nowMs + RETENTION * 31 * DAY_MS;
    while (monthsBefore(new Date(laterMs), RETENTION).getTime() < nowMs + DAY_MS) laterMs += DAY_MS;
    const anonymised = await lifecycleAt(mf, laterMs);
    log(`lifecycle ${RETENTION} months after that: personal data removed from ${int(anonymised.dossiers)} dossiers (${anonymised.runs} runs, ${seconds(t0)})`);
    const kept = (await d1.prepare("SELECT count(*) AS n FROM dossiers WHERE personal_data_removed_at IS NULL").first<{ n: number }>())!.n;
    await measure("retained");

    // The retention's clock starts at the last change: how long after receipt that is, on average.
    const lag = (await d1
      .prepare("SELECT avg(julianday(changed_at) - julianday(received_at)) AS days FROM dossiers WHERE status IN (3, 7, 8, 10)")
      .first<{ days: number }>())!.days;

    const perDossier = (s: Stage) => (s.report.inUseBytes - fixed.inUseBytes) / DOSSIERS;
    const costs: StageCosts = { full: perDossier(stages[0]!), afterMessages: perDossier(stages[1]!), retained: perDossier(stages[2]!) };
    const dossierTable = byTable(stages[0]!.report).get("dossiers")!;
    const baseline = (dossierTable.bytes - (byTable(fixed).get("dossiers")?.bytes ?? 0)) / DOSSIERS;
    const breakdown = breakdownTable(stages, fixed);
    const deliveriesBytes = breakdown.find((r) => r.table === "deliveries");
    const bytesPerDelivery = deliveriesBytes ? (deliveriesBytes["B/dossier"] * DOSSIERS) / stages[0]!.rows.deliveries! : 0;

    console.log("\nAssumptions (what a dossier brings over its life):");
    for (const line of ASSUMPTION_LINES) console.log(`  - ${line}`);
    console.log(`\nWhat each table holds per dossier (the file's pages by table with its indexes; ${int(DOSSIERS)} dossiers):`);
    printBreakdown(breakdown);
    const packedPer = (s: Stage) => ((packed(s.report) - packed(fixed)) / DOSSIERS).toFixed(0);
    console.log(
      `\nBytes per dossier (page count × page size minus the free list, minus the empty database's ${mb(fixed.inUseBytes)}; packed: without the space left unused in pages, about what VACUUM would reach):`,
    );
    console.log(`  all-in:           ${costs.full.toFixed(0)} B   ${(costs.full / baseline).toFixed(1)}× the baseline (packed ${packedPer(stages[0]!)} B)`);
    console.log(`  baseline:         ${baseline.toFixed(0)} B   the dossiers table alone (the row and its 6 indexes)`);
    console.log(`  messages pruned:  ${costs.afterMessages.toFixed(0)} B   after 90 days (packed ${packedPer(stages[1]!)} B)`);
    console.log(
      `  retained:         ${costs.retained.toFixed(0)} B   after ${RETENTION} months' retention (packed ${packedPer(stages[2]!)} B; ${int(kept)} of ${int(DOSSIERS)} dossiers never closed keep their data)`,
    );
    console.log(
      `\nDossiers per 10 GB: all-in ${int(CAP_BYTES / costs.full)}, retained ${int(CAP_BYTES / costs.retained)}, baseline alone ${int(CAP_BYTES / baseline)}`,
    );
    console.log(
      `A broadcast delivery (alert, news) costs ${bytesPerDelivery.toFixed(0)} B for its 90 days: 1,000,000 of them kept take ${gb(1e6 * bytesPerDelivery)}.`,
    );

    const perMonth = PER_YEAR / 12;
    const closeLagMonths = lag / MONTH_DAYS;
    const plan = (databases: number): Province => ({
      perMonth: perMonth / databases,
      messageMonths: 90 / MONTH_DAYS,
      retentionMonths: RETENTION,
      closeLagMonths,
      fixedBytes: fixed.inUseBytes,
    });
    console.log(
      `\nA province filing ${int(PER_YEAR)} dossiers a year (${int(perMonth)} a month), ${RETENTION} months' retention from closing (closing comes ${lag.toFixed(0)} days after receipt on average):`,
    );
    const model = [1, 2, 4].map((databases) => {
      const p = plan(databases);
      const months = monthsThatFit(CAP_BYTES, costs, p);
      return {
        databases,
        "dossiers/month each": Math.round(p.perMonth),
        "GB at 3 months": bytesAfter(3, costs, p) / 1e9,
        "GB at 12 months": bytesAfter(12, costs, p) / 1e9,
        "GB/month, first 3 months": growthPerMonth(0, costs, p) / 1e9,
        "GB/month, steady": growthPerMonth(1e6, costs, p) / 1e9,
        "months that fit": months,
      };
    });
    console.log("  databases  dossiers/month each  GB at 3 months  GB at 12 months  growth/month (first, steady)    months in 10 GB");
    for (const m of model) {
      console.log(
        `  ${String(m.databases).padStart(9)}  ${int(m["dossiers/month each"]).padStart(19)}  ${m["GB at 3 months"].toFixed(2).padStart(14)}  ${m["GB at 12 months"].toFixed(2).padStart(15)}  ${`${m["GB/month, first 3 months"].toFixed(2)} GB, ${m["GB/month, steady"].toFixed(2)} GB`.padStart(28)}  ${`${m["months that fit"].toFixed(1)} (${(m["months that fit"] / 12).toFixed(1)} years)`.padStart(17)}`,
      );
    }
    const byFiling = [250_000, 500_000, 1_000_000, 2_000_000, 3_000_000].map((perYear) => ({
      perYear,
      years: monthsThatFit(CAP_BYTES, costs, { ...plan(1), perMonth: perYear / 12 }) / 12,
    }));
    console.log(`  One database holds, by dossiers filed a year: ${byFiling.map((f) => `${int(f.perYear)}: ${f.years.toFixed(1)} years`).join("; ")}`);
    /** The fewest databases sharing the province's filing that keep `years` of it. */
    const databasesFor = (years: number) => {
      let k = 1;
      while (monthsThatFit(CAP_BYTES, costs, plan(k)) < years * 12) k++;
      return k;
    };
    const needed = [3, 5, 10].map((years) => ({ years, databases: databasesFor(years) }));
    console.log(`  Databases to keep ${int(PER_YEAR)} a year: ${needed.map((n) => `${n.years} years: ${n.databases}`).join("; ")}`);
    log(`\ntotal ${seconds(started)}`);

    mkdirSync(RESULTS_DIR, { recursive: true });
    const out = path.join(RESULTS_DIR, "capacity.json");
    const stageOut = stages.map((s) => ({ name: s.name, ...s.report, rows: s.rows }));
    const result = {
      at: new Date().toISOString(),
      git: gitInfo(),
      dossiers: DOSSIERS,
      retention: RETENTION,
      perYear: PER_YEAR,
      costs,
      baseline,
      closeLagDays: lag,
    };
    writeFileSync(out, `${JSON.stringify({ ...result, breakdown, model, fixed, stages: stageOut }, null, 2)}\n`);
    log(`written ${path.relative(ROOT, out)}`);
  } finally {
    await mf.dispose();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
