/**
 * Rating after pickup with proof of ownership, in workerd with the real local D1: the slip token, a view token
 * from the last 4 digits, or following; refused without proof and before the result; once per dossier even when
 * many try at once. Whether the result came early, on time or late is computed from the dossier's dates, never
 * asked, against the due date given at receipt.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { dueAtReceipt, timeVsLimit } from "../../worker/src/domain/voice";
import { slipToken, viewToken } from "../../worker/src/security/tokens";
import { call, createProvince, DAY_MINUTES, intake, integration, json, sendEvents, vnDayAt, type Client } from "./helpers";
import { asCitizen, connectZalo, follow, signIn, vnTime } from "./zalo-helpers";

const PROVINCE = "rating-a";
const AGENCY = "000.00.71.H71";
const APP = "7100000001";
const SECRET = "test-server-secret-0123456789abcdef";
const OFFICER = `cb-${AGENCY}`;
let client: Client;

beforeAll(async () => {
  client = await createProvince(PROVINCE, AGENCY);
  await connectZalo(PROVINCE, APP);
});

/** What the citizen answers: everything but the time against the due date, which is computed. */
const ANSWERS = {
  extraVisits: "0",
  agenciesCount: "1",
  publiclyPosted: "yes",
  attitude: "courteous",
  convenience: "convenient",
  overall: "very_satisfied",
};

const ASKED = ["extraVisits", "agenciesCount", "publiclyPosted", "attitude", "convenience", "overall"];

/** A dossier of the province with the events after its intake (`then` gets its code). */
async function dossier(then: (code: string) => unknown[] = returned, intakeOverrides: Record<string, unknown> = {}) {
  const received = intake(AGENCY, {
    occurredAt: vnTime(-3 * DAY_MINUTES),
    receivedAt: vnTime(-3 * DAY_MINUTES),
    dueAt: vnTime(5 * DAY_MINUTES),
    ...intakeOverrides,
  });
  await sendEvents(client, [received, ...then(received.dossierCode)]);
  return received.dossierCode;
}

function returned(code: string) {
  return [
    { id: `${code}-ready`, type: "dossier.result_ready", occurredAt: vnTime(-60), dossierCode: code },
    { id: `${code}-returned`, type: "dossier.returned", occurredAt: vnTime(-30), dossierCode: code },
  ];
}

const path = (code: string) => `/v1/dossiers/${encodeURIComponent(code)}/rating`;

function rateWith(code: string, body: Record<string, unknown>, session?: string) {
  return call(path(code), {
    method: "POST",
    headers: { "content-type": "application/json", ...(session ? { authorization: `Bearer ${session}` } : {}) },
    body: JSON.stringify(body),
  });
}

const formWith = (code: string, t?: string) => call(t === undefined ? path(code) : `${path(code)}?t=${encodeURIComponent(t)}`);

async function unlock(code: string): Promise<string> {
  const res = await call(`/v1/dossiers/${encodeURIComponent(code)}/unlock`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ idNumberLast4: "1234" }),
  });
  expect(res.status).toBe(200);
  return (await json(res)).viewToken;
}

type RatingRow = {
  proof: string;
  citizen_id: number | null;
  time_vs_limit: string;
  agency_id: string;
  department_id: string | null;
  officer_id: string | null;
  overall: string;
};
const ratingRow = (code: string) => env.DB.prepare("SELECT * FROM ratings WHERE dossier_code = ?").bind(code).first<RatingRow>();
const ratingCount = async (code: string) =>
  (await env.DB.prepare("SELECT count(*) AS n FROM ratings WHERE dossier_code = ?").bind(code).first<{ n: number }>())!.n;
const citizenId = async (zaloUser: string) =>
  (await env.DB.prepare("SELECT id FROM citizens WHERE app_id = ? AND zalo_user_id = ?").bind(APP, zaloUser).first<{ id: number }>())!.id;

