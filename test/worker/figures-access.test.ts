/**
 * Who sees which figures (an officer none, a department head their department, a province admin the province),
 * the public route's absence of anything personal, the CSV against the JSON, bad parameters, and the citizen's
 * say on a feedback's answer: once, two at once give one 200 and one 409, never before an answer, reopening kept.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { slipToken } from "../../worker/src/security/tokens";
import { call, integration, json, putReference, sendEvents, vnDayAt } from "./helpers";
import { SECRET, sendFeedback, voiceProvince } from "./voice-setup";
import { asCitizen } from "./zalo-helpers";

const P = voiceProvince({ province: "figures-b", agency: "000.00.27.H27", commune: "000.00.28.H27", app: "2700000001", unit: "27" });
const OTHER_DEPARTMENT = `kt-${P.agency}`;
const APPLICANT = "Hoàng Thị Bích Ngọc";
const FEEDBACK_TEXT = "Cống thoát nước trước nhà số 9 Lê Lợi bị tắc, xin xử lý giúp.";
const RATING = { extraVisits: "0", agenciesCount: "1", publiclyPosted: "yes", attitude: "courteous", convenience: "convenient", overall: "satisfied" };

let officer: string;
let head: string;
let provinceAdmin: string;

/** A dossier received `days` ago and completed `doneDays` ago (null: still open), due `dueDays` from its receipt. */
function story(n: number, department: string, days: number, dueDays: number, doneDays: number | null) {
  const code = `${P.agency}-251201-${String(8000 + n).padStart(4, "0")}`;
  const events: Record<string, unknown>[] = [
    {
      id: `${code}-received`,
      type: "dossier.received",
      occurredAt: vnDayAt(-days, "08:00"),
      dossierCode: code,
      agencyId: P.agency,
      procedureCode: "1.000894",
      applicant: { name: APPLICANT, idNumber: "038090004321", phone: "0912000111" },
      receivedAt: vnDayAt(-days, "08:00"),
      dueAt: vnDayAt(-days + dueDays, "17:00"),
      departmentId: department,
      officerId: P.officer,
    },
  ];
  if (doneDays !== null) events.push({ id: `${code}-returned`, type: "dossier.returned", occurredAt: vnDayAt(-doneDays, "10:00"), dossierCode: code });
  return { code, events };
}

const staffGet = (session: string, query: string) => asCitizen(session, `/v1/staff/figures${query}`);

beforeAll(async () => {
  const client = await P.setUp();
  await putReference(client, `/v1/integration/departments/${OTHER_DEPARTMENT}`, { agencyId: P.agency, name: "Phòng Kinh tế" });
  officer = await P.linkOfficer(P.officer, "figures-b-officer");
  head = await P.linkOfficer(P.head, "figures-b-head");
  provinceAdmin = await P.linkOfficer(P.admin, "figures-b-admin");
  const stories = [
    story(1, `tp-${P.agency}`, 30, 10, 25), // early
    story(2, `tp-${P.agency}`, 30, 5, 25), // on the due day
    story(3, `tp-${P.agency}`, 30, 3, 20), // late
    story(4, OTHER_DEPARTMENT, 20, 5, 16), // early
    story(5, OTHER_DEPARTMENT, 20, 5, null), // overdue now
  ];
  await sendEvents(
    client,
    stories.flatMap((s) => s.events),
  );
  const rated = stories[0]!.code;
  const res = await call(`/v1/dossiers/${encodeURIComponent(rated)}/rating`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ t: await slipToken(SECRET, rated), ...RATING, comment: "Cán bộ Nguyễn Thị Lan rất nhiệt tình." }),
  });
  expect(res.status).toBe(201);
});

