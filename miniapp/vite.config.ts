/**
 * The citizen's app, for both `vite` (dev server) and `vite build`, in two builds of the same sources:
 *
 *   vite build               the Zalo Mini App: zmp-vite-plugin sets base "./", target es2015, file names Zalo
 *                            expects, and writes www/app-config.json (the root app-config.json, with the province's
 *                            colour as headerColor and a text colour readable on it, plus the built CSS/JS lists
 *                            Zalo loads). `zmp deploy` uploads www/.
 *   vite build --mode web    the same app for a browser, served by the Worker at / (wrangler.jsonc "assets"): base
 *                            "/" so a deep link like /feedback/public loads on a full page load, the stylesheet
 *                            inline, a service worker for offline use, a web app manifest. Writes dist/web.
 *
 * Both builds write the home page's shell into index.html (build/shell.ts): the header in the province's colours,
 * the code field and the scan button, painted before the script arrives.
 *
 *   VITE_API_URL      the motcua API's base URL (Zalo build default http://127.0.0.1:8787; the web build calls
 *                     the origin that served it unless this is set)
 *   VITE_PROVINCE_ID  the province this build serves until the citizen picks another in the app (default
 *                     "thanh-hoa", the demo's)
 *   VITE_PROVINCE_CHANNEL, VITE_PROVINCE_NAME, VITE_PROVINCE_COLOR, VITE_PROVINCE_ACCENT
 *                     the province's channel name, name and colours for the first paint (default: the demo
 *                     province's when the build serves it); the API's answer replaces them if they differ
 *   MINIAPP_OUT_DIR   where `vite build` writes (default <repo>/www, or <repo>/dist/web for the web build)
 *   MINIAPP_SHELL=off no shell in index.html and the stylesheet linked, as before the shell (bench/first-paint.mjs
 *                     measures against it)
 *   VITE_DEV_ZALO_URL, VITE_DEV_ZALO_APP_ID
 *                     dev and test builds only: sign in outside Zalo through the fake Zalo (scripts/fake-zalo).
 *                     Unset in production builds, where signing in needs Zalo itself.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import zaloMiniApp from "zmp-vite-plugin";
import { shellBranding, zaloTextColor } from "./build/shell";
import { homeShell, webApp } from "./build/web";

const appDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(appDir, "..");

export default defineConfig(({ mode }) => {
  const web = mode === "web";
  // Read here, not by the plugin from the current directory, so the build works from any working directory.
  const appConfig = JSON.parse(readFileSync(path.join(repoRoot, "app-config.json"), "utf8"));
  const provinceId = process.env.VITE_PROVINCE_ID || "thanh-hoa";
  const branding = shellBranding(provinceId, process.env, (message) => console.warn(`\n⚠ ${message}`));
  const apiUrl = process.env.VITE_API_URL || (web ? "" : "http://127.0.0.1:8787");
  const outDir = path.resolve(repoRoot, process.env.MINIAPP_OUT_DIR || (web ? "dist/web" : "www"));
  const withShell = process.env.MINIAPP_SHELL !== "off";
  const serviceWorker = web ? "/sw.js" : "";

  return {
    root: appDir,
    envDir: repoRoot,
    plugins: [
      react(),
      web ? [] : zaloMiniApp({ ...appConfig, app: { ...appConfig.app, headerColor: branding.primaryColor, textColor: zaloTextColor(branding.primaryColor) } }),
      withShell ? homeShell(branding, provinceId) : [],
      web ? webApp({ branding, appDir, inlineStyles: withShell }) : [],
    ],
    base: web ? "/" : undefined,
    define: {
      "import.meta.env.VITE_API_URL": JSON.stringify(apiUrl),
      "import.meta.env.VITE_PROVINCE_ID": JSON.stringify(provinceId),
      "import.meta.env.VITE_PROVINCE_CHANNEL": JSON.stringify(branding.channelName),
      "import.meta.env.VITE_PROVINCE_NAME": JSON.stringify(branding.provinceName ?? ""),
      "import.meta.env.VITE_PROVINCE_COLOR": JSON.stringify(branding.primaryColor),
      "import.meta.env.VITE_PROVINCE_ACCENT": JSON.stringify(branding.accentColor),
      "import.meta.env.VITE_SERVICE_WORKER": JSON.stringify(serviceWorker),
      "import.meta.env.VITE_DEV_ZALO_URL": JSON.stringify(process.env.VITE_DEV_ZALO_URL ?? ""),
      "import.meta.env.VITE_DEV_ZALO_APP_ID": JSON.stringify(process.env.VITE_DEV_ZALO_APP_ID ?? ""),
    },
    server: {
      // zmp-sdk mocks its APIs only on a host named "localhost"; the app itself never needs that, but say it anyway.
      host: "localhost",
      fs: { allow: [repoRoot] },
    },
    preview: { host: "localhost" },
    build: {
      outDir,
      emptyOutDir: true,
      reportCompressedSize: true,
      // What zmp-vite-plugin sets for Zalo, kept on the web: the same phones open both.
      ...(web ? { target: "es2015", cssTarget: ["es2015", "safari13.1"] } : {}),
    },
  };
});
