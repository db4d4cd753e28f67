/**
 * The citizen's voice, end to end in workerd with the real local D1, R2 and queue: ratings after pickup,
 * questions to the handling officer (answer, escalation after 2 working days), feedback with photos through its
 * workflow, and the messages each step sends through the notification pipeline to the fake Zalo.
 */
import { env } from "cloudflare:workers";
import { createScheduledController } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import worker from "../../worker/src/index";
import { addWorkingDays } from "../../worker/src/domain/voice";
import { slipToken } from "../../worker/src/security/tokens";
import { call, createProvince, intake, integration, json, putReference, sendEvents, waitFor, type Client } from "./helpers";
import { jpegWithMetadata } from "./image-fixtures";
import { asCitizen, connectZalo, consent, fake, follow, linkStaff, signIn, vnTime } from "./zalo-helpers";

const PROVINCE = "voice-a";
const AGENCY = "000.00.51.H51";
const COMMUNE = "000.00.52.H51";
const APP = "5100000001";
const SECRET = "test-server-secret-0123456789abcdef";
const OFFICER = `cb-${AGENCY}`;
let client: Client;

const putRef = (path: string, body: unknown) => putReference(client, path, body);

/** A linked officer who agreed to Zalo messages. */
async function linkOfficer(officerId: string, zaloUser: string) {
  const session = await linkStaff(client, PROVINCE, APP, officerId, zaloUser);
  await consent(session, "miniapp");
  return session;
}

beforeAll(async () => {
  client = await createProvince(PROVINCE, AGENCY);
  await connectZalo(PROVINCE, APP);
  await putRef(`/v1/integration/agencies/${COMMUNE}`, { name: "Trung tâm Phục vụ hành chính công phường Hạc Thành", level: "commune" });
  await putRef(`/v1/integration/officers/cb-head51`, {
    displayName: "Lê Thị Thu Hà",
    title: "Trưởng phòng",
    departmentId: `tp-${AGENCY}`,
    role: "department_head",
  });
  await putRef(`/v1/integration/officers/cb-admin51`, {
    displayName: "Phạm Văn Minh",
    title: "Giám đốc",
    departmentId: `tp-${AGENCY}`,
    role: "province_admin",
  });
});

/** Kinds of the messages delivered (sent to Zalo) to one Zalo user, from the fake's own record. */
async function zaloKinds(userId: string): Promise<string[]> {
  const { messages } = await fake<{ messages: { templateId: string }[] }>(`/__fake/messages?userId=${encodeURIComponent(userId)}`);
  return messages.map((m) => m.templateId.replace(/^tpl-/, ""));
}

/** A signed-in citizen following a fresh dossier of this province (at `status` when given). */
async function citizenWithDossier(userId: string, extraEvents: (code: string) => unknown[] = () => []) {
  const session = await signIn(PROVINCE, APP, userId);
  await consent(session, "miniapp");
  const received = intake(AGENCY, { occurredAt: vnTime(-120), receivedAt: vnTime(-120), dueAt: vnTime(5 * 24 * 60) });
  await sendEvents(client, [received, ...extraEvents(received.dossierCode)]);
  await follow(session, received.dossierCode, await slipToken(SECRET, received.dossierCode));
  return { session, code: received.dossierCode };
}

const returned = (code: string) => [
  { id: `${code}-ready`, type: "dossier.result_ready", occurredAt: vnTime(-60), dossierCode: code },
  { id: `${code}-returned`, type: "dossier.returned", occurredAt: vnTime(-30), dossierCode: code },
];

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
    await putRef("/v1/integration/departments/dp-tnmt51", { agencyId: AGENCY, name: "Phòng Tài nguyên và Môi trường" });
    await putRef("/v1/integration/officers/cb-tnmt51", { displayName: "Hoàng Văn Nam", title: "Chuyên viên", departmentId: "dp-tnmt51" });
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

async function sendFeedback(session: string, fields: Record<string, string>, photos: { name: string; type: string; bytes: Uint8Array }[] = []) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const p of photos) form.append("photos", new File([p.bytes], p.name, { type: p.type }));
  return call("/v1/me/feedback", { method: "POST", headers: { authorization: `Bearer ${session}` }, body: form });
}

