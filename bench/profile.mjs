#!/usr/bin/env node
// Where a lookup's CPU goes: runs the bundled worker in one workerd through Miniflare (with its inspector on),
// drives each route with the same load as bench/lookup.mjs, takes a V8 CPU profile of the worker's isolate and
// groups the samples by original source (package, or file under worker/src) through the bundle's source map.
// Needs the state seeded by bench/lookup.mjs (.tmp/bench-state). See bench/README.md.
import { createRequire } from "node:module";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import {
  BENCH_WORKER,
  bundleWorker,
  d1Files,
  log,
  PORTS,
  readWranglerConfig,
  RESULTS_DIR,
  ROOT,
  ROUTES,
  runAutocannon,
  readCodes,
  runBounded,
  SERVER_SECRET,
  startWorkerInMiniflare,
} from "./lib/common.mjs";
import { cpuMsOf } from "./lib/procs.mjs";
import { loadSourceMap } from "./lib/sourcemap.mjs";
import { slipToken } from "./lib/tokens.mjs";

const USAGE = `usage: node bench/profile.mjs [options]     (run node bench/lookup.mjs once first, to seed the database)
  --routes LIST       comma-separated: public,floor-public,owner,floor-owner (default: all four)
  --duration S        profiled seconds per route (default 8)
  --warmup S          unprofiled warm-up seconds per route (default 2)
  --connections N     concurrent connections (default 10)
  --interval US       sampling interval in microseconds (default 100)
  --top N             functions listed per route (default 15)`;

const { values: args } = parseArgs({
  options: {
    routes: { type: "string", default: ROUTES.map((r) => r.id).join(",") },
    duration: { type: "string", default: "8" },
    warmup: { type: "string", default: "2" },
    connections: { type: "string", default: "10" },
    interval: { type: "string", default: "100" },
    top: { type: "string", default: "15" },
    help: { type: "boolean", default: false },
  },
});
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const OPTS = {
  routes: args.routes.split(",").map((id) => {
    const route = ROUTES.find((r) => r.id === id.trim());
    if (!route) {
      console.error(`unknown route ${id}\n${USAGE}`);
      process.exit(2);
    }
    return route;
  }),
  duration: Number(args.duration),
  warmup: Number(args.warmup),
  connections: Number(args.connections),
  interval: Number(args.interval),
  top: Number(args.top),
};

const BUILD_DIR = path.join(ROOT, ".tmp", "bench-profile-build");

/** A tiny Chrome DevTools Protocol client over the `ws` package Miniflare already depends on. */
async function connectInspector(inspectorUrl) {
  const WebSocket = createRequire(createRequire(import.meta.url).resolve("miniflare"))("ws");
  const targets = await (await fetch(`${inspectorUrl}/json/list`)).json();
  if (targets.length === 0) throw new Error("the inspector lists no worker");
  const ws = new WebSocket(targets[0].webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    ws.once("open", resolve);
    ws.once("error", reject);
  });
  let nextId = 1;
  const pending = new Map();
  ws.on("message", (data) => {
    const msg = JSON.parse(String(data));
    const p = msg.id !== undefined && pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    if (msg.error) p.reject(new Error(`${msg.error.message} (${p.method})`));
    else p.resolve(msg.result);
  });
  return {
    send(method, params = {}) {
      const id = nextId++;
      ws.send(JSON.stringify({ id, method, params }));
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject, method });
        setTimeout(() => {
          if (pending.delete(id)) reject(new Error(`inspector: no answer to ${method}`));
        }, 30_000).unref();
      });
    },
    close: () => ws.close(),
  };
}

