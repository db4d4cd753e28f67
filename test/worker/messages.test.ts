import { describe, expect, it } from "vitest";
import { foldDossierEvents, type StoredEvent } from "../../worker/src/domain/dossier-state";
import {
  isBroadcastKind,
  MESSAGE_KINDS,
  type MessageKind,
  type MessageParams,
  plannedMessages,
  renderMessage,
  withContext,
} from "../../worker/src/domain/notifications";
import { isStaffNoticeKind } from "../../worker/src/domain/staff-notice-messages";
import { retryDelaySeconds } from "../../worker/src/services/notify";

const NOW = Date.parse("2026-11-24T03:00:00Z");
const CODE = "000.00.06.H56-261120-0001";
const received: StoredEvent = {
  eventId: "r",
  type: "dossier.received",
  occurredAt: "2026-11-20T01:00:00.000Z",
  payload: {
    agencyId: "000.00.06.H56",
    procedureCode: "1.000894",
    applicantName: "A",
    applicantFactorHash: "h",
    receivedAt: "2026-11-20T01:00:00.000Z",
    dueAt: "2026-11-27T09:30:00.000Z",
  },
};
const ev = (eventId: string, type: StoredEvent["type"], occurredAt: string, payload: StoredEvent["payload"] = {}): StoredEvent => ({
  eventId,
  type,
  occurredAt,
  payload,
});

function plan(known: StoredEvent[], added: StoredEvent[]) {
  const all = [...known, ...added];
  return plannedMessages(CODE, all, added, foldDossierEvents(all)!, NOW);
}

describe("which events become messages", () => {
  it("every event that matters, with what the message needs", () => {
    const cases: [StoredEvent, string, Record<string, unknown>][] = [
      [
        ev("s", "dossier.supplement_requested", "2026-11-22T02:00:00Z", { documents: ["Sổ hộ khẩu"], deadline: "2026-11-29T09:30:00Z" }),
        "supplement_requested",
        { documents: ["Sổ hộ khẩu"], deadline: "2026-11-29T09:30:00Z" },
      ],
      [ev("f", "dossier.fee_requested", "2026-11-22T02:00:00Z", { amountVnd: 50000 }), "fee_due", { amountVnd: 50000 }],
      [ev("ok", "dossier.result_ready", "2026-11-24T02:00:00Z"), "result_ready", { earlyDays: 3 }],
      [
        ev("d", "dossier.due_changed", "2026-11-22T02:00:00Z", { dueAt: "2026-12-02T09:30:00Z", reason: "Cần xác minh thêm" }),
        "due_changed",
        { dueAt: "2026-12-02T09:30:00Z", previousDueAt: "2026-11-27T09:30:00.000Z", reason: "Cần xác minh thêm" },
      ],
      [ev("x", "dossier.refused", "2026-11-22T02:00:00Z", { reason: "Sai thẩm quyền" }), "refused", { reason: "Sai thẩm quyền" }],
      [ev("w", "dossier.withdrawn", "2026-11-22T02:00:00Z", { reason: "Theo đơn" }), "withdrawn", { reason: "Theo đơn" }],
      [ev("st", "dossier.stopped", "2026-11-22T02:00:00Z", { reason: "Quá hạn bổ sung" }), "stopped", { reason: "Quá hạn bổ sung" }],
      [ev("rt", "dossier.returned", "2026-11-24T02:00:00Z"), "returned", {}],
      [ev("sc9", "dossier.status_changed", "2026-11-24T02:00:00Z", { status: 9 }), "result_ready", { earlyDays: 3 }],
      [ev("sc8", "dossier.status_changed", "2026-11-22T02:00:00Z", { status: 8, note: "Dừng theo yêu cầu" }), "stopped", { reason: "Dừng theo yêu cầu" }],
    ];
    for (const [event, kind, params] of cases) {
      expect(plan([received], [event]), event.eventId).toEqual([{ eventId: event.eventId, kind, params: { code: CODE, ...params } }]);
    }
  });

  it("nothing for intake, assignment or processing: the citizen is at the desk or nothing changed for them", () => {
    expect(plan([], [received])).toEqual([]);
    expect(plan([received], [ev("a", "dossier.assigned", "2026-11-21T02:00:00Z", { departmentId: "tp" })])).toEqual([]);
    expect(plan([received], [ev("p", "dossier.status_changed", "2026-11-21T02:00:00Z", { status: 4 })])).toEqual([]);
  });

  it("an event overtaken by a later one already known says nothing", () => {
    const ready = ev("ok", "dossier.result_ready", "2026-11-24T02:00:00Z");
    expect(plan([received, ready], [ev("s", "dossier.supplement_requested", "2026-11-22T02:00:00Z", { documents: ["X"] })])).toEqual([]);
    expect(plan([received, ready], [ev("d", "dossier.due_changed", "2026-11-22T02:00:00Z", { dueAt: "2026-12-02T09:30:00Z", reason: "r" })])).toEqual([]);
  });

  it("in one batch only the latest status speaks; a due change alongside it still does", () => {
    const messages = plan(
      [received],
      [
        ev("s", "dossier.supplement_requested", "2026-11-21T02:00:00Z", { documents: ["X"] }),
        ev("d", "dossier.due_changed", "2026-11-22T02:00:00Z", { dueAt: "2026-12-02T09:30:00Z", reason: "Chờ bổ sung" }),
        ev("f", "dossier.fee_requested", "2026-11-23T02:00:00Z", { amountVnd: 1000 }),
      ],
    );
    expect(messages.map((m) => m.kind)).toEqual(["due_changed", "fee_due"]);
  });

  it("history older than a week, synced late, messages nobody", () => {
    expect(plan([received], [ev("old", "dossier.result_ready", "2026-11-10T02:00:00Z")])).toEqual([]);
  });
});