describe("figures by role", () => {
  it("an officer has none; a department head sees their department only; the province admin the province", async () => {
    expect((await staffGet(officer, "")).status).toBe(403);

    const mine = await json(await staffGet(head, "?groupBy=department"));
    expect(mine.scope).toEqual({ level: "department", agencyId: P.agency, departmentId: `tp-${P.agency}` });
    expect(mine.groups.map((g: { key: string }) => g.key)).toEqual([`tp-${P.agency}`]);
    expect(mine.total).toMatchObject({
      completed: 3,
      completedOnTime: 2,
      completedEarly: 1,
      completedLate: 1,
      onTimeRate: 0.6667,
      overdueNow: 0,
      ratings: 1,
      satisfied: 1,
    });
    for (const query of [`?departmentId=${OTHER_DEPARTMENT}`, "?agencyId=000.00.99.H99"]) {
      const refused = await staffGet(head, query);
      expect(refused.status).toBe(403);
      expect((await json(refused)).error.code).toBe("outside_scope");
    }
    expect((await staffGet(head, `?departmentId=tp-${P.agency}`)).status).toBe(200);

    const province = await json(await staffGet(provinceAdmin, "?groupBy=department"));
    expect(province.scope).toEqual({ level: "province" });
    expect(province.groups.map((g: { key: string; name: string }) => [g.key, g.name])).toEqual([
      [OTHER_DEPARTMENT, "Phòng Kinh tế"],
      [`tp-${P.agency}`, "Phòng Tư pháp"],
    ]);
    expect(province.total).toMatchObject({ completed: 4, completedOnTime: 3, overdueNow: 1, onTimeRate: 0.75 });
    const drill = await json(await staffGet(provinceAdmin, `?groupBy=procedure&departmentId=${OTHER_DEPARTMENT}`));
    expect(drill.groups).toEqual([expect.objectContaining({ key: "1.000894", name: "Kết hôn", completed: 1, overdueNow: 1 })]);
  });

  it("the integration API gives the client's own province", async () => {
    const body = await json(await integration(P.client(), "GET", "/v1/integration/figures?groupBy=agency"));
    expect(body.groups).toEqual([expect.objectContaining({ key: P.agency, completed: 4 })]);
  });
});

