/**
 * Reminders of officials' notices, as the 5-minute sweep sends them: a document's on the working day before its
 * deadline to whoever has not acknowledged it, a meeting's an hour before to whoever did not answer absent; once,
 * even when two runs of the sweep overlap.
 */
import { env } from "cloudflare:workers";
import { createScheduledController } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { documentReminderAt } from "../../worker/src/domain/staff-notices";
import worker from "../../worker/src/index";
import { dispatchOutbox, SWEEP_CRON } from "../../worker/src/services/notify";
import { remindStaffNotices } from "../../worker/src/services/staff-notices-remind";
import { utc, vnDayAt, waitFor } from "./helpers";
import { noticesProvince, outboxKinds, zaloMessages } from "./staff-notices-setup";
import { asCitizen } from "./zalo-helpers";

const X = noticesProvince({ province: "notices-r", agency: "000.00.66.H66", app: "6600000001", unit: "n66" });
const { officers } = X;
const sessions: Record<string, string> = {};

beforeAll(async () => {
  await X.setUp();
  for (const key of ["officer", "head", "admin", "other"] as const) sessions[key] = await X.link(officers[key]);
});

const reminded = async (noticeId: string) =>
  (
    await env.DB.prepare("SELECT officer_id FROM staff_notice_recipients WHERE notice_id = ? AND reminded_at IS NOT NULL ORDER BY officer_id")
      .bind(noticeId)
      .all<{ officer_id: string }>()
  ).results.map((r) => r.officer_id);

/** Two sweeps at once with the same clock and a third five minutes later, as overlapping cron runs would be. */
async function overlappingRuns(atMs: number): Promise<number[]> {
  const runs = await Promise.all([remindStaffNotices(env.DB, atMs), remindStaffNotices(env.DB, atMs), remindStaffNotices(env.DB, atMs + 5 * 60_000)]);
  return runs.flat();
}

describe("a document's reminder", () => {
  it("goes on the working day before the deadline to whoever has not acknowledged, once across overlapping runs", async () => {
    const deadline = vnDayAt(8, "17:00");
    const put = await X.putNotice("vb-r1", {
      kind: "document_to_process",
      title: "Báo cáo kết quả giải quyết hồ sơ quý IV",
      documentNumber: "301/UBND-KSTT",
      deadline,
      recipients: { departmentIds: [X.department] },
    });
    expect(put.body.recipients).toEqual([officers.admin, officers.officer, officers.head].sort());
    await asCitizen(sessions.head!, "/v1/staff/notices/vb-r1/acknowledge", "POST");

    const remindAt = Date.parse(documentReminderAt(utc(deadline)));
    expect(new Date(remindAt + 7 * 3600_000).getUTCHours()).toBe(8);
    // Not before its time.
    expect(await remindStaffNotices(env.DB, remindAt - 60_000)).toEqual([]);
    const ids = await overlappingRuns(remindAt + 60 * 60_000);
    expect(ids).toHaveLength(2);
    expect(await reminded("vb-r1")).toEqual([officers.admin, officers.officer].sort());
    expect(await remindStaffNotices(env.DB, remindAt + 3 * 60 * 60_000)).toEqual([]);
    expect((await outboxKinds(X.province, "vb-r1")).filter((k) => k === "staff_reminder")).toHaveLength(2);

    await dispatchOutbox(env, ids);
    const message = await waitFor("the officer's reminder", async () =>
      (await zaloMessages(X.zaloUser(officers.officer))).find((m) => m.kind === "staff_reminder"),
    );
    expect(message.templateData).toMatchObject({ title: "Văn bản sắp đến hạn xử lý", path: "/staff/notices?id=vb-r1" });
    expect(String(message.templateData.content)).toContain("301/UBND-KSTT");
    expect((await zaloMessages(X.zaloUser(officers.head))).map((m) => m.kind)).not.toContain("staff_reminder");
  });

  it("comes again for a new deadline, never after the deadline has passed, and not at night", async () => {
    const body = {
      kind: "document_to_approve",
      title: "Tờ trình phê duyệt quy trình nội bộ",
      deadline: vnDayAt(8, "10:00"),
      recipients: { officerIds: [officers.other] },
    };
    await X.putNotice("vb-r2", body);
    const first = Date.parse(documentReminderAt(utc(body.deadline)));
    expect(await remindStaffNotices(env.DB, Date.parse(utc(body.deadline)) + 60_000)).toEqual([]);
    expect(await remindStaffNotices(env.DB, first + 60_000)).toHaveLength(1);
    const later = { ...body, deadline: vnDayAt(15, "10:00") };
    expect((await X.putNotice("vb-r2", later)).body.outcome).toBe("updated");
    expect(await reminded("vb-r2")).toEqual([]);
    // Not at night (21:00 that day); the next morning, still before the deadline, it goes.
    const again = Date.parse(documentReminderAt(utc(later.deadline)));
    expect(await remindStaffNotices(env.DB, again + 13 * 60 * 60_000)).toEqual([]);
    expect(await remindStaffNotices(env.DB, again + 23.5 * 60 * 60_000)).toHaveLength(1);
  });
});

