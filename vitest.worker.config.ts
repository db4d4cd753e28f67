import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

const migrations = await readD1Migrations(path.join(import.meta.dirname, "drizzle"));

/** Worker tests run inside workerd against a real local D1 with the real migrations applied. */
export default defineConfig({
  plugins: [
    cloudflareTest({
      main: "./worker/src/index.ts",
      wrangler: { configPath: "./wrangler.jsonc" },
      miniflare: {
        bindings: {
          TEST_MIGRATIONS: migrations,
          SERVER_SECRET: "test-server-secret-0123456789abcdef",
          ADMIN_TOKEN: "test-admin-token",
          ENABLE_BENCH_FLOOR: "0",
        },
      },
    }),
  ],
  test: {
    include: ["test/worker/**/*.test.ts"],
    setupFiles: ["./test/worker/apply-migrations.ts"],
  },
});
