/**
 * Property-based fuzzing of every operation in the OpenAPI document, with arbitraries read off the document's own
 * schemas (suites/arbitraries.ts): path parameters, queries and bodies that fit, almost fit or are hostile, sent with
 * the credentials the route wants (a citizen's session, the province admin's, X's signature, the admin token), so
 * they pass authentication and reach validation and the work behind it. Every answer is judged by
 * suites/fuzz-support.ts. The seed is fixed, so CI runs are repeatable; fast-check prints it with any failure.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { vnCodeDate } from "../../worker/src/domain/time";
import { call, json, vnTime } from "./helpers";
import { type Actor, seedWorld, send, type World, X, Y } from "./suites/actors";
import { any, asParam, type Hints, type Schema } from "./suites/arbitraries";
import { encodePart, judge, wellFormed } from "./suites/fuzz-support";

const SEED = 20261313;
const BATCH = 10;
/** Batches of BATCH requests: 10,500 a run (and 400 uploads in fuzz-uploads), in about 30 s on 2 cores. */
const RUNS = { all: 800, integration: 250 };

type Operation = { id: string; method: string; path: string; params: Schema[]; body?: { type: string; schema: Schema } };
type Sent = { op: Operation; actor: Actor; path: string; body?: unknown; raw?: string };

let world: World;
let doc: Schema;
let operations: Operation[];
let requests = 0;
const started = Date.now();

/** Operations left out: unlinking takes the fuzzing officer out of the staff area, and it takes no input at all. */
const LEFT_OUT = new Set(["DELETE /v1/staff/link"]);

function credentialsFor(path: string): Actor[] {
  if (path.startsWith("/v1/integration")) return ["clientX"];
  if (path.startsWith("/v1/admin")) return ["operator"];
  if (path.startsWith("/v1/staff")) return ["provinceAdminX", "officerX"];
  if (path.startsWith("/v1/me") || path === "/v1/session") return ["citizenA", "citizenB"];
  return ["anonymous", "citizenA"];
}

function hints(w: World): { params: Hints; body: Hints } {
  const codes = [w.openCode, w.rateBySlipCode, w.rateBySessionCode, w.unlockCode, w.yCode, ...w.askCodes];
  const fresh = Array.from({ length: 20 }, (_, i) => `${X.agency}-${vnCodeDate(vnTime(-i * 1440))}-${String(9000 + i)}`);
  return {
    params: {
      provinceId: [X.province, Y.province],
      code: [...codes, w.openCode.replace(/[.-]/g, "").toLowerCase()],
      id: [w.questionId, w.feedbackId],
      t: Object.values(w.slips),
      token: [w.mediaToken],
      agencyId: [X.agency],
      departmentId: [`tp-${X.agency}`],
      officerId: [`cb-${X.agency}`, "cb-head-x"],
      procedureCode: ["1.000894"],
    },
    body: {
      dossierCode: [...codes.slice(0, 4), ...fresh],
      agencyId: [X.agency],
      departmentId: [`tp-${X.agency}`],
      officerId: [`cb-${X.agency}`],
      procedureCode: ["1.000894"],
      provinceId: [X.province],
      code: codes,
      t: Object.values(w.slips),
    },
  };
}

function requestOf(op: Operation, h: { params: Hints; body: Hints }): fc.Arbitrary<Sent> {
  const params = fc.tuple(
    ...op.params.map((p) => (p.required ? any(doc, p.schema, h.params, p.name) : fc.option(any(doc, p.schema, h.params, p.name), { nil: undefined }))),
  );
  const body = op.body
    ? fc.oneof(
        { arbitrary: any(doc, op.body.schema, h.body).map((value) => ({ value, raw: undefined as string | undefined })), weight: 9 },
        {
          arbitrary: fc.constantFrom("{", "[]", "null", '{"a":', "\u0000", "ö", '{"__proto__":{"admin":true}}').map((raw) => ({ value: undefined, raw })),
          weight: 1,
        },
      )
    : fc.constant(undefined);
  return fc.tuple(params, body, fc.constantFrom(...credentialsFor(op.path))).map(([values, b, actor]) => {
    let path = op.path;
    const query = new URLSearchParams();
    op.params.forEach((p, i) => {
      if (values[i] === undefined) return;
      if (p.in === "path") path = path.replace(`{${p.name}}`, encodePart(wellFormed(asParam(values[i]))));
      else query.set(p.name, wellFormed(asParam(values[i])));
    });
    const qs = query.toString();
    return { op, actor, path: qs ? `${path}?${qs}` : path, body: b?.value, raw: b?.raw };
  });
}

