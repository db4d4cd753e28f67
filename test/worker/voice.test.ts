/**
 * The citizen's voice, end to end in workerd with the real local D1 and queue: ratings after pickup and questions
 * to the handling officer (answer, escalation after 2 working days, reassignment), and the messages each step sends
 * through the notification pipeline to the fake Zalo. Feedback is in voice-feedback.test.ts.
 */
import { env } from "cloudflare:workers";
import { createScheduledController } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import worker from "../../worker/src/index";
import { addWorkingDays } from "../../worker/src/domain/voice";
import { integration, json, putReference, sendEvents, waitFor } from "./helpers";
import { returned, voiceProvince, zaloKinds } from "./voice-setup";
import { asCitizen, fake, signIn } from "./zalo-helpers";

const voice = voiceProvince({ province: "voice-a", agency: "000.00.51.H51", commune: "000.00.52.H51", app: "5100000001", unit: "51" });
const { province: PROVINCE, agency: AGENCY, app: APP, officer: OFFICER, linkOfficer, citizenWithDossier } = voice;
let client: ReturnType<typeof voice.client>;

beforeAll(async () => {
  client = await voice.setUp();
});

const GOOD_RATING = {
  extraVisits: "0",
  agenciesCount: "1",
  publiclyPosted: "yes",
  attitude: "courteous",
  convenience: "convenient",
  overall: "very_satisfied",
  comment: "Cán bộ hướng dẫn rất tận tình.",
};