describe("the time against the due date, computed", () => {
  const due = "2026-11-20T09:30:00Z"; // 16:30 on 20/11 in Vietnam
  const received = [{ type: "dossier.received", dueAt: due }];

  it("compares calendar days in Asia/Ho_Chi_Minh: the due day is on time, a day before is early, a day after is late", () => {
    expect(timeVsLimit({ completedAt: "2026-11-19T16:59:00Z", dueAt: due, timeline: received })).toBe("early"); // 23:59 on 19/11
    expect(timeVsLimit({ completedAt: "2026-11-19T17:00:00Z", dueAt: due, timeline: received })).toBe("on_time"); // 00:00 on 20/11
    expect(timeVsLimit({ completedAt: "2026-11-20T16:59:00Z", dueAt: due, timeline: received })).toBe("on_time"); // 23:59, after the hour
    expect(timeVsLimit({ completedAt: "2026-11-20T17:00:00Z", dueAt: due, timeline: received })).toBe("late"); // 00:00 on 21/11
    expect(timeVsLimit({ completedAt: "2026-11-02T03:00:00Z", dueAt: due, timeline: received })).toBe("early");
  });

  it("counts a date moved with an apology against the date given at receipt: such a dossier was late", () => {
    const moved = [...received, { type: "dossier.due_changed", previousDueAt: due, dueAt: "2026-11-27T09:30:00Z" }];
    const now = { dueAt: "2026-11-27T09:30:00Z", timeline: moved };
    expect(dueAtReceipt(now)).toBe(due);
    // Done by the new date, after the one on the slip.
    expect(timeVsLimit({ ...now, completedAt: "2026-11-25T03:00:00Z" })).toBe("late");
    // Even done by the slip's date: the agency gave an apology and a new date (Decision 766/QĐ-TTg).
    expect(timeVsLimit({ ...now, completedAt: "2026-11-18T03:00:00Z" })).toBe("late");
  });

  it("takes the date given at receipt from the first move when there were several", () => {
    const twice = [
      ...received,
      { type: "dossier.due_changed", previousDueAt: due, dueAt: "2026-11-24T09:30:00Z" },
      { type: "dossier.due_changed", previousDueAt: "2026-11-24T09:30:00Z", dueAt: "2026-11-30T09:30:00Z" },
    ];
    expect(dueAtReceipt({ dueAt: "2026-11-30T09:30:00Z", timeline: twice })).toBe(due);
    expect(timeVsLimit({ completedAt: "2026-11-29T03:00:00Z", dueAt: "2026-11-30T09:30:00Z", timeline: twice })).toBe("late");
  });

  it("a date moved earlier is no apology: the date given at receipt still decides", () => {
    const earlier = [...received, { type: "dossier.due_changed", previousDueAt: due, dueAt: "2026-11-18T09:30:00Z" }];
    expect(timeVsLimit({ completedAt: "2026-11-19T03:00:00Z", dueAt: "2026-11-18T09:30:00Z", timeline: earlier })).toBe("early");
    expect(timeVsLimit({ completedAt: "2026-11-20T03:00:00Z", dueAt: "2026-11-18T09:30:00Z", timeline: earlier })).toBe("on_time");
  });

  it("is what a rated dossier stores, from its real events, whatever the form sent", async () => {
    const cases = {
      early: await dossier(returned),
      on_time: await dossier(
        (code) => [
          { id: `${code}-ready`, type: "dossier.result_ready", occurredAt: vnDayAt(-1, "09:00"), dossierCode: code },
          { id: `${code}-returned`, type: "dossier.returned", occurredAt: vnTime(-10), dossierCode: code },
        ],
        { occurredAt: vnDayAt(-6, "08:00"), receivedAt: vnDayAt(-6, "08:00"), dueAt: vnDayAt(-1, "16:30") },
      ),
      late: await dossier((code) => [{ id: `${code}-ready`, type: "dossier.result_ready", occurredAt: vnDayAt(-1, "10:00"), dossierCode: code }], {
        occurredAt: vnDayAt(-10, "08:00"),
        receivedAt: vnDayAt(-10, "08:00"),
        dueAt: vnDayAt(-3, "16:30"),
      }),
      // Moved with an apology before the slip's date, then done by the new date.
      moved: await dossier(
        (code) => [
          {
            id: `${code}-moved`,
            type: "dossier.due_changed",
            occurredAt: vnDayAt(-5, "15:00"),
            dossierCode: code,
            dueAt: vnDayAt(2, "16:30"),
            reason: "Cần xác minh thêm.",
          },
          { id: `${code}-ready`, type: "dossier.result_ready", occurredAt: vnDayAt(-1, "10:00"), dossierCode: code },
        ],
        { occurredAt: vnDayAt(-10, "08:00"), receivedAt: vnDayAt(-10, "08:00"), dueAt: vnDayAt(-4, "16:30") },
      ),
    };
    const expected = { early: "early", on_time: "on_time", late: "late", moved: "late" } as const;
    for (const [name, code] of Object.entries(cases)) {
      const t = await slipToken(SECRET, code);
      const form = await json(await formWith(code, t));
      const want = expected[name as keyof typeof expected];
      expect(form.known, name).toEqual([
        { id: "timeVsLimit", label: "Thời gian giải quyết so với thời hạn quy định", value: want, valueLabel: expect.any(String) },
      ]);
      // A client that still sends the answer is not believed.
      const sent = want === "late" ? "early" : "late";
      const res = await rateWith(code, { t, ...ANSWERS, timeVsLimit: sent });
      expect(res.status, name).toBe(201);
      expect((await json(res)).answers.timeVsLimit, name).toBe(want);
      expect((await ratingRow(code))!.time_vs_limit, name).toBe(want);
    }
    expect((await json(await formWith(cases.on_time, await slipToken(SECRET, cases.on_time)))).known[0].valueLabel).toBe("Đúng hẹn");
  });
});