function formOf(value: unknown): FormData {
  const form = new FormData();
  if (value && typeof value === "object" && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) form.append(k, wellFormed(asParam(v)));
  }
  return form;
}

const ANSWER_WITHIN_MS = 20_000;

/** One request and the verdict on its answer; an answer that never comes is a failure too, not a hung run. */
async function sendAndJudge(s: Sent): Promise<string | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<string>((resolve) => {
    timer = setTimeout(
      () =>
        resolve(
          `${s.op.id} as ${s.actor}: ${s.op.method} ${s.path.slice(0, 200)} ${JSON.stringify(s.body ?? s.raw)?.slice(0, 300)} → no answer in ${ANSWER_WITHIN_MS} ms`,
        ),
      ANSWER_WITHIN_MS,
    );
  });
  try {
    return await Promise.race([exchange(s), late]);
  } finally {
    clearTimeout(timer);
  }
}

async function exchange(s: Sent): Promise<string | null> {
  requests++;
  // Each request from an address of its own: the per-address throttles (tested on their own) would otherwise turn
  // most of the run into 429s, and the fuzz must reach validation and ingestion.
  const ip = `10.${(requests >> 8) & 255}.${requests & 255}.9`;
  let res: Response;
  if (s.raw !== undefined) {
    res = await call(s.path, {
      method: s.op.method,
      headers: { "content-type": "application/json", authorization: `Bearer ${world.sessions.citizenA}` },
      body: s.raw,
      ip,
    });
  } else {
    const body = s.op.body?.type === "multipart/form-data" ? formOf(s.body) : s.body;
    res = await send(world, s.actor, s.op.method, s.path, body, ip);
  }
  const text = new TextDecoder().decode(await res.arrayBuffer());
  const verdict = judge(s.path, res.status, res.headers.get("content-type") ?? "", text);
  if (verdict.ok) return null;
  return `${s.op.id} as ${s.actor}: ${s.op.method} ${s.path.slice(0, 200)} ${JSON.stringify(s.body ?? s.raw)?.slice(0, 300)} → ${verdict.why}`;
}

async function fuzz(ops: Operation[], runs: number, seed: number) {
  const h = hints(world);
  const one = fc.oneof(...ops.map((op) => requestOf(op, h)));
  await fc.assert(
    fc.asyncProperty(fc.array(one, { minLength: BATCH, maxLength: BATCH }), async (batch) => {
      const problems = (await Promise.all(batch.map(sendAndJudge))).filter((p): p is string => p !== null);
      expect(problems).toEqual([]);
    }),
    { seed, numRuns: runs, endOnFailure: true },
  );
}

beforeAll(async () => {
  world = await seedWorld();
  doc = await json(await call("/v1/openapi.json"));
  operations = Object.entries(doc.paths as Record<string, Record<string, Schema>>).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => {
      const content = op.requestBody?.content as Record<string, { schema: Schema }> | undefined;
      const [type, media] = Object.entries(content ?? {})[0] ?? [];
      return {
        id: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        params: op.parameters ?? [],
        body: type ? { type, schema: media!.schema } : undefined,
      };
    }),
  );
});

describe("fuzzing", () => {
  it("every operation answers any path, query and body without a 5xx, in the error shape, leaking nothing", async () => {
    const ops = operations.filter((op) => !LEFT_OUT.has(op.id));
    expect(ops.length).toBeGreaterThan(50);
    await fuzz(ops, RUNS.all, SEED);
  }, 600_000);

  it("signed integration bodies from X's own client are validated or ingested, never a 5xx", async () => {
    const ops = operations.filter((op) => op.path.startsWith("/v1/integration") && op.body);
    expect(ops.map((op) => op.id)).toContain("POST /v1/integration/events");
    await fuzz(ops, RUNS.integration, SEED + 1);
    // Valid events were among them: the fuzz reached ingestion, not only validation.
    const listed = await json(await send(world, "clientX", "GET", "/v1/integration/dossiers?limit=500"));
    expect(listed.dossiers.length).toBeGreaterThan(world.askCodes.length + 4);
    console.log(`fuzzing: ${requests} requests in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }, 600_000);

  it("a Zalo token with a character no token has (NUL, CR, LF) is bad input, never sent on to Zalo", async () => {
    for (const accessToken of ["abc\u0000defghij", "abcdefgh\r\nX-Injected: 1", "abcdefgh\nij"]) {
      const res = await call("/v1/session", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ provinceId: X.province, accessToken }),
      });
      expect(res.status).toBe(400);
      expect((await json(res)).error.code).toBe("invalid_request");
    }
  });
});
