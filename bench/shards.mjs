#!/usr/bin/env node
// Shard throughput benchmark: the lookups by code of two provinces, driven at once, in one run against two
// layouts of the same data: both provinces in one D1 database (one workerd process serving it), and each province
// in its own D1 database served by a workerd process of its own, as production has them. Same worker bundle, same
// shard map (in a control database of its own), same total concurrency. Prints requests/s (aggregate and per
// province), p50/p99, each process's CPU, the ratio 2 shards / 1 database, what the D1 side could serve alone and
// what capped what; checks that lookups by code leave the control database alone. See bench/README.md.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import {
  BENCH_WORKER,
  bundleWorker,
  gitInfo,
  LOG_DIR,
  log,
  readWranglerConfig,
  RESULTS_DIR,
  ROOT,
  ROUTES,
  runAutocannon,
  runBounded,
  SERVER_SECRET,
} from "./lib/common.mjs";
import { startDatabaseProcess, startWorkerOnDatabases } from "./lib/d1-apart.mjs";
import { cpuMsOf, machineBusyMs, waitForQuiet } from "./lib/procs.mjs";
import {
  controlCheck,
  DISTURBED_PERCENT,
  explain,
  isQuiet,
  LAYOUT_LABELS,
  processTable,
  quantile,
  ratios,
  ratioTable,
  summarize,
  throughputTable,
} from "./lib/shards-report.mjs";
import { BENCH_SHARD_PROVINCES, SHARDS_STATE_DIR, seedShardsState, shardDatabases } from "./lib/shards-state.mjs";
import { slipToken } from "./lib/tokens.mjs";
import { getJson, verifyLookups } from "./lib/verify.mjs";

/** Everything this bench listens on: 9440-9455. */
const PORTS = {
  workers: { "one-db": 9440, "two-shards": 9441 },
  workerEntries: { "one-db": 9442, "two-shards": 9443 },
  databases: { control: 9444, one: 9445, "thanh-hoa": 9446, "nghe-an": 9447 },
  databaseEntries: { control: 9448, one: 9449, "thanh-hoa": 9450, "nghe-an": 9451 },
  seeders: [9452, 9453, 9454, 9455],
};
const LAYOUTS = ["one-db", "two-shards"];
const ROUTE_IDS = ["public", "owner"];

const USAGE = `usage: node bench/shards.mjs [options]
  --rows N          dossiers per province (default 50000; the "1 database" layout holds both: 2N)
  --duration S      measured seconds per layout and route (default 10)
  --warmup S        warm-up seconds before each, not measured (default 2)
  --connections N   concurrent connections in all, half on each province's codes (default 16, even)
  --rounds N        measure each layout and route N times, the layouts one right after the other (default 3)
  --retries N       for a route with fewer than --rounds quiet pairs, measure up to N more pairs (default 1)
  --routes LIST     public, owner, comma-separated (default both)
  --quiet-wait S    before each measurement, wait up to S seconds for other processes to go quiet (default 5)
  --reuse-state     keep .tmp/bench-shards-state if it holds this --rows' seed (skips seeding)
  --help`;

