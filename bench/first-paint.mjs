#!/usr/bin/env node
// First paint of the web app on a slow phone: builds the web app twice (as shipped, and without the home page's
// HTML shell, as it was before), serves both gzipped as a CDN does, and loads each in turn, alternating, in
// headless Chromium with Slow-4G-like throttling and CPU x4 (../shared/tools/measure-page.mjs). Prints the medians
// of first contentful paint, largest contentful paint, when the code field is on screen and when the app has
// taken over, the bytes, and the initial JavaScript. See bench/README.md ("First paint").
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { tsImport } from "tsx/esm/api";
import { gitInfo, log, RESULTS_DIR, ROOT } from "./lib/common.mjs";
import { waitForQuiet } from "./lib/procs.mjs";

const USAGE = `usage: node bench/first-paint.mjs [options]
  --runs N            loads of each app, alternating between them (default 6)
  --measure PATH      measure-page.mjs (default: $MEASURE_PAGE, else ../shared/tools/measure-page.mjs next to the repo)
  --compare DIR       also load another built app (a folder with its index.html), e.g. Zalo's e-government template
  --api-port N        the local API the builds call (default 8840)
  --app-port N        first port of the static servers, one per app (default 5180)
  --inspector-port N  wrangler dev's inspector (default: wrangler's choice)
  --quiet-wait S      before each load, wait up to S seconds for the machine to go quiet (default 10)
  --reuse-build       measure the builds already in .tmp/first-paint (skip building)
  --help`;

