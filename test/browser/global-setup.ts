/**
 * Once for the browser tests: a fresh local API (wrangler dev + D1 with migrations), the demo province seeded
 * through the real API, the mini app built for that API, and the build served on `localhost` (not 127.0.0.1:
 * zmp-sdk treats other hosts as "not a mini app"), gzipped as Zalo's CDN serves it.
 */
import { spawn } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startFakeZalo } from "../../scripts/fake-zalo/server";
import { demoZaloApp, seedDemo, type DemoSeedResult } from "../../scripts/lib/demo-seed";
import { devSecrets, ROOT, startApi, zaloVars } from "../../scripts/lib/dev-server";
import { serveStatic } from "./static-server";

const API_PORT = Number(process.env.MINIAPP_TEST_API_PORT ?? 8810);
const APP_PORT = Number(process.env.MINIAPP_TEST_APP_PORT ?? 5181);
const ZALO_PORT = Number(process.env.MINIAPP_TEST_ZALO_PORT ?? 8811);
const WORK_DIR = path.join(ROOT, ".tmp", "miniapp-browser");

declare module "vitest" {
  export interface ProvidedContext {
    miniapp: {
      apiUrl: string;
      appUrl: string;
      demo: DemoSeedResult;
      /** The fake Zalo the API calls and the mini app signs in through. */
      zaloUrl: string;
      zaloAppId: string;
      /** The demo one-stop system's integration key, to send signed events from a test. */
      integration: { keyId: string; secret: string };
    };
  }
}

function buildMiniApp(env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(ROOT, "node_modules", ".bin", "vite"), ["build", "--config", "miniapp/vite.config.ts"], {
      cwd: ROOT,
      // vitest sets NODE_ENV=test, which would make vite bundle React's development build: build for production.
      env: { ...process.env, ...env, NODE_ENV: "production" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`vite build failed (${code}):\n${output}`))));
  });
}

export default async function setup(project: TestProject) {
  rmSync(WORK_DIR, { recursive: true, force: true });
  mkdirSync(WORK_DIR, { recursive: true });
  const apiUrl = `http://127.0.0.1:${API_PORT}`;
  const outDir = path.join(WORK_DIR, "www");

  // The build only needs the API's address, so it runs while the API starts. It goes to a folder of its own: the
  // tests' API address must not end up in www/, which `zmp deploy` uploads.
  const secrets = devSecrets();
  const zaloApp = demoZaloApp(secrets, "3423478865165961046");
  if (!zaloApp) throw new Error("DEMO_ZALO_* missing from .dev.vars");
  const zalo = await startFakeZalo({
    port: ZALO_PORT,
    apps: [{ appId: zaloApp.appId, appSecret: zaloApp.appSecret, miniAppId: zaloApp.miniAppId, miniAppApiKey: zaloApp.miniAppApiKey }],
    oaAccessTokens: [zaloApp.oaAccessToken],
  });
  const build = buildMiniApp({
    VITE_API_URL: apiUrl,
    VITE_PROVINCE_ID: "thanh-hoa",
    VITE_DEV_ZALO_URL: zalo.url,
    VITE_DEV_ZALO_APP_ID: zaloApp.appId,
    MINIAPP_OUT_DIR: path.relative(ROOT, outDir),
  });
  let api: Awaited<ReturnType<typeof startApi>> | undefined;
  let server: Awaited<ReturnType<typeof serveStatic>> | undefined;
  const integration = { keyId: secrets.DEMO_INTEGRATION_KEY_ID!, secret: secrets.DEMO_INTEGRATION_SECRET! };
  try {
    api = await startApi({ port: API_PORT, persistDir: path.join(WORK_DIR, "state"), vars: zaloVars(zalo.url) });
    const [demo] = await Promise.all([seedDemo({ apiUrl: api.url, adminToken: secrets.ADMIN_TOKEN!, ...integration, zalo: zaloApp, zaloUrl: zalo.url }), build]);
    if (demo.provinceId !== "thanh-hoa") throw new Error(`the demo province is ${demo.provinceId}; build the mini app for it`);
    server = await serveStatic({ dir: outDir, port: APP_PORT, host: "localhost" });
    project.provide("miniapp", { apiUrl: api.url, appUrl: server.url, demo, zaloUrl: zalo.url, zaloAppId: zaloApp.appId, integration });
  } catch (error) {
    await build.catch(() => undefined);
    await api?.stop();
    await zalo.stop();
    throw error;
  }

  return async () => {
    await server?.close();
    await api?.stop();
    await zalo.stop();
  };
}
