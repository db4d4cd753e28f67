import { describe, expect, it } from "vitest";
import type { TimelineEntry } from "../../miniapp/src/api/types";
import { describeDeadline, describeStatus, describeTimelineEntry } from "../../miniapp/src/domain/dossier-wording";

const status = (code: number) => ({ code, label: "label from the API" });

describe("status in plain Vietnamese", () => {
  it("tells the citizen to bring documents when a supplement is requested", () => {
    expect(describeStatus(status(5))).toMatchObject({ title: "Cần bổ sung giấy tờ", tone: "action" });
  });

  it("invites the citizen to collect a ready result", () => {
    const ready = describeStatus(status(9));
    expect(ready.title).toBe("Đã có kết quả — mời đến nhận");
    expect(ready.tone).toBe("ready");
    expect(ready.meaning).toMatch(/nhận/);
  });

  it("has a title, a meaning and a colour for every national status", () => {
    for (let code = 1; code <= 10; code++) {
      const wording = describeStatus(status(code));
      expect(wording.title, `status ${code}`).not.toBe("");
      expect(wording.meaning, `status ${code}`).not.toBe("");
    }
    expect(describeStatus(status(6)).tone).toBe("action");
    expect(describeStatus(status(4)).tone).toBe("progress");
    expect(describeStatus(status(10)).tone).toBe("done");
    expect(new Set([3, 7, 8].map((c) => describeStatus(status(c)).tone))).toEqual(new Set(["stopped"]));
  });

  it("falls back to the API's own label for a status it does not know", () => {
    expect(describeStatus({ code: 42, label: "Trạng thái mới" }).title).toBe("Trạng thái mới");
  });
});

describe("deadline wording", () => {
  const now = new Date("2026-11-23T10:00:00+07:00");
  const open = (code: number, dueAt: string) => ({ status: status(code), dueAt, completedAt: null });

  it("says how many days are left before the due date", () => {
    expect(describeDeadline(open(4, "2026-11-26T16:30:00+07:00"), now)).toEqual({ text: "Còn 3 ngày đến ngày hẹn", tone: "ok" });
  });

  it("says the result is due today", () => {
    expect(describeDeadline(open(4, "2026-11-23T16:30:00+07:00"), now)).toMatchObject({ text: "Hẹn trả hôm nay", tone: "due" });
  });

  it("says an open dossier is overdue, and what the agency owes", () => {
    const late = describeDeadline(open(5, "2026-11-20T16:30:00+07:00"), now);
    expect(late).toMatchObject({ text: "Quá hẹn 3 ngày", tone: "late" });
    expect(late?.meaning).toMatch(/xin lỗi/);
  });

  it("recomputes overdue from today, so an old copy kept offline turns overdue", () => {
    const later = new Date("2026-11-28T09:00:00+07:00");
    expect(describeDeadline(open(4, "2026-11-26T16:30:00+07:00"), later)?.text).toBe("Quá hẹn 2 ngày");
  });

  it("praises a result ready early, and admits one ready late", () => {
    const done = (completedAt: string) => ({ status: status(9), dueAt: "2026-11-26T16:30:00+07:00", completedAt });
    expect(describeDeadline(done("2026-11-24T09:00:00+07:00"), now)).toEqual({ text: "Xong sớm 2 ngày so với hẹn", tone: "early" });
    expect(describeDeadline(done("2026-11-26T08:00:00+07:00"), now)).toEqual({ text: "Xong đúng hẹn", tone: "ok" });
    expect(describeDeadline(done("2026-11-27T08:00:00+07:00"), now)).toEqual({ text: "Xong trễ 1 ngày so với hẹn", tone: "late" });
  });

  it("says nothing about deadlines for a refused, withdrawn or stopped dossier", () => {
    for (const code of [3, 7, 8]) expect(describeDeadline(open(code, "2026-11-01T16:30:00+07:00"), now)).toBeNull();
  });

  it("gives an online registration not yet accepted no deadline at all, even with a past date filled in", () => {
    expect(describeDeadline(open(1, "2026-11-01T16:30:00+07:00"), now)).toBeNull();
    expect(describeDeadline(open(1, "2026-11-30T16:30:00+07:00"), now)).toBeNull();
  });
});

