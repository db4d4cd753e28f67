/**
 * Officials' notices end to end: the province's systems push a document to process, one for approval and a meeting;
 * linked officers get them by Zalo (the fake) and in Việc của tôi, acknowledge, answer; the sender reads it back.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createProvince, json, putReference, utc, vnDayAt, waitFor } from "./helpers";
import { noticesProvince, outboxKinds, zaloMessages } from "./staff-notices-setup";
import { asCitizen, connectZalo, consent, linkStaff } from "./zalo-helpers";

const X = noticesProvince({ province: "notices-x", agency: "000.00.64.H64", app: "6400000001", unit: "n64" });
const Y = { province: "notices-y", agency: "000.00.65.H65", app: "6500000001" };
const { officers } = X;
const sessions: Record<string, string> = {};
let officerY: string;

beforeAll(async () => {
  await X.setUp();
  for (const key of ["officer", "head", "admin", "other"] as const) sessions[key] = await X.link(officers[key]);
  const clientY = await createProvince(Y.province, Y.agency);
  await connectZalo(Y.province, Y.app);
  await putReference(clientY, `/v1/integration/officers/cb-admin-y`, { displayName: "Vũ Văn Y", departmentId: `tp-${Y.agency}`, role: "province_admin" });
  officerY = await linkStaff(clientY, Y.province, Y.app, `cb-${Y.agency}`, "n65-officer");
  await consent(officerY, "miniapp");
});

const DOCUMENT = {
  kind: "document_to_process",
  title: "Kế hoạch cải cách hành chính năm 2027",
  documentNumber: "125/KH-UBND",
  issuer: "UBND tỉnh",
  summary: "Xây dựng kế hoạch của đơn vị theo kế hoạch của tỉnh.",
  deadline: vnDayAt(9, "17:00"),
  link: "https://vanban.example.vn/vb/125",
};
const MEETING = {
  kind: "meeting",
  title: "Giao ban công tác tháng",
  startsAt: vnDayAt(6, "14:00"),
  endsAt: vnDayAt(6, "16:00"),
  place: "Phòng họp số 2",
  agenda: "Đánh giá kết quả tháng; nhiệm vụ tháng tới.",
  chair: "Giám đốc Trung tâm",
};

const staff = (who: string, path: string, method = "GET", body?: unknown) => asCitizen(sessions[who]!, path, method, body);
const kindsOf = async (officerId: string) => (await zaloMessages(X.zaloUser(officerId))).map((m) => m.kind);
const delivered = (officerId: string, kind: string, times = 1) =>
  waitFor(`${kind} ×${times} to ${officerId}`, async () => (await kindsOf(officerId)).filter((k) => k === kind).length >= times);

describe("a document to process", () => {
  it("is messaged to the officer named, listed in Việc của tôi, acknowledged once, and read back by the sender", async () => {
    const put = await X.putNotice("vb-125", { ...DOCUMENT, recipients: { officerIds: [officers.officer] } });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ id: "vb-125", kind: "document_to_process", outcome: "created", recipients: [officers.officer], unreachable: [] });
    await delivered(officers.officer, "staff_document");
    const [message] = (await zaloMessages(X.zaloUser(officers.officer))).filter((m) => m.kind === "staff_document");
    expect(message!.templateData).toMatchObject({ title: "Văn bản cần xử lý", path: "/staff/notices?id=vb-125" });
    expect(String(message!.templateData.content)).toContain("125/KH-UBND — Kế hoạch cải cách hành chính năm 2027");

    const me = await json(await staff("officer", "/v1/staff/me"));
    expect(me.openNotices).toBe(1);
    const { notices } = await json(await staff("officer", "/v1/staff/notices"));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({
      id: "vb-125",
      kind: "document_to_process",
      documentNumber: "125/KH-UBND",
      deadline: utc(DOCUMENT.deadline),
      link: DOCUMENT.link,
      startsAt: null,
      cancelled: false,
      changed: false,
      acknowledgedAt: null,
      answer: null,
      open: true,
    });

    // Two taps at once: one time is kept, and both answers say it.
    const [first, second] = await Promise.all([1, 2].map(async () => json(await staff("officer", "/v1/staff/notices/vb-125/acknowledge", "POST"))));
    expect(first.acknowledgedAt).toEqual(expect.any(String));
    expect(second.acknowledgedAt).toBe(first.acknowledgedAt);
    expect(first.open).toBe(false);
    const again = await json(await staff("officer", "/v1/staff/notices/vb-125/acknowledge", "POST"));
    expect(again.acknowledgedAt).toBe(first.acknowledgedAt);
    expect((await json(await staff("officer", "/v1/staff/me"))).openNotices).toBe(0);
    expect((await json(await staff("officer", "/v1/staff/notices"))).notices).toEqual([]);
    expect((await json(await staff("officer", "/v1/staff/notices?state=all"))).notices.map((n: { id: string }) => n.id)).toEqual(["vb-125"]);

    const back = await X.getNotice("vb-125");
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({
      id: "vb-125",
      title: DOCUMENT.title,
      responses: [{ officerId: officers.officer, acknowledgedAt: first.acknowledgedAt }],
      unreachable: [],
    });
  });

  it("sent again unchanged is a duplicate: nothing written, nobody messaged a second time", async () => {
    const body = { ...DOCUMENT, title: "Báo cáo tình hình tiếp nhận hồ sơ", recipients: { officerIds: [officers.other] } };
    expect((await X.putNotice("vb-130", body)).body.outcome).toBe("created");
    const again = await X.putNotice("vb-130", body);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ outcome: "duplicate", recipients: [officers.other] });
    expect(await outboxKinds(X.province, "vb-130")).toEqual(["staff_document"]);
    await delivered(officers.other, "staff_document");
  });

  it("sent by two requests at once is written and messaged once", async () => {
    const body = { ...DOCUMENT, title: "Rà soát thủ tục hành chính", recipients: { departmentIds: [X.otherDepartment] } };
    const both = await Promise.all([X.putNotice("vb-140", body), X.putNotice("vb-140", body)]);
    expect(both.map((r) => r.status).filter((s) => s === 200).length).toBeGreaterThanOrEqual(1);
    for (const r of both) expect([200, 409]).toContain(r.status);
    expect(await outboxKinds(X.province, "vb-140")).toEqual(["staff_document"]);
    const rows = await env.DB.prepare("SELECT count(*) AS n FROM staff_notice_recipients WHERE notice_id = 'vb-140'").first<{ n: number }>();
    expect(rows!.n).toBe(2);
  });
});

describe("a document waiting for approval", () => {
  it("reaches every officer of the roles named, and no one else", async () => {
    const put = await X.putNotice("pd-7", {
      kind: "document_to_approve",
      title: "Quyết định công bố thủ tục hành chính mới",
      documentNumber: "88/TTr-TTPVHCC",
      link: "https://vanban.example.vn/vb/88",
      recipients: { roles: ["province_admin", "department_head"] },
    });
    expect(put.body).toMatchObject({ outcome: "created", recipients: [officers.admin, officers.head].sort(), unreachable: [] });
    await delivered(officers.head, "staff_approval");
    await delivered(officers.admin, "staff_approval");
    expect(await kindsOf(officers.officer)).not.toContain("staff_approval");
    const view = await json(await staff("head", "/v1/staff/notices/pd-7"));
    expect(view).toMatchObject({ kind: "document_to_approve", documentNumber: "88/TTr-TTPVHCC", open: true });
    expect((await staff("officer", "/v1/staff/notices/pd-7")).status).toBe(404);
  });
});

describe("a meeting", () => {
  it("is answered attend or absent with a reason, and the sender reads the answers back", async () => {
    const put = await X.putNotice("hop-1", { ...MEETING, recipients: { departmentIds: [X.department] } });
    expect(put.body.recipients).toEqual([officers.admin, officers.officer, officers.head].sort());
    await delivered(officers.officer, "staff_meeting");

    const attend = await staff("officer", "/v1/staff/notices/hop-1/answer", "PUT", { answer: "attend" });
    expect(attend.status).toBe(200);
    expect(await json(attend)).toMatchObject({ answer: "attend", reason: null, open: false, acknowledgedAt: expect.any(String) });

    const noReason = await staff("head", "/v1/staff/notices/hop-1/answer", "PUT", { answer: "absent" });
    expect(noReason.status).toBe(400);
    expect((await json(noReason)).error).toMatchObject({ field: "reason", message: "Vui lòng ghi lý do vắng." });
    const tooLong = await staff("head", "/v1/staff/notices/hop-1/answer", "PUT", { answer: "absent", reason: "x".repeat(501) });
    expect(tooLong.status).toBe(400);
    const absent = await staff("head", "/v1/staff/notices/hop-1/answer", "PUT", { answer: "absent", reason: "Đi công tác tại huyện Như Xuân" });
    expect(await json(absent)).toMatchObject({ answer: "absent", reason: "Đi công tác tại huyện Như Xuân" });
    // Changeable until it starts.
    expect(await json(await staff("officer", "/v1/staff/notices/hop-1/answer", "PUT", { answer: "absent", reason: "Ốm" }))).toMatchObject({ answer: "absent" });

    const back = await X.getNotice("hop-1");
    expect(back.body.responses).toEqual(
      [
        { officerId: officers.admin },
        { officerId: officers.officer, acknowledgedAt: expect.any(String), answer: "absent", reason: "Ốm", answeredAt: expect.any(String) },
        {
          officerId: officers.head,
          acknowledgedAt: expect.any(String),
          answer: "absent",
          reason: "Đi công tác tại huyện Như Xuân",
          answeredAt: expect.any(String),
        },
      ].sort((a, b) => a.officerId.localeCompare(b.officerId)),
    );
    expect(back.body).toMatchObject({ kind: "meeting", startsAt: utc(MEETING.startsAt), place: "Phòng họp số 2", chair: "Giám đốc Trung tâm" });

    // A document is acknowledged, not answered.
    expect((await staff("officer", "/v1/staff/notices/vb-125/answer", "PUT", { answer: "attend" })).status).toBe(422);
  });

  it("moved is messaged once to its recipients, cancelled once more, and can no longer be answered", async () => {
    const body = { ...MEETING, title: "Họp triển khai phần mềm một cửa", recipients: { officerIds: [officers.other] } };
    await X.putNotice("hop-2", body);
    await delivered(officers.other, "staff_meeting");
    const moved = { ...body, startsAt: vnDayAt(7, "08:00"), endsAt: vnDayAt(7, "10:00") };
    expect((await X.putNotice("hop-2", moved)).body.outcome).toBe("updated");
    expect((await X.putNotice("hop-2", moved)).body.outcome).toBe("duplicate");
    // The agenda alone changing is not a move: no message.
    expect((await X.putNotice("hop-2", { ...moved, agenda: "Thêm mục: phân quyền tài khoản." })).body.outcome).toBe("updated");
    expect(await outboxKinds(X.province, "hop-2")).toEqual(["staff_meeting", "staff_meeting_changed"]);
    await delivered(officers.other, "staff_meeting_changed");
    const view = await json(await staff("other", "/v1/staff/notices/hop-2"));
    expect(view).toMatchObject({ startsAt: utc(moved.startsAt), changed: true, cancelled: false, open: true });

    await X.putNotice("hop-2", { ...moved, agenda: "Thêm mục: phân quyền tài khoản.", cancelled: true });
    await X.putNotice("hop-2", { ...moved, agenda: "Thêm mục: phân quyền tài khoản.", cancelled: true });
    expect(await outboxKinds(X.province, "hop-2")).toEqual(["staff_meeting", "staff_meeting_changed", "staff_meeting_changed"]);
    await delivered(officers.other, "staff_meeting_changed", 2);
    const cancelled = (await zaloMessages(X.zaloUser(officers.other))).filter((m) => m.kind === "staff_meeting_changed").at(-1);
    expect(cancelled!.templateData.title).toBe("Cuộc họp đã hủy");
    expect(await json(await staff("other", "/v1/staff/notices/hop-2"))).toMatchObject({ cancelled: true, open: false });
    const late = await staff("other", "/v1/staff/notices/hop-2/answer", "PUT", { answer: "attend" });
    expect(late.status).toBe(409);
    expect((await json(late)).error.message).toBe("Cuộc họp đã hủy.");
  });

  it("adds recipients named later and messages only them", async () => {
    const body = { ...MEETING, title: "Họp chuyên đề", recipients: { officerIds: [officers.admin] } };
    await X.putNotice("hop-3", body);
    const more = await X.putNotice("hop-3", { ...body, recipients: { officerIds: [officers.other] } });
    expect(more.body).toMatchObject({ outcome: "updated", recipients: [officers.admin, officers.other] });
    expect(await outboxKinds(X.province, "hop-3")).toEqual(["staff_meeting", "staff_meeting"]);
    const recipients = await env.DB.prepare("SELECT outbox.dedupe_key AS k FROM outbox WHERE dossier_code = 'hop-3' ORDER BY id").all<{ k: string }>();
    expect(recipients.results.map((r) => r.k.split(":").at(-1))).toEqual([officers.admin, officers.other]);
  });
});

describe("Việc của tôi", () => {
  it("lists open notices first, the soonest deadline or start first and those without one last, then the rest", async () => {
    const to = { recipients: { officerIds: [officers.admin] } };
    await X.putNotice("ord-later", { ...DOCUMENT, ...to, deadline: vnDayAt(4, "17:00") });
    await X.putNotice("ord-none", { ...DOCUMENT, ...to, deadline: undefined });
    await X.putNotice("ord-meeting", { ...MEETING, ...to, startsAt: vnDayAt(2, "08:00"), endsAt: vnDayAt(2, "09:00") });
    await X.putNotice("ord-done", { ...DOCUMENT, ...to, deadline: vnDayAt(1, "17:00") });
    await staff("admin", "/v1/staff/notices/ord-done/acknowledge", "POST");
    const ids = async (query: string) =>
      (await json(await staff("admin", `/v1/staff/notices${query}`))).notices.map((n: { id: string }) => n.id).filter((id: string) => id.startsWith("ord-"));
    expect(await ids("")).toEqual(["ord-meeting", "ord-later", "ord-none"]);
    expect(await ids("?state=all")).toEqual(["ord-meeting", "ord-later", "ord-none", "ord-done"]);
    expect((await staff("admin", "/v1/staff/notices?state=mine")).status).toBe(400);
  });
});

describe("who sees a notice", () => {
  it("an officer of another province never receives nor sees it, even by its id", async () => {
    await X.putNotice("hop-all", { ...MEETING, title: "Hội nghị toàn tỉnh", recipients: { roles: ["officer", "department_head", "province_admin"] } });
    await delivered(officers.head, "staff_meeting");
    expect((await asCitizen(officerY, "/v1/staff/notices/hop-all")).status).toBe(404);
    expect((await json(await asCitizen(officerY, "/v1/staff/notices?state=all"))).notices).toEqual([]);
    expect((await json(await asCitizen(officerY, "/v1/staff/me"))).openNotices).toBe(0);
    expect((await zaloMessages("n65-officer")).filter((m) => m.kind.startsWith("staff_"))).toEqual([]);
    const rows = await env.DB.prepare("SELECT count(*) AS n FROM staff_notice_recipients WHERE province_id = ?").bind(Y.province).first<{ n: number }>();
    expect(rows!.n).toBe(0);
  });

  it("an officer who is not linked is reported unreachable, stored, and sees it once linked", async () => {
    const put = await X.putNotice("vb-200", {
      ...DOCUMENT,
      title: "Công văn về lịch trực Tết",
      recipients: { officerIds: [officers.unlinked, officers.other] },
    });
    expect(put.body).toMatchObject({ recipients: [officers.unlinked, officers.other].sort(), unreachable: [officers.unlinked] });
    expect((await X.getNotice("vb-200")).body.unreachable).toEqual([officers.unlinked]);
    expect(await outboxKinds(X.province, "vb-200")).toEqual(["staff_document"]);

    sessions.unlinked = await X.link(officers.unlinked);
    expect((await json(await staff("unlinked", "/v1/staff/me"))).openNotices).toBeGreaterThanOrEqual(1);
    const { notices } = await json(await staff("unlinked", "/v1/staff/notices"));
    expect(notices.map((n: { id: string }) => n.id)).toContain("vb-200");
    expect((await X.getNotice("vb-200")).body.unreachable).toEqual([]);
  });
});

describe("bad notices", () => {
  const refused = async (body: unknown, status: number, field: string) => {
    const res = await X.putNotice("bad-1", body);
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(res.body.error.field).toBe(field);
  };
  const to = { recipients: { officerIds: [officers.officer] } };

  it("are refused with the field named, and nothing is written", async () => {
    await refused({ ...DOCUMENT, ...to, kind: "memo" }, 400, "kind");
    await refused({ ...MEETING, ...to, startsAt: undefined }, 400, "startsAt");
    await refused({ ...MEETING, ...to, endsAt: undefined }, 400, "endsAt");
    await refused({ ...MEETING, ...to, endsAt: vnDayAt(6, "13:00") }, 400, "endsAt");
    await refused({ ...DOCUMENT, ...to, link: "http://vanban.example.vn/vb/125" }, 400, "link");
    await refused({ ...MEETING, ...to, onlineLink: "ftp://hop.example.vn" }, 400, "onlineLink");
    await refused({ ...DOCUMENT, recipients: {} }, 400, "recipients");
    await refused({ ...DOCUMENT, recipients: { officerIds: [officers.officer, `cb-${Y.agency}`] } }, 403, "recipients.officerIds.1");
    await refused({ ...DOCUMENT, recipients: { officerIds: ["cb-nobody"] } }, 403, "recipients.officerIds.0");
    await refused({ ...DOCUMENT, recipients: { departmentIds: [`tp-${Y.agency}`] } }, 403, "recipients.departmentIds.0");
    const rows = await env.DB.prepare("SELECT count(*) AS n FROM staff_notices WHERE id = 'bad-1'").first<{ n: number }>();
    expect(rows!.n).toBe(0);
  });

  it("a department without officers is 422, an id of another kind 409", async () => {
    await putReference(X.client(), "/v1/integration/departments/empty-n64", { agencyId: X.agency, name: "Phòng Mới" });
    await refused({ ...DOCUMENT, recipients: { departmentIds: ["empty-n64"] } }, 422, "recipients");
    const kind = await X.putNotice("vb-125", { ...MEETING, ...to });
    expect(kind.status).toBe(409);
    expect(kind.body.error).toMatchObject({ code: "kind_changed", field: "kind" });
  });
});

describe("an officer erasing their Zalo account", () => {
  it("leaves the notices theirs, with the account they were sent to forgotten", async () => {
    const held = "SELECT count(*) AS n FROM staff_notice_recipients WHERE officer_id = ? AND citizen_id IS NOT NULL";
    expect((await env.DB.prepare(held).bind(officers.other).first<{ n: number }>())!.n).toBeGreaterThan(0);
    expect((await staff("other", "/v1/me", "DELETE")).status).toBe(200);
    expect((await env.DB.prepare(held).bind(officers.other).first<{ n: number }>())!.n).toBe(0);
    expect((await X.getNotice("vb-130")).body).toMatchObject({ responses: [{ officerId: officers.other }], unreachable: [officers.other] });
  });
});
