// Shared by the benches: paths, ports, wrangler.jsonc, bundling, process cleanup,
// the measured routes and the load generator.
import autocannon from "autocannon";
import { Miniflare } from "miniflare";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cpuMs, killNow, startGroup, stopGroup, workerdDescendants } from "./procs.mjs";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const TMP = path.join(ROOT, ".tmp");
export const STATE_DIR = path.join(TMP, "bench-state");
export const BUILD_DIR = path.join(TMP, "bench-build");
export const LOG_DIR = path.join(TMP, "bench-logs");
export const XDG_DIR = path.join(TMP, "xdg");
export const RESULTS_DIR = path.join(ROOT, "bench", "results");
export const WRANGLER_JS = path.join(ROOT, "node_modules", "wrangler", "bin", "wrangler.js");

/** Everything the bench listens on is in 8820-8839. */
export const PORTS = {
  miniflare: 8820,
  wrangler: 8821,
  wranglerInspector: 8822,
  seeder: 8823,
  profile: 8824,
  profileInspector: 8825,
  // 8826-8827: bench/notify.ts; 8832-8833: bench/broadcast.ts
  d1ApartWorker: 8828,
  d1ApartDatabase: 8829,
};

/** Only for the bench's throwaway database; the worker derives slip keys from it. */
export const SERVER_SECRET = "bench-only-server-secret-0123456789abcdef";

export const log = (...parts) => console.log(...parts);
export const seconds = (t) => `${(t / 1000).toFixed(1)} s`;

// ---------------------------------------------------------------------------------------------------------------
// Cleanup: every process started is recorded, and stopped on success, error, signal or timeout.

export const running = { miniflares: new Set(), groups: new Set(), workerdPids: new Set() };

export async function cleanup() {
  for (const mf of running.miniflares) {
    try {
      await Promise.race([mf.dispose(), new Promise((r) => setTimeout(r, 5000))]);
    } catch {
      // disposing a half-started instance can throw; its workerd is killed below
    }
  }
  running.miniflares.clear();
  for (const proc of running.groups) await stopGroup(proc);
  running.groups.clear();
  killNow({ pids: [...running.workerdPids].filter((pid) => cpuMs(pid) !== null) });
  running.workerdPids.clear();
}

/**
 * Runs `main` with cleanup on every way out: normal end, thrown error, SIGINT/SIGTERM/SIGHUP, and a watchdog
 * after maxRunMs. A synchronous kill of what is left runs on process exit. Exits with what `main` returns (or 0).
 */
export async function runBounded(main, { maxRunMs }) {
  process.on("exit", () => {
    killNow({ groups: [...running.groups].map((p) => p.pid), pids: [...running.workerdPids] });
  });
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.once(sig, () => {
      console.error(`\n${sig}: stopping everything`);
      cleanup().finally(() => process.exit(130));
    });
  }
  const watchdog = setTimeout(() => {
    console.error(`\nthe run took longer than ${maxRunMs / 60000} min: stopping everything`);
    cleanup().finally(() => process.exit(1));
  }, maxRunMs);
  watchdog.unref();
  try {
    const exitCode = (await main()) ?? 0;
    await cleanup();
    clearTimeout(watchdog);
    process.exit(exitCode);
  } catch (err) {
    console.error(`\nfailed: ${err?.stack ?? err}`);
    await cleanup();
    process.exit(1);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Configuration

/** JSON with // and /* comments and trailing commas, as wrangler.jsonc allows. */
export function parseJsonc(text) {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j;
    } else if (c === "/" && text[i + 1] === "/") {
      while (i < text.length && text[i] !== "\n") i++;
      out += "\n";
    } else if (c === "/" && text[i + 1] === "*") {
      i = text.indexOf("*/", i + 2) + 1;
    } else out += c;
  }
  return JSON.parse(out.replace(/,(\s*[}\]])/g, "$1"));
}

