/**
 * Feedback and petitions, end to end in workerd with the real local D1, R2 and queue: photos without metadata, the
 * place only when shared, limits, the workflow received → assigned → answered → reopened → closed with a message at
 * each step, and the staff inbox that pages through it.
 */
import { env } from "cloudflare:workers";
import { createScheduledController } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import worker from "../../worker/src/index";
import { call, json, waitFor } from "./helpers";
import { jpegWithMetadata } from "./image-fixtures";
import { sendFeedback, voiceProvince, zaloKinds } from "./voice-setup";
import { asCitizen, consent, signIn } from "./zalo-helpers";

const voice = voiceProvince({ province: "voice-b", agency: "000.00.54.H54", commune: "000.00.55.H54", app: "5400000001", unit: "54" });
const { province: PROVINCE, agency: AGENCY, commune: COMMUNE, app: APP, officer: OFFICER, admin: ADMIN, linkOfficer, citizenWithDossier } = voice;

beforeAll(async () => {
  await voice.setUp();
});

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

  it("holds the day's limit when feedback is sent at once: 15 together store exactly 10", async () => {
    const session = await signIn(PROVINCE, APP, "fb-burst");
    const mine = () =>
      env.DB.prepare("SELECT count(*) AS n FROM feedback f JOIN citizens c ON c.id = f.citizen_id WHERE c.zalo_user_id = 'fb-burst'").first<{ n: number }>();
    const answers = await Promise.all(
      Array.from({ length: 15 }, (_, i) => sendFeedback(session, { ...FEEDBACK, text: `${FEEDBACK.text} Cùng lúc ${i + 1}.` })),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(10);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(5);
    expect((await mine())!.n).toBe(10);
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
    const admin = await linkOfficer(ADMIN, "admin-minh-51");
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
    const admin = await linkOfficer(ADMIN, "admin-minh-51");
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
    const admin = await linkOfficer(ADMIN, "admin-minh-51");
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
