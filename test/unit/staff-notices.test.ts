import { describe, expect, it } from "vitest";
import { renderMessage } from "../../worker/src/domain/notifications";
import { answerRefusal, documentReminderAt, isOpen, meetingChange, reminderAt, reminderDue } from "../../worker/src/domain/staff-notices";
import { StaffNoticeAnswerBody, StaffNoticeBody } from "../../worker/src/schemas/staff-notices";

// A week of December 2026 in Vietnam: Thursday 3rd, Friday 4th, Saturday 5th, Monday 7th, Tuesday 8th.
const at = (local: string) => new Date(`${local}+07:00`);
const iso = (local: string) => at(local).toISOString();

const documentDue = (deadline: string) => ({ kind: "document_to_process" as const, deadline: iso(deadline), startsAt: null, cancelled: false });
const meetingAt = (startsAt: string) => ({ kind: "meeting" as const, deadline: null, startsAt: iso(startsAt), cancelled: false });
const received = (local: string, more: Partial<{ acknowledgedAt: string; answer: "attend" | "absent"; remindedAt: string }> = {}) => ({
  createdAt: iso(local),
  acknowledgedAt: more.acknowledgedAt ?? null,
  answer: more.answer ?? null,
  remindedAt: more.remindedAt ?? null,
});

describe("a document's reminder", () => {
  it("is at 08:00 on the working day before the deadline's day", () => {
    expect(documentReminderAt(iso("2026-12-08T17:00"))).toBe(iso("2026-12-07T08:00"));
    expect(documentReminderAt(iso("2026-12-04T09:30"))).toBe(iso("2026-12-03T08:00"));
  });

  it("skips the weekend: a deadline on Monday, Saturday or Sunday is reminded on Friday", () => {
    expect(documentReminderAt(iso("2026-12-07T10:00"))).toBe(iso("2026-12-04T08:00"));
    expect(documentReminderAt(iso("2026-12-05T10:00"))).toBe(iso("2026-12-04T08:00"));
    expect(documentReminderAt(iso("2026-12-06T10:00"))).toBe(iso("2026-12-04T08:00"));
  });

  it("counts days in Vietnam: 23:30 UTC on Monday is already Tuesday there", () => {
    expect(documentReminderAt("2026-12-07T23:30:00Z")).toBe(iso("2026-12-07T08:00"));
  });

  it("is due from its time until the deadline, for a recipient who has not acknowledged, once", () => {
    const doc = documentDue("2026-12-08T17:00");
    const r = received("2026-12-03T10:00");
    expect(reminderDue(doc, r, at("2026-12-07T07:59"))).toBe(false);
    expect(reminderDue(doc, r, at("2026-12-07T08:00"))).toBe(true);
    expect(reminderDue(doc, r, at("2026-12-08T16:59"))).toBe(true);
    expect(reminderDue(doc, r, at("2026-12-08T17:00"))).toBe(false);
    expect(reminderDue(doc, received("2026-12-03T10:00", { acknowledgedAt: iso("2026-12-04T09:00") }), at("2026-12-07T09:00"))).toBe(false);
    expect(reminderDue(doc, received("2026-12-03T10:00", { remindedAt: iso("2026-12-07T08:00") }), at("2026-12-07T09:00"))).toBe(false);
  });

  it("is not sent for a document received after the reminder's time, nor for one cancelled or without a deadline", () => {
    const doc = documentDue("2026-12-08T17:00");
    expect(reminderDue(doc, received("2026-12-07T09:00"), at("2026-12-07T10:00"))).toBe(false);
    expect(reminderDue({ ...doc, cancelled: true }, received("2026-12-03T10:00"), at("2026-12-07T10:00"))).toBe(false);
    expect(reminderAt({ ...doc, deadline: null })).toBeNull();
  });
});

describe("a meeting's reminder", () => {
  const meeting = meetingAt("2026-12-04T14:00");

  it("is due in the hour before it starts, unless the recipient will be absent", () => {
    expect(reminderAt(meeting)).toBe(iso("2026-12-04T13:00"));
    const r = received("2026-12-03T09:00");
    expect(reminderDue(meeting, r, at("2026-12-04T12:59"))).toBe(false);
    expect(reminderDue(meeting, r, at("2026-12-04T13:00"))).toBe(true);
    expect(reminderDue(meeting, r, at("2026-12-04T14:00"))).toBe(false);
    expect(reminderDue(meeting, received("2026-12-03T09:00", { answer: "attend" }), at("2026-12-04T13:30"))).toBe(true);
    expect(reminderDue(meeting, received("2026-12-03T09:00", { answer: "absent" }), at("2026-12-04T13:30"))).toBe(false);
  });
});

describe("what is open in Việc của tôi", () => {
  const now = at("2026-12-04T10:00");
  it("a document until it is acknowledged, even past its deadline", () => {
    expect(isOpen(documentDue("2026-12-03T17:00"), received("2026-12-01T09:00"), now)).toBe(true);
    expect(isOpen(documentDue("2026-12-08T17:00"), received("2026-12-01T09:00", { acknowledgedAt: iso("2026-12-02T09:00") }), now)).toBe(false);
  });

  it("a meeting until it is answered or starts; nothing cancelled", () => {
    expect(isOpen(meetingAt("2026-12-04T14:00"), received("2026-12-01T09:00"), now)).toBe(true);
    expect(isOpen(meetingAt("2026-12-04T14:00"), received("2026-12-01T09:00", { answer: "attend" }), now)).toBe(false);
    expect(isOpen(meetingAt("2026-12-04T09:00"), received("2026-12-01T09:00"), now)).toBe(false);
    expect(isOpen({ ...meetingAt("2026-12-04T14:00"), cancelled: true }, received("2026-12-01T09:00"), now)).toBe(false);
  });

  it("a meeting's answer can change until it starts, never for a document or a cancelled meeting", () => {
    expect(answerRefusal(meetingAt("2026-12-04T14:00"), now)).toBeNull();
    expect(answerRefusal(meetingAt("2026-12-04T10:00"), now)).toBe("started");
    expect(answerRefusal({ ...meetingAt("2026-12-04T14:00"), cancelled: true }, now)).toBe("cancelled");
    expect(answerRefusal(documentDue("2026-12-08T17:00"), now)).toBe("not_a_meeting");
  });
});

