#!/usr/bin/env node
// What each piece of a lookup costs: runs bench/ablation/worker.ts (the real worker plus step-by-step rebuilds of
// the lookup) in one workerd through Miniflare and measures workerd CPU per request for every step, from the bare
// D1 query up to the real route, in short interleaved slices; each piece's cost is the median of paired
// differences within a round. Needs the state seeded by bench/lookup.mjs. See bench/README.md.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import {
  bundleWorker,
  d1Files,
  log,
  PORTS,
  readCodes,
  readWranglerConfig,
  RESULTS_DIR,
  ROOT,
  runAutocannon,
  runBounded,
  SERVER_SECRET,
  startWorkerInMiniflare,
} from "./lib/common.mjs";
import { startWorkerWithD1Apart } from "./lib/d1-apart.mjs";
import { cpuMsOf, machineBusyMs, waitForQuiet } from "./lib/procs.mjs";
import { slipToken } from "./lib/tokens.mjs";

const USAGE = `usage: node bench/ablation.mjs [options]     (run node bench/lookup.mjs once first, to seed the database)
  --views LIST        public,owner (default both)
  --duration S        measured seconds per step and round (default 3)
  --warmup S          warm-up seconds per step and round (default 0.5)
  --rounds N          rounds over all steps (default 8); short interleaved slices, so drift hits all steps alike
  --quiet-wait S      before each round, wait up to S seconds for other processes to go quiet (default 10)
  --connections N     concurrent connections (default 10)
  --d1-apart          local D1 in a workerd of its own (as lookup.mjs's way (b)): counts the worker's CPU only`;

