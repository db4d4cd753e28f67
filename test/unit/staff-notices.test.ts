import { describe, expect, it } from "vitest";
import { canAnswer, deadlineIsNear, isOpen, meetingTime, type NoticeFacts, splitNotices } from "../../miniapp/src/domain/staff-notices";

const document = (over: Partial<NoticeFacts> = {}): NoticeFacts => ({
  kind: "document_to_process",
  deadline: null,
  startsAt: null,
  endsAt: null,
  cancelled: false,
  acknowledgedAt: null,
  answer: null,
  ...over,
});
const meeting = (startsAt: string, endsAt: string | null, over: Partial<NoticeFacts> = {}): NoticeFacts =>
  document({ kind: "meeting", startsAt, endsAt, ...over });

// 10:00 on Thursday 03/12/2026 in Vietnam.
const NOW = new Date("2026-12-03T10:00:00+07:00");

describe("a meeting's time as the officer reads it", () => {
  it("is the hours and the weekday with the date, in Vietnam whatever the instant's offset", () => {
    expect(meetingTime("2026-12-05T07:00:00Z", "2026-12-05T09:00:00Z")).toBe("14:00–16:00, Thứ Bảy 05/12/2026");
    expect(meetingTime("2026-12-04T14:00:00+07:00", "2026-12-04T16:30:00+07:00")).toBe("14:00–16:30, Thứ Sáu 04/12/2026");
  });

  it("names both days when it runs past midnight in Vietnam, and the start alone without an end", () => {
    expect(meetingTime("2026-12-06T16:00:00Z", "2026-12-06T18:00:00Z")).toBe("23:00 Chủ nhật 06/12/2026 – 01:00 Thứ Hai 07/12/2026");
    expect(meetingTime("2026-12-07T01:30:00Z", null)).toBe("08:30, Thứ Hai 07/12/2026");
  });
});

describe("a deadline painted red", () => {
  it("when it is tomorrow, today or past in Vietnam's calendar, not the day after tomorrow", () => {
    expect(deadlineIsNear("2026-12-04T17:00:00+07:00", NOW)).toBe(true);
    expect(deadlineIsNear("2026-12-03T08:00:00+07:00", NOW)).toBe(true);
    expect(deadlineIsNear("2026-11-20T17:00:00+07:00", NOW)).toBe(true);
    expect(deadlineIsNear("2026-12-05T08:00:00+07:00", NOW)).toBe(false);
    // 23:30 UTC on the 3rd is already the 4th in Vietnam: tomorrow.
    expect(deadlineIsNear("2026-12-03T23:30:00Z", NOW)).toBe(true);
  });
});

describe("what still waits for the officer", () => {
  it("a document until it is acknowledged", () => {
    expect(isOpen(document(), NOW)).toBe(true);
    expect(isOpen(document({ acknowledgedAt: "2026-12-03T09:00:00+07:00" }), NOW)).toBe(false);
  });

  it("a meeting until it is answered or over; a cancelled one until it has been seen", () => {
    const friday = meeting("2026-12-04T14:00:00+07:00", "2026-12-04T16:00:00+07:00");
    expect(isOpen(friday, NOW)).toBe(true);
    expect(isOpen({ ...friday, answer: "absent" }, NOW)).toBe(false);
    expect(isOpen(meeting("2026-12-02T14:00:00+07:00", "2026-12-02T16:00:00+07:00"), NOW)).toBe(false);
    expect(isOpen({ ...friday, cancelled: true }, NOW)).toBe(true);
    expect(isOpen({ ...friday, cancelled: true, acknowledgedAt: "2026-12-03T09:00:00+07:00" }, NOW)).toBe(false);
  });

  it("a meeting's answer can change until it starts, never for a cancelled one", () => {
    const friday = meeting("2026-12-04T14:00:00+07:00", "2026-12-04T16:00:00+07:00", { answer: "attend" });
    expect(canAnswer(friday, NOW)).toBe(true);
    expect(canAnswer(friday, new Date("2026-12-04T14:00:00+07:00"))).toBe(false);
    expect(canAnswer({ ...friday, cancelled: true }, NOW)).toBe(false);
    expect(canAnswer(document(), NOW)).toBe(false);
  });

  it("open first by the soonest deadline or start, done after, the latest first", () => {
    const later = document({ deadline: "2026-12-10T17:00:00+07:00" });
    const sooner = meeting("2026-12-04T14:00:00+07:00", "2026-12-04T16:00:00+07:00");
    const undated = document();
    const doneOld = document({ deadline: "2026-11-01T17:00:00+07:00", acknowledgedAt: "2026-11-01T08:00:00+07:00" });
    const doneNew = meeting("2026-12-02T14:00:00+07:00", "2026-12-02T16:00:00+07:00", { answer: "attend" });
    const { open, done } = splitNotices([later, doneOld, undated, sooner, doneNew], NOW);
    expect(open).toEqual([sooner, later, undated]);
    expect(done).toEqual([doneNew, doneOld]);
  });
});
