#!/usr/bin/env node
// Lookup benchmark: seeds a local D1 with 100,000 dossiers, runs the worker in workerd three ways (Miniflare's API
// with D1 in the same workerd, the same with D1 in a workerd of its own, then `wrangler dev`) against that same
// persisted database, and measures the public and owner lookups against their floors (the same indexed selects
// with nothing around them). See bench/README.md.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import {
  BENCH_WORKER,
  bundleWorker,
  d1Files,
  gitInfo,
  LOG_DIR,
  log,
  PORTS,
  readWranglerConfig,
  RESULTS_DIR,
  ROOT,
  ROUTES,
  runAutocannon,
  runBounded,
  seconds as ms,
  SERVER_SECRET,
  STATE_DIR,
  versionOf,
} from "./lib/common.mjs";
import { cpuMs, cpuMsOf, machineBusyMs, waitForQuiet } from "./lib/procs.mjs";
import { seedBenchState } from "./lib/bench-state.mjs";
import { startD1Apart, startMiniflare, startWranglerDev } from "./lib/servers.mjs";
import { verifyLookups } from "./lib/verify.mjs";
import { slipToken } from "./lib/tokens.mjs";

const WAYS = ["miniflare", "d1-apart", "wrangler"];
const WAY_TITLES = {
  miniflare: "(a) Miniflare API, one workerd (the worker and local D1)",
  "d1-apart": "(b) Miniflare API, local D1 in a workerd of its own",
  wrangler: "(c) wrangler dev",
};

const USAGE = `usage: node bench/lookup.mjs [options]
  --rows N            dossiers to seed (default 100000)
  --duration S        measured seconds per route (default 10)
  --warmup S          warm-up seconds per route, not measured (default 2)
  --connections N     concurrent connections (default 10)
  --rounds N          measure every route N times, alternating; the table shows medians and paired ratios (default 3)
  --quiet-wait S      before each measurement, wait up to S seconds for other processes to go quiet (default 20)
  --retries N         measure again (up to N times) when other processes took over 25% of a core meanwhile (default 1)
  --only WAY          miniflare | d1-apart | wrangler, or a comma-separated list (default: all three)
  --reuse-state       keep .tmp/bench-state if it is already seeded (skips seeding)
  --wrangler-source   let wrangler dev bundle worker/src itself (default: run the same bundle as Miniflare)
  --wrangler-log-level L   pass --log-level L to wrangler dev (default: wrangler's own, which logs every request)
  --help`;

const { values: args } = parseArgs({
  options: {
    rows: { type: "string", default: "100000" },
    duration: { type: "string", default: "10" },
    warmup: { type: "string", default: "2" },
    connections: { type: "string", default: "10" },
    rounds: { type: "string", default: "3" },
    "quiet-wait": { type: "string", default: "20" },
    retries: { type: "string", default: "1" },
    only: { type: "string" },
    "reuse-state": { type: "boolean", default: false },
    "wrangler-source": { type: "boolean", default: false },
    "wrangler-log-level": { type: "string" },
    help: { type: "boolean", default: false },
  },
});
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const OPTS = {
  rows: positiveInt(args.rows, "--rows"),
  duration: positiveInt(args.duration, "--duration"),
  warmup: Number(args.warmup),
  connections: positiveInt(args.connections, "--connections"),
  rounds: positiveInt(args.rounds, "--rounds"),
  quietWait: Number(args["quiet-wait"]),
  retries: Number(args.retries),
  ways: args.only ? args.only.split(",") : [...WAYS],
  reuseState: args["reuse-state"],
  wranglerSource: args["wrangler-source"],
  wranglerLogLevel: args["wrangler-log-level"] ?? null,
};
for (const way of OPTS.ways) if (!WAYS.includes(way)) fail(`--only takes ${WAYS.join(", ")}\n${USAGE}`);
if (!(OPTS.quietWait >= 0) || !Number.isInteger(OPTS.retries) || OPTS.retries < 0) fail(USAGE);

/** Above this share of one core taken by other processes during a measurement, it counts as disturbed. */
const DISTURBED_PERCENT = 25;
/** Hard ceiling on the whole run, from the options: everything is stopped after it. */
const MAX_RUN_MS = (6 * 60 + OPTS.ways.length * ROUTES.length * OPTS.rounds * (1 + OPTS.retries) * (OPTS.quietWait + OPTS.warmup + OPTS.duration + 3)) * 1000;

function positiveInt(text, name) {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) fail(`${name} must be a positive integer\n${USAGE}`);
  return n;
}

function fail(message) {
  console.error(message);
  process.exit(2);
}

