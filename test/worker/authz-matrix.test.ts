/**
 * The authorisation matrix: every operation of the OpenAPI document × every kind of caller. The table
 * (suites/authz-table.ts) names who may succeed; everyone else is refused with the status its header explains,
 * changes nothing, and never reads A's personal data. An operation without a row, or a row without an operation,
 * fails the suite.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call, json } from "./helpers";
import { ACTORS, seedWorld, send, type World } from "./suites/actors";
import { expectedRefusal, TABLE } from "./suites/authz-table";

let world: World;
let operations: string[];

beforeAll(async () => {
  world = await seedWorld();
  const doc = await json(await call("/v1/openapi.json"));
  operations = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
    Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
  );
});

/** What a refused request must leave as it was: follows, questions, feedback, ratings, links, keys, consents. */
async function fingerprint(): Promise<string> {
  const row = await env.DB.prepare(
    `SELECT (SELECT count(*) FROM follows) || '|' || (SELECT count(*) FROM ratings) || '|' || (SELECT count(*) FROM staff_links)
      || '|' || (SELECT count(*) FROM integration_clients WHERE revoked_at IS NULL) || '|' || (SELECT count(*) FROM consents)
      || '|' || (SELECT count(*) FROM dossiers) || '|' || (SELECT count(*) FROM officers)
      || '|' || (SELECT group_concat(id || ':' || status || ':' || coalesce(officer_id, ''), ',') FROM questions)
      || '|' || (SELECT group_concat(id || ':' || status || ':' || coalesce(agency_id, ''), ',') FROM feedback) AS f`,
  ).first<{ f: string }>();
  return row!.f;
}

describe("authorisation matrix", () => {
  it("has one row for each operation of the OpenAPI document, and no other", () => {
    const missing = operations.filter((op) => !TABLE[op]).map((op) => `add a row for ${op}`);
    const stale = Object.keys(TABLE)
      .filter((op) => !operations.includes(op))
      .map((op) => `remove the row for ${op}: the API has no such operation`);
    expect([...missing, ...stale]).toEqual([]);
  });

  it("lets only the named actors succeed; refuses the others without a change or a word of A's", async () => {
    const wrong: string[] = [];
    let cells = 0;
    for (const [opIndex, [op, row]] of Object.entries(TABLE).entries()) {
      const [method, template] = op.split(" ") as [string, string];
      for (const [i, actor] of ACTORS.entries()) {
        cells++;
        const cell = `${op} as ${actor}`;
        const { path, body } = await row.request(world, actor);
        if (!path.startsWith(template.replace(/\{.*$/, ""))) throw new Error(`${cell}: the row aims at ${path}`);
        const allowed = row.ok.includes(actor);
        const before = allowed ? "" : await fingerprint();
        // Each caller comes from an address of its own, as different people do, and a new one for each operation: the
        // failed-authentication throttle (20 per address) is tested on its own, not by how many routes refuse.
        const res = await send(world, actor, method, path, body, `10.${opIndex}.100.${i + 10}`);
        const text = new TextDecoder().decode(await res.arrayBuffer());

        if (allowed) {
          if (res.status < 200 || res.status >= 300) wrong.push(`${cell}: ${res.status} ${text.slice(0, 200)}`);
          else row.verify?.(actor, JSON.parse(text));
        } else {
          const expected = expectedRefusal(op, row, actor);
          if (!expected.includes(res.status)) wrong.push(`${cell}: ${res.status}, expected ${expected.join(" or ")}: ${text.slice(0, 200)}`);
          if (res.status >= 400) {
            const error = JSON.parse(text).error;
            if (!error?.code || !error?.message) wrong.push(`${cell}: refusal without the error shape: ${text.slice(0, 200)}`);
          }
          if ((await fingerprint()) !== before) wrong.push(`${cell}: a refused request changed the database`);
        }
        if (actor !== "citizenA" && !(row.sees ?? []).includes(actor)) {
          const leaked = world.privateStrings.filter((s) => text.includes(s));
          if (leaked.length) wrong.push(`${cell}: answer holds A's ${leaked.join(", ")}`);
        }
      }
    }
    console.log(`authorisation matrix: ${Object.keys(TABLE).length} operations × ${ACTORS.length} actors = ${cells} cells`);
    expect(wrong).toEqual([]);
  }, 180_000);
});