/** Maps a profile node to what it belongs to: a package, a file under worker/src, or the runtime. */
function classifier(sourceMap, bundleUrlPart) {
  const cache = new Map();
  return (callFrame) => {
    const key = `${callFrame.url}|${callFrame.lineNumber}|${callFrame.columnNumber}|${callFrame.functionName}`;
    let hit = cache.get(key);
    if (hit) return hit;
    const name = callFrame.functionName || "(anonymous)";
    if (!callFrame.url) {
      const special = ["(idle)", "(program)", "(garbage collector)", "(root)"].includes(name);
      hit = { group: special ? name : "V8 builtins", fn: special ? name : `${name} [builtin]` };
    } else if (callFrame.url.includes(bundleUrlPart)) {
      const orig = sourceMap.lookup(callFrame.lineNumber, callFrame.columnNumber);
      const source = orig?.source?.replace(/^(\.\.\/)+/, "") ?? "(unmapped)";
      const nm = source.lastIndexOf("node_modules/");
      let group;
      if (nm !== -1) {
        const parts = source.slice(nm + "node_modules/".length).split("/");
        group = parts[0].startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0];
        // drizzle-orm ships maps whose sources are "../src/*.ts" next to each file: composed by esbuild they land
        // on node_modules/src/ (its only package doing so here).
        if (group === "src") group = "drizzle-orm";
      } else if (source.startsWith("worker/src/")) group = source;
      else group = `bundle: ${source}`;
      hit = { group, fn: `${name} (${source.replace(/^.*node_modules\//, "")}:${orig?.line ?? "?"})` };
    } else {
      hit = { group: `runtime: ${callFrame.url}`, fn: `${name} (${callFrame.url}:${callFrame.lineNumber + 1})` };
    }
    cache.set(key, hit);
    return hit;
  };
}

/** Self and inclusive sampled time per group, self time per function. */
function analyse(profile, classify) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfGroup = new Map();
  const inclGroup = new Map();
  const selfFn = new Map();
  let total = 0;
  const add = (map, key, v) => map.set(key, (map.get(key) ?? 0) + v);
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i]) / 1000; // ms until the next sample
    const node = byId.get(profile.samples[i]);
    const own = classify(node.callFrame);
    total += dt;
    add(selfGroup, own.group, dt);
    add(selfFn, own.fn, dt);
    const seen = new Set();
    for (let id = node.id; id !== undefined; id = parent.get(id)) {
      const g = classify(byId.get(id).callFrame).group;
      if (g === "(root)" || seen.has(g)) continue;
      seen.add(g);
      add(inclGroup, g, dt);
    }
  }
  return { totalMs: total, selfGroup, inclGroup, selfFn };
}

function formatRows(rows, header) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const fmt = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join("  ");
  return [fmt(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(fmt)].join("\n");
}

