import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, posix, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/** The shape the code keeps: routes parse, call a service and shape the answer; none leans on another route. */

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const routesDir = join(root, "worker/src/routes");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** Every module a source names: static imports and re-exports, side-effect imports, dynamic import(). */
function importedSpecifiers(source: string): string[] {
  const found = new Set<string>();
  const patterns = [/\bfrom\s*["']([^"']+)["']/g, /\bimport\s*["']([^"']+)["']/g, /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g];
  for (const pattern of patterns) for (const m of source.matchAll(pattern)) found.add(m[1]!);
  return [...found];
}

/** The route files a route file imports (repository-relative), resolving relative specifiers from its folder. */
function routeImports(file: string, source: string): string[] {
  return importedSpecifiers(source)
    .filter((s) => s.startsWith("."))
    .map((s) => resolve(dirname(file), s))
    .filter((target) => !relative(routesDir, target).startsWith("..") && target !== file.replace(/\.tsx?$/, ""))
    .map((target) => posix.normalize(relative(root, target).split("\\").join("/")));
}

describe("the code's shape", () => {
  it("reads every kind of import a route could use to reach another", () => {
    const source = [
      'import { mediaContext } from "./feedback";',
      'export { x } from "../routes/me";',
      'import "./side-effect";',
      'const lazy = await import("./integration/events");',
      'import type { AppEnv } from "../env";',
    ].join("\n");
    expect(importedSpecifiers(source).sort()).toEqual(["../env", "../routes/me", "./feedback", "./integration/events", "./side-effect"]);
    const file = join(routesDir, "staff-voice.ts");
    expect(routeImports(file, source).sort()).toEqual([
      "worker/src/routes/feedback",
      "worker/src/routes/integration/events",
      "worker/src/routes/me",
      "worker/src/routes/side-effect",
    ]);
  });

  it("no route file imports another route file: shared code lives in services/, domain/ or schemas/", () => {
    const files = sourceFiles(routesDir);
    expect(files.length).toBeGreaterThan(5);
    const offenders = files.flatMap((file) => routeImports(file, readFileSync(file, "utf8")).map((target) => `${relative(root, file)} imports ${target}`));
    expect(offenders).toEqual([]);
  });

  /** Who may call fetch: the typed client's fetch with a timeout and the session's fetch under it (both handed to
   * hc), and the dev build's sign-in against the fake Zalo, which is not our API. */
  const FETCHERS: Record<string, string[]> = {
    "miniapp/src/api/client.ts": ["fetch(", "fetchWithTimeout("],
    "miniapp/src/api/account.ts": ["fetchWithTimeout("],
    "miniapp/src/platform/dev-zalo.ts": ["fetch("],
  };

  it("the mini app reaches the API only through the typed client: no path written by hand, no fetch of its own", () => {
    const handWritten = sourceFiles(join(root, "miniapp/src")).flatMap((file) => {
      // Comments may name a route; code may not build one.
      const code = readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
      const found = [...code.matchAll(/["'`]\/v1\/|\bread<|\bfetch\(|fetchWithTimeout\(/g)].map((m) => m[0]);
      const allowed = FETCHERS[relative(root, file)] ?? [];
      return found.filter((m) => !allowed.includes(m)).map((m) => `${relative(root, file)}: ${m}`);
    });
    expect(handWritten).toEqual([]);
  });

  it("the deployed worker carries no bench or demo code: nothing under worker/src reaches into bench/ or scripts/", () => {
    const workerSrc = join(root, "worker/src");
    const outside = sourceFiles(workerSrc).flatMap((file) =>
      importedSpecifiers(readFileSync(file, "utf8"))
        .filter((s) => s.startsWith("."))
        .map((s) => relative(root, resolve(dirname(file), s)))
        .filter((target) => /^(bench|scripts)\//.test(target))
        .map((target) => `${relative(root, file)} imports ${target}`),
    );
    expect(outside).toEqual([]);
    const bench = sourceFiles(workerSrc).filter((file) => readFileSync(file, "utf8").includes("__bench"));
    expect(bench.map((f) => relative(root, f))).toEqual([]);
    // Only the API and its docs run the Worker before the static app.
    const wrangler = readFileSync(join(root, "wrangler.jsonc"), "utf8");
    expect(wrangler).toMatch(/"run_worker_first": \["\/v1\/\*", "\/docs"\]/);
  });

  it("the mini app's modules import each other without a circle (dynamic imports included)", () => {
    const files = sourceFiles(join(root, "miniapp/src"));
    const known = new Set(files);
    const resolveModule = (from: string, spec: string) =>
      ["", ".ts", ".tsx", "/index.ts", "/index.tsx"].map((ext) => resolve(dirname(from), spec) + ext).find((f) => known.has(f));
    const edges = new Map(
      files.map((file) => [
        file,
        importedSpecifiers(readFileSync(file, "utf8"))
          .filter((s) => s.startsWith("."))
          .map((s) => resolveModule(file, s))
          .filter((f): f is string => f !== undefined),
      ]),
    );
    const circles: string[] = [];
    const state = new Map<string, "visiting" | "done">();
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === "done") return;
      if (state.get(file) === "visiting") {
        circles.push([...path.slice(path.indexOf(file)), file].map((f) => relative(root, f)).join(" → "));
        return;
      }
      state.set(file, "visiting");
      for (const next of edges.get(file) ?? []) visit(next, [...path, file]);
      state.set(file, "done");
    };
    for (const file of files) visit(file, []);
    expect(circles).toEqual([]);
  });
});