describe("the words", () => {
  it("every kind reads as plain Vietnamese with a button to what it is about", () => {
    const params = {
      code: CODE,
      documents: ["Sổ hộ khẩu"],
      deadline: "2026-11-29T09:30:00Z",
      dueAt: "2026-12-02T09:30:00Z",
      amountVnd: 100000,
      feedbackId: 12,
    };
    // Officials' notices name their document or meeting, not a code (test/unit/staff-notices.test.ts).
    for (const kind of MESSAGE_KINDS.filter((k) => !isBroadcastKind(k) && !isStaffNoticeKind(k))) {
      const m = renderMessage(kind, params);
      expect(m.title.length, kind).toBeGreaterThan(5);
      expect(m.body, kind).toContain(CODE);
      // The rating invitation opens the survey, feedback messages the feedback, officers' messages the staff area.
      const path =
        kind === "returned"
          ? `/rate?code=${encodeURIComponent(CODE)}`
          : kind.startsWith("feedback_")
            ? "/feedback/item?id=12"
            : kind.startsWith("staff_")
              ? "/staff"
              : `/dossier?code=${encodeURIComponent(CODE)}`;
      expect(m.path, kind).toBe(path);
      expect(m.buttonText, kind).toMatch(/Xem hồ sơ|Đánh giá|Xem trả lời|Xem phản ánh|Trả lời|Xem câu hỏi/);
    }
  });

  it("broadcasts say the alert's headline and instruction, its end, or the news post's title, and open what they are about", () => {
    const alert = { code: "VN-KTTV-1", alertId: 7, headline: "Lũ trên sông Mã", instruction: "Di dời người và tài sản lên chỗ cao" };
    const opened = renderMessage("alert", alert);
    expect(opened.title).toBe("Cảnh báo: Lũ trên sông Mã");
    expect(opened.body).toBe("Di dời người và tài sản lên chỗ cao.");
    expect(opened.path).toBe("/alert?id=7");
    expect(renderMessage("alert_update", { ...alert, instruction: "Không qua ngầm tràn" }).body).toBe("Không qua ngầm tràn.");
    expect(renderMessage("alert_cancel", alert).body).toContain("Nguy hiểm đã qua");
    const news = renderMessage("news", { code: "tin-1", newsId: "tin-1", title: "Miễn lệ phí hộ tịch", summary: "Từ 01/01 …" });
    expect([news.title, news.body, news.path]).toEqual(["Miễn lệ phí hộ tịch", "Từ 01/01 …", "/news/item?id=tin-1"]);
    for (const kind of MESSAGE_KINDS) expect(isBroadcastKind(kind), kind).toBe(["alert", "alert_update", "alert_cancel", "news"].includes(kind));
  });

  it("says how early a result is, the apology and the new date, the amount, the reason, and invites a rating", () => {
    expect(renderMessage("result_ready", { code: CODE, earlyDays: 3 }).body).toContain("sớm hơn hẹn 3 ngày");
    expect(renderMessage("result_ready", { code: CODE }).body).not.toContain("sớm hơn");
    const due = renderMessage("due_changed", {
      code: CODE,
      dueAt: "2026-12-02T09:30:00Z",
      previousDueAt: "2026-11-27T09:30:00Z",
      reason: "Cần xác minh thêm tại địa phương",
    });
    expect(due.body).toBe(
      `Cần xác minh thêm tại địa phương. Ngày hẹn trả mới của hồ sơ ${CODE}: 02/12/2026 (hẹn cũ: 27/11/2026). Chúng tôi thành thật xin lỗi ông/bà vì sự chậm trễ.`,
    );
    expect(renderMessage("fee_due", { code: CODE, amountVnd: 1_500_000 }).body).toContain("1.500.000 đồng");
    expect(renderMessage("refused", { code: CODE, reason: "Không thuộc thẩm quyền" }).body).toContain("Lý do: Không thuộc thẩm quyền.");
    expect(renderMessage("supplement_requested", { code: CODE, documents: ["A", "B"], deadline: "2026-11-29T16:59:00Z" }).body).toContain(
      "A; B. Hạn nộp bổ sung: 29/11/2026",
    );
    const returned = renderMessage("returned", { code: CODE });
    expect(returned.body).toMatch(/đánh giá mức độ hài lòng/);
    expect(returned.buttonText).toBe("Đánh giá");
    expect(renderMessage("feedback_assigned", { code: "PA-000012", feedbackId: 12, agencyName: "UBND phường Hạc Thành" }).body).toBe(
      "Phản ánh PA-000012 đã được chuyển đến UBND phường Hạc Thành để xem xét, giải quyết.",
    );
    expect(renderMessage("question_answered", { code: CODE, officerName: "Nguyễn Thị Lan" }).body).toContain("cán bộ Nguyễn Thị Lan trả lời");
    expect(renderMessage("staff_question", { code: CODE, excerpt: "Khi nào có kết quả?" }).body).toContain("“Khi nào có kết quả?”");
  });
});

