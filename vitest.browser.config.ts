import { defineConfig } from "vitest/config";

/**
 * The mini app in real headless Chromium (Debian's /usr/bin/chromium through playwright-core), against the local
 * API with the demo seeded and the production build served on localhost. See test/browser/global-setup.ts.
 */
export default defineConfig({
  test: {
    include: ["test/browser/**/*.test.ts"],
    environment: "node",
    globalSetup: ["test/browser/global-setup.ts"],
    // One browser, one API: files and tests run one after another.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // A lazy page's first paint on a busy 2-core machine can take over expect.poll's default second.
    expect: { poll: { timeout: 5_000 } },
  },
});
