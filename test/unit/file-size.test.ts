/**
 * Files stay small enough to read in one sitting: no source, test, bench or style file in the repository is over
 * 400 lines. A file that grows past it is split by concern, not trimmed of its comments.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const MAX_LINES = 400;
const root = path.resolve(import.meta.dirname, "../..");
const SOURCE = /\.(ts|tsx|mjs|js|css)$/;
/** Generated, not written: `wrangler types` output and drizzle-kit's snapshots. */
const GENERATED = [/^worker-configuration\.d\.ts$/, /^drizzle\//];

function trackedSources(): string[] {
  const listed = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], { cwd: root, encoding: "utf8" });
  return listed.split("\n").filter((file) => SOURCE.test(file) && !GENERATED.some((rule) => rule.test(file)));
}

describe("file size", () => {
  it(`no source file is over ${MAX_LINES} lines`, () => {
    const files = trackedSources();
    expect(files.length).toBeGreaterThan(100);
    const long = files
      .map((file) => ({ file, lines: readFileSync(path.join(root, file), "utf8").split("\n").length }))
      .filter(({ lines }) => lines > MAX_LINES)
      .map(({ file, lines }) => `${file}: ${lines} lines`);
    expect(long).toEqual([]);
  });
});