async function measureOnce(server, route, codes, tokens, round, attempt) {
  const load = (secs) => runAutocannon({ url: server.url, route, codes, tokens, seconds: secs, connections: OPTS.connections });
  const quietBefore = OPTS.quietWait > 0 ? await waitForQuiet({ maxWaitMs: OPTS.quietWait * 1000, thresholdPercent: DISTURBED_PERCENT }) : null;
  if (OPTS.warmup > 0) await load(OPTS.warmup);
  const hostPids = server.hostPids();
  const perPid0 = server.workerdPids.map((pid) => cpuMs(pid) ?? 0);
  const databasePids = server.databasePids ?? [];
  const cpu0 = {
    workerd: cpuMsOf(server.workerdPids),
    database: cpuMsOf(databasePids),
    host: cpuMsOf(hostPids),
    client: process.cpuUsage(),
    machine: machineBusyMs(),
  };
  const t0 = performance.now();
  const r = await load(OPTS.duration);
  const wallMs = performance.now() - t0;
  const clientCpu = process.cpuUsage(cpu0.client);
  const clientCpuMs = (clientCpu.user + clientCpu.system) / 1000;
  const workerdCpuMs = cpuMsOf(server.workerdPids) - cpu0.workerd;
  const perPidMs = server.workerdPids.map((pid, i) => (cpuMs(pid) ?? 0) - perPid0[i]);
  const databaseCpuMs = cpuMsOf(databasePids) - cpu0.database;
  const hostCpuMs = cpuMsOf(hostPids) - cpu0.host;
  const machineCpuMs = machineBusyMs() - cpu0.machine;
  const responses = r.requests.total;
  const row = {
    way: server.way,
    route: route.id,
    round,
    attempt,
    requests: responses,
    rps: responses / r.duration,
    latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max, mean: r.latency.average },
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    statusCodes: Object.fromEntries(Object.entries(r.statusCodeStats).map(([k, v]) => [k, v.count])),
    workerdCpuMsPerRequest: responses ? workerdCpuMs / responses : null,
    /** The same split per workerd process (wrangler dev: "proxy" and "worker"). */
    workerdCpuMsPerRequestByRole: Object.fromEntries(
      server.workerdPids.map((pid, i) => [`${server.workerdRoles[pid]}:${pid}`, responses ? perPidMs[i] / responses : null]),
    ),
    workerdCpuPercent: (workerdCpuMs / wallMs) * 100,
    /** d1-apart only: CPU of the database's own workerd per request (not in workerdCpuMsPerRequest). */
    d1CpuMsPerRequest: databasePids.length && responses ? databaseCpuMs / responses : null,
    wranglerNodeCpuMsPerRequest: server.way === "wrangler" && responses ? hostCpuMs / responses : null,
    clientCpuPercent: (clientCpuMs / wallMs) * 100,
    /** CPU taken by everything else on the machine meanwhile (100 = one core): other people's work disturbs runs. */
    otherCpuPercent: (Math.max(0, machineCpuMs - workerdCpuMs - databaseCpuMs - hostCpuMs - clientCpuMs) / wallMs) * 100,
    /** Machine CPU (100 = one core) in the second before the warm-up, after waiting for quiet. */
    machineCpuPercentBefore: quietBefore,
    durationS: r.duration,
  };
  log(
    `  ${OPTS.rounds > 1 ? `#${round} ` : ""}${attempt > 1 ? `(again) ` : ""}${ROUTES.find((x) => x.id === route.id).label.padEnd(13)} ${row.rps.toFixed(0).padStart(6)} req/s` +
      `  p50 ${row.latencyMs.p50} ms  p99 ${row.latencyMs.p99} ms  non-2xx ${row.non2xx}${row.errors ? `  errors ${row.errors}` : ""}` +
      `  workerd ${row.workerdCpuMsPerRequest?.toFixed(3)} ms CPU/req` +
      `${row.d1CpuMsPerRequest === null ? "" : ` (+ D1's ${row.d1CpuMsPerRequest.toFixed(3)})`}  other CPU ${row.otherCpuPercent.toFixed(0)}%`,
  );
  return row;
}

async function measure(server, codes, tokens) {
  const rows = [];
  for (let round = 1; round <= OPTS.rounds; round++) {
    for (const route of ROUTES) {
      for (let attempt = 1; attempt <= 1 + OPTS.retries; attempt++) {
        const row = await measureOnce(server, route, codes, tokens, round, attempt);
        rows.push(row);
        if (row.otherCpuPercent <= DISTURBED_PERCENT) break;
      }
    }
  }
  return rows;
}

const median = (xs) => {
  const v = xs.filter((x) => x !== null && x !== undefined).sort((a, b) => a - b);
  if (v.length === 0) return null;
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
};
const quietRow = (r) => r.otherCpuPercent <= DISTURBED_PERCENT;

/** Per way, route and round, the measurement that counts: the last attempt (retries stop once undisturbed). */
function finals(rows) {
  const byKey = new Map();
  for (const r of rows) byKey.set(`${r.way}/${r.route}/${r.round}`, r);
  return [...byKey.values()];
}

