// The worker under load, three ways on the same persisted D1 (.tmp/bench-state): (a) one workerd through
// Miniflare's API, (b) local D1 in a workerd of its own, (c) wrangler dev. Each returns its url, its workerd pids
// (with their roles) and stop(). Shared by the lookup and load benchmarks.
import { readFileSync } from "node:fs";
import path from "node:path";
import { BENCH_WORKER, LOG_DIR, PORTS, ROOT, running, SERVER_SECRET, startWorkerInMiniflare, STATE_DIR, WRANGLER_JS, wranglerEnv } from "./common.mjs";
import { startWorkerWithD1Apart } from "./d1-apart.mjs";
import { hostTree, startGroup, stopGroup, waitUntil, workerdDescendants } from "./procs.mjs";

/** The dossiers a Miniflare instance's D1 binding sees. */
export async function countDossiers(mf) {
  const db = await mf.getD1Database("DB");
  return (await db.prepare("SELECT count(*) AS n FROM dossiers").first()).n;
}

/** Way (a): one workerd through Miniflare's API, the bundled worker, the persisted D1. */
export async function startMiniflare(config, bundle, { port, bindings } = {}) {
  const w = await startWorkerInMiniflare({ config, scriptPath: bundle.scriptPath, port: port ?? PORTS.miniflare, bindings });
  const roles = Object.fromEntries(w.workerdPids.map((pid) => [pid, "worker"]));
  return {
    way: "miniflare",
    url: w.url,
    workerdPids: w.workerdPids,
    workerdRoles: roles,
    hostPids: () => [],
    countRows: () => countDossiers(w.mf),
    stop: w.stop,
  };
}

/**
 * Way (b): the same bundle, with local D1 in a second workerd (see startWorkerWithD1Apart). The worker's workerd
 * CPU is what its requests cost without the database, as production counts a worker's CPU time; the database's
 * workerd is measured apart.
 */
export async function startD1Apart(config, bundle) {
  const w = await startWorkerWithD1Apart({
    config,
    scriptPath: bundle.scriptPath,
    workerPort: PORTS.d1ApartWorker,
    databasePort: PORTS.d1ApartDatabase,
  });
  return {
    way: "d1-apart",
    url: w.url,
    workerdPids: w.workerPids,
    workerdRoles: Object.fromEntries(w.workerPids.map((pid) => [pid, "worker"])),
    databasePids: w.databasePids,
    hostPids: () => [],
    countRows: () => countDossiers(w.databaseMf),
    stop: w.stop,
  };
}

/** Way (c): `wrangler dev` on the same persisted state. */
export async function startWranglerDev(
  bundle,
  { port = PORTS.wrangler, inspectorPort = PORTS.wranglerInspector, fromSource = false, logLevel = null, vars = {} } = {},
) {
  const cli = [WRANGLER_JS, "dev"];
  // By default the same bundle Miniflare runs (so every way runs identical code even if worker/src changes
  // meanwhile, and no file watcher reloads the worker mid-run); wrangler.jsonc still gives bindings and flags.
  cli.push(...(fromSource ? [BENCH_WORKER] : [bundle.scriptPath, "--no-bundle"]));
  cli.push(
    "--ip",
    "127.0.0.1",
    "--port",
    String(port),
    "--inspector-port",
    String(inspectorPort),
    "--persist-to",
    STATE_DIR,
    "--var",
    `SERVER_SECRET:${SERVER_SECRET}`,
    "--show-interactive-dev-session=false",
  );
  for (const [key, value] of Object.entries(vars)) cli.push("--var", `${key}:${value}`);
  if (logLevel) cli.push("--log-level", logLevel);
  const proc = startGroup(process.execPath, cli, { cwd: ROOT, env: wranglerEnv(), logFile: path.join(LOG_DIR, "wrangler-dev.log") });
  running.groups.add(proc);
  const url = `http://127.0.0.1:${port}`;
  await waitUntil(
    async () => {
      if (proc.child.exitCode !== null) throw new Error(`wrangler dev exited (${proc.child.exitCode}):\n${proc.output()}`);
      const res = await fetch(`${url}/v1/openapi.json`);
      await res.arrayBuffer();
      return res.ok;
    },
    { timeoutMs: 90_000, what: `wrangler dev on ${url}` },
  ).catch((err) => {
    throw new Error(`${err.message}\n${proc.output()}`);
  });
  const pids = workerdDescendants(proc.pid);
  if (pids.length === 0) throw new Error("no workerd process found under wrangler dev");
  const roles = wranglerWorkerdRoles(pids, port);
  for (const pid of pids) running.workerdPids.add(pid);
  return {
    way: "wrangler",
    url,
    workerdPids: pids,
    workerdRoles: roles,
    // wrangler's launcher, the node process running the CLI, esbuild: everything in its tree but workerd.
    hostPids: () => hostTree(proc.pid),
    stop: async () => {
      await stopGroup(proc);
      running.groups.delete(proc);
      for (const pid of pids) running.workerdPids.delete(pid);
    },
  };
}

/** wrangler dev runs two workerd: its proxy on the public `port`, and the worker itself behind it. */
export function wranglerWorkerdRoles(pids, port) {
  return Object.fromEntries(
    pids.map((pid) => {
      let cmdline = "";
      try {
        cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
      } catch {
        // gone
      }
      return [pid, cmdline.includes(`entry=127.0.0.1:${port}`) ? "proxy" : "worker"];
    }),
  );
}