describe("rating after pickup", () => {
  it("is refused before the result, with the reason, and the survey questions come from the server", async () => {
    const { session, code } = await citizenWithDossier("rate-early");
    const form = await json(await asCitizen(session, `/v1/me/dossiers/${code}/rating`));
    expect(form).toMatchObject({ canRate: false, reason: "not_finished", rating: null });
    // Whether it came early, on time or late is computed, never asked.
    expect(form.questions.map((q: { id: string }) => q.id)).toEqual(["extraVisits", "agenciesCount", "publiclyPosted", "attitude", "convenience", "overall"]);
    expect(form.known).toEqual([]);
    expect(form.questions.at(-1).options.map((o: { label: string }) => o.label)).toEqual(["Rất hài lòng", "Hài lòng", "Không hài lòng"]);
    const res = await asCitizen(session, `/v1/me/dossiers/${code}/rating`, "POST", GOOD_RATING);
    expect(res.status).toBe(409);
    expect((await json(res)).error.message).toMatch(/đã có kết quả/);
    expect((await env.DB.prepare("SELECT count(*) AS n FROM ratings WHERE dossier_code = ?").bind(code).first<{ n: number }>())!.n).toBe(0);
  });

  it("is taken once from the follower of a returned dossier; bad values are refused in Vietnamese", async () => {
    const { session, code } = await citizenWithDossier("rate-ok", returned);
    expect(await json(await asCitizen(session, `/v1/me/dossiers/${code}/rating`))).toMatchObject({
      canRate: true,
      reason: null,
      known: [{ id: "timeVsLimit", value: "early", valueLabel: "Sớm hơn hẹn" }],
    });

    const bad = await asCitizen(session, `/v1/me/dossiers/${code}/rating`, "POST", { ...GOOD_RATING, overall: "ok" });
    expect(bad.status).toBe(400);
    expect((await json(bad)).error).toMatchObject({ field: "overall", message: expect.stringMatching(/Đánh giá chung/) });
    const missing = await asCitizen(session, `/v1/me/dossiers/${code}/rating`, "POST", { overall: "satisfied" });
    expect(missing.status).toBe(400);
    const long = await asCitizen(session, `/v1/me/dossiers/${code}/rating`, "POST", { ...GOOD_RATING, comment: "x".repeat(1001) });
    expect(long.status).toBe(400);

    // Returned the day it was received, five days before its due date: early, whatever an older client says.
    const first = await asCitizen(session, `/v1/me/dossiers/${code}/rating`, "POST", { ...GOOD_RATING, timeVsLimit: "late" });
    expect(first.status).toBe(201);
    expect(await json(first)).toMatchObject({ dossierCode: code, answers: { overall: "very_satisfied", timeVsLimit: "early" }, comment: GOOD_RATING.comment });
    const twice = await asCitizen(session, `/v1/me/dossiers/${code}/rating`, "POST", { ...GOOD_RATING, overall: "dissatisfied" });
    expect(twice.status).toBe(409);
    const form = await json(await asCitizen(session, `/v1/me/dossiers/${code}/rating`));
    expect(form).toMatchObject({ canRate: false, reason: "already_rated", rating: { answers: { overall: "very_satisfied" } } });
  });

  it("is refused to someone who does not follow the dossier, even another follower-to-be with the code", async () => {
    const { code } = await citizenWithDossier("rate-owner", returned);
    const stranger = await signIn(PROVINCE, APP, "rate-stranger");
    expect((await asCitizen(stranger, `/v1/me/dossiers/${code}/rating`, "POST", GOOD_RATING)).status).toBe(404);
    expect((await asCitizen(stranger, `/v1/me/dossiers/${code}/rating`)).status).toBe(404);
  });

  it("the returned message invites the rating and opens the rating page", async () => {
    const { code } = await citizenWithDossier("rate-invite");
    // Followers as of the event are messaged: it happens after following.
    await sendEvents(client, returned(code));
    const messages = await waitFor("the returned message", async () => {
      const { messages } = await fake<{ messages: { templateId: string; templateData: Record<string, string> }[] }>(`/__fake/messages?userId=rate-invite`);
      return messages.find((m) => m.templateId === "tpl-returned");
    });
    expect(messages.templateData).toMatchObject({ buttonText: "Đánh giá", path: `/rate?code=${encodeURIComponent(code)}` });
  });

  it("aggregates per agency, department, officer and month for the dashboard (staff by role, integrators by province)", async () => {
    const dissatisfied = await citizenWithDossier("rate-agg", returned);
    await asCitizen(dissatisfied.session, `/v1/me/dossiers/${dissatisfied.code}/rating`, "POST", { ...GOOD_RATING, overall: "dissatisfied" });
    const res = await integration(client, "GET", "/v1/integration/ratings/summary?groupBy=officer");
    expect(res.status).toBe(200);
    const summary = await json(res);
    // rate-ok (very satisfied) and rate-agg (dissatisfied), both handled by the province's officer.
    expect(summary.rows).toEqual([{ key: OFFICER, name: "Nguyễn Thị Lan", total: 2, verySatisfied: 1, satisfied: 0, dissatisfied: 1, satisfactionRate: 0.5 }]);
    expect(summary.total).toMatchObject({ total: 2, satisfactionRate: 0.5 });
    const byMonth = await json(await integration(client, "GET", "/v1/integration/ratings/summary?groupBy=month"));
    const month = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 7);
    expect(byMonth.rows).toEqual([expect.objectContaining({ key: month, name: month, total: 2 })]);
    const byAgency = await json(await integration(client, "GET", "/v1/integration/ratings/summary?groupBy=agency&from=2000-01&to=2000-12"));
    expect(byAgency).toMatchObject({ rows: [], total: { total: 0, satisfactionRate: null } });
    const bad = await integration(client, "GET", "/v1/integration/ratings/summary?groupBy=week");
    expect(bad.status).toBe(400);
  });
});

