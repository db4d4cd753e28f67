/**
 * The benches are not run by `npm test`, so a moved module would break them silently: every relative module they
 * import (statically or through tsx's tsImport) must exist.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const BENCH = path.resolve(import.meta.dirname, "../../bench");

function benchScripts(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "results" ? [] : benchScripts(file);
    return /\.(mjs|ts)$/.test(entry.name) ? [file] : [];
  });
}

const RELATIVE = /(?:from\s+|tsImport\(\s*|import\(\s*)["'](\.{1,2}\/[^"']+)["']/g;

describe("the benches' imports", () => {
  it("name files that exist", () => {
    const scripts = benchScripts(BENCH);
    expect(scripts.length).toBeGreaterThan(5);
    const missing = scripts.flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(RELATIVE)]
        .map((m) => m[1]!)
        .filter((spec) => {
          const target = path.resolve(path.dirname(file), spec);
          return ![target, `${target}.ts`, `${target}.mjs`, path.join(target, "index.ts")].some((candidate) => existsSync(candidate));
        })
        .map((spec) => `${path.relative(BENCH, file)} → ${spec}`),
    );
    expect(missing).toEqual([]);
  });
});