/**
 * One row per way and route: medians over its rounds (the undisturbed ones, or all if every one was disturbed).
 * ours/floor ratios are paired: per round, ours divided by its floor measured right after it, then the median and
 * range over rounds (pairs where neither was disturbed, if any), so drift between rounds cancels out.
 */
function summarize(rows) {
  const counted = finals(rows);
  const out = [];
  for (const way of OPTS.ways) {
    for (const route of ROUTES) {
      const mine = counted.filter((r) => r.way === way && r.route === route.id);
      if (mine.length === 0) continue;
      const quiet = mine.filter(quietRow);
      const use = quiet.length ? quiet : mine;
      const m = (f) => median(use.map(f));
      const row = {
        way,
        route: route.id,
        rounds: mine.length,
        quietRounds: quiet.length,
        rps: m((r) => r.rps),
        p50: m((r) => r.latencyMs.p50),
        p99: m((r) => r.latencyMs.p99),
        cpuMsPerRequest: m((r) => r.workerdCpuMsPerRequest),
        workerdCpuPercent: m((r) => r.workerdCpuPercent),
        d1CpuMsPerRequest: m((r) => r.d1CpuMsPerRequest),
        wranglerNodeCpuMsPerRequest: m((r) => r.wranglerNodeCpuMsPerRequest),
        otherCpuPercent: m((r) => r.otherCpuPercent),
        failures: rows.filter((r) => r.way === way && r.route === route.id).reduce((sum, r) => sum + r.non2xx + r.errors + r.timeouts, 0),
      };
      if (!route.id.startsWith("floor-")) {
        const pairsAll = mine
          .map((r) => [r, counted.find((f) => f.way === way && f.route === `floor-${route.id}` && f.round === r.round)])
          .filter(([, f]) => f);
        const pairsQuiet = pairsAll.filter(([r, f]) => quietRow(r) && quietRow(f));
        const pairs = pairsQuiet.length ? pairsQuiet : pairsAll;
        const ratio = (f) => {
          const v = pairs.map(f);
          return { median: median(v), min: Math.min(...v), max: Math.max(...v), pairs: v.length };
        };
        row.oursOverFloor = ratio(([r, f]) => r.rps / f.rps);
        row.cpuOursOverFloor = ratio(([r, f]) => r.workerdCpuMsPerRequest / f.workerdCpuMsPerRequest);
      }
      out.push(row);
    }
  }
  return out;
}