describe("questions to the handling officer", () => {
  it("reach the officer's staff inbox and Zalo; the answer shows in the dossier's thread and is messaged", async () => {
    const officer = await linkOfficer(OFFICER, "officer-lan-51");
    const { session, code } = await citizenWithDossier("asker-1");
    const asked = await asCitizen(session, `/v1/me/dossiers/${code}/questions`, "POST", { text: "Khi nào tôi cần mang bản gốc giấy khai sinh đến?" });
    expect(asked.status).toBe(201);
    const question = await json(asked);
    expect(question).toMatchObject({ mine: true, status: "open", answer: null });

    const inbox = await json(await asCitizen(officer, "/v1/staff/inbox"));
    const item = inbox.questions.find((q: { id: number }) => q.id === question.id);
    expect(item).toMatchObject({ dossierCode: code, procedureName: "Đăng ký kết hôn", escalated: false, officer: { id: OFFICER } });
    expect(Date.parse(item.escalateAt)).toBe(Date.parse(addWorkingDays(question.askedAt, 2)));
    await waitFor("the officer's message", async () => (await zaloKinds("officer-lan-51")).includes("staff_question"));

    const empty = await asCitizen(officer, `/v1/staff/questions/${question.id}/answer`, "POST", { text: " " });
    expect(empty.status).toBe(400);
    const answered = await asCitizen(officer, `/v1/staff/questions/${question.id}/answer`, "POST", { text: "Ông/bà mang bản gốc khi đến nhận kết quả." });
    expect(answered.status).toBe(200);
    expect(await json(answered)).toMatchObject({ status: "answered", answer: { officerName: "Nguyễn Thị Lan" } });
    expect((await asCitizen(officer, `/v1/staff/questions/${question.id}/answer`, "POST", { text: "Trả lời lần hai." })).status).toBe(409);

    const thread = await json(await asCitizen(session, `/v1/me/dossiers/${code}/questions`));
    expect(thread.questions).toEqual([
      expect.objectContaining({
        id: question.id,
        status: "answered",
        answer: expect.objectContaining({ text: "Ông/bà mang bản gốc khi đến nhận kết quả.", officerName: "Nguyễn Thị Lan", officerTitle: "Chuyên viên" }),
      }),
    ]);
    await waitFor("the answer message", async () => (await zaloKinds("asker-1")).includes("question_answered"));
  });

  it("allows at most 3 unanswered questions per citizen and dossier", async () => {
    const { session, code } = await citizenWithDossier("asker-many");
    for (let i = 0; i < 3; i++)
      expect((await asCitizen(session, `/v1/me/dossiers/${code}/questions`, "POST", { text: `Câu hỏi số ${i + 1} ạ?` })).status).toBe(201);
    const fourth = await asCitizen(session, `/v1/me/dossiers/${code}/questions`, "POST", { text: "Câu hỏi số 4 ạ?" });
    expect(fourth.status).toBe(429);
    expect((await json(fourth)).error.message).toMatch(/chưa được trả lời/);
    expect((await asCitizen(session, `/v1/me/dossiers/${code}/questions`, "POST", { text: "ngắn" })).status).toBe(400);
  });

  it("holds the cap when questions are sent at once: 10 together leave exactly 3 open, each messaged once", async () => {
    const { session, code } = await citizenWithDossier("asker-burst");
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => asCitizen(session, `/v1/me/dossiers/${code}/questions`, "POST", { text: `Câu hỏi cùng lúc số ${i + 1} ạ?` })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 201, 201, 429, 429, 429, 429, 429, 429, 429]);
    const open = await env.DB.prepare("SELECT count(*) AS n FROM questions WHERE dossier_code = ? AND status = 'open'").bind(code).first<{ n: number }>();
    expect(open!.n).toBe(3);
    const told = await env.DB.prepare("SELECT count(*) AS n FROM outbox WHERE kind = 'staff_question' AND dossier_code = ?").bind(code).first<{ n: number }>();
    expect(told!.n).toBe(3);
  });

  it("escalates to the department head after 2 working days unanswered, once, and not at night", async () => {
    const head = await linkOfficer("cb-head51", "head-ha-51");
    const { session, code } = await citizenWithDossier("asker-late");
    const question = await json(await asCitizen(session, `/v1/me/dossiers/${code}/questions`, "POST", { text: "Hồ sơ của tôi đang ở bước nào?" }));
    const due = Date.parse(addWorkingDays(question.askedAt, 2));
    const hourly = async (at: number) => worker.scheduled(createScheduledController({ cron: "17 * * * *", scheduledTime: at }), env);

    await hourly(due - 60 * 60_000);
    let row = await env.DB.prepare("SELECT escalated_at FROM questions WHERE id = ?").bind(question.id).first<{ escalated_at: string | null }>();
    expect(row!.escalated_at).toBeNull();

    // The first daytime hour at or after the deadline (07:00–20:00 in Vietnam).
    let at = due;
    while ((new Date(at + 7 * 3600_000).getUTCHours() + 24) % 24 < 7 || new Date(at + 7 * 3600_000).getUTCHours() >= 20) at += 60 * 60_000;
    await hourly(at);
    await hourly(at + 60 * 60_000);
    row = await env.DB.prepare("SELECT escalated_at FROM questions WHERE id = ?").bind(question.id).first<{ escalated_at: string | null }>();
    expect(row!.escalated_at).not.toBeNull();
    const inbox = await json(await asCitizen(head, "/v1/staff/inbox"));
    // Escalated questions come first in the head's inbox.
    expect(inbox.questions.filter((q: { escalated: boolean }) => q.escalated).map((q: { id: number }) => q.id)).toContain(question.id);
    const flags = inbox.questions.map((q: { escalated: boolean }) => q.escalated);
    expect(flags).toEqual([...flags].sort((a, b) => Number(b) - Number(a)));
    await waitFor("the escalation message", async () => {
      const { messages } = await fake<{ messages: { templateId: string; templateData: Record<string, string> }[] }>("/__fake/messages?userId=head-ha-51");
      return messages.filter((m) => m.templateId === "tpl-staff_question_escalated" && m.templateData.code === code).length === 1;
    });
    const rows = await env.DB.prepare("SELECT count(*) AS n FROM outbox WHERE kind = 'staff_question_escalated' AND dedupe_key LIKE ?")
      .bind(`escalated:${question.id}:%`)
      .first<{ n: number }>();
    expect(rows!.n).toBe(1);
  });

  it("can be reassigned within the province: the new officer sees it, the old one no longer does", async () => {
    await putReference(client, "/v1/integration/departments/dp-tnmt51", { agencyId: AGENCY, name: "Phòng Tài nguyên và Môi trường" });
    await putReference(client, "/v1/integration/officers/cb-tnmt51", { displayName: "Hoàng Văn Nam", title: "Chuyên viên", departmentId: "dp-tnmt51" });
    const officer = await linkOfficer(OFFICER, "officer-lan-51");
    const other = await linkOfficer("cb-tnmt51", "officer-nam-51");
    const { session, code } = await citizenWithDossier("asker-moved");
    const question = await json(await asCitizen(session, `/v1/me/dossiers/${code}/questions`, "POST", { text: "Tôi muốn hỏi về thửa đất liền kề?" }));
    expect((await asCitizen(officer, `/v1/staff/questions/${question.id}/reassign`, "POST", { officerId: "cb-nobody" })).status).toBe(400);
    expect((await asCitizen(officer, `/v1/staff/questions/${question.id}/reassign`, "POST", {})).status).toBe(400);
    const moved = await asCitizen(officer, `/v1/staff/questions/${question.id}/reassign`, "POST", { officerId: "cb-tnmt51" });
    expect(moved.status).toBe(200);
    expect(await json(moved)).toMatchObject({ officer: { id: "cb-tnmt51", name: "Hoàng Văn Nam" }, department: { id: "dp-tnmt51" } });
    expect((await json(await asCitizen(other, "/v1/staff/inbox"))).questions.map((q: { id: number }) => q.id)).toContain(question.id);
    expect((await json(await asCitizen(officer, "/v1/staff/inbox"))).questions.map((q: { id: number }) => q.id)).not.toContain(question.id);
    expect((await asCitizen(officer, `/v1/staff/questions/${question.id}/answer`, "POST", { text: "Tôi trả lời thay." })).status).toBe(404);
    await waitFor("the new officer's message", async () => (await zaloKinds("officer-nam-51")).includes("staff_question"));
  });
});