describe("timeline steps", () => {
  const at = "2026-11-20T08:00:00+07:00";

  it("shows a due-date change with both dates and the agency's apology", () => {
    const entry: TimelineEntry = {
      type: "dossier.due_changed",
      at,
      previousDueAt: "2026-11-17T16:30:00+07:00",
      dueAt: "2026-12-01T16:30:00+07:00",
      note: "Trung tâm xin lỗi Ông/Bà vì sự chậm trễ này.",
    };
    const step = describeTimelineEntry(entry);
    expect(step.title).toBe("Đổi ngày hẹn trả kết quả");
    expect(step.lines).toEqual(["Ngày hẹn trả đổi từ 17/11/2026 sang 01/12/2026."]);
    expect(step.apology).toBe("Trung tâm xin lỗi Ông/Bà vì sự chậm trễ này.");
  });

  it("lists the missing documents with their deadline", () => {
    const step = describeTimelineEntry({
      type: "dossier.supplement_requested",
      at,
      status: status(5),
      documents: ["Bản sao Giấy khai sinh", "Tờ khai"],
      deadline: "2026-11-27T16:30:00+07:00",
    });
    expect(step).toMatchObject({ title: "Yêu cầu bổ sung giấy tờ", tone: "action" });
    expect(step.lines).toEqual(["• Bản sao Giấy khai sinh", "• Tờ khai", "Hạn nộp: 27/11/2026"]);
  });

  it("shows the amount of a fee request in đồng", () => {
    expect(describeTimelineEntry({ type: "dossier.fee_requested", at, amountVnd: 150000 }).lines).toEqual(["Số tiền: 150.000 đồng"]);
  });

  it("names who received and who handles the dossier", () => {
    const step = describeTimelineEntry({
      type: "dossier.received",
      at,
      status: status(2),
      dueAt: "2026-11-27T16:30:00+07:00",
      officerName: "Nguyễn Thị Lan",
      departmentName: "Phòng Tư pháp",
    });
    expect(step.title).toBe("Tiếp nhận hồ sơ");
    expect(step.lines).toEqual(["Hẹn trả: 27/11/2026", "Người xử lý: Nguyễn Thị Lan", "Phòng ban: Phòng Tư pháp"]);
  });

  it("calls an online registration what it is, with no intake and no due date, and its acceptance the intake", () => {
    const registered = describeTimelineEntry({ type: "dossier.received", at, status: status(1), dueAt: "2026-11-27T16:30:00+07:00", note: "Nộp trực tuyến" });
    expect(registered).toMatchObject({ title: "Đăng ký hồ sơ trực tuyến", lines: [], note: "Nộp trực tuyến" });
    expect(describeTimelineEntry({ type: "dossier.status_changed", at, status: status(2) }).title).toBe("Tiếp nhận hồ sơ");
  });

  it("never shows a closed dossier's due date, and a refused one was handed in, not received", () => {
    const received: TimelineEntry = { type: "dossier.received", at, status: status(2), dueAt: "2026-11-27T16:30:00+07:00", departmentName: "Phòng Tư pháp" };
    expect(describeTimelineEntry(received, 3)).toMatchObject({ title: "Nộp hồ sơ", lines: ["Phòng ban: Phòng Tư pháp"] });
    for (const closed of [7, 8])
      expect(describeTimelineEntry(received, closed)).toMatchObject({ title: "Tiếp nhận hồ sơ", lines: ["Phòng ban: Phòng Tư pháp"] });
    expect(describeTimelineEntry(received, 4).lines).toContain("Hẹn trả: 27/11/2026");
    const moved: TimelineEntry = {
      type: "dossier.due_changed",
      at,
      previousDueAt: "2026-11-17T16:30:00+07:00",
      dueAt: "2026-12-01T16:30:00+07:00",
      note: "Xin lỗi",
    };
    expect(describeTimelineEntry(moved, 8)).toMatchObject({ lines: [], apology: "Xin lỗi" });
  });

  it("words a status change with the plain status title and keeps the officer's note", () => {
    const step = describeTimelineEntry({ type: "dossier.status_changed", at, status: status(4), note: "Đang thẩm định" });
    expect(step).toMatchObject({ title: "Cập nhật: Đang giải quyết", note: "Đang thẩm định" });
  });

  it("still shows an event type it does not know", () => {
    expect(describeTimelineEntry({ type: "dossier.something_new", at }).title).toBe("Cập nhật hồ sơ");
    expect(describeTimelineEntry({ type: "dossier.something_new", at, status: status(9) }).title).toBe("Đã có kết quả — mời đến nhận");
  });
});