describe("rating with proof of ownership", () => {
  it("the slip token rates a returned dossier with nobody signed in; the form asks only what the citizen knows", async () => {
    const code = await dossier();
    const t = await slipToken(SECRET, code);
    const form = await json(await formWith(code, t));
    expect(form).toMatchObject({ canRate: true, reason: null, rating: null });
    expect(form.questions.map((q: { id: string }) => q.id)).toEqual(ASKED);
    expect(form.known).toEqual([{ id: "timeVsLimit", label: "Thời gian giải quyết so với thời hạn quy định", value: "early", valueLabel: "Sớm hơn hẹn" }]);

    const missing = await rateWith(code, { t, ...ANSWERS, overall: undefined });
    expect(missing.status).toBe(400);
    expect((await json(missing)).error).toMatchObject({ field: "overall", message: expect.stringMatching(/Đánh giá chung/) });

    const res = await rateWith(code, { t, ...ANSWERS, comment: "  Nhanh gọn.  " });
    expect(res.status).toBe(201);
    expect(await json(res)).toMatchObject({ dossierCode: code, answers: { ...ANSWERS, timeVsLimit: "early" }, comment: "Nhanh gọn." });
    expect(await ratingRow(code)).toMatchObject({ proof: "slip", citizen_id: null, agency_id: AGENCY, department_id: `tp-${AGENCY}`, officer_id: OFFICER });

    const again = await rateWith(code, { t, ...ANSWERS, overall: "dissatisfied" });
    expect(again.status).toBe(409);
    expect((await json(again)).error.code).toBe("already_rated");
    expect(await json(await formWith(code, t))).toMatchObject({ canRate: false, reason: "already_rated", rating: { answers: { overall: "very_satisfied" } } });
    expect(await ratingCount(code)).toBe(1);
  });

  it("a view token from the last 4 digits rates too, and a signed-in caller is recorded; a bad session is not trusted", async () => {
    const code = await dossier();
    const session = await signIn(PROVINCE, APP, "rating-viewer");
    const res = await rateWith(code, { t: await unlock(code), ...ANSWERS }, session);
    expect(res.status).toBe(201);
    expect(await ratingRow(code)).toMatchObject({ proof: "view", citizen_id: await citizenId("rating-viewer") });

    const other = await dossier();
    const forged = `${session.slice(0, -4)}AAAA`;
    expect((await rateWith(other, { t: await slipToken(SECRET, other), ...ANSWERS }, forged)).status).toBe(201);
    expect(await ratingRow(other)).toMatchObject({ proof: "slip", citizen_id: null });

    // A citizen of another province holding the slip rates it, but is not recorded as this province's citizen.
    await createProvince("rating-b", "000.00.72.H72");
    await connectZalo("rating-b", "7200000001");
    const elsewhere = await signIn("rating-b", "7200000001", "rating-visitor");
    const third = await dossier();
    expect((await rateWith(third, { t: await slipToken(SECRET, third), ...ANSWERS }, elsewhere)).status).toBe(201);
    expect(await ratingRow(third)).toMatchObject({ proof: "slip", citizen_id: null });
  });

  it("a follower rates through the signed-in route, and the token route then sees the rating", async () => {
    const code = await dossier();
    const session = await signIn(PROVINCE, APP, "rating-follower");
    await follow(session, code, await slipToken(SECRET, code));
    const form = await json(await asCitizen(session, path(code).replace("/v1/dossiers/", "/v1/me/dossiers/")));
    expect(form.questions.map((q: { id: string }) => q.id)).toEqual(ASKED);
    const res = await asCitizen(session, `/v1/me/dossiers/${encodeURIComponent(code)}/rating`, "POST", ANSWERS);
    expect(res.status).toBe(201);
    expect(await ratingRow(code)).toMatchObject({ proof: "follow", citizen_id: await citizenId("rating-follower"), time_vs_limit: "early" });
    expect(await json(await formWith(code, await slipToken(SECRET, code)))).toMatchObject({ reason: "already_rated" });
  });

  it("is refused without proof, with a wrong or an expired token, the same whether or not the code exists", async () => {
    const code = await dossier();
    const unknown = `${AGENCY}-${code.split("-")[1]}-9999`;
    const someoneElses = await slipToken(SECRET, await dossier());
    const expired = (c: string) => viewToken(SECRET, c, Date.now() - 31 * 60_000).then((v) => v.token);

    for (const target of [code, unknown]) {
      const attempts: [string, string | undefined, string][] = [
        ["no proof", undefined, "owner_proof_required"],
        ["someone else's slip", someoneElses, "invalid_token"],
        ["a made-up token", "AAAAAAAAAAAAAAAA", "invalid_token"],
        ["an expired view token", await expired(target), "token_expired"],
      ];
      for (const [what, t, error] of attempts) {
        const post = await rateWith(target, { ...(t === undefined ? {} : { t }), ...ANSWERS });
        const get = await formWith(target, t);
        for (const res of [post, get]) {
          expect(res.status, `${what} for ${target}`).toBe(403);
          const body = await json(res);
          expect(body.error.code, `${what} for ${target}`).toBe(error);
          expect(body.error.message).toMatch(/[àáảãạăâđèéêìíòóôơùúưỳý]/i);
        }
      }
    }
    // Signed in but neither following nor holding a token: still no proof.
    const stranger = await signIn(PROVINCE, APP, "rating-stranger");
    expect((await rateWith(code, ANSWERS, stranger)).status).toBe(403);
    expect((await asCitizen(stranger, `/v1/me/dossiers/${encodeURIComponent(code)}/rating`, "POST", ANSWERS)).status).toBe(404);
    expect(await ratingCount(code)).toBe(0);
  });

  it("answers bad input with a 4xx in Vietnamese, never a 500", async () => {
    const code = await dossier();
    const t = await slipToken(SECRET, code);
    const raw = (body: string, contentType: string | null = "application/json") =>
      call(path(code), { method: "POST", headers: contentType ? { "content-type": contentType } : {}, body });
    const cases: [string, Promise<Response>, number][] = [
      ["malformed JSON", raw("{not json"), 400],
      ["an array", raw("[]"), 400],
      ["an answer not among the options", rateWith(code, { t, ...ANSWERS, attitude: "rude" }), 400],
      ["a token too long", rateWith(code, { t: "a".repeat(65), ...ANSWERS }), 400],
      ["a token of the wrong type", rateWith(code, { t: 12345, ...ANSWERS }), 400],
      ["a comment too long", rateWith(code, { t, ...ANSWERS, comment: "x".repeat(1001) }), 400],
      ["no content type", raw(JSON.stringify({ t, ...ANSWERS }), null), 415],
      ["a body too large", raw(JSON.stringify({ t, ...ANSWERS, pad: "x".repeat(20_000) })), 413],
      ["a token too long in the query", formWith(code, "a".repeat(65)), 400],
      ["a malformed code", formWith("abc def", t), 400],
    ];
    for (const [what, pending, status] of cases) {
      const res = await pending;
      expect(res.status, what).toBe(status);
      expect((await json(res)).error.message, what).toMatch(/[àáảãạăâđèéêìíòóôơùúưỳý]/i);
    }
    expect(await ratingCount(code)).toBe(0);
  });

  it("is taken only once the result is ready (status 9) or returned (10)", async () => {
    const processing = await dossier((code) => [{ id: `${code}-4`, type: "dossier.status_changed", occurredAt: vnTime(-60), dossierCode: code, status: 4 }]);
    const refused = await dossier((code) => [
      { id: `${code}-refused`, type: "dossier.refused", occurredAt: vnTime(-60), dossierCode: code, reason: "Không thuộc thẩm quyền." },
    ]);
    for (const code of [processing, refused]) {
      const t = await slipToken(SECRET, code);
      expect(await json(await formWith(code, t))).toMatchObject({ canRate: false, reason: "not_finished", known: [] });
      const res = await rateWith(code, { t, ...ANSWERS });
      expect(res.status).toBe(409);
      expect((await json(res)).error).toMatchObject({ code: "dossier_not_finished", message: "Chỉ đánh giá được khi hồ sơ đã có kết quả." });
      expect(await ratingCount(code)).toBe(0);
    }

    const ready = await dossier((code) => [{ id: `${code}-ready`, type: "dossier.result_ready", occurredAt: vnTime(-60), dossierCode: code }]);
    const t = await slipToken(SECRET, ready);
    expect(await json(await formWith(ready, t))).toMatchObject({ canRate: true });
    expect((await rateWith(ready, { t, ...ANSWERS })).status).toBe(201);
  });

  it("is taken once when ten owners try at the same moment with different proofs: one 201, nine 409, one row", async () => {
    const code = await dossier();
    const slip = await slipToken(SECRET, code);
    const followers = await Promise.all(["rating-race-1", "rating-race-2"].map((u) => signIn(PROVINCE, APP, u)));
    for (const s of followers) await follow(s, code, slip);
    const signedIn = await signIn(PROVINCE, APP, "rating-race-3");
    const views = [await unlock(code), await unlock(code), (await viewToken(SECRET, code, Date.now())).token];

    const attempts: { proof: string; send: () => Promise<Response> }[] = [
      ...[0, 1, 2].map(() => ({ proof: "slip", send: () => rateWith(code, { t: slip, ...ANSWERS }) })),
      ...[0, 1].map(() => ({ proof: "slip", send: () => rateWith(code, { t: slip, ...ANSWERS, overall: "satisfied" }, signedIn) })),
      ...views.map((t) => ({ proof: "view", send: () => rateWith(code, { t, ...ANSWERS, overall: "dissatisfied" }) })),
      ...followers.map((s) => ({ proof: "follow", send: () => asCitizen(s, `/v1/me/dossiers/${encodeURIComponent(code)}/rating`, "POST", ANSWERS) })),
    ];
    expect(attempts).toHaveLength(10);
    // Every proof checked once before the race, so none of the ten is slowed by a first-time key derivation.
    for (const t of [slip, views[0]!]) expect((await formWith(code, t)).status).toBe(200);
    expect((await asCitizen(followers[0]!, `/v1/me/dossiers/${encodeURIComponent(code)}/rating`)).status).toBe(200);
    const responses = await Promise.all(attempts.map((a) => a.send()));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(9);
    for (const res of responses.filter((r) => r.status === 409)) expect((await json(res)).error.code).toBe("already_rated");
    expect(await ratingCount(code)).toBe(1);
    const winner = attempts[statuses.indexOf(201)]!;
    expect((await ratingRow(code))!.proof).toBe(winner.proof);
  });
});

