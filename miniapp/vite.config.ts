/**
 * The citizen's Zalo Mini App, for both `vite` (dev server) and `vite build`.
 *
 *   VITE_API_URL      the motcua API's base URL        (default http://127.0.0.1:8787)
 *   VITE_PROVINCE_ID  the province this build serves   (default "thanh-hoa")
 *   MINIAPP_OUT_DIR   where `vite build` writes        (default <repo>/www, what `zmp deploy` uploads)
 *   VITE_DEV_ZALO_URL, VITE_DEV_ZALO_APP_ID
 *                     dev and test builds only: sign in outside Zalo through the fake Zalo (scripts/fake-zalo).
 *                     Unset in production builds, where signing in needs Zalo itself.
 *
 * zmp-vite-plugin sets base "./", target es2015, file names Zalo expects, and writes www/app-config.json
 * (the root app-config.json plus the built CSS/JS lists Zalo loads).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import zaloMiniApp from "zmp-vite-plugin";

const appDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(appDir, "..");

// Read here, not by the plugin from the current directory, so the build works from any working directory.
const appConfig = JSON.parse(readFileSync(path.join(repoRoot, "app-config.json"), "utf8"));

const apiUrl = process.env.VITE_API_URL || "http://127.0.0.1:8787";
const provinceId = process.env.VITE_PROVINCE_ID || "thanh-hoa";
const outDir = path.resolve(repoRoot, process.env.MINIAPP_OUT_DIR || "www");

export default defineConfig({
  root: appDir,
  envDir: repoRoot,
  plugins: [react(), zaloMiniApp(appConfig)],
  define: {
    "import.meta.env.VITE_API_URL": JSON.stringify(apiUrl),
    "import.meta.env.VITE_PROVINCE_ID": JSON.stringify(provinceId),
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
  },
});
