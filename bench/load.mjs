#!/usr/bin/env node
// Load benchmark: mixed citizen traffic (public lookups, owner views with slip tokens, procedure search, province
// reads, a few sign-ins against the fake Zalo and follows) at a fixed rate against the worker, run three ways:
// one workerd with local D1 inside it, wrangler dev on the same data, and `npm run start:api` as a developer runs
// it. Prints per target the requests, failures by status, timeouts, req/s achieved, p50/p90/p99 latency and where
// the CPU went; the same rate on the bare floor route, and a burst of 200 concurrent lookups. See bench/README.md.
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
  runBounded,
  SERVER_SECRET,
  STATE_DIR,
  versionOf,
} from "./lib/common.mjs";
import { seedBenchState } from "./lib/bench-state.mjs";
import { citizensFor, startFakeZaloProcess, startSingle, startStartApi, startWranglerTarget } from "./lib/load-targets.mjs";
import { burst, runMixedLoad, summarizeLoad } from "./lib/load-traffic.mjs";
import { waitForQuiet } from "./lib/procs.mjs";
import { slipToken } from "./lib/tokens.mjs";

const TARGETS = ["single", "wrangler", "start-api"];
/** Everything the load bench listens on: 8945-8949, and 9340-9349 for wrangler's inspector and the seeder. */
const PORTS = { single: 8945, startApi: 8946, fakeZalo: 8947, startApiZalo: 8948, wrangler: 8949, wranglerInspector: 9341, seeder: 9342, startApiApp: 9343 };

const USAGE = `usage: node bench/load.mjs [options]
  --duration S      seconds of mixed traffic per target (default 60)
  --rate N          requests per second offered (default 200)
  --connections N   connections autocannon spreads them over (default 200: each waits for its answer, so fewer could not keep the rate when answers slow down)
  --floor S         seconds of the same rate on the bare floor route, where the target has it (default 15; 0: none)
  --burst N         concurrent lookups in the burst test (default 200; 0: none)
  --bursts N        burst tests per target (default 3)
  --rows N          dossiers in the seeded state (default 100000)
  --targets LIST    single, wrangler, start-api, comma-separated (default: all three)
  --reuse-state     keep .tmp/bench-state if already seeded
  --quiet-wait S    before each phase, wait up to S seconds for other processes to go quiet (default 20)
  --help`;

const { values: args } = parseArgs({
  options: {
    duration: { type: "string", default: "60" },
    rate: { type: "string", default: "200" },
    connections: { type: "string", default: "200" },
    floor: { type: "string", default: "15" },
    burst: { type: "string", default: "200" },
    bursts: { type: "string", default: "3" },
    rows: { type: "string", default: "100000" },
    targets: { type: "string", default: TARGETS.join(",") },
    "reuse-state": { type: "boolean", default: false },
    "quiet-wait": { type: "string", default: "20" },
    help: { type: "boolean", default: false },
  },
});
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const count = (name, min = 1) => {
  const n = Number(args[name]);
  if (!Number.isInteger(n) || n < min) {
    console.error(`--${name} must be an integer ≥ ${min}\n${USAGE}`);
    process.exit(2);
  }
  return n;
};
const OPTS = {
  duration: count("duration"),
  rate: count("rate"),
  connections: count("connections"),
  floor: count("floor", 0),
  burst: count("burst", 0),
  bursts: count("bursts", 0),
  rows: count("rows"),
  targets: args.targets.split(","),
  reuseState: args["reuse-state"],
  quietWait: count("quiet-wait", 0),
};
for (const t of OPTS.targets) {
  if (!TARGETS.includes(t)) {
    console.error(`--targets takes ${TARGETS.join(", ")}\n${USAGE}`);
    process.exit(2);
  }
}
const MAX_RUN_MS = (8 * 60 + OPTS.targets.length * (4 * 60 + OPTS.duration + OPTS.floor + 3 * OPTS.quietWait + 90)) * 1000;

const f = (x, digits = 0) => (x === null || x === undefined ? "" : x.toFixed(digits));

function printRow(row) {
  const failures =
    Object.entries(row.non2xx)
      .map(([status, n]) => `${status}×${n}`)
      .join(" ") || "none";
  const cpu = Object.entries(row.cpuMsPerRequest)
    .map(([role, ms]) => `${role} ${ms === null ? "? (restarted)" : f(ms, 2)}`)
    .join(", ");
  log(
    `  ${row.phase.padEnd(6)} ${String(row.requests).padStart(6)} requests  ${f(row.rps).padStart(4)} req/s  p50 ${row.latencyMs.p50} ms  p90 ${row.latencyMs.p90} ms  p99 ${row.latencyMs.p99} ms  max ${row.latencyMs.max} ms` +
      `\n         non-2xx: ${failures}  timeouts: ${row.timeouts}  other errors: ${row.otherErrors}` +
      `\n         CPU ms/request: ${cpu}  (load generator ${f(row.loadGeneratorCpuPercent)}% of a core, others ${f(row.otherCpuPercent)}%)`,
  );
  for (const [what, body] of Object.entries(row.failureSamples)) log(`         first ${what}: ${body}`);
  if (row.phase === "mixed") {
    log(
      `         by kind: ${Object.entries(row.byKind)
        .map(
          ([kind, s]) =>
            `${kind} ${Object.entries(s)
              .map(([st, n]) => `${st}×${n}`)
              .join("/")}`,
        )
        .join("; ")}`,
    );
  }
}

async function quiet() {
  if (OPTS.quietWait > 0) return waitForQuiet({ maxWaitMs: OPTS.quietWait * 1000, thresholdPercent: 25 });
  return null;
}

