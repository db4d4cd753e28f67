import { defineConfig } from "vitest/config";

/** Plain Node tests of the mini app's pure modules (parsing, wording, dates, what is kept on the phone). */
export default defineConfig({
  test: {
    include: ["test/unit/**/*.test.ts"],
    environment: "node",
  },
});