describe("the public figures", () => {
  it("are counts and rates by agency or month, with nothing personal in them", async () => {
    const res = await call(`/v1/provinces/${P.province}/figures?groupBy=agency`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(JSON.parse(text).total).toMatchObject({ completed: 4, ratings: 1 });
    for (const personal of [APPLICANT, "Nguyễn Thị Lan", "nhiệt tình", "Phòng Tư pháp", P.officer, "038090004321", "Lê Lợi"])
      expect(text).not.toContain(personal);
    expect((await call(`/v1/provinces/${P.province}/figures?groupBy=department`)).status).toBe(400);
    expect((await call("/v1/provinces/no-such-province/figures")).status).toBe(404);
  });
});

describe("the CSV", () => {
  it("has the JSON's numbers, a row per group and a total row, rates as percentages with a decimal comma", async () => {
    const query = "?groupBy=department";
    const table = await json(await staffGet(provinceAdmin, query));
    const res = await staffGet(provinceAdmin, `.csv${query}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder()
      .decode(bytes)
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toMatch(/^Phòng ban,Mã,Hồ sơ đã giải quyết,Đúng hạn,Trước hạn,Trễ hạn,Tỷ lệ đúng hạn \(%\),Đang quá hạn/);
    expect(lines).toHaveLength(table.groups.length + 2);
    const cells = (line: string) => line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, "").replace(/^"|"$/g, ""));
    const rows = [...table.groups, { ...table.total, key: "" }];
    rows.forEach((g: Record<string, number | string | null>, i: number) => {
      const row = cells(lines[i + 1]!);
      expect(row.slice(0, 8)).toEqual([
        String(g.name),
        String(g.key),
        String(g.completed),
        String(g.completedOnTime),
        String(g.completedEarly),
        String(g.completedLate),
        g.onTimeRate === null ? "" : (Math.round((g.onTimeRate as number) * 1000) / 10).toFixed(1).replace(".", ","),
        String(g.overdueNow),
      ]);
    });
    expect(lines.at(-1)).toMatch(/^Tổng cộng,,4,3,2,1,"75,0",1,/);
  });
});

describe("bad parameters", () => {
  it("are a 400 naming the parameter", async () => {
    const cases: [string, string][] = [
      ["?groupBy=officer", "groupBy"],
      ["?from=2026-02-30", "from"],
      ["?to=31/12/2026", "to"],
      ["?from=2026-05-01&to=2026-04-01", "from"],
      [`?from=${vnDayAt(3, "00:00").slice(0, 10)}`, "from"],
      ["?departmentId=%20%3Cscript%3E", "departmentId"],
    ];
    for (const [query, field] of cases) {
      const res = await staffGet(provinceAdmin, query);
      expect(res.status, query).toBe(400);
      const { error } = await json(res);
      expect(error.field, query).toBe(field);
      expect(error.message, query).toMatch(/[àáảãạăâđèéêìíòóôơùúưỳý]/i);
      const signed = await integration(P.client(), "GET", `/v1/integration/figures${query}`);
      expect(signed.status, query).toBe(400);
      expect((await json(signed)).error.field, query).toBe(field);
    }
  });
});

describe("satisfied with the answer?", () => {
  async function feedbackOf(user: string) {
    const citizen = await P.signIn(user);
    const id = (await json(await sendFeedback(citizen, { category: "environment", text: FEEDBACK_TEXT }))).id as number;
    return { citizen, id };
  }
  const answer = async (id: number, text = "Đã thông cống.") => {
    expect((await asCitizen(provinceAdmin, `/v1/staff/feedback/${id}/assign`, "POST", { agencyId: P.agency })).status).toBe(200);
    expect((await asCitizen(provinceAdmin, `/v1/staff/feedback/${id}/answer`, "POST", { text })).status).toBe(200);
  };
  const say = (citizen: string, id: number, satisfied: unknown) => asCitizen(citizen, `/v1/me/feedback/${id}/satisfaction`, "PUT", { satisfied });

  it("is not asked before an answer, is said once, counts, and leaves reopening possible", async () => {
    const { citizen, id } = await feedbackOf("figures-b-citizen-1");
    const before = await json(await asCitizen(citizen, `/v1/me/feedback/${id}`));
    expect(before).toMatchObject({ answerSatisfied: null, canRateAnswer: false });
    const early = await say(citizen, id, true);
    expect(early.status).toBe(409);
    expect((await json(early)).error.code).toBe("not_answered");

    await answer(id);
    expect(await json(await asCitizen(citizen, `/v1/me/feedback/${id}`))).toMatchObject({ answerSatisfied: null, canRateAnswer: true });
    expect((await say(citizen, id, "có")).status).toBe(400);
    const other = await P.signIn("figures-b-citizen-other");
    expect((await say(other, id, true)).status).toBe(404);

    const figuresBefore = (await json(await staffGet(provinceAdmin, "?groupBy=agency"))).total;
    const said = await say(citizen, id, false);
    expect(said.status).toBe(200);
    expect(await json(said)).toMatchObject({ id, answerSatisfied: false, canRateAnswer: false, status: "answered" });
    const again = await say(citizen, id, true);
    expect(again.status).toBe(409);
    expect((await json(again)).error.code).toBe("already_rated");
    const figuresAfter = (await json(await staffGet(provinceAdmin, "?groupBy=agency"))).total;
    expect(figuresAfter.feedbackRated - figuresBefore.feedbackRated).toBe(1);
    expect(figuresAfter.feedbackSatisfied - figuresBefore.feedbackSatisfied).toBe(0);

    const reopened = await asCitizen(citizen, `/v1/me/feedback/${id}/reopen`, "POST", { reason: "Cống lại tắc sau trận mưa." });
    expect(reopened.status).toBe(200);
    expect(await json(reopened)).toMatchObject({ answerSatisfied: false, canRateAnswer: false });
  });

  it("said twice at once: one is stored, the other is told it was already said", async () => {
    const { citizen, id } = await feedbackOf("figures-b-citizen-2");
    await answer(id);
    const both = await Promise.all([say(citizen, id, true), say(citizen, id, false)]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const rows = await env.DB.prepare("SELECT count(*) AS n FROM feedback_answer_ratings WHERE feedback_id = ?").bind(id).first<{ n: number }>();
    expect(rows!.n).toBe(1);
    const counted = await env.DB.prepare("SELECT sum(feedback_rated) AS n FROM figure_counts WHERE province_id = ? AND grain = 'day'")
      .bind(P.province)
      .first<{ n: number }>();
    const stored = await env.DB.prepare("SELECT count(*) AS n FROM feedback_answer_ratings WHERE province_id = ?").bind(P.province).first<{ n: number }>();
    expect(counted!.n).toBe(stored!.n);
  });
});

// Last: it adds a dossier and a rating the tables above do not count.
describe("ratings at once", () => {
  it("ten owners rating one dossier at the same moment count once", async () => {
    const { code, events } = story(9, `tp-${P.agency}`, 10, 5, 6);
    await sendEvents(P.client(), events);
    const before = (await json(await integration(P.client(), "GET", "/v1/integration/figures"))).total.ratings;
    const t = await slipToken(SECRET, code);
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        call(`/v1/dossiers/${encodeURIComponent(code)}/rating`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ t, ...RATING }),
        }),
      ),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect((await json(await integration(P.client(), "GET", "/v1/integration/figures"))).total.ratings).toBe(before + 1);
  });
});
