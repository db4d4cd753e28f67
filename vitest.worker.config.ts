import { mkdirSync } from "node:fs";
import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

// wrangler.jsonc serves the web build from dist/web and refuses a missing folder; these tests call the Worker
// itself and need no build, so a fresh clone gets the folder empty.
mkdirSync(path.join(import.meta.dirname, "dist", "web"), { recursive: true });
const migrations = await readD1Migrations(path.join(import.meta.dirname, "drizzle"));
/** The fake Zalo started by test/worker/global-setup.ts. */
const fakeZalo = `http://127.0.0.1:${process.env.FAKE_ZALO_TEST_PORT ?? 8797}`;

/** Worker tests run inside workerd against a real local D1 with the real migrations applied. */
export default defineConfig({
  plugins: [
    cloudflareTest({
      main: "./worker/src/index.ts",
      wrangler: { configPath: "./wrangler.jsonc" },
      miniflare: {
        // wrangler.jsonc's databases (the control DB and the two demo provinces' shards), and one more that the
        // setup leaves a migration behind, for the check that refuses it.
        d1Databases: {
          DB: "00000000-0000-0000-0000-000000000000",
          DB_THANH_HOA: "00000000-0000-0000-0000-000000000056",
          DB_NGHE_AN: "00000000-0000-0000-0000-000000000040",
          DB_BEHIND: "test-shard-behind",
        },
        bindings: {
          TEST_MIGRATIONS: migrations,
          SERVER_SECRET: "test-server-secret-0123456789abcdef",
          ADMIN_TOKEN: "test-admin-token",
          // As in production: tests that stand for distinct clients send CF-Connecting-IP with a `cf` object, as
          // Cloudflare's edge does (test/worker/helpers.ts `call`).
          CLIENT_ADDRESS_SOURCE: "cloudflare",
          FAKE_ZALO_URL: fakeZalo,
          ZALO_GRAPH_URL: fakeZalo,
          ZALO_MINIAPP_API_URL: fakeZalo,
          ZALO_ZNS_API_URL: fakeZalo,
          // Short enough for the timeout failure mode to be tested quickly (the fake holds those requests 5 s).
          ZALO_TIMEOUT_MS: "1000",
          NOTIFY_MAX_ATTEMPTS: "3",
          NOTIFY_RETRY_BASE_SECONDS: "1",
        },
      },
    }),
  ],
  test: {
    include: ["test/worker/**/*.test.ts"],
    setupFiles: ["./test/worker/apply-migrations.ts"],
    globalSetup: ["./test/worker/global-setup.ts"],
    // Deliveries go through the real (local) queue, with retry delays of a second or two.
    testTimeout: 40_000,
  },
});
