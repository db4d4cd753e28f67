// The load bench's targets, each with the fake Zalo it signs citizens in against, the dossier codes and slip
// tokens its traffic uses, and its processes by role (for CPU):
// - single: one workerd (Miniflare's API) with local D1 inside it, on the bench's seeded state (as `npm run bench`);
// - wrangler: `wrangler dev` on that same state and bundle (what wrangler dev adds, data held equal);
// - start-api: `npm run start:api` as a developer runs it (wrangler dev from source, the demo province).
import { tsImport } from "tsx/esm/api";
import path from "node:path";
import { LOG_DIR, ROOT, running } from "./common.mjs";
import { hostTree, startGroup, stopGroup, waitUntil, workerdDescendants } from "./procs.mjs";
import { PROVINCE_ID } from "./seed.mjs";
import { startMiniflare, startWranglerDev, wranglerWorkerdRoles } from "./servers.mjs";
import { slipToken } from "./tokens.mjs";

const { devSecrets } = await tsImport("../../scripts/lib/dev-server.ts", import.meta.url);
const { demoZaloApp } = await tsImport("../../scripts/lib/demo-seed.ts", import.meta.url);
const { signedJson } = await tsImport("../../scripts/lib/signing.ts", import.meta.url);

/** The mini app id of the demo Zalo app (wrangler.jsonc MINI_APP_ID). */
const DEMO_MINI_APP_ID = "3423478865165961046";
const NPM = process.platform === "win32" ? "npm.cmd" : "npm";

export function demoSecrets() {
  const secrets = devSecrets();
  const zalo = demoZaloApp(secrets, DEMO_MINI_APP_ID);
  if (!zalo) throw new Error("DEMO_ZALO_* are missing from .dev.vars: copy them from .dev.vars.example");
  return { secrets, zalo };
}

/** The fake Zalo (scripts/fake-zalo/main.ts, the demo Zalo app) in a process group of its own. */
export async function startFakeZaloProcess(port) {
  const proc = startGroup(process.execPath, ["--import", "tsx", "scripts/fake-zalo/main.ts", "--port", String(port)], {
    cwd: ROOT,
    env: process.env,
    logFile: path.join(LOG_DIR, `fake-zalo-${port}.log`),
  });
  running.groups.add(proc);
  const url = `http://127.0.0.1:${port}`;
  await waitUntil(async () => (await fetch(`${url}/__fake/health`)).ok, { timeoutMs: 30_000, what: `the fake Zalo on ${url}` });
  return {
    url,
    pid: proc.pid,
    stop: async () => {
      await stopGroup(proc);
      running.groups.delete(proc);
    },
  };
}

const zaloVars = (url) => ({ ZALO_GRAPH_URL: url, ZALO_MINIAPP_API_URL: url, ZALO_ZNS_API_URL: url });

/** Connects the bench's province to the demo Zalo app through the admin API, as an operator does. */
async function connectZalo(apiUrl, adminToken, zalo) {
  const res = await fetch(`${apiUrl}/v1/admin/provinces/${PROVINCE_ID}/zalo-app`, {
    method: "PUT",
    headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
    body: JSON.stringify({
      appId: zalo.appId,
      miniAppId: zalo.miniAppId,
      appSecret: zalo.appSecret,
      miniAppApiKey: zalo.miniAppApiKey,
      oaAccessToken: zalo.oaAccessToken,
    }),
  });
  if (!res.ok) throw new Error(`connecting the Zalo app: ${res.status} ${await res.text()}`);
}

/**
 * A target on the bench's seeded state: `start(vars)` starts the worker with the admin token and the fake Zalo's
 * URLs, then the province is connected to the demo Zalo app.
 */
async function onBenchState(target, { zaloUrl, bench }, start, pidsOf) {
  const { secrets, zalo } = demoSecrets();
  const server = await start({ ADMIN_TOKEN: secrets.ADMIN_TOKEN, ...zaloVars(zaloUrl) });
  await connectZalo(server.url, secrets.ADMIN_TOKEN, zalo);
  return {
    target,
    url: server.url,
    zaloUrl,
    appId: zalo.appId,
    provinceId: PROVINCE_ID,
    codes: bench.codes,
    tokens: bench.tokens,
    floor: true,
    pids: () => pidsOf(server),
    stop: server.stop,
  };
}

