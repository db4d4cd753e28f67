import { describe, expect, it } from "vitest";
import { canAnswer, deadlineIsNear, meetingTime, type NoticeFacts, splitNotices } from "../../miniapp/src/domain/staff-notices";

const document = (over: Partial<NoticeFacts> = {}): NoticeFacts => ({
  kind: "document_to_process",
  deadline: null,
  startsAt: null,
  endsAt: null,
  cancelled: false,
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

describe("what the officer can still do", () => {
  it("answer a meeting, or change the answer, until it starts; never a cancelled one, never a document", () => {
    const friday = meeting("2026-12-04T14:00:00+07:00", "2026-12-04T16:00:00+07:00");
    expect(canAnswer(friday, NOW)).toBe(true);
    expect(canAnswer(friday, new Date("2026-12-04T13:59:00+07:00"))).toBe(true);
    expect(canAnswer(friday, new Date("2026-12-04T14:00:00+07:00"))).toBe(false);
    expect(canAnswer({ ...friday, cancelled: true }, NOW)).toBe(false);
    expect(canAnswer(document(), NOW)).toBe(false);
  });

  it("open notices first, done ones apart, each in the API's order", () => {
    const list = [
      { id: "a", open: true },
      { id: "b", open: false },
      { id: "c", open: true },
      { id: "d", open: false },
    ];
    const { open, done } = splitNotices(list);
    expect(open.map((n) => n.id)).toEqual(["a", "c"]);
    expect(done.map((n) => n.id)).toEqual(["b", "d"]);
  });
});
