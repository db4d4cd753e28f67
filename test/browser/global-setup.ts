/**
 * Once for the browser tests: a fresh local API (wrangler dev + D1 with migrations), the demo province seeded
 * through the real API and, as `npm start` has it, the second demo province in its own database, the mini app built
 * for that API (serving the first by default), and the build served on `localhost` (not 127.0.0.1:
 * zmp-sdk treats other hosts as "not a mini app"), gzipped as Zalo's CDN serves it. The same wrangler dev also
 * serves the web build at its `/`, as the deployed Worker does (wrangler.jsonc "assets").
 */
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startFakeZalo } from "../../scripts/fake-zalo/server";
import { DEMO2_MINI_APP_ID } from "../../scripts/demo";
import { demoZaloApp, seedDemo, type DemoSeedResult } from "../../scripts/lib/demo-seed";
import { type SecondDemoSeedResult, seedSecondDemo } from "../../scripts/lib/demo-seed-second";
import { buildMiniApp, buildWebApp, devSecrets, ROOT, startApi, zaloVars } from "../../scripts/lib/dev-server";
import { signedJson } from "../../scripts/lib/signing";
import { serveStatic } from "./static-server";

const API_PORT = Number(process.env.MINIAPP_TEST_API_PORT ?? 8810);
const APP_PORT = Number(process.env.MINIAPP_TEST_APP_PORT ?? 5181);
const ZALO_PORT = Number(process.env.MINIAPP_TEST_ZALO_PORT ?? 8811);
/** wrangler dev's inspector; unset, wrangler's own choice (9229, or another when that is taken). */
const INSPECTOR_PORT = process.env.MINIAPP_TEST_INSPECTOR_PORT ? Number(process.env.MINIAPP_TEST_INSPECTOR_PORT) : undefined;
const WORK_DIR = path.join(ROOT, ".tmp", "miniapp-browser");

declare module "vitest" {
  export interface ProvidedContext {
    miniapp: {
      apiUrl: string;
      appUrl: string;
      demo: DemoSeedResult;
      /** The second demo province (Nghệ An), in a database of its own, with its own Zalo app. */
      demo2: SecondDemoSeedResult;
      /** The fake Zalo the API calls and the mini app signs in through. */
      zaloUrl: string;
      zaloAppId: string;
      /** The demo one-stop system's integration key, to send signed events from a test. */
      integration: { keyId: string; secret: string };
      /** The web build (`vite build --mode web`), served by the Worker itself: the API's own origin. */
      webUrl: string;
    };
  }
}

export default async function setup(project: TestProject) {
  rmSync(WORK_DIR, { recursive: true, force: true });
  mkdirSync(WORK_DIR, { recursive: true });
  const apiUrl = `http://127.0.0.1:${API_PORT}`;
  const outDir = path.join(WORK_DIR, "www");
  const webDir = path.join(WORK_DIR, "web");

  // The build only needs the API's address, so it runs while the API starts. It goes to a folder of its own: the
  // tests' API address must not end up in www/, which `zmp deploy` uploads.
  const secrets = devSecrets();
  const zaloApp = demoZaloApp(secrets, "3423478865165961046");
  if (!zaloApp) throw new Error("DEMO_ZALO_* missing from .dev.vars");
  const zaloApp2 = demoZaloApp(secrets, DEMO2_MINI_APP_ID, "DEMO2");
  if (!zaloApp2) throw new Error("DEMO2_ZALO_* missing from .dev.vars");
  const zalo = await startFakeZalo({
    port: ZALO_PORT,
    apps: [zaloApp, zaloApp2].map((a) => ({ appId: a.appId, appSecret: a.appSecret, miniAppId: a.miniAppId, miniAppApiKey: a.miniAppApiKey })),
    oaAccessTokens: [zaloApp.oaAccessToken, zaloApp2.oaAccessToken],
  });
  const build = buildMiniApp({
    VITE_API_URL: apiUrl,
    VITE_PROVINCE_ID: "thanh-hoa",
    VITE_DEV_ZALO_URL: zalo.url,
    VITE_DEV_ZALO_APP_ID: zaloApp.appId,
    MINIAPP_OUT_DIR: path.relative(ROOT, outDir),
  });
  // The web build as production makes it: no API address (it calls the origin that served it), no dev sign-in.
  const webBuild = buildWebApp("thanh-hoa", webDir);
  let api: Awaited<ReturnType<typeof startApi>> | undefined;
  let server: Awaited<ReturnType<typeof serveStatic>> | undefined;
  const integration = { keyId: secrets.DEMO_INTEGRATION_KEY_ID!, secret: secrets.DEMO_INTEGRATION_SECRET! };
  try {
    // wrangler dev reads the web build's files when it starts.
    await webBuild;
    api = await startApi({
      port: API_PORT,
      persistDir: path.join(WORK_DIR, "state"),
      vars: zaloVars(zalo.url),
      assetsDir: webDir,
      inspectorPort: INSPECTOR_PORT,
    });
    const seeded = async () => {
      const first = await seedDemo({ apiUrl: api!.url, adminToken: secrets.ADMIN_TOKEN!, ...integration, zalo: zaloApp, zaloUrl: zalo.url });
      const keys2 = { keyId: secrets.DEMO2_INTEGRATION_KEY_ID!, secret: secrets.DEMO2_INTEGRATION_SECRET! };
      return [first, await seedSecondDemo({ apiUrl: api!.url, adminToken: secrets.ADMIN_TOKEN!, ...keys2, zalo: zaloApp2 })] as const;
    };
    const [[demo, demo2]] = await Promise.all([seeded(), build]);
    if (demo.provinceId !== "thanh-hoa") throw new Error(`the demo province is ${demo.provinceId}; build the mini app for it`);
    // The tests run at any hour and follow one person through several messages: the whole day, a few a day each.
    await signedJson(api.url, integration, "PUT", "/v1/integration/delivery-settings", {
      miniappWindowStart: "00:00",
      miniappWindowEnd: "24:00",
      miniappPerUserDaily: 10,
      miniappDailyCap: 1_000_000,
      znsDailyQuota: 1_000_000,
    });
    server = await serveStatic({ dir: outDir, port: APP_PORT, host: "localhost" });
    project.provide("miniapp", { apiUrl: api.url, appUrl: server.url, demo, demo2, zaloUrl: zalo.url, zaloAppId: zaloApp.appId, integration, webUrl: api.url });
  } catch (error) {
    await Promise.all([build.catch(() => undefined), webBuild.catch(() => undefined)]);
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