/** Target "single": the bundle in one workerd on the seeded state. */
export function startSingle({ config, bundle, port, ...rest }) {
  return onBenchState(
    "single",
    rest,
    (bindings) => startMiniflare(config, bundle, { port, bindings }),
    (server) => ({ workerd: server.workerdPids }),
  );
}

/** Target "wrangler": wrangler dev on the same seeded state and bundle. */
export function startWranglerTarget({ bundle, port, inspectorPort, ...rest }) {
  return onBenchState(
    "wrangler",
    rest,
    (vars) => startWranglerDev(bundle, { port, inspectorPort, logLevel: "warn", vars }),
    (server) => byRole(server.workerdPids, server.workerdRoles, server.hostPids()),
  );
}

function byRole(workerdPids, roles, hostPids) {
  const out = { "wrangler node": hostPids };
  for (const pid of workerdPids) (out[`workerd ${roles[pid]}`] ??= []).push(pid);
  return out;
}

/**
 * Target "start-api": `npm run start:api` with the given ports, as a developer runs it: its own fake Zalo, the demo
 * province seeded through the integration API, wrangler dev bundling worker/src. Its dossier codes come from the
 * integration API, their slip tokens from .dev.vars' SERVER_SECRET.
 */
export async function startStartApi({ port, zaloPort, appPort }) {
  const { secrets, zalo } = demoSecrets();
  const proc = startGroup(NPM, ["run", "start:api"], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), ZALO_PORT: String(zaloPort), APP_PORT: String(appPort) },
    logFile: path.join(LOG_DIR, "start-api.log"),
  });
  running.groups.add(proc);
  const url = `http://127.0.0.1:${port}`;
  await waitUntil(
    async () => {
      if (proc.child.exitCode !== null) throw new Error(`npm run start:api exited (${proc.child.exitCode}):\n${proc.output()}`);
      return proc.output().includes("Ctrl-C");
    },
    { timeoutMs: 240_000, intervalMs: 500, what: "npm run start:api to seed the demo and print its codes" },
  ).catch((err) => {
    throw new Error(`${err.message}\n${proc.output()}`);
  });
  const keys = { keyId: secrets.DEMO_INTEGRATION_KEY_ID, secret: secrets.DEMO_INTEGRATION_SECRET };
  const codes = [];
  for (let after = ""; ; ) {
    const page = await signedJson(url, keys, "GET", `/v1/integration/dossiers?limit=500${after ? `&after=${encodeURIComponent(after)}` : ""}`);
    codes.push(...page.dossiers.map((d) => d.code));
    if (!page.next) break;
    after = page.next;
  }
  const province = await (await fetch(`${url}/v1/provinces`)).json();
  const workerd = workerdDescendants(proc.pid);
  const roles = wranglerWorkerdRoles(workerd, port);
  return {
    target: "start-api",
    url,
    zaloUrl: `http://127.0.0.1:${zaloPort}`,
    appId: zalo.appId,
    provinceId: province.provinces?.[0]?.id ?? PROVINCE_ID,
    codes,
    tokens: codes.map((code) => slipToken(secrets.SERVER_SECRET, code)),
    floor: false,
    // npm, tsx running scripts/start.ts (with the fake Zalo in it), wrangler's node: everything but workerd.
    pids: () => byRole(workerd, roles, hostTree(proc.pid)),
    stop: async () => {
      await stopGroup(proc);
      running.groups.delete(proc);
    },
  };
}

/** Zalo access tokens minted by the target's fake Zalo, and sessions signed in with some of them. */
export async function citizensFor(target, { tokens = 100, sessions = 40 } = {}) {
  const zaloTokens = [];
  for (let i = 0; i < tokens; i++) {
    const res = await fetch(`${target.zaloUrl}/__dev/tokens`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ appId: target.appId, userId: `load-${i}`, name: `Người dùng ${i}`, ttlSeconds: 7200 }),
    });
    if (!res.ok) throw new Error(`minting a Zalo token: ${res.status} ${await res.text()}`);
    zaloTokens.push((await res.json()).accessToken);
  }
  const signedIn = [];
  for (const accessToken of zaloTokens.slice(0, sessions)) {
    const res = await fetch(`${target.url}/v1/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ provinceId: target.provinceId, accessToken }),
    });
    if (res.status !== 201) throw new Error(`${target.target}: signing in gave ${res.status} ${await res.text()}`);
    signedIn.push((await res.json()).sessionToken);
  }
  return { zaloTokens, sessions: signedIn };
}