const { values: args } = parseArgs({
  options: {
    views: { type: "string", default: "public,owner" },
    duration: { type: "string", default: "3" },
    warmup: { type: "string", default: "0.5" },
    rounds: { type: "string", default: "8" },
    "quiet-wait": { type: "string", default: "10" },
    connections: { type: "string", default: "10" },
    "d1-apart": { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const OPTS = {
  views: args.views.split(",").map((v) => v.trim()),
  duration: Number(args.duration),
  warmup: Number(args.warmup),
  rounds: Number(args.rounds),
  quietWait: Number(args["quiet-wait"]),
  connections: Number(args.connections),
  d1Apart: args["d1-apart"],
};

const BUILD_DIR = path.join(ROOT, ".tmp", "bench-ablation-build");
/** Above this share of one core taken by other processes during a measurement, it counts as disturbed. */
const DISTURBED_PERCENT = 25;

/** Steps in order, each with the step it builds on (see bench/ablation/worker.ts). */
function steps(view) {
  const exp = (step) => (code, token) => `/__exp/${view}/${step}/${code}${step === "token" ? `?t=${token}` : ""}`;
  const list = [
    { id: "d1", buildsOn: null, what: "the floor's compiled SQL through the D1 binding, raw row (bare Hono app)", path: exp("d1") },
    { id: "withdb", buildsOn: "d1", what: "+ drizzle(env.DB, { schema }) per request, as withDb on every route", path: exp("withdb") },
    { id: "floor", buildsOn: "d1", what: "the app's /__bench/floor route: app routing and middleware", path: (code) => `/__bench/floor/${view}/${code}` },
  ];
  if (view === "public") {
    list.push(
      { id: "throttle", buildsOn: "d1", what: "the real statement with the unknown-code counter, raw row", path: exp("throttle") },
      { id: "view", buildsOn: "throttle", what: "+ publicDossierView", path: exp("view") },
      {
        id: "ours",
        buildsOn: "view",
        what: "the real route (+ app routing, withDb, zod-openapi validation, cors, bodyLimit)",
        path: (code) => `/v1/dossiers/${code}`,
      },
    );
  } else {
    list.push(
      { id: "parse", buildsOn: "d1", what: "ownerLookup: row mapping with JSON.parse of timeline", path: exp("parse") },
      { id: "view", buildsOn: "parse", what: "+ ownerDossierView", path: exp("view") },
      { id: "token", buildsOn: "view", what: "+ checkOwnerToken (slip token)", path: exp("token") },
      {
        id: "ours",
        buildsOn: "token",
        what: "the real route (+ app routing, withDb, zod-openapi validation, cors, bodyLimit)",
        path: (code, token) => `/v1/dossiers/${code}?t=${token}`,
      },
    );
  }
  return list;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main() {
  if (d1Files().length !== 1) throw new Error("no seeded database in .tmp/bench-state: run `node bench/lookup.mjs` first");
  const config = readWranglerConfig();
  log("bundling bench/ablation/worker.ts (wrangler deploy --dry-run)");
  const bundle = await bundleWorker(BUILD_DIR, path.join("bench", "ablation", "worker.ts"));
  // With --d1-apart only the worker's workerd is counted; the database's CPU is left out of "other" too.
  const { mf, url, workerdPids, databasePids } = OPTS.d1Apart
    ? await startWorkerWithD1Apart({ config, scriptPath: bundle.scriptPath, workerPort: PORTS.d1ApartWorker, databasePort: PORTS.d1ApartDatabase }).then(
        (w) => ({ mf: w.databaseMf, url: w.url, workerdPids: w.workerPids, databasePids: w.databasePids }),
      )
    : { ...(await startWorkerInMiniflare({ config, scriptPath: bundle.scriptPath, port: PORTS.profile })), databasePids: [] };
  const codes = await readCodes(mf);
  const tokens = codes.map((c) => slipToken(SERVER_SECRET, c));
  log(`${codes.length} seeded dossiers, worker on ${url}`);

  for (const view of OPTS.views) {
    for (const step of steps(view)) {
      const res = await fetch(url + step.path(codes[7], tokens[7]));
      const body = await res.text();
      if (res.status !== 200) throw new Error(`${view}/${step.id} gave ${res.status}: ${body.slice(0, 200)}`);
    }
  }

  const samples = [];
  for (let round = 1; round <= OPTS.rounds; round++) {
    for (const view of OPTS.views) {
      if (OPTS.quietWait > 0) await waitForQuiet({ maxWaitMs: OPTS.quietWait * 1000, thresholdPercent: DISTURBED_PERCENT });
      for (const step of steps(view)) {
        const route = { path: step.path };
        const load = (secs) => runAutocannon({ url, route, codes, tokens, seconds: secs, connections: OPTS.connections });
        if (OPTS.warmup > 0) await load(OPTS.warmup);
        const cpu0 = cpuMsOf(workerdPids);
        const db0 = cpuMsOf(databasePids);
        const m0 = machineBusyMs();
        const client0 = process.cpuUsage();
        const t0 = performance.now();
        const r = await load(OPTS.duration);
        const wall = performance.now() - t0;
        const workerdMs = cpuMsOf(workerdPids) - cpu0;
        const databaseMs = cpuMsOf(databasePids) - db0;
        const c = process.cpuUsage(client0);
        const otherPct = (Math.max(0, machineBusyMs() - m0 - workerdMs - databaseMs - (c.user + c.system) / 1000) / wall) * 100;
        const n = r.requests.total;
        samples.push({
          round,
          view,
          step: step.id,
          requests: n,
          failures: r.non2xx + r.errors + r.timeouts,
          rps: n / r.duration,
          p50: r.latency.p50,
          cpuUsPerRequest: (workerdMs / n) * 1000,
          otherCpuPercent: otherPct,
        });
        log(
          `  round ${round} ${view.padEnd(6)} ${step.id.padEnd(11)} ${(n / r.duration).toFixed(0).padStart(5)} req/s  ` +
            `${((workerdMs / n) * 1000).toFixed(0).padStart(5)} µs CPU/req  non-2xx ${r.non2xx}  other CPU ${otherPct.toFixed(0)}%`,
        );
      }
    }
  }

  // Per step: the median CPU/req over the undisturbed rounds (all rounds if none was). Per piece: the median of the
  // paired differences with the step it builds on, taken within the same round (so slow drift and bursts that hit
  // both cancel out), over the rounds where neither was disturbed (all rounds if none).
  const summary = [];
  const quietOk = (s) => s.otherCpuPercent <= DISTURBED_PERCENT;
  for (const view of OPTS.views) {
    log(`\n${view}: workerd CPU per request; "adds" = median over rounds of (this step - the step it builds on), same round\n`);
    const list = steps(view);
    const rows = [];
    for (const step of list) {
      const all = samples.filter((s) => s.view === view && s.step === step.id);
      const quiet = all.filter(quietOk);
      const use = quiet.length ? quiet : all;
      const cpu = median(use.map((s) => s.cpuUsPerRequest));
      const rps = median(use.map((s) => s.rps));
      const failures = all.reduce((sum, s) => sum + s.failures, 0);
      const baseId = step.buildsOn;
      let delta = null;
      let pairs = 0;
      if (baseId) {
        const pairsAll = all.map((s) => [s, samples.find((b) => b.view === view && b.step === baseId && b.round === s.round)]).filter(([, b]) => b);
        const pairsQuiet = pairsAll.filter(([a, b]) => quietOk(a) && quietOk(b));
        const usePairs = pairsQuiet.length ? pairsQuiet : pairsAll;
        delta = median(usePairs.map(([a, b]) => a.cpuUsPerRequest - b.cpuUsPerRequest));
        pairs = pairsQuiet.length;
      }
      rows.push([
        step.id,
        step.what,
        rps.toFixed(0),
        cpu.toFixed(0),
        baseId ?? "",
        delta === null ? "" : `${delta >= 0 ? "+" : ""}${delta.toFixed(0)}`,
        `${quiet.length}/${all.length}`,
        String(failures),
      ]);
      summary.push({
        view,
        step: step.id,
        what: step.what,
        rps,
        cpuUsPerRequest: cpu,
        buildsOn: baseId,
        addsUs: delta,
        quietRounds: quiet.length,
        quietPairs: pairs,
        failures,
      });
    }
    const header = ["step", "what", "req/s", "CPU µs/req", "builds on", "adds µs", "quiet", "non-2xx"];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const fmt = (cells) => cells.map((c, i) => (i < 2 || i === 4 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
    log([fmt(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(fmt)].join("\n"));
  }

  mkdirSync(RESULTS_DIR, { recursive: true });
  const startedAt = new Date().toISOString();
  const file = path.join(RESULTS_DIR, `ablation-${startedAt.replace(/[:.]/g, "-")}.json`);
  writeFileSync(file, `${JSON.stringify({ startedAt, options: OPTS, bundle: { sha256: bundle.sha256 }, summary, samples }, null, 2)}\n`);
  log(`\nwritten to ${path.relative(ROOT, file)}`);
}

const stepCount = OPTS.views.reduce((n, v) => n + steps(v).length, 0);
const maxRunS = 5 * 60 + OPTS.rounds * (OPTS.views.length * OPTS.quietWait + stepCount * (OPTS.warmup + OPTS.duration + 2));
await runBounded(main, { maxRunMs: maxRunS * 1000 });