describe("a meeting sent again", () => {
  const before = { ...meetingAt("2026-12-04T14:00"), endsAt: iso("2026-12-04T16:00"), place: "Phòng họp 2", onlineLink: null };
  it("is moved when its time, place or link changes, cancelled when cancelled, unchanged otherwise", () => {
    expect(meetingChange(before, { ...before })).toBeNull();
    expect(meetingChange(before, { ...before, startsAt: iso("2026-12-04T15:00") })).toBe("moved");
    expect(meetingChange(before, { ...before, place: "Hội trường A" })).toBe("moved");
    expect(meetingChange(before, { ...before, onlineLink: "https://meet.example.vn/x" })).toBe("moved");
    expect(meetingChange(before, { ...before, cancelled: true })).toBe("cancelled");
    expect(meetingChange({ ...before, cancelled: true }, { ...before, cancelled: true, place: "Hội trường A" })).toBeNull();
  });
});

describe("the messages officials get", () => {
  const base = { code: "vb-125", noticeId: "vb-125", title: "Kế hoạch cải cách hành chính", documentNumber: "125/QĐ-UBND", issuer: "UBND tỉnh" };
  it("say what the document is, its number and deadline, and open the notice", () => {
    const m = renderMessage("staff_document", { ...base, deadline: iso("2026-12-08T17:00") });
    expect(m.body).toBe("Văn bản cần xử lý: 125/QĐ-UBND — Kế hoạch cải cách hành chính (UBND tỉnh). Hạn xử lý: 17:00 ngày 08/12/2026.");
    expect(m.path).toBe("/staff/notices?id=vb-125");
    expect(renderMessage("staff_approval", base).title).toBe("Văn bản chờ phê duyệt");
  });

  it("say when and where a meeting is, and when it moved or was cancelled", () => {
    const meeting = {
      code: "h-1",
      noticeId: "h-1",
      title: "Giao ban tuần",
      startsAt: iso("2026-12-04T14:00"),
      endsAt: iso("2026-12-04T16:00"),
      venue: "Phòng họp 2",
    };
    expect(renderMessage("staff_meeting", meeting).body).toContain("14:00–16:00 ngày 04/12/2026, tại Phòng họp 2");
    expect(renderMessage("staff_meeting_changed", meeting).title).toBe("Lịch họp thay đổi");
    expect(renderMessage("staff_meeting_changed", { ...meeting, cancelled: true }).body).toBe("Cuộc họp “Giao ban tuần” lúc 14:00 ngày 04/12/2026 đã hủy.");
    expect(renderMessage("staff_reminder", { ...meeting, noticeKind: "meeting" }).title).toBe("Sắp đến giờ họp");
    for (const kind of ["staff_document", "staff_meeting", "staff_reminder"] as const) {
      expect(renderMessage(kind, meeting).body).not.toMatch(/\bbạn\b/);
    }
  });
});

describe("a notice as the sending system writes it", () => {
  const meeting = {
    kind: "meeting",
    title: "Giao ban",
    startsAt: "2026-12-04T14:00:00+07:00",
    endsAt: "2026-12-04T16:00:00+07:00",
    recipients: { roles: ["province_admin"] },
  };
  const field = (body: unknown) => {
    const parsed = StaffNoticeBody.safeParse(body);
    return parsed.success ? null : parsed.error.issues[0]!.path.join(".");
  };
  it("is refused with the field named", () => {
    expect(field(meeting)).toBeNull();
    expect(field({ ...meeting, kind: "memo" })).toBe("kind");
    expect(field({ ...meeting, startsAt: undefined })).toBe("startsAt");
    expect(field({ ...meeting, endsAt: "2026-12-04T13:00:00+07:00" })).toBe("endsAt");
    expect(field({ ...meeting, link: "http://vanban.example.vn/1" })).toBe("link");
    expect(field({ ...meeting, link: "javascript:alert(1)" })).toBe("link");
    expect(field({ ...meeting, deadline: "2026-12-04 14:00" })).toBe("deadline");
    expect(field({ ...meeting, recipients: {} })).toBe("recipients");
    expect(field({ kind: "document_to_process", recipients: { roles: ["officer"] } })).toBe("title");
  });

  it("an absence needs a reason of at most 500 characters", () => {
    expect(StaffNoticeAnswerBody.safeParse({ answer: "absent" }).success).toBe(false);
    expect(StaffNoticeAnswerBody.safeParse({ answer: "absent", reason: "   " }).success).toBe(false);
    expect(StaffNoticeAnswerBody.safeParse({ answer: "absent", reason: "x".repeat(501) }).success).toBe(false);
    expect(StaffNoticeAnswerBody.safeParse({ answer: "absent", reason: "Đi công tác" }).success).toBe(true);
    expect(StaffNoticeAnswerBody.safeParse({ answer: "attend" }).success).toBe(true);
  });
});
