/**
 * One form of address: public services speak to citizens as "ông/bà". Every citizen-facing string, in the mini
 * app and in the API's Vietnamese messages, is checked for the informal "bạn".
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { messages } from "../../miniapp/src/messages";
import { renderMessage, MESSAGE_KINDS } from "../../worker/src/domain/notifications";

function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (typeof value === "function") {
    // Message builders: called with plausible arguments so their sentences are checked too.
    try {
      return strings((value as (...args: unknown[]) => unknown)("X", "Y", "Z"));
    } catch {
      return [];
    }
  }
  if (value && typeof value === "object") return Object.values(value).flatMap(strings);
  return [];
}

const informal = /(^|[^\p{L}])bạn([^\p{L}]|$)/iu;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? sourceFiles(file) : /\.(ts|tsx)$/.test(name) ? [file] : [];
  });
}

describe("one form of address", () => {
  it("the mini app never says 'bạn'", () => {
    expect(strings(messages).filter((s) => informal.test(s))).toEqual([]);
  });

  it("no Zalo message says 'bạn'", () => {
    const params = {
      code: "000.00.06.H56-261120-0001",
      documents: ["A"],
      deadline: new Date().toISOString(),
      dueAt: new Date().toISOString(),
      amountVnd: 1000,
    };
    const texts = MESSAGE_KINDS.flatMap((kind) => Object.values(renderMessage(kind, params)));
    expect(texts.filter((s) => informal.test(s))).toEqual([]);
  });

  it("no Vietnamese error or text in the worker's code says 'bạn'", () => {
    const root = path.resolve(import.meta.dirname, "../../worker/src");
    const hits = sourceFiles(root).flatMap((file) =>
      readFileSync(file, "utf8")
        .split("\n")
        .map((line, i) => ({ line, at: `${path.relative(root, file)}:${i + 1}` }))
        .filter(({ line }) => informal.test(line))
        .map(({ at }) => at),
    );
    expect(hits).toEqual([]);
  });
});