const FEEDBACK = { category: "traffic_infrastructure", text: "Đèn đường ở ngõ 12 phố Lê Lợi hỏng đã hai tuần, buổi tối rất tối." };

describe("feedback and petitions", () => {
  it("stores photos without metadata, keeps the place only when shared, and shows them through signed links", async () => {
    const session = await signIn(PROVINCE, APP, "fb-photo");
    const res = await sendFeedback(session, { ...FEEDBACK, district: COMMUNE, lat: "19.8", lng: "105.78" }, [
      { name: "den.jpg", type: "image/jpeg", bytes: jpegWithMetadata() },
    ]);
    expect(res.status).toBe(201);
    const created = await json(res);
    expect(created).toMatchObject({
      reference: `PA-${String(created.id).padStart(6, "0")}`,
      status: "received",
      statusLabel: "Đã tiếp nhận",
      place: null,
      district: { id: COMMUNE, name: "Phường Hạc Thành" },
    });
    expect(created.photos).toHaveLength(1);
    const photo = await call(new URL(created.photos[0].url).pathname);
    expect(photo.status).toBe(200);
    expect(photo.headers.get("content-type")).toBe("image/jpeg");
    const bytes = new Uint8Array(await photo.arrayBuffer());
    const asText = new TextDecoder("latin1").decode(bytes);
    expect(asText).not.toMatch(/Exif|GPSLatitude|SerialNumber|taken at home/);
    expect(asText).toContain("JFIF");
    expect([...bytes.slice(-7)]).toEqual([0x3f, 0, 0x12, 0x34, 0x56, 0xff, 0xd9]);

    const shared = await json(await sendFeedback(session, { ...FEEDBACK, sharePlace: "true", lat: "19.8067", lng: "105.7852", placeLabel: "Ngõ 12 Lê Lợi" }));
    expect(shared.place).toEqual({ lat: 19.8067, lng: 105.7852, label: "Ngõ 12 Lê Lợi" });
    expect((await sendFeedback(session, { ...FEEDBACK, sharePlace: "true" })).status).toBe(400);

    // A tampered or forged link gives nothing.
    const [payload, sig] = new URL(created.photos[0].url).pathname.split("/").pop()!.split(".");
    expect((await call(`/v1/media/${payload}.${sig!.slice(0, -2)}AA`)).status).toBe(403);
    expect((await call(`/v1/media/${btoa("feedback/x.jpg|9999999999").replace(/=/g, "")}.${sig}`)).status).toBe(403);
  });

  it("refuses too many, too big and wrong-type photos, and stores nothing then", async () => {
    const session = await signIn(PROVINCE, APP, "fb-bad");
    const before = await env.DB.prepare("SELECT count(*) AS n FROM feedback").first<{ n: number }>();
    const jpeg = { name: "a.jpg", type: "image/jpeg", bytes: jpegWithMetadata() };
    const five = await sendFeedback(session, FEEDBACK, [jpeg, jpeg, jpeg, jpeg, jpeg]);
    expect(five.status).toBe(400);
    expect((await json(five)).error.message).toMatch(/tối đa 4 ảnh/);
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set(jpegWithMetadata());
    const tooBig = await sendFeedback(session, FEEDBACK, [{ name: "big.jpg", type: "image/jpeg", bytes: big }]);
    expect(tooBig.status).toBe(413);
    expect((await json(tooBig)).error.message).toMatch(/5 MB/);
    // A declared image type does not make a PDF an image.
    const pdf = await sendFeedback(session, FEEDBACK, [{ name: "scan.jpg", type: "image/jpeg", bytes: new TextEncoder().encode("%PDF-1.7 not a photo") }]);
    expect(pdf.status).toBe(415);
    expect((await json(pdf)).error.message).toMatch(/JPG, PNG hoặc WebP/);
    const short = await sendFeedback(session, { ...FEEDBACK, text: "ngắn" });
    expect(short.status).toBe(400);
    expect((await sendFeedback(session, { ...FEEDBACK, category: "weather" })).status).toBe(400);
    expect((await sendFeedback(session, { ...FEEDBACK, district: "000.00.99.H99" })).status).toBe(400);
    const garbled = await call("/v1/me/feedback", {
      method: "POST",
      headers: { authorization: `Bearer ${session}`, "content-type": "multipart/form-data; boundary=x" },
      body: "--y\r\nnot a form",
    });
    expect(garbled.status).toBeGreaterThanOrEqual(400);
    expect(garbled.status).toBeLessThan(500);
    const after = await env.DB.prepare("SELECT count(*) AS n FROM feedback").first<{ n: number }>();
    expect(after!.n).toBe(before!.n);
  });

  it("takes at most 10 feedback from one citizen in 24 hours, then says so and stores nothing", async () => {
    const session = await signIn(PROVINCE, APP, "fb-many");
    const other = await signIn(PROVINCE, APP, "fb-many-other");
    for (let i = 1; i <= 10; i++) expect((await sendFeedback(session, { ...FEEDBACK, text: `${FEEDBACK.text} Lần ${i}.` })).status).toBe(201);
    const before = await env.DB.prepare("SELECT count(*) AS n FROM feedback").first<{ n: number }>();
    const eleventh = await sendFeedback(session, FEEDBACK);
    expect(eleventh.status).toBe(429);
    expect((await json(eleventh)).error).toMatchObject({ code: "too_much_feedback", message: expect.stringMatching(/24 giờ/) });
    expect((await env.DB.prepare("SELECT count(*) AS n FROM feedback").first<{ n: number }>())!.n).toBe(before!.n);
    // Someone else is not held back by it.
    expect((await sendFeedback(other, FEEDBACK)).status).toBe(201);
  });

  it("keeps no photo when the database refuses the feedback, and tells the citizen to retry", async () => {
    const session = await signIn(PROVINCE, APP, "fb-storage");
    const photosBefore = (await env.MEDIA.list({ prefix: `feedback/${PROVINCE}/` })).objects.length;
    // A real D1 failure: the database itself aborts this insert.
    await env.DB.prepare(
      "CREATE TRIGGER refuse_feedback BEFORE INSERT ON feedback WHEN NEW.text LIKE '%[refuse]%' BEGIN SELECT RAISE(ABORT, 'refused for the test'); END",
    ).run();
    try {
      const jpeg = { name: "a.jpg", type: "image/jpeg", bytes: jpegWithMetadata() };
      const res = await sendFeedback(session, { ...FEEDBACK, text: `${FEEDBACK.text} [refuse]` }, [jpeg, jpeg]);
      expect(res.status).toBe(503);
      expect((await json(res)).error).toMatchObject({ code: "storage_unavailable", message: "Hệ thống đang bận, phản ánh chưa được gửi. Vui lòng thử lại." });
    } finally {
      await env.DB.prepare("DROP TRIGGER refuse_feedback").run();
    }
    expect((await env.MEDIA.list({ prefix: `feedback/${PROVINCE}/` })).objects.length).toBe(photosBefore);
    expect((await asCitizen(session, "/v1/me/feedback").then(json)).feedback).toEqual([]);
    // The same feedback goes through once the database takes it.
    expect((await sendFeedback(session, FEEDBACK)).status).toBe(201);
  });

  it("goes received → assigned → answered → reopened → answered → closed, messaging the citizen at each step", async () => {
    const admin = await linkOfficer("cb-admin51", "admin-minh-51");
    const officer = await linkOfficer(OFFICER, "officer-lan-51");
    const citizen = await signIn(PROVINCE, APP, "fb-flow");
    await consent(citizen, "miniapp");
    const created = await json(await sendFeedback(citizen, { ...FEEDBACK, anonymous: "true", senderName: "Trần Văn Bình" }));
    const id = created.id;

    // Only the admin sees unassigned feedback; an officer cannot answer or route it yet.
    expect((await json(await asCitizen(officer, "/v1/staff/inbox"))).feedback.map((f: { id: number }) => f.id)).not.toContain(id);
    expect((await asCitizen(officer, `/v1/staff/feedback/${id}/answer`, "POST", { text: "Chúng tôi sẽ sửa ngay." })).status).toBe(404);
    expect((await asCitizen(admin, `/v1/staff/feedback/${id}/assign`, "POST", { agencyId: "000.00.99.H99" })).status).toBe(400);
    const assigned = await asCitizen(admin, `/v1/staff/feedback/${id}/assign`, "POST", { agencyId: AGENCY, note: "Giao xử lý" });
    expect(assigned.status).toBe(200);
    expect(await json(assigned)).toMatchObject({ status: "assigned", agency: { id: AGENCY }, senderName: "Trần Văn Bình", anonymous: true });

    const answered = await asCitizen(officer, `/v1/staff/feedback/${id}/answer`, "POST", { text: "Đã thay bóng đèn ngày 24/11." });
    expect(answered.status).toBe(200);
    expect((await asCitizen(officer, `/v1/staff/feedback/${id}/answer`, "POST", { text: "Trả lời lần hai." })).status).toBe(409);
    // Public now, without the name of someone who chose to stay anonymous.
    const list = await json(await call(`/v1/provinces/${PROVINCE}/feedback?q=den duong`));
    const shown = list.feedback.find((f: { id: number }) => f.id === id);
    expect(shown).toMatchObject({ status: "answered", senderName: null, answer: { text: "Đã thay bóng đèn ngày 24/11.", officerName: "Nguyễn Thị Lan" } });
    expect(JSON.stringify(list)).not.toContain("Trần Văn Bình");
    // Each word typed must start a word ("pho le" finds "phố Lê Lợi"; "uong" is inside "đường" and finds nothing).
    const found = async (q: string) =>
      (await json(await call(`/v1/provinces/${PROVINCE}/feedback?q=${encodeURIComponent(q)}`))).feedback.some((f: { id: number }) => f.id === id);
    expect(await found("PHỐ lê")).toBe(true);
    expect(await found("ngo 12")).toBe(true);
    expect(await found("uong")).toBe(false);
    expect(await found("den (duong)")).toBe(true);
    expect((await call(`/v1/provinces/${PROVINCE}/feedback?q=khong-co-tu-nay`)).status).toBe(200);
    expect((await json(await call(`/v1/provinces/${PROVINCE}/feedback?q=khongcotunay`))).feedback).toEqual([]);

    const reopened = await asCitizen(citizen, `/v1/me/feedback/${id}/reopen`, "POST", { reason: "Đèn lại hỏng sau hai ngày." });
    expect(reopened.status).toBe(200);
    expect(await json(reopened)).toMatchObject({ status: "assigned", canReopen: false });
    expect((await asCitizen(citizen, `/v1/me/feedback/${id}/close`, "POST")).status).toBe(409);
    await asCitizen(officer, `/v1/staff/feedback/${id}/answer`, "POST", { text: "Đã thay cả bộ đèn mới." });
    const closed = await asCitizen(citizen, `/v1/me/feedback/${id}/close`, "POST");
    expect(closed.status).toBe(200);
    const final = await json(closed);
    expect(final.status).toBe("closed");
    expect(final.history.map((h: { status: string }) => h.status)).toEqual(["received", "assigned", "answered", "reopened", "answered", "closed"]);
    expect((await asCitizen(citizen, `/v1/me/feedback/${id}/reopen`, "POST", { reason: "Lại hỏng nữa rồi." })).status).toBe(409);

    const kinds = await waitFor("the feedback messages", async () => {
      const k = await zaloKinds("fb-flow");
      return k.filter((x) => x === "feedback_answered").length === 2 && k;
    });
    expect(kinds.filter((k) => k.startsWith("feedback_")).sort()).toEqual(["feedback_answered", "feedback_answered", "feedback_assigned", "feedback_received"]);
    const inbox = await json(await asCitizen(citizen, "/v1/me/inbox"));
    expect(inbox.messages.find((m: { kind: string }) => m.kind === "feedback_assigned")).toMatchObject({ path: `/feedback/item?id=${id}` });
  });

  it("can be reopened only within 7 days of the answer, and closes by itself after that", async () => {
    const admin = await linkOfficer("cb-admin51", "admin-minh-51");
    const citizen = await signIn(PROVINCE, APP, "fb-late");
    await consent(citizen, "miniapp");
    const { id } = await json(await sendFeedback(citizen, FEEDBACK));
    // The admin may answer directly (for example, a matter already handled).
    expect((await asCitizen(admin, `/v1/staff/feedback/${id}/answer`, "POST", { text: "Nội dung này đã được xử lý tuần trước." })).status).toBe(200);
    const eightDaysAgo = new Date(Date.now() - 8 * 24 * 3600_000).toISOString();
    await env.DB.prepare("UPDATE feedback SET answered_at = ? WHERE id = ?").bind(eightDaysAgo, id).run();
    const late = await asCitizen(citizen, `/v1/me/feedback/${id}/reopen`, "POST", { reason: "Vẫn chưa được xử lý." });
    expect(late.status).toBe(409);
    expect((await json(late)).error.message).toMatch(/quá 7 ngày/);

    let at = Date.now();
    while (new Date(at + 7 * 3600_000).getUTCHours() < 7 || new Date(at + 7 * 3600_000).getUTCHours() >= 20) at += 60 * 60_000;
    await worker.scheduled(createScheduledController({ cron: "17 * * * *", scheduledTime: at }), env);
    const mine = await json(await asCitizen(citizen, `/v1/me/feedback/${id}`));
    expect(mine.status).toBe("closed");
    await waitFor("the closing message", async () => (await zaloKinds("fb-late")).includes("feedback_closed"));
  });
});