function table(rows) {
  const ratio = (x) => (!x ? "" : x.pairs > 1 ? `${x.median.toFixed(2)}x (${x.min.toFixed(2)}-${x.max.toFixed(2)})` : `${x.median.toFixed(2)}x`);
  const header = [
    "way",
    "route",
    "req/s",
    "p50 ms",
    "p99 ms",
    "non-2xx",
    "ours/floor",
    "CPU ms/req",
    "CPU ours/floor",
    "workerd CPU %",
    "D1 workerd ms/req",
    "wrangler node ms/req",
    "other CPU %",
  ];
  const lines = rows.map((r) => [
    r.way,
    ROUTES.find((x) => x.id === r.route).label,
    r.rps.toFixed(0),
    r.p50.toFixed(0),
    r.p99.toFixed(0),
    String(r.failures),
    ratio(r.oursOverFloor),
    r.cpuMsPerRequest === null ? "" : r.cpuMsPerRequest.toFixed(3),
    ratio(r.cpuOursOverFloor),
    r.workerdCpuPercent.toFixed(0),
    r.d1CpuMsPerRequest === null ? "" : r.d1CpuMsPerRequest.toFixed(3),
    r.wranglerNodeCpuMsPerRequest === null ? "" : r.wranglerNodeCpuMsPerRequest.toFixed(3),
    r.otherCpuPercent.toFixed(0),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  return [fmt(header), widths.map((w) => "-".repeat(w)).join("  "), ...lines.map(fmt)].join("\n");
}

// ---------------------------------------------------------------------------------------------------------------

async function main() {
  mkdirSync(LOG_DIR, { recursive: true });
  const startedAt = new Date();
  const config = readWranglerConfig();
  log(
    `lookup benchmark: ${OPTS.rows} dossiers, ${OPTS.connections} connections, ${OPTS.warmup} s warm-up + ${OPTS.duration} s per route, ways: ${OPTS.ways.join(", ")}`,
  );

  log(`1. bundling ${BENCH_WORKER}: the worker with its floor (wrangler deploy --dry-run)`);
  const bundle = await bundleWorker();
  log(`  ${path.relative(ROOT, bundle.scriptPath)}: ${(bundle.bytes / 1024).toFixed(0)} KiB, sha256 ${bundle.sha256}, ${ms(bundle.ms)}`);

  if (!OPTS.reuseState) rmSync(STATE_DIR, { recursive: true, force: true });
  mkdirSync(STATE_DIR, { recursive: true });
  log(`2. seeding the local D1 in ${path.relative(ROOT, STATE_DIR)} (D1 id ${config.d1Id})`);
  const seeded = await seedBenchState(config, { rows: OPTS.rows, reuse: OPTS.reuseState, port: PORTS.seeder });
  if (seeded.timings) {
    const t = seeded.timings;
    log(
      `  seeded ${seeded.counts.dossiers} dossiers in ${ms(t.totalMs)} (migrations ${ms(t.migrateMs)}, generating ${ms(t.generateMs)}, inserting ${ms(t.insertMs)})`,
    );
  }
  const filesAfterSeed = d1Files();
  log(`  D1 file: ${filesAfterSeed.map((f) => `${f.file} (${(f.bytes / 1048576).toFixed(1)} MiB)`).join(", ")}`);
  if (filesAfterSeed.length !== 1) throw new Error(`expected exactly one D1 database file, found ${filesAfterSeed.length}`);

  const codes = seeded.codes;
  const t0 = performance.now();
  const tokens = codes.map((code) => slipToken(SERVER_SECRET, code));
  log(`3. computed ${tokens.length} slip tokens in ${ms(performance.now() - t0)} (e.g. ${codes[0]} -> ${tokens[0]})`);

  const results = [];
  const checks = {};
  for (const way of OPTS.ways) {
    log(`4. ${WAY_TITLES[way]}`);
    const server =
      way === "miniflare"
        ? await startMiniflare(config, bundle)
        : way === "d1-apart"
          ? await startD1Apart(config, bundle)
          : await startWranglerDev(bundle, { fromSource: OPTS.wranglerSource, logLevel: OPTS.wranglerLogLevel });
    try {
      log(`  ${server.url}, workerd ${server.workerdPids.map((pid) => `${server.workerdRoles[pid]} pid ${pid}`).join(", ")}`);
      checks[way] = await verifyLookups(server, codes, tokens);
      const rows = checks[way].dossierRows === null ? "" : `${checks[way].dossierRows} dossiers in its D1, `;
      log(`  verified: ${rows}${checks[way].sampledCodes} seeded codes found, computed slip token accepted, a wrong one refused`);
      results.push(...(await measure(server, codes, tokens)));
    } finally {
      await server.stop();
    }
  }
  const filesAfterRuns = d1Files();
  if (filesAfterRuns.length !== 1) throw new Error(`expected one D1 database file after the runs, found: ${filesAfterRuns.map((f) => f.file).join(", ")}`);

  log("\nresults (requests/s and latency from autocannon; CPU from /proc/<pid>/stat; see bench/README.md)\n");
  const summary = summarize(results);
  const text = table(summary);
  log(text);

  const bad = results.filter((r) => r.non2xx + r.errors + r.timeouts > 0);
  if (OPTS.rounds > 1) {
    log(
      `(medians over ${OPTS.rounds} rounds, the undisturbed ones where there are any; ratios paired per round: median (min-max);` +
        " every measurement is in the JSON file)",
    );
  }
  const disturbed = summary.filter((r) => r.quietRounds === 0);
  if (disturbed.length) {
    log(
      `\nNOTE: other processes used more than a quarter of a core in every round of ${disturbed.map((r) => `${r.way}/${r.route}`).join(", ")}:` +
        " their req/s and latency are not comparable (CPU ms/req is less affected); rerun when the machine is quieter, or with more --rounds.",
    );
  }
  if (bad.length) log(`\nWARNING: non-2xx responses or errors in: ${bad.map((r) => `${r.way}/${r.route} ${JSON.stringify(r.statusCodes)}`).join("; ")}`);

  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `lookup-${startedAt.toISOString().replace(/[:.]/g, "-")}.json`);
  const report = {
    startedAt: startedAt.toISOString(),
    options: OPTS,
    machine: { node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memGiB: +(os.totalmem() / 2 ** 30).toFixed(1) },
    versions: { wrangler: versionOf("wrangler"), miniflare: versionOf("miniflare"), autocannon: versionOf("autocannon"), workerd: versionOf("workerd") },
    git: gitInfo(),
    bundle: { bytes: bundle.bytes, sha256: bundle.sha256, wranglerBundledFromSource: OPTS.wranglerSource },
    seed: { reused: seeded.reused, counts: seeded.counts, timingsMs: seeded.timings, d1File: filesAfterRuns[0] },
    checks,
    results,
    summary,
    table: text,
  };
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  log(`\nwritten to ${path.relative(ROOT, file)}`);
  // A benchmark with failed requests measured something else: say so in the exit code too.
  return bad.length ? 1 : 0;
}

await runBounded(main, { maxRunMs: MAX_RUN_MS });