export function readWranglerConfig() {
  const config = parseJsonc(readFileSync(path.join(ROOT, "wrangler.jsonc"), "utf8"));
  const d1 = config.d1_databases?.find((d) => d.binding === "DB");
  if (!d1) throw new Error("wrangler.jsonc has no D1 binding named DB");
  return {
    compatibilityDate: config.compatibility_date,
    compatibilityFlags: config.compatibility_flags ?? [],
    // wrangler's local D1 is keyed by preview_database_id ?? database_id; Miniflare must use the same id.
    d1Id: d1.preview_database_id ?? d1.database_id,
    migrationsDir: path.join(ROOT, d1.migrations_dir ?? "migrations"),
    /** Every D1 binding wrangler.jsonc declares (the control database DB first, then the shards): binding → id. */
    d1Databases: Object.fromEntries(config.d1_databases.map((d) => [d.binding, d.preview_database_id ?? d.database_id])),
    vars: config.vars ?? {},
  };
}

export function wranglerEnv() {
  return {
    ...process.env,
    WRANGLER_SEND_METRICS: "false",
    CLOUDFLARE_CF_FETCH_ENABLED: "false",
    XDG_CONFIG_HOME: XDG_DIR,
    NO_D1_WARNING: "true",
    FORCE_COLOR: "0",
  };
}

export function versionOf(pkg) {
  try {
    return JSON.parse(readFileSync(path.join(ROOT, "node_modules", pkg, "package.json"), "utf8")).version;
  } catch {
    return null;
  }
}