async function main() {
  if (d1Files().length !== 1) throw new Error("no seeded database in .tmp/bench-state: run `node bench/lookup.mjs` first");
  const config = readWranglerConfig();
  log(`bundling ${BENCH_WORKER} (wrangler deploy --dry-run)`);
  const bundle = await bundleWorker(BUILD_DIR);
  const sourceMap = loadSourceMap(`${bundle.scriptPath}.map`);

  const {
    mf,
    url,
    workerdPids: workerd,
  } = await startWorkerInMiniflare({
    config,
    scriptPath: bundle.scriptPath,
    port: PORTS.profile,
    inspectorPort: PORTS.profileInspector,
  });
  const codes = await readCodes(mf);
  const tokens = codes.map((c) => slipToken(SERVER_SECRET, c));
  const check = await fetch(`${url}/v1/dossiers/${codes[0]}?t=${tokens[0]}`);
  await check.arrayBuffer();
  if (check.status !== 200) throw new Error(`owner lookup check gave ${check.status}`);
  log(`${codes.length} seeded dossiers, worker on ${url}, inspector on 127.0.0.1:${PORTS.profileInspector}`);

  const inspector = await connectInspector(`http://127.0.0.1:${PORTS.profileInspector}`);
  await inspector.send("Profiler.enable");
  await inspector.send("Profiler.setSamplingInterval", { interval: OPTS.interval });
  const bundleUrlPart = path.basename(bundle.scriptPath);

  const report = { startedAt: new Date().toISOString(), options: { ...OPTS, routes: OPTS.routes.map((r) => r.id) }, routes: {} };
  const perRoute = new Map();
  for (const route of OPTS.routes) {
    const load = (secs) => runAutocannon({ url, route, codes, tokens, seconds: secs, connections: OPTS.connections });
    if (OPTS.warmup > 0) await load(OPTS.warmup);
    const cpu0 = cpuMsOf(workerd);
    await inspector.send("Profiler.start");
    const r = await load(OPTS.duration);
    const { profile } = await inspector.send("Profiler.stop");
    const workerdCpuMs = cpuMsOf(workerd) - cpu0;
    const requests = r.requests.total;
    const a = analyse(profile, classifier(sourceMap, bundleUrlPart));
    const idle = a.selfGroup.get("(idle)") ?? 0;
    const busy = a.totalMs - idle;
    perRoute.set(route.id, { a, requests });
    const us = (msTotal) => ((msTotal / requests) * 1000).toFixed(1);

    log(`\n=== ${route.label}: ${requests} requests (${r.non2xx} non-2xx), ${(requests / r.duration).toFixed(0)} req/s while profiled`);
    log(
      `workerd process CPU ${us(workerdCpuMs)} µs/req (profiler on); samples in the worker's isolate ${us(busy)} µs/req ` +
        "of wall time, idle excluded (read the shares: profiling slows the isolate down)",
    );
    const groups = [...a.inclGroup.entries()]
      .filter(([g]) => g !== "(idle)")
      .sort((x, y) => y[1] - x[1])
      .map(([g, incl]) => [g, us(a.selfGroup.get(g) ?? 0), us(incl)]);
    log(formatRows(groups, ["group (by original source)", "self µs/req", "incl µs/req"]));
    const fns = [...a.selfFn.entries()]
      .filter(([f]) => f !== "(idle)")
      .sort((x, y) => y[1] - x[1])
      .slice(0, OPTS.top)
      .map(([f, t]) => [f.length > 110 ? `${f.slice(0, 107)}...` : f, us(t)]);
    log(`\ntop ${OPTS.top} functions by self time:`);
    log(formatRows(fns, ["function (source:line)", "self µs/req"]));
    report.routes[route.id] = {
      requests,
      non2xx: r.non2xx,
      rps: requests / r.duration,
      workerdCpuUsPerRequest: (workerdCpuMs / requests) * 1000,
      isolateBusyUsPerRequest: (busy / requests) * 1000,
      groups: Object.fromEntries(groups.map(([g, self, incl]) => [g, { selfUs: Number(self), inclusiveUs: Number(incl) }])),
      topFunctions: fns.map(([f, t]) => ({ function: f, selfUs: Number(t) })),
    };
  }

  // Ours minus floor, per group: what the handler adds on top of the same select.
  for (const [ours, floor] of [
    ["public", "floor-public"],
    ["owner", "floor-owner"],
  ]) {
    const o = perRoute.get(ours);
    const f = perRoute.get(floor);
    if (!o || !f) continue;
    const incl = (x, g) => ((x.a.inclGroup.get(g) ?? 0) / x.requests) * 1000;
    const self = (x, g) => ((x.a.selfGroup.get(g) ?? 0) / x.requests) * 1000;
    const names = new Set([...o.a.selfGroup.keys(), ...f.a.selfGroup.keys()]);
    names.delete("(idle)");
    const rows = [...names]
      .map((g) => [g, self(o, g), self(f, g), self(o, g) - self(f, g), incl(o, g) - incl(f, g)])
      .sort((x, y) => y[3] - x[3])
      .map(([g, so, sf, d, di]) => [g, so.toFixed(1), sf.toFixed(1), d.toFixed(1), di.toFixed(1)]);
    const busy = (x) => ((x.a.totalMs - (x.a.selfGroup.get("(idle)") ?? 0)) / x.requests) * 1000;
    log(`\n=== ${ours} vs ${floor}: isolate samples ${busy(o).toFixed(1)} vs ${busy(f).toFixed(1)} µs/req (idle excluded)`);
    log(formatRows(rows, ["group", `${ours} self`, `${floor} self`, "self delta", "incl delta"]));
  }

  inspector.close();
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `profile-${report.startedAt.replace(/[:.]/g, "-")}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  log(`\nwritten to ${path.relative(ROOT, file)}`);
}

await runBounded(main, { maxRunMs: 10 * 60 * 1000 });