describe("the staff inbox", () => {
  it("counts what is in the officer's care and pages through it without gaps or repeats", async () => {
    const admin = await linkOfficer("cb-admin51", "admin-minh-51");
    const citizen = await signIn(PROVINCE, APP, "fb-paging");
    const sent: number[] = [];
    for (let i = 0; i < 5; i++) sent.push((await json(await sendFeedback(citizen, { ...FEEDBACK, text: `${FEEDBACK.text} Lần ${i + 1}.` }))).id);
    // Questions too: three on one dossier (the most a citizen may leave open).
    const { session, code } = await citizenWithDossier("q-paging");
    for (let i = 0; i < 3; i++)
      expect((await asCitizen(session, `/v1/me/dossiers/${code}/questions`, "POST", { text: `Câu hỏi phân trang ${i + 1} ạ?` })).status).toBe(201);

    const inbox = (query: string) => asCitizen(admin, `/v1/staff/inbox${query}`).then(json);
    const whole = await inbox("");
    expect(whole.totals.feedback).toBe(whole.feedback.length);
    expect(whole.totals.questions).toBe(whole.questions.length);
    expect(whole.feedback.map((f: { id: number }) => f.id)).toEqual(expect.arrayContaining(sent));
    const open = await env.DB.prepare("SELECT count(*) AS n FROM feedback WHERE province_id = ? AND status IN ('received', 'assigned')")
      .bind(PROVINCE)
      .first<{ n: number }>();
    expect(whole.totals.feedback).toBe(open!.n);

    for (const kind of ["feedback", "questions"] as const) {
      const paged: number[] = [];
      for (let offset = 0; offset < whole.totals[kind] + 2; offset += 2) {
        const page = await inbox(`?kind=${kind}&limit=2&offset=${offset}`);
        expect(page.totals).toEqual(whole.totals);
        expect(page[kind].length).toBeLessThanOrEqual(2);
        // Only the list asked for.
        expect(page[kind === "feedback" ? "questions" : "feedback"]).toEqual([]);
        paged.push(...page[kind].map((x: { id: number }) => x.id));
      }
      // The pages put together are the whole list, in the same order.
      expect(paged).toEqual(whole[kind].map((x: { id: number }) => x.id));
    }

    // Open feedback oldest first: the five just sent are the last five.
    expect(whole.feedback.slice(-5).map((f: { id: number }) => f.id)).toEqual(sent);

    for (const query of ["?limit=0", "?limit=101", "?offset=-1", "?kind=all", "?limit=abc"]) {
      const bad = await asCitizen(admin, `/v1/staff/inbox${query}`);
      expect(bad.status).toBe(400);
      expect((await json(bad)).error.message).toMatch(/[ạảãàáâấầẩẫậăắằẳẵặđốồơớờểếệủưứừữựíìịọỏộổ]|từ 1 đến 100|không được âm|kind/);
    }
  });
});