const { values: args } = parseArgs({
  options: {
    rows: { type: "string", default: "50000" },
    duration: { type: "string", default: "10" },
    warmup: { type: "string", default: "2" },
    connections: { type: "string", default: "16" },
    rounds: { type: "string", default: "3" },
    retries: { type: "string", default: "1" },
    routes: { type: "string", default: ROUTE_IDS.join(",") },
    "quiet-wait": { type: "string", default: "5" },
    "reuse-state": { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
function fail(message) {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}
const int = (name, min) => {
  const n = Number(args[name]);
  if (!Number.isInteger(n) || n < min) fail(`--${name} must be an integer ≥ ${min}`);
  return n;
};
const OPTS = {
  rows: int("rows", 100),
  duration: int("duration", 1),
  warmup: int("warmup", 0),
  connections: int("connections", 2),
  rounds: int("rounds", 1),
  retries: int("retries", 0),
  routes: args.routes.split(","),
  quietWait: int("quiet-wait", 0),
  reuseState: args["reuse-state"],
};
if (OPTS.connections % 2) fail("--connections must be even (half on each province)");
for (const r of OPTS.routes) if (!ROUTE_IDS.includes(r)) fail(`--routes takes ${ROUTE_IDS.join(", ")}`);
const MAX_RUN_MS = (5 * 60 + (OPTS.rounds + OPTS.retries) * OPTS.routes.length * LAYOUTS.length * (OPTS.quietWait + OPTS.warmup + OPTS.duration + 5)) * 1000;
const CORES = os.cpus().length;
const PROVINCE_IDS = BENCH_SHARD_PROVINCES.map((p) => p.id);

/** Which database process each shard binding leads to in a layout: the same map, two physical layouts. */
const databaseOf = (layout, province) => (layout === "one-db" ? "one" : province.id);

/** Both provinces' lookups at once on `url`, half the connections each; latencies collected when asked. */
function drive(url, route, data, seconds, latencies) {
  return Promise.all(
    BENCH_SHARD_PROVINCES.map((p) =>
      runAutocannon({
        url,
        route: ROUTES.find((r) => r.id === route),
        codes: data[p.id].codes,
        tokens: data[p.id].tokens,
        seconds,
        connections: OPTS.connections / 2,
        onResponse: latencies ? (_status, ms) => latencies[p.id].push(ms) : undefined,
      }),
    ),
  );
}

const queryCounts = async (databases) => Object.fromEntries(await Promise.all(databases.map(async (d) => [d.key, (await d.process.queries()).requests])));

async function measure({ layout, worker, databases, control }, route, round, data) {
  const quietBefore = OPTS.quietWait > 0 ? await waitForQuiet({ maxWaitMs: OPTS.quietWait * 1000, thresholdPercent: DISTURBED_PERCENT }) : null;
  if (OPTS.warmup > 0) await drive(worker.url, route, data, OPTS.warmup, null);
  const procs = [
    { role: "worker", name: "worker", pids: worker.pids, provinces: PROVINCE_IDS },
    ...databases.map((d) => ({ role: "database", name: d.key, pids: d.process.pids, provinces: d.provinces, key: d.key })),
    { role: "control", name: "control", pids: control.process.pids, provinces: [], key: "control" },
  ];
  const q0 = await queryCounts([...databases, control]);
  const latencies = Object.fromEntries(PROVINCE_IDS.map((id) => [id, []]));
  const cpu0 = procs.map((p) => cpuMsOf(p.pids));
  const client0 = process.cpuUsage();
  const machine0 = machineBusyMs();
  const t0 = performance.now();
  const results = await drive(worker.url, route, data, OPTS.duration, latencies);
  const wallMs = performance.now() - t0;
  const cpu = procs.map((p, i) => cpuMsOf(p.pids) - cpu0[i]);
  const client = process.cpuUsage(client0);
  const clientMs = (client.user + client.system) / 1000;
  const machineMs = machineBusyMs() - machine0;
  const q1 = await queryCounts([...databases, control]);

  const provinces = Object.fromEntries(
    BENCH_SHARD_PROVINCES.map((p, i) => {
      const r = results[i];
      const sorted = latencies[p.id].sort((a, b) => a - b);
      return [
        p.id,
        {
          requests: r.requests.total,
          rps: r.requests.total / r.duration,
          p50: quantile(sorted, 0.5),
          p99: quantile(sorted, 0.99),
          non2xx: r.non2xx,
          errors: r.errors,
          timeouts: r.timeouts,
        },
      ];
    }),
  );
  const all = Object.values(latencies)
    .flat()
    .sort((a, b) => a - b);
  const requests = Object.values(provinces).reduce((s, p) => s + p.requests, 0);
  const rps = Object.values(provinces).reduce((s, p) => s + p.rps, 0);
  const processes = procs.map((p, i) => {
    const served = p.provinces.reduce((s, id) => s + provinces[id].requests, 0);
    const servedRps = p.provinces.reduce((s, id) => s + provinces[id].rps, 0);
    const cpuPercent = (cpu[i] / wallMs) * 100;
    const queries = p.key ? q1[p.key] - q0[p.key] : null;
    return {
      role: p.role,
      name: p.name,
      pids: p.pids,
      provinces: p.provinces,
      cpuMs: cpu[i],
      cpuPercent,
      msPerRequest: served ? cpu[i] / served : null,
      queries,
      queriesPerRequest: queries !== null && served ? queries / served : null,
      /** The rate it could serve if it alone were the bottleneck, on a core of its own: what it served ÷ its CPU share. */
      ceilingRps: served && cpuPercent > 0 ? servedRps / (cpuPercent / 100) : null,
    };
  });
  const ownMs = cpu.reduce((s, x) => s + x, 0) + clientMs;
  const databaseProcesses = processes.filter((p) => p.role === "database");
  const row = {
    layout,
    route,
    round,
    wallMs,
    requests,
    rps,
    p50: quantile(all, 0.5),
    p99: quantile(all, 0.99),
    provinces,
    failures: Object.values(provinces).reduce((s, p) => s + p.non2xx + p.errors + p.timeouts, 0),
    processes,
    /** CPU per lookup of all our processes (worker, every D1 process, load generator), and its share of one core. */
    ourCpuMsPerRequest: requests ? ownMs / requests : null,
    ourCpuPercent: (ownMs / wallMs) * 100,
    /**
     * The rate at which each alone would be saturated: the machine (all its cores for our CPU per lookup), the worker
     * (one core), the D1 side (one core per database process, each serving its share of the lookups).
     */
    bounds: {
      machine: requests ? (CORES * 1000) / (ownMs / requests) : null,
      worker: processes[0].ceilingRps,
      d1: Math.min(...databaseProcesses.map((p) => (p.ceilingRps ?? Infinity) * (rps / p.provinces.reduce((s, id) => s + provinces[id].rps, 0)))),
    },
    clientCpuPercent: (clientMs / wallMs) * 100,
    otherCpuPercent: (Math.max(0, machineMs - ownMs) / wallMs) * 100,
    machineCpuPercent: (machineMs / wallMs) * 100,
    machineCpuPercentBefore: quietBefore,
  };
  const cpuText = processes
    .filter((p) => p.role !== "control")
    .map((p) => `${p.name} ${p.cpuPercent.toFixed(0)}%`)
    .join(", ");
  log(
    `  #${round} ${LAYOUT_LABELS[layout].padEnd(10)} ${route.padEnd(6)} ${rps.toFixed(0).padStart(5)} req/s (${PROVINCE_IDS.map((id) => provinces[id].rps.toFixed(0)).join(" + ")})` +
      `  p50 ${row.p50?.toFixed(1)} ms  p99 ${row.p99?.toFixed(1)} ms  CPU ${cpuText}, load ${row.clientCpuPercent.toFixed(0)}%, other ${row.otherCpuPercent.toFixed(0)}%` +
      `  control queries ${processes.at(-1).queries}${row.failures ? `  FAILED ${row.failures}` : ""}`,
  );
  return row;
}

/**
 * Before measuring a layout: each province's seeded codes and slip tokens work (verifyLookups), its public lookup
 * answers with a D1 bookmark, and its lookups reach only the database the layout puts it in, never the control one.
 */
async function verifyLayout({ layout, worker, databases, control }, data) {
  const checked = {};
  for (const p of BENCH_SHARD_PROVINCES) {
    const { codes, tokens } = data[p.id];
    checked[p.id] = await verifyLookups({ way: `${layout} ${p.id}`, url: worker.url, floor: false }, codes, tokens);
    const before = await queryCounts([...databases, control]);
    for (let i = 0; i < 20; i++) {
      const code = codes[Math.floor(Math.random() * codes.length)];
      const res = await fetch(`${worker.url}/v1/dossiers/${code}`);
      const body = await res.json();
      if (res.status !== 200 || body.code !== code) throw new Error(`${layout}: ${code} gave ${res.status}`);
      if (!res.headers.get("x-motcua-bookmark")) throw new Error(`${layout}: the public lookup of ${code} has no x-motcua-bookmark header`);
    }
    const after = await queryCounts([...databases, control]);
    const expected = databaseOf(layout, p);
    for (const key of Object.keys(after)) {
      const n = after[key] - before[key];
      if (key === expected ? n < 20 : n !== 0)
        throw new Error(`${layout}: 20 lookups of ${p.id}'s codes made ${n} D1 queries on ${key} (expected only on ${expected})`);
    }
    checked[p.id].reaches = expected;
  }
  const wrong = await getJson(`${worker.url}/v1/dossiers/000.00.06.H99-250101-0001`);
  if (wrong.status !== 404) throw new Error(`${layout}: a code of a unit no province has gave ${wrong.status}, expected 404`);
  return checked;
}

async function main() {
  mkdirSync(LOG_DIR, { recursive: true });
  const startedAt = new Date();
  const config = readWranglerConfig();
  log(
    `shard benchmark: 2 provinces × ${OPTS.rows} dossiers; ${OPTS.connections} connections (${OPTS.connections / 2} per province),` +
      ` ${OPTS.warmup} s warm-up + ${OPTS.duration} s per layout and route, ${OPTS.rounds} round(s); ${CORES} cores`,
  );
  log(`1. bundling ${BENCH_WORKER} (wrangler deploy --dry-run)`);
  const bundle = await bundleWorker();
  log(`  ${path.relative(ROOT, bundle.scriptPath)}: ${(bundle.bytes / 1024).toFixed(0)} KiB, sha256 ${bundle.sha256}`);

  if (!OPTS.reuseState) rmSync(SHARDS_STATE_DIR, { recursive: true, force: true });
  log(`2. seeding the control database, one shard per province and the one database of both, in ${path.relative(ROOT, SHARDS_STATE_DIR)}`);
  const seeded = await seedShardsState(config, { rows: OPTS.rows, reuse: OPTS.reuseState, ports: PORTS.seeders });
  if (seeded.timings) log(`  seeded in ${(seeded.timings.totalMs / 1000).toFixed(1)} s: ${JSON.stringify(seeded.counts)}`);
  const data = Object.fromEntries(
    PROVINCE_IDS.map((id) => [id, { codes: seeded.codes[id], tokens: seeded.codes[id].map((code) => slipToken(SERVER_SECRET, code)) }]),
  );

  log("3. one workerd per D1 database, and the worker twice: its shard bindings lead to the one database, or each to its own");
  const processes = {};
  for (const d of shardDatabases(config)) {
    processes[d.key] = {
      ...d,
      process: await startDatabaseProcess({
        config,
        d1Id: d.d1Id,
        persist: d.persist,
        port: PORTS.databases[d.key],
        entryPort: PORTS.databaseEntries[d.key],
        name: d.key,
      }),
    };
    log(`  D1 ${d.key.padEnd(9)} pid ${processes[d.key].process.pids.join(",")} on 127.0.0.1:${PORTS.databases[d.key]}`);
  }
  const layouts = {};
  for (const layout of LAYOUTS) {
    const bindings = { DB: PORTS.databases.control };
    for (const p of BENCH_SHARD_PROVINCES) bindings[p.shard] = PORTS.databases[databaseOf(layout, p)];
    const worker = await startWorkerOnDatabases({
      config,
      scriptPath: bundle.scriptPath,
      workerPort: PORTS.workers[layout],
      entryPort: PORTS.workerEntries[layout],
      databases: bindings,
    });
    const keys = [...new Set(BENCH_SHARD_PROVINCES.map((p) => databaseOf(layout, p)))];
    layouts[layout] = { layout, worker, databases: keys.map((k) => processes[k]), control: processes.control };
    log(
      `  ${LAYOUT_LABELS[layout].padEnd(10)} worker pid ${worker.pids.join(",")} on ${worker.url}: ` +
        BENCH_SHARD_PROVINCES.map((p) => `${p.shard} → D1 ${databaseOf(layout, p)}`).join(", "),
    );
  }

  log("4. verifying: seeded codes found, slip tokens accepted, each province's lookups reach only its database");
  const checks = {};
  for (const layout of LAYOUTS) checks[layout] = await verifyLayout(layouts[layout], data);
  log("  verified both layouts");

  log(`5. measuring: ${OPTS.rounds} round(s) × ${OPTS.routes.join(", ")} × both layouts, one right after the other (order alternating)`);
  const rows = [];
  const quietPairs = Object.fromEntries(OPTS.routes.map((route) => [route, 0]));
  const measurePair = async (route, round) => {
    const pair = [];
    for (const layout of round % 2 ? LAYOUTS : [...LAYOUTS].reverse()) pair.push(await measure(layouts[layout], route, round, data));
    rows.push(...pair);
    if (pair.every(isQuiet)) quietPairs[route]++;
  };
  for (let round = 1; round <= OPTS.rounds; round++) for (const route of OPTS.routes) await measurePair(route, round);
  for (let extra = 1; extra <= OPTS.retries; extra++) {
    for (const route of OPTS.routes.filter((r) => quietPairs[r] < OPTS.rounds)) {
      log(`  again: ${route} has ${quietPairs[route]} pair(s) measured with the machine quiet`);
      await measurePair(route, OPTS.rounds + extra);
    }
  }

  const summary = summarize(rows, { layouts: LAYOUTS, routes: OPTS.routes });
  const rs = ratios(rows, OPTS.routes);
  const control = controlCheck(rows, OPTS.duration);
  const tables = [throughputTable(summary, PROVINCE_IDS), processTable(summary), ratioTable(rs), explain(summary, rs, { cores: CORES }), control.text];
  log(`\nresults (medians over the pairs measured with the machine quiet, if any; latency over both provinces' requests; CPU from /proc/<pid>/stat)\n`);
  log(tables.join("\n\n"));
  const disturbed = OPTS.routes.filter((route) => quietPairs[route] === 0);
  if (disturbed.length) {
    log(
      `\nNOTE: other processes took more than ${DISTURBED_PERCENT}% of a core during every pair of ${disturbed.join(", ")}:` +
        " its figures are not comparable; rerun when the machine is quieter, or with more --retries.",
    );
  }
  const failed = rows.filter((r) => r.failures > 0);
  if (failed.length) log(`\nWARNING: failed requests in ${failed.map((r) => `${r.layout}/${r.route}#${r.round}`).join(", ")}`);

  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `shards-${startedAt.toISOString().replace(/[:.]/g, "-")}.json`);
  const report = {
    startedAt: startedAt.toISOString(),
    options: OPTS,
    machine: { node: process.version, cpus: CORES, cpuModel: os.cpus()[0]?.model, memGiB: +(os.totalmem() / 2 ** 30).toFixed(1) },
    git: gitInfo(),
    bundle: { bytes: bundle.bytes, sha256: bundle.sha256 },
    seed: { counts: seeded.counts, timingsMs: seeded.timings },
    checks,
    rows,
    summary,
    ratios: rs,
    control,
    text: tables.join("\n\n"),
  };
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  log(`\nwritten to ${path.relative(ROOT, file)}`);
  return failed.length || !control.ok ? 1 : 0;
}

await runBounded(main, { maxRunMs: MAX_RUN_MS });
