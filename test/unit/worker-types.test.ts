import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");

/** The D1 declarations, from `interface D1Meta` to the end of the D1PreparedStatement class, whitespace-folded. */
function d1Section(source: string): string {
  const start = source.indexOf("interface D1Meta {");
  const end = source.indexOf("declare abstract class D1PreparedStatement", start);
  const close = source.indexOf("\n}", end);
  expect(start, "interface D1Meta not found").toBeGreaterThanOrEqual(0);
  expect(end, "D1PreparedStatement not found").toBeGreaterThan(start);
  return source
    .slice(start, close + 2)
    .replace(/\s+/g, " ")
    .trim();
}

/** The Queues declarations, from `type QueueContentType` to the end of `interface MessageBatch`, whitespace-folded. */
function queueSection(source: string): string {
  const start = source.indexOf("type QueueContentType =");
  const end = source.indexOf("interface MessageBatch<Body = unknown> {", start);
  const close = source.indexOf("\n}", end);
  expect(start, "type QueueContentType = not found").toBeGreaterThanOrEqual(0);
  expect(end, "interface MessageBatch not found").toBeGreaterThan(start);
  return source
    .slice(start, close + 2)
    .replace(/\s+/g, " ")
    .trim();
}

describe("the mini app's copy of the Workers D1 types", () => {
  it("is the same as the generated worker-configuration.d.ts (copy the D1 section again if this fails)", () => {
    expect(d1Section(read("miniapp/src/types/worker-runtime.d.ts"))).toBe(d1Section(read("worker-configuration.d.ts")));
  });
});

describe("the mini app's copy of the Workers Queues types", () => {
  it("is the same as the generated worker-configuration.d.ts (copy the Queues section again if this fails)", () => {
    expect(queueSection(read("miniapp/src/types/worker-runtime.d.ts"))).toBe(queueSection(read("worker-configuration.d.ts")));
  });
});