export function gitInfo() {
  const git = (...a) => {
    try {
      return execFileSync("git", a, { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    } catch {
      return null;
    }
  };
  return { commit: git("rev-parse", "HEAD"), workerSrcChanged: (git("status", "--porcelain", "--", "worker/src") ?? "") !== "" };
}

// ---------------------------------------------------------------------------------------------------------------
// Bundle and state

/** The worker the benches run: the real one with the benchmark floor route added (never deployed). */
export const BENCH_WORKER = path.join("bench", "floor-worker.ts");

/**
 * Bundles the bench's worker (or `entry`, with wrangler.jsonc's settings) the way `wrangler deploy` would, with a
 * source map, into outDir/<entry name>.js; `assets` names the static assets folder instead of wrangler.jsonc's.
 */
export async function bundleWorker(outDir = BUILD_DIR, entry = BENCH_WORKER, { assets } = {}) {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  mkdirSync(LOG_DIR, { recursive: true });
  mkdirSync(XDG_DIR, { recursive: true });
  // wrangler.jsonc serves the web build from dist/web and refuses a missing folder even for a dry run; the benches
  // serve no assets, so an empty one does (as vitest.worker.config.ts and scripts/lib/dev-server.ts make it).
  mkdirSync(path.join(ROOT, "dist", "web"), { recursive: true });
  const t0 = performance.now();
  const cli = [WRANGLER_JS, "deploy", entry, "--dry-run", "--outdir", outDir];
  // wrangler.jsonc serves dist/web: a worker without pages can name another (an empty) folder instead of building it.
  if (assets) {
    mkdirSync(assets, { recursive: true });
    cli.push("--assets", assets);
  }
  const proc = startGroup(process.execPath, cli, {
    cwd: ROOT,
    env: wranglerEnv(),
    logFile: path.join(LOG_DIR, "bundle.log"),
  });
  running.groups.add(proc);
  const timer = setTimeout(() => stopGroup(proc), 120_000);
  const { code } = await proc.exited;
  clearTimeout(timer);
  running.groups.delete(proc);
  // wrangler names the output after the entry: floor-worker.js for bench/floor-worker.ts.
  const script = path.join(outDir, `${path.basename(entry).replace(/\.[cm]?[jt]s$/, "")}.js`);
  if (code !== 0 || !existsSync(script)) throw new Error(`wrangler deploy --dry-run failed (${code}):\n${proc.output()}`);
  const bytes = readFileSync(script);
  return { scriptPath: script, bytes: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex").slice(0, 16), ms: performance.now() - t0 };
}

/** Where wrangler keeps local D1 for `--persist-to STATE_DIR`, and so what Miniflare's d1Persist must be. */
export function d1Dir() {
  return path.join(STATE_DIR, "v3", "d1");
}

/** The D1 SQLite files in the persisted state (without Miniflare's metadata database). */
export function d1Files() {
  const dir = path.join(d1Dir(), "miniflare-D1DatabaseObject");
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".sqlite") && f !== "metadata.sqlite")
    .map((f) => ({ file: path.join(path.relative(ROOT, dir), f), bytes: statSync(path.join(dir, f)).size }));
}

/**
 * A bundled worker in one workerd through Miniflare's API, on the persisted D1 of .tmp/bench-state, with the
 * bindings from wrangler.jsonc plus the bench's SERVER_SECRET (and any `bindings` given).
 */
export async function startWorkerInMiniflare({ config, scriptPath, port, inspectorPort, bindings = {} }) {
  const before = new Set(workerdDescendants(process.pid));
  const mf = new Miniflare({
    scriptPath,
    modules: true,
    compatibilityDate: config.compatibilityDate,
    compatibilityFlags: config.compatibilityFlags,
    d1Databases: { DB: config.d1Id },
    d1Persist: d1Dir(),
    bindings: { ...config.vars, SERVER_SECRET, ...bindings },
    // No network fetch of Request.cf data (and no cache file written for it).
    cf: false,
    host: "127.0.0.1",
    port,
    ...(inspectorPort ? { inspectorPort } : {}),
  });
  running.miniflares.add(mf);
  const url = (await mf.ready).toString().replace(/\/$/, "");
  const workerdPids = workerdDescendants(process.pid).filter((pid) => !before.has(pid));
  if (workerdPids.length === 0) throw new Error("no workerd process found under Miniflare");
  for (const pid of workerdPids) running.workerdPids.add(pid);
  return {
    mf,
    url,
    workerdPids,
    stop: async () => {
      await mf.dispose();
      running.miniflares.delete(mf);
      for (const pid of workerdPids) running.workerdPids.delete(pid);
    },
  };
}

/** Every dossier code in the seeded database, through a running Miniflare's D1 binding. */
export async function readCodes(mf) {
  const db = await mf.getD1Database("DB");
  const { results } = await db.prepare("SELECT code FROM dossiers").all();
  return results.map((r) => r.code);
}

// ---------------------------------------------------------------------------------------------------------------
// Load

export const ROUTES = [
  { id: "public", label: "public", path: (code) => `/v1/dossiers/${code}` },
  { id: "floor-public", label: "floor public", path: (code) => `/__bench/floor/public/${code}` },
  { id: "owner", label: "owner", path: (code, token) => `/v1/dossiers/${code}?t=${token}` },
  { id: "floor-owner", label: "floor owner", path: (code) => `/__bench/floor/owner/${code}` },
];

/**
 * `seconds` of GET load on one route, each request for a random seeded code (and its slip token). `onResponse`,
 * when given, is called with each response's status and latency in ms (to merge latencies of concurrent runs).
 */
export function runAutocannon({ url, route, codes, tokens, seconds, connections, onResponse }) {
  const options = {
    url,
    connections,
    duration: seconds,
    timeout: 10,
    requests: [
      {
        method: "GET",
        setupRequest: (req) => {
          const i = Math.floor(Math.random() * codes.length);
          req.path = route.path(codes[i], tokens[i]);
          return req;
        },
      },
    ],
  };
  if (!onResponse) return autocannon(options);
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (err, result) => (err ? reject(err) : resolve(result)));
    instance.on("response", (_client, statusCode, _bytes, responseTime) => onResponse(statusCode, responseTime));
  });
}