describe("what a message says about the procedure and the place", () => {
  const place = { name: "Trung tâm Phục vụ hành chính công tỉnh Thanh Hóa", address: "Số 28 Đại lộ Lê Lợi", phone: "0237 3 727 888" };
  const competent = { name: "Sở Xây dựng tỉnh Thanh Hóa", address: "Số 36 Đại lộ Lê Lợi", phone: null };
  const context = { procedure: "Đăng ký kết hôn", agency: place, competentAgency: competent };

  it("names the procedure in every dossier message and the place where the step sends the citizen", () => {
    const at = (kind: MessageKind, extra: Partial<MessageParams> = {}) => renderMessage(kind, withContext(kind, { code: CODE, ...extra }, context)).body;
    expect(at("result_ready")).toContain(`Hồ sơ ${CODE} (Đăng ký kết hôn) đã có kết quả`);
    expect(at("result_ready")).toContain("nhận tại Trung tâm Phục vụ hành chính công tỉnh Thanh Hóa, Số 28 Đại lộ Lê Lợi (ĐT 0237 3 727 888)");
    expect(at("supplement_requested", { documents: ["A"] })).toContain("Nơi nộp: Trung tâm Phục vụ hành chính công tỉnh Thanh Hóa, Số 28 Đại lộ Lê Lợi");
    const fee = at("fee_due", { amountVnd: 18_800_000, deadline: "2026-12-09T09:30:00Z" });
    expect(fee).toContain("18.800.000 đồng");
    expect(fee).toContain("Hạn nộp: 09/12/2026");
    expect(fee).toContain("Nộp tại: Trung tâm Phục vụ hành chính công tỉnh Thanh Hóa");
    expect(at("refused", { reason: "Không thuộc thẩm quyền" })).toContain("Nơi có thẩm quyền giải quyết: Sở Xây dựng tỉnh Thanh Hóa, Số 36 Đại lộ Lê Lợi.");
    expect(at("overdue", { dueAt: "2026-11-27T09:30:00Z" })).toContain("gọi Trung tâm Phục vụ hành chính công tỉnh Thanh Hóa: 0237 3 727 888");
    // A due-date change or a withdrawal sends nobody anywhere.
    expect(at("due_changed", { dueAt: "2026-12-02T09:30:00Z" })).not.toContain("Số 28");
    expect(at("withdrawn")).toContain("(Đăng ký kết hôn)");
    expect(at("withdrawn")).not.toContain("Số 28");
  });

  it("reads as before when the one-stop system published no procedure name or place", () => {
    expect(renderMessage("result_ready", withContext("result_ready", { code: CODE }, { procedure: null, agency: null, competentAgency: null })).body).toBe(
      `Hồ sơ ${CODE} đã có kết quả. Mời ông/bà mang giấy hẹn đến nơi nộp hồ sơ để nhận kết quả.`,
    );
    // A refusal that names no competent agency sends the citizen nowhere new.
    expect(renderMessage("refused", withContext("refused", { code: CODE }, { ...context, competentAgency: null })).body).not.toContain("thẩm quyền giải quyết");
  });
});

describe("retry backoff", () => {
  it("doubles from the base, honours Zalo's Retry-After, and stops at 12 hours", () => {
    expect([1, 2, 3, 4].map((n) => retryDelaySeconds(n, 30))).toEqual([30, 60, 120, 240]);
    expect(retryDelaySeconds(1, 30, 90)).toBe(90);
    expect(retryDelaySeconds(30, 30)).toBe(43_200);
  });
});