describe("the figures", () => {
  it("count every rating, whichever proof it came with, per officer and month", async () => {
    const rows = await env.DB.prepare("SELECT proof, overall FROM ratings WHERE province_id = ?").bind(PROVINCE).all<{ proof: string; overall: string }>();
    const proofs = new Set(rows.results.map((r) => r.proof));
    expect(proofs).toEqual(new Set(["slip", "view", "follow"]));
    const tally = (o: string) => rows.results.filter((r) => r.overall === o).length;
    const total = rows.results.length;

    const byOfficer = await json(await integration(client, "GET", "/v1/integration/ratings/summary?groupBy=officer"));
    const satisfied = tally("very_satisfied") + tally("satisfied");
    expect(byOfficer.rows).toEqual([
      {
        key: OFFICER,
        name: "Nguyễn Thị Lan",
        total,
        verySatisfied: tally("very_satisfied"),
        satisfied: tally("satisfied"),
        dissatisfied: tally("dissatisfied"),
        satisfactionRate: Math.round((satisfied / total) * 10_000) / 10_000,
      },
    ]);
    const month = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 7);
    const byMonth = await json(await integration(client, "GET", "/v1/integration/ratings/summary?groupBy=month"));
    expect(byMonth.rows).toEqual([expect.objectContaining({ key: month, total })]);
    expect(total).toBeGreaterThanOrEqual(10);
  });
});
