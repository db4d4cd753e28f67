import { type ChildProcess, spawn } from "node:child_process";
import { appendFileSync, copyFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const WRANGLER = path.join(ROOT, "node_modules", ".bin", "wrangler");

/** Keeps wrangler from phoning home or writing to the home directory (see the toolchain notes in the README). */
export function wranglerEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    WRANGLER_SEND_METRICS: "false",
    CLOUDFLARE_CF_FETCH_ENABLED: "false",
    XDG_CONFIG_HOME: path.join(ROOT, ".wrangler", "xdg"),
    NO_D1_WARNING: "true",
  };
}

/**
 * The local secrets: .dev.vars, created from .dev.vars.example on first use. Keys added to the example later are
 * appended to an existing .dev.vars, so an older checkout keeps working after a pull.
 */
export function devSecrets(): Record<string, string> {
  const file = path.join(ROOT, ".dev.vars");
  const example = path.join(ROOT, ".dev.vars.example");
  if (!existsSync(file)) copyFileSync(example, file);
  const vars = parseVars(readFileSync(file, "utf8"));
  const missing = Object.entries(parseVars(readFileSync(example, "utf8"))).filter(([key]) => !(key in vars));
  if (missing.length > 0) {
    appendFileSync(file, `\n${missing.map(([key, value]) => `${key}=${value}`).join("\n")}\n`);
    for (const [key, value] of missing) vars[key] = value;
  }
  return vars;
}

function parseVars(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const match = /^\s*([A-Z0-9_]+)\s*=\s*(.*)\s*$/.exec(line);
    if (match) vars[match[1]!] = match[2]!.replace(/^"(.*)"$/, "$1");
  }
  return vars;
}

function run(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(WRANGLER, args, { cwd: ROOT, env: wranglerEnv(), stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`wrangler ${args.join(" ")} failed:\n${output}`))));
  });
}

/**
 * The D1 bindings wrangler.jsonc declares: the control database `DB` and any province's own (`DB_<NAME>`, as the
 * second demo province names its shard). Queue and bucket bindings never take that shape.
 */
export function d1Bindings(): string[] {
  const config = readFileSync(path.join(ROOT, "wrangler.jsonc"), "utf8");
  const bindings = [...config.matchAll(/"binding"\s*:\s*"(DB(?:_[A-Z0-9_]+)?)"/g)].map((m) => m[1]!);
  return [...new Set(bindings)];
}

/** Applies drizzle/ migrations to every local D1 kept in persistDir: each province's database runs the same ones. */
export async function applyMigrations(persistDir: string): Promise<void> {
  mkdirSync(persistDir, { recursive: true });
  for (const binding of d1Bindings()) await run(["d1", "migrations", "apply", binding, "--local", "--persist-to", persistDir]);
}

/** Points the worker at a (fake) Zalo for every Zalo API it calls. */
export function zaloVars(url: string): Record<string, string> {
  return { ZALO_GRAPH_URL: url, ZALO_MINIAPP_API_URL: url, ZALO_ZNS_API_URL: url };
}

export type RunningApi = { url: string; stop(): Promise<void> };

/** Where `npm run build:web` writes the web app, which wrangler.jsonc serves at / (its "assets" directory). */
export const WEB_BUILD_DIR = path.join(ROOT, "dist", "web");

/**
 * `vite build` of the mini app (miniapp/vite.config.ts): the Zalo build, or with mode "web" the web build. `env`
 * holds its settings (VITE_API_URL, MINIAPP_OUT_DIR…). Always a production build: under vitest NODE_ENV is
 * "test", which would make vite bundle React's development build.
 */
export function buildMiniApp(env: Record<string, string>, mode?: "web"): Promise<void> {
  return new Promise((resolve, reject) => {
    const args = ["build", "--config", "miniapp/vite.config.ts", ...(mode ? ["--mode", mode] : [])];
    const child = spawn(path.join(ROOT, "node_modules", ".bin", "vite"), args, {
      cwd: ROOT,
      env: { ...process.env, ...env, NODE_ENV: "production" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout!.on("data", (d) => (output += d));
    child.stderr!.on("data", (d) => (output += d));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`vite build failed (${code}):\n${output}`))));
  });
}

/**
 * The web build as production makes it, for the Worker to serve at its `/`: it calls the origin that served it
 * and has no dev sign-in. `outDir` defaults to dist/web.
 */
export function buildWebApp(provinceId: string, outDir = WEB_BUILD_DIR): Promise<void> {
  return buildMiniApp(
    { VITE_API_URL: "", VITE_DEV_ZALO_URL: "", VITE_DEV_ZALO_APP_ID: "", VITE_PROVINCE_ID: provinceId, MINIAPP_OUT_DIR: path.relative(ROOT, outDir) },
    "web",
  );
}

/**
 * Starts the worker in workerd with `wrangler dev` on 127.0.0.1:port, its local D1 in persistDir with migrations
 * applied, and resolves once it answers. `vars` are passed as extra bindings. It serves the web app from
 * `assetsDir` (default dist/web, created empty when there is no build yet: wrangler refuses a missing folder, and
 * without an app `/` shows the docs).
 */
export async function startApi(opts: {
  port: number;
  persistDir: string;
  vars?: Record<string, string>;
  log?: (line: string) => void;
  assetsDir?: string;
  /** wrangler dev's inspector (default 9229, or a free one when that is taken). */
  inspectorPort?: number;
}): Promise<RunningApi> {
  devSecrets();
  const assetsDir = opts.assetsDir ?? WEB_BUILD_DIR;
  mkdirSync(assetsDir, { recursive: true });
  await applyMigrations(opts.persistDir);
  const args = ["dev", "--ip", "127.0.0.1", "--port", String(opts.port), "--persist-to", opts.persistDir, "--show-interactive-dev-session=false"];
  args.push("--assets", assetsDir);
  if (opts.inspectorPort) args.push("--inspector-port", String(opts.inspectorPort));
  // Photo links and the allowed origins follow the address this API is really served at.
  const vars = { PUBLIC_ORIGIN: `http://127.0.0.1:${opts.port}`, ...opts.vars };
  for (const [key, value] of Object.entries(vars)) args.push("--var", `${key}:${value}`);
  const child = spawn(WRANGLER, args, { cwd: ROOT, env: wranglerEnv(), stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  const collect = (d: Buffer) => {
    output += d;
    if (opts.log) for (const line of String(d).split("\n")) if (line.trim()) opts.log(line);
  };
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);
  const url = `http://127.0.0.1:${opts.port}`;
  const stop = () => stopProcess(child);
  try {
    await waitFor(`${url}/v1/provinces`, child, () => output);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, stop };
}

async function waitFor(url: string, child: ChildProcess, output: () => string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited (${child.exitCode}):\n${output()}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`wrangler dev did not answer at ${url} within ${timeoutMs / 1000} s:\n${output()}`);
}

/** Stops a process group started with detached: true (wrangler starts workerd as a child). */
export function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.pid === undefined) return resolve();
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // already gone
      }
      resolve();
    }, 5000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      clearTimeout(timer);
      resolve();
    }
  });
}