async function measureTarget(target) {
  const citizens = await citizensFor(target);
  const data = { ...citizens, codes: target.codes, tokens: target.tokens, provinceId: target.provinceId };
  log(`  ${target.codes.length} dossiers, ${citizens.zaloTokens.length} Zalo tokens, ${citizens.sessions.length} sessions`);
  const rows = [];
  const load = { url: target.url, data, rate: OPTS.rate, connections: OPTS.connections };
  // A short warm-up (not counted): the first requests compile the worker's code and fill SQLite's cache.
  await runMixedLoad({ ...load, seconds: 3, pids: {} });
  const before = await quiet();
  const mixed = summarizeLoad(target.target, "mixed", await runMixedLoad({ ...load, seconds: OPTS.duration, pids: target.pids() }));
  mixed.machineCpuPercentBefore = before;
  rows.push(mixed);
  printRow(mixed);
  if (target.floor && OPTS.floor > 0) {
    await quiet();
    const floor = summarizeLoad(target.target, "floor", await runMixedLoad({ ...load, floor: true, seconds: OPTS.floor, pids: target.pids() }));
    rows.push(floor);
    printRow(floor);
  }
  const bursts = [];
  for (let i = 0; i < OPTS.bursts && OPTS.burst > 0; i++) {
    await quiet();
    const b = await burst({ url: target.url, data, n: OPTS.burst });
    bursts.push(b);
    log(
      `  burst  ${b.n} lookups at once: ${b.answeredWithin30s} answered within 30 s, ${b.answeredWithinLimit} within ${b.limitS} s` +
        ` (${JSON.stringify(b.statuses)}); p50 ${b.latencyMs.p50} ms  p99 ${b.latencyMs.p99} ms  max ${b.latencyMs.max} ms`,
    );
  }
  return { rows, bursts };
}

async function main() {
  mkdirSync(LOG_DIR, { recursive: true });
  const startedAt = new Date();
  log(`load benchmark: ${OPTS.rate} req/s offered for ${OPTS.duration} s per target over ${OPTS.connections} connections; targets: ${OPTS.targets.join(", ")}`);
  const config = readWranglerConfig();
  const needsBench = OPTS.targets.some((t) => t !== "start-api");
  let bench = null;
  let bundle = null;
  if (needsBench) {
    bundle = await bundleWorker();
    log(`bundled ${BENCH_WORKER}: ${(bundle.bytes / 1024).toFixed(0)} KiB`);
    if (!OPTS.reuseState) rmSync(STATE_DIR, { recursive: true, force: true });
    mkdirSync(STATE_DIR, { recursive: true });
    const seeded = await seedBenchState(config, { rows: OPTS.rows, reuse: OPTS.reuseState, port: PORTS.seeder });
    bench = { codes: seeded.codes, tokens: seeded.codes.map((code) => slipToken(SERVER_SECRET, code)) };
    log(`seeded state: ${bench.codes.length} dossiers in ${path.relative(ROOT, STATE_DIR)}`);
  }
  const zalo = needsBench ? await startFakeZaloProcess(PORTS.fakeZalo) : null;
  const results = [];
  const bursts = {};
  try {
    for (const name of OPTS.targets) {
      log(`\n${name}`);
      const target =
        name === "single"
          ? await startSingle({ config, bundle, port: PORTS.single, zaloUrl: zalo.url, bench })
          : name === "wrangler"
            ? await startWranglerTarget({ bundle, port: PORTS.wrangler, inspectorPort: PORTS.wranglerInspector, zaloUrl: zalo.url, bench })
            : await startStartApi({ port: PORTS.startApi, zaloPort: PORTS.startApiZalo, appPort: PORTS.startApiApp });
      try {
        log(`  ${target.url}`);
        const measured = await measureTarget(target);
        results.push(...measured.rows);
        bursts[name] = measured.bursts;
      } finally {
        await target.stop();
      }
    }
  } finally {
    await zalo?.stop();
  }

  log("\nsummary (mixed traffic)");
  log("target      requests  req/s  p50  p90  p99 ms  non-2xx  timeouts  errors  bursts answered ≤30 s");
  for (const r of results.filter((x) => x.phase === "mixed")) {
    const non2xx = Object.values(r.non2xx).reduce((s, n) => s + n, 0);
    const b = bursts[r.target] ?? [];
    log(
      `${r.target.padEnd(10)} ${String(r.requests).padStart(9)} ${f(r.rps).padStart(6)} ${String(r.latencyMs.p50).padStart(4)} ${String(r.latencyMs.p90).padStart(4)} ${String(r.latencyMs.p99).padStart(7)}` +
        ` ${String(non2xx).padStart(8)} ${String(r.timeouts).padStart(9)} ${String(r.otherErrors).padStart(7)}  ${b.map((x) => `${x.answeredWithin30s}/${x.n}`).join(" ")}`,
    );
  }
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `load-${startedAt.toISOString().replace(/[:.]/g, "-")}.json`);
  const report = {
    startedAt: startedAt.toISOString(),
    options: OPTS,
    machine: {
      node: process.version,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      memGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
      loadavg: os.loadavg(),
    },
    versions: { wrangler: versionOf("wrangler"), miniflare: versionOf("miniflare"), autocannon: versionOf("autocannon") },
    git: gitInfo(),
    results,
    bursts,
  };
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  log(`\nwritten to ${path.relative(ROOT, file)}`);
  const failed = results.some((r) => r.phase === "mixed" && (Object.keys(r.non2xx).length > 0 || r.timeouts > 0 || r.otherErrors > 0));
  return failed ? 1 : 0;
}

await runBounded(main, { maxRunMs: MAX_RUN_MS });