const { values: args } = parseArgs({
  options: {
    runs: { type: "string", default: "6" },
    measure: { type: "string" },
    compare: { type: "string" },
    "api-port": { type: "string", default: "8840" },
    "app-port": { type: "string", default: "5180" },
    "inspector-port": { type: "string" },
    "quiet-wait": { type: "string", default: "10" },
    "reuse-build": { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const OPTS = {
  runs: Number(args.runs),
  measure: path.resolve(args.measure ?? process.env.MEASURE_PAGE ?? path.join(ROOT, "..", "shared", "tools", "measure-page.mjs")),
  compare: args.compare ? path.resolve(args.compare) : null,
  apiPort: Number(args["api-port"]),
  appPort: Number(args["app-port"]),
  inspectorPort: args["inspector-port"] ? Number(args["inspector-port"]) : undefined,
  quietWait: Number(args["quiet-wait"]),
  reuseBuild: args["reuse-build"],
};
if (!(OPTS.runs >= 1) || !(OPTS.quietWait >= 0)) {
  console.error(USAGE);
  process.exit(2);
}
if (!existsSync(OPTS.measure)) {
  console.error(`measure-page.mjs not found at ${OPTS.measure}: pass --measure PATH or set MEASURE_PAGE`);
  process.exit(2);
}
if (OPTS.compare && !existsSync(path.join(OPTS.compare, "index.html"))) {
  console.error(`--compare ${OPTS.compare}: no index.html there`);
  process.exit(2);
}

const WORK = path.join(ROOT, ".tmp", "first-paint");
const API_URL = `http://127.0.0.1:${OPTS.apiPort}`;
/** The code field, in index.html's shell or rendered by React: when the citizen can type the code. */
const FIELD = "#dossier-code";
/** The same field once React has replaced the shell: when the whole app works. */
const APP_READY = ".page.home:not([data-shell]) #dossier-code";

const APPS = [
  { key: "app", title: "web app (HTML shell)", dir: path.join(WORK, "app"), env: {} },
  { key: "baseline", title: "baseline (no shell)", dir: path.join(WORK, "baseline"), env: { MINIAPP_SHELL: "off" } },
];

const { buildMiniApp, devSecrets, startApi } = await tsImport("../scripts/lib/dev-server.ts", import.meta.url);
const { serveStatic } = await tsImport("../test/browser/static-server.ts", import.meta.url);
const { DEMO_PROVINCE, DEMO_PROVINCE_ID } = await tsImport("../scripts/demo/province.ts", import.meta.url);

const stops = [];
let browserVersion;
async function stopAll() {
  while (stops.length)
    await stops
      .pop()()
      .catch(() => undefined);
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping everything`);
    stopAll().finally(() => process.exit(130));
  });
}

const median = (xs) => {
  const v = xs.filter((x) => typeof x === "number" && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
};
const kB = (bytes) => (bytes == null ? "–" : `${(bytes / 1000).toFixed(1)} kB`);
const msText = (t) => (t == null ? "–" : `${Math.round(t)} ms`);

/** gzip -9 sizes of what index.html loads before the first render: its module script and modulepreloads. */
function initialBytes(dir) {
  const html = readFileSync(path.join(dir, "index.html"));
  const scripts = [...String(html).matchAll(/<(?:script type="module"[^>]*src|link rel="modulepreload"[^>]*href)="([^"]+)"/g)].map((m) => m[1]);
  const gz = (file) => gzipSync(readFileSync(path.join(dir, file.replace(/^(\.?\/)/, ""))), { level: 9 }).length;
  return { htmlGzip: gzipSync(html, { level: 9 }).length, scripts, initialJsGzip: scripts.reduce((sum, s) => sum + gz(s), 0) };
}

/** One cold load in measure-page.mjs (a fresh browser context, no cache, no service worker). */
function measureOnce(url, selector) {
  const argv = [OPTS.measure, url, "--runs", "1", ...(selector ? ["--selector", selector] : [])];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, argv, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`measure-page exited ${code}: ${err}`));
      try {
        resolve(JSON.parse(out.trim().split("\n").pop()));
      } catch (_e) {
        reject(new Error(`measure-page printed no JSON: ${out} ${err}`));
      }
    });
  });
}

async function main() {
  mkdirSync(WORK, { recursive: true });
  const apps = [...APPS];
  if (OPTS.compare) apps.push({ key: "compare", title: `compare (${path.basename(OPTS.compare)})`, dir: OPTS.compare, env: null });

  if (!OPTS.reuseBuild) {
    for (const app of apps.filter((a) => a.env)) {
      log(`• building ${app.title} into ${path.relative(ROOT, app.dir)}`);
      rmSync(app.dir, { recursive: true, force: true });
      await buildMiniApp(
        {
          VITE_API_URL: API_URL,
          VITE_PROVINCE_ID: DEMO_PROVINCE_ID,
          VITE_DEV_ZALO_URL: "",
          VITE_DEV_ZALO_APP_ID: "",
          MINIAPP_OUT_DIR: path.relative(ROOT, app.dir),
          ...app.env,
        },
        "web",
      );
    }
  }
  for (const app of apps) app.build = initialBytes(app.dir);

  // The builds call a real API for the province, as on a phone (nothing on the first screen waits for it).
  log(`• starting the API on ${API_URL} with the demo province`);
  const statePath = path.join(WORK, "state");
  rmSync(statePath, { recursive: true, force: true });
  const api = await startApi({ port: OPTS.apiPort, persistDir: statePath, assetsDir: APPS[0].dir, inspectorPort: OPTS.inspectorPort });
  stops.push(api.stop);
  const secrets = devSecrets();
  const put = await fetch(`${API_URL}/v1/admin/provinces/${DEMO_PROVINCE_ID}`, {
    method: "PUT",
    headers: { authorization: `Bearer ${secrets.ADMIN_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify(DEMO_PROVINCE),
  });
  if (!put.ok) throw new Error(`seeding the province: ${put.status} ${await put.text()}`);

  for (const [i, app] of apps.entries()) {
    const server = await serveStatic({ dir: app.dir, port: OPTS.appPort + i, host: "localhost" });
    stops.push(() => server.close());
    app.url = `${server.url}/`;
    app.loads = [];
  }

  log(`• ${OPTS.runs} rounds; each loads every app twice (time until the field shows, until the app has taken over)`);
  for (let round = 0; round < OPTS.runs; round++) {
    // Alternate who goes first, so a slower stretch of the machine does not always fall on the same app.
    const order = round % 2 === 0 ? apps : [...apps].reverse();
    for (const app of order) {
      const selectors = app.key === "compare" ? [null] : [FIELD, APP_READY];
      for (const selector of selectors) {
        const busyBefore = OPTS.quietWait > 0 ? await waitForQuiet({ maxWaitMs: OPTS.quietWait * 1000, thresholdPercent: 25 }) : null;
        const result = await measureOnce(app.url, selector);
        browserVersion ??= result.browser;
        app.loads.push({ round, selector, busyBefore, median: result.median, pageErrors: result.pageErrors });
      }
    }
    process.stdout.write(`  round ${round + 1}/${OPTS.runs} done\n`);
  }

  const pick = (app, key, selector) => app.loads.filter((l) => selector === undefined || l.selector === selector).map((l) => l.median[key]);
  const summary = apps.map((app) => ({
    key: app.key,
    title: app.title,
    fcp: median(pick(app, "fcp")),
    lcp: median(pick(app, "lcp")),
    domContentLoaded: median(pick(app, "domContentLoaded")),
    fieldVisible: app.key === "compare" ? null : median(pick(app, "targetVisible", FIELD)),
    appReady: app.key === "compare" ? null : median(pick(app, "targetVisible", APP_READY)),
    bytes: median(pick(app, "bytes")),
    jsBytesOnTheWire: median(pick(app, "jsBytes")),
    htmlGzip: app.build.htmlGzip,
    initialJsGzip: app.build.initialJsGzip,
    loads: app.loads.length,
    pageErrors: [...new Set(app.loads.flatMap((l) => l.pageErrors ?? []))],
  }));

  const line = "─".repeat(118);
  log(`\n${line}`);
  log(`Slow 4G (150 ms, 200 kB/s down) and CPU x4, 390x844, medians of ${OPTS.runs} rounds (FCP/LCP over every load)`);
  log(line);
  const cols = ["", "FCP", "LCP", "DCL", "field shows", "app took over", "JS on the wire", "HTML gzip", "initial JS gzip"];
  const row = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(26) : String(c).padStart(Math.max(9, cols[i].length)))).join("  ");
  log(row(cols));
  for (const s of summary) {
    log(
      row([
        s.title,
        msText(s.fcp),
        msText(s.lcp),
        msText(s.domContentLoaded),
        msText(s.fieldVisible),
        msText(s.appReady),
        kB(s.jsBytesOnTheWire),
        kB(s.htmlGzip),
        kB(s.initialJsGzip),
      ]),
    );
  }
  const [app, baseline] = summary;
  const ratio = (a, b) => (a != null && b ? `${(a / b).toFixed(2)}x` : "–");
  log(line);
  log(
    `FCP: web app ${ratio(app.fcp, baseline.fcp)} the baseline's; code field on screen ${ratio(app.fieldVisible, baseline.fieldVisible)}; app taken over ${ratio(app.appReady, baseline.appReady)}`,
  );
  const compare = summary.find((s) => s.key === "compare");
  if (compare) log(`FCP: web app ${ratio(app.fcp, compare.fcp)} ${compare.title}'s`);
  const goal = (ok) => (ok ? "met" : "NOT met");
  log(
    `Goals: FCP ≤ 1000 ms ${goal(app.fcp <= 1000)}; code field usable ≤ 1500 ms ${goal(app.fieldVisible <= 1500)}; initial JS ≤ 100 kB gzip ${goal(app.initialJsGzip <= 100_000)}`,
  );
  for (const s of summary) if (s.pageErrors.length) log(`page errors in ${s.title}: ${s.pageErrors.join(" | ")}`);

  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `first-paint-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  writeFileSync(
    file,
    JSON.stringify(
      {
        at: new Date().toISOString(),
        git: gitInfo(),
        browser: browserVersion,
        options: OPTS,
        summary,
        builds: Object.fromEntries(apps.map((a) => [a.key, a.build])),
        loads: Object.fromEntries(apps.map((a) => [a.key, a.loads])),
      },
      null,
      2,
    ),
  );
  log(`\nEvery load: ${path.relative(ROOT, file)}`);
}

try {
  await main();
  await stopAll();
  process.exit(0);
} catch (error) {
  console.error(`\nfailed: ${error?.stack ?? error}`);
  await stopAll();
  process.exit(1);
}
