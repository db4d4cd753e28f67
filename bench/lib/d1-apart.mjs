// Local D1 in workerd processes of their own, the way production has it: there D1 runs in another service, and a
// worker's CPU time counts only its own work, not the database's. One database process per D1 database (each
// runs one query at a time, as D1 does), and a worker whose D1 bindings are the runtime's real D1 client talking
// to them over HTTP. Shared by bench/lookup.mjs (way b), bench/ablation.mjs and bench/shards.mjs.
import { Miniflare } from "miniflare";
import path from "node:path";
import { d1Dir, ROOT, running, SERVER_SECRET } from "./common.mjs";
import { workerdDescendants } from "./procs.mjs";

/** The database process answers this path itself (never passed to D1): how many requests D1 got, by path. */
const QUERIES_PATH = "/__bench/queries";

/**
 * Hands each request it receives to the D1 binding's own fetcher (a public field of the D1Database object the
 * binding gives), so what arrives is exactly what the D1 client sends; counts them on the way.
 */
const PASS_THROUGH = `
let requests = 0;
const byPath = {};
export default {
  fetch(request, env) {
    const path = new URL(request.url).pathname;
    if (path === ${JSON.stringify(QUERIES_PATH)}) return Response.json({ requests, byPath });
    requests++;
    byPath[path] = (byPath[path] ?? 0) + 1;
    return env.DB.fetcher.fetch(request);
  },
};`;

/**
 * One D1 database (`d1Id`, persisted under `persist`) in a workerd of its own, its pass-through worker on
 * 127.0.0.1:`port`. Returns its pids, `queries()` (the D1 requests it served so far) and stop().
 */
export async function startDatabaseProcess({ config, d1Id, port, persist = d1Dir(), entryPort = 0, name = "d1-apart" }) {
  const before = new Set(workerdDescendants(process.pid));
  const mf = new Miniflare({
    name,
    modules: true,
    script: PASS_THROUGH,
    compatibilityDate: config.compatibilityDate,
    d1Databases: { DB: d1Id },
    d1Persist: persist,
    cf: false,
    host: "127.0.0.1",
    port: entryPort,
    unsafeDirectSockets: [{ host: "127.0.0.1", port }],
  });
  running.miniflares.add(mf);
  await mf.ready;
  const pids = workerdDescendants(process.pid).filter((pid) => !before.has(pid));
  if (pids.length === 0) throw new Error(`no workerd process found for the database ${name}`);
  for (const pid of pids) running.workerdPids.add(pid);
  return {
    mf,
    name,
    port,
    pids,
    queries: async () => {
      const res = await fetch(`http://127.0.0.1:${port}${QUERIES_PATH}`);
      if (!res.ok) throw new Error(`${name}: ${QUERIES_PATH} gave ${res.status}`);
      return res.json();
    },
    stop: async () => {
      await mf.dispose();
      running.miniflares.delete(mf);
      for (const pid of pids) running.workerdPids.delete(pid);
    },
  };
}

/**
 * A bundled worker in a workerd of its own whose D1 bindings (`databases`: binding name → database process port)
 * are the runtime's real D1 client (`cloudflare-internal:d1-api`, the module Miniflare itself wraps D1 with, here
 * through a Miniflare wrapped binding) with an external HTTP service as its fetcher: a database process. Requests
 * reach the worker on 127.0.0.1:`workerPort` through a direct socket, as the edge hands them over in production,
 * without Miniflare's dev entry worker in front (which alone costs about 0.2 ms of CPU per request).
 *
 * The worker's workerd still counts things production does not bill: parsing the HTTP request and the HTTP
 * round trip to the database processes.
 */
export async function startWorkerOnDatabases({ config, scriptPath, workerPort, databases, entryPort = 0, bindings = {} }) {
  const before = new Set(workerdDescendants(process.pid));
  const clients = Object.entries(databases).map(([binding, port]) => ({
    // A wrapped binding takes the compatibility settings of the worker it is bound to.
    name: `d1-client-${binding.toLowerCase().replaceAll("_", "-")}`,
    modules: [
      {
        type: "ESModule",
        path: path.join(ROOT, ".tmp", `d1-client-${binding}.mjs`),
        contents: 'import makeBinding from "cloudflare-internal:d1-api";\nexport default function (env) { return makeBinding({ fetcher: env.database }); }\n',
      },
    ],
    serviceBindings: { database: { external: { address: `127.0.0.1:${port}`, http: {} } } },
    binding,
  }));
  const mf = new Miniflare({
    cf: false,
    host: "127.0.0.1",
    port: entryPort,
    workers: [
      {
        name: "worker",
        scriptPath,
        modules: true,
        compatibilityDate: config.compatibilityDate,
        compatibilityFlags: config.compatibilityFlags,
        bindings: { ...config.vars, SERVER_SECRET, ...bindings },
        wrappedBindings: Object.fromEntries(clients.map((c) => [c.binding, { scriptName: c.name }])),
        unsafeDirectSockets: [{ host: "127.0.0.1", port: workerPort }],
      },
      ...clients.map(({ binding: _, ...worker }) => worker),
    ],
  });
  running.miniflares.add(mf);
  await mf.ready;
  const pids = workerdDescendants(process.pid).filter((pid) => !before.has(pid));
  if (pids.length === 0) throw new Error("no workerd process found for the worker");
  for (const pid of pids) running.workerdPids.add(pid);
  return {
    url: `http://127.0.0.1:${workerPort}`,
    pids,
    stop: async () => {
      await mf.dispose();
      running.miniflares.delete(mf);
      for (const pid of pids) running.workerdPids.delete(pid);
    },
  };
}

/**
 * The bundled worker with its one local D1 (.tmp/bench-state, binding DB) in a second workerd: the database's
 * workerd on `databasePort`, the worker's on `workerPort` (see startDatabaseProcess and startWorkerOnDatabases).
 */
export async function startWorkerWithD1Apart({ config, scriptPath, workerPort, databasePort }) {
  const database = await startDatabaseProcess({ config, d1Id: config.d1Id, port: databasePort });
  let worker;
  try {
    worker = await startWorkerOnDatabases({ config, scriptPath, workerPort, databases: { DB: databasePort } });
  } catch (err) {
    await database.stop();
    throw err;
  }
  return {
    url: worker.url,
    databaseMf: database.mf,
    workerPids: worker.pids,
    databasePids: database.pids,
    stop: async () => {
      await worker.stop();
      await database.stop();
    },
  };
}