describe("a meeting's reminder", () => {
  it("goes an hour before it starts to recipients who did not answer absent, once, and not for a cancelled meeting", async () => {
    const meeting = {
      kind: "meeting",
      title: "Họp rà soát hồ sơ quá hạn",
      startsAt: vnDayAt(5, "14:30"),
      endsAt: vnDayAt(5, "16:00"),
      place: "Phòng họp số 1",
      recipients: { roles: ["officer", "department_head"] },
    };
    const put = await X.putNotice("hop-r1", meeting);
    expect(put.body.recipients).toEqual([officers.officer, officers.head, officers.other, officers.unlinked].sort());
    await asCitizen(sessions.officer!, "/v1/staff/notices/hop-r1/answer", "PUT", { answer: "attend" });
    await asCitizen(sessions.head!, "/v1/staff/notices/hop-r1/answer", "PUT", { answer: "absent", reason: "Trực bộ phận một cửa" });

    const start = Date.parse(utc(meeting.startsAt));
    expect(await remindStaffNotices(env.DB, start - 61 * 60_000)).toEqual([]);
    const ids = await overlappingRuns(start - 55 * 60_000);
    // The officer who will attend and the one who did not answer; the unlinked one is marked but has no Zalo to reach.
    expect(ids).toHaveLength(2);
    expect(await reminded("hop-r1")).toEqual([officers.officer, officers.other, officers.unlinked].sort());
    await dispatchOutbox(env, ids);
    const message = await waitFor("the meeting's reminder", async () =>
      (await zaloMessages(X.zaloUser(officers.other))).find((m) => m.kind === "staff_reminder"),
    );
    expect(message.templateData.title).toBe("Sắp đến giờ họp");
    expect(String(message.templateData.content)).toContain("14:30–16:00");

    await X.putNotice("hop-r2", { ...meeting, title: "Họp đã hủy", recipients: { officerIds: [officers.other] }, cancelled: true });
    expect(await remindStaffNotices(env.DB, start - 30 * 60_000)).toEqual([]);
    expect(await reminded("hop-r2")).toEqual([]);
  });
});

describe("the 5-minute sweep", () => {
  it("sends the reminders that are due", async () => {
    const meeting = {
      kind: "meeting",
      title: "Họp lãnh đạo Trung tâm",
      startsAt: vnDayAt(4, "09:00"),
      endsAt: vnDayAt(4, "10:00"),
      onlineLink: "https://hop.example.vn/lanh-dao",
      recipients: { officerIds: [officers.admin] },
    };
    await X.putNotice("hop-r3", meeting);
    const at = Date.parse(utc(meeting.startsAt)) - 50 * 60_000;
    await worker.scheduled(createScheduledController({ cron: SWEEP_CRON, scheduledTime: at }), env);
    const message = await waitFor("the sweep's reminder", async () =>
      (await zaloMessages(X.zaloUser(officers.admin))).find((m) => m.kind === "staff_reminder" && m.templateData.path === "/staff/notices?id=hop-r3"),
    );
    expect(String(message.templateData.content)).toContain("Họp lãnh đạo Trung tâm, 09:00–10:00");
    expect(String(message.templateData.content)).toContain("họp trực tuyến");
  });
});
