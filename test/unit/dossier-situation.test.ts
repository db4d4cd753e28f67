/**
 * The first screen tells the truth: for every state a dossier can be in, what the top of the page says is true now,
 * the one thing to do, the date that matters and where to go. Pure, with the clock passed in.
 */
import { describe, expect, it } from "vitest";
import type { AgencyPlace, DossierView, OwnerDossier, PublicDossier } from "../../miniapp/src/api/types";
import { dossierSituation, lastChanged, showsDueDate } from "../../miniapp/src/domain/dossier-situation";
import { deadlineFacts } from "../../worker/src/domain/dossier-view";
import { STATUS_LABELS } from "../../worker/src/domain/status";

const now = new Date("2026-11-23T10:00:00+07:00");
const day = (offset: number, hhmm = "16:30") => {
  const d = new Date(Date.UTC(2026, 10, 23 + offset));
  return `${d.toISOString().slice(0, 10)}T${hhmm}:00+07:00`;
};

const agency: AgencyPlace = {
  id: "000.00.21.H56",
  name: "Trung tâm Phục vụ hành chính công phường Hạc Thành",
  shortName: "TT PVHCC phường Hạc Thành",
  address: "Số 35 Phan Chu Trinh",
  phone: "0237 3 852 315",
  openingHours: [{ days: [1, 2, 3, 4, 5], opens: "07:00", closes: "17:00" }],
  hoursNote: null,
  latitude: 19.8082,
  longitude: 105.7763,
};

function publicView(code: number, extra: Partial<PublicDossier> = {}): PublicDossier {
  const base = {
    view: "public" as const,
    code: "000.00.21.H56-261116-0007",
    provinceId: "thanh-hoa",
    status: { code, label: STATUS_LABELS[code as keyof typeof STATUS_LABELS] },
    agency,
    receivedAt: day(-7, "08:00"),
    dueAt: day(3),
    completedAt: null,
    returnedAt: null,
    changedAt: day(-1, "09:00"),
    mustAct: code === 5 || code === 6,
    ...extra,
  };
  return { ...base, ...deadlineFacts(code, base.dueAt, base.completedAt, now), ...extra } as PublicDossier;
}

function ownerView(code: number, extra: Partial<OwnerDossier> = {}): OwnerDossier {
  return {
    ...publicView(code, extra as Partial<PublicDossier>),
    view: "owner",
    procedure: { code: "1.000894", name: "Đăng ký kết hôn", shortName: "Đăng ký kết hôn", legalDays: 5 },
    applicant: { name: "Trần Văn An" },
    statusNote: null,
    department: { id: "ht-tpht", name: "Phòng Tư pháp – Hộ tịch" },
    officer: { id: "cb-1", name: "Nguyễn Thị Ngọc Anh", title: "Công chức" },
    missingDocuments: null,
    fee: null,
    competentAgency: null,
    timeline: [],
    ...extra,
  } as OwnerDossier;
}

describe("the top of the dossier page", () => {
  it("status 1: never claims intake or a due date", () => {
    for (const view of [publicView(1, { dueAt: day(-6) }), ownerView(1, { dueAt: day(-6) })]) {
      const s = dossierSituation(view, now);
      expect(s.title).toBe("Đã đăng ký trực tuyến, chờ tiếp nhận");
      expect(s.keyDate).toBeNull();
      // Not its due date (17/11), not overdue, not "received".
      expect(JSON.stringify(s)).not.toMatch(/17\/11\/2026|Quá hẹn|Đã tiếp nhận/i);
    }
    expect(showsDueDate(1)).toBe(false);
  });

  it("in time: the due date and that nothing is needed yet", () => {
    const s = dossierSituation(publicView(4), now);
    expect(s).toMatchObject({ title: "Đang giải quyết", keyDate: { label: "Hẹn trả kết quả", date: "26/11/2026", relative: "còn 3 ngày", tone: "ok" } });
    expect(s.todo).toMatch(/chưa cần làm gì/);
    expect(dossierSituation(publicView(2, { dueAt: day(0) }), now).keyDate).toMatchObject({ relative: "hôm nay", tone: "due" });
  });

  it("overdue: says so first, how many days, what the agency owes, and whom to call", () => {
    const s = dossierSituation(ownerView(4, { dueAt: day(-6) }), now);
    expect(s.title).toBe("Quá hẹn 6 ngày");
    expect(s.keyDate).toMatchObject({ date: "17/11/2026", relative: "đã qua 6 ngày", tone: "late" });
    expect(s.lines.join(" ")).toMatch(/thư xin lỗi và hẹn lại ngày trả/);
    expect(s.todo).toContain("cán bộ Nguyễn Thị Ngọc Anh");
    expect(s.todo).toContain("Trung tâm Phục vụ hành chính công phường Hạc Thành");
    expect(s.todo).not.toMatch(/chưa cần làm gì/);
    expect(s.call?.phone).toBe("0237 3 852 315");
    // Without a number for the desk, the hotline.
    expect(dossierSituation(publicView(2, { dueAt: day(-1), agency: { ...agency, phone: null } }), now).todo).toMatch(/tổng đài/);
  });

  it("a due date moved with an apology says so, with the first date", () => {
    const view = ownerView(4, {
      dueAt: day(5),
      timeline: [{ type: "dossier.due_changed", at: day(-2, "09:00"), previousDueAt: day(-3), dueAt: day(5), note: "Xin lỗi" }],
    });
    expect(dossierSituation(view, now).lines.join(" ")).toContain("hẹn cũ: 20/11/2026");
  });

  it("supplement: the deadline to bring documents is the date that matters, not the due date", () => {
    const view = ownerView(5, { missingDocuments: { documents: ["Bản sao Giấy khai sinh"], deadline: day(4) } });
    const s = dossierSituation(view, now);
    expect(s.keyDate).toMatchObject({ label: "Hạn nộp bổ sung", date: "27/11/2026", relative: "còn 4 ngày" });
    expect(JSON.stringify(s)).not.toContain("26/11/2026");
    expect(s.place).toMatchObject({ role: "supplement", agency: { id: agency.id } });
    expect(showsDueDate(5)).toBe(true);

    const late = dossierSituation(ownerView(5, { missingDocuments: { documents: ["X"], deadline: day(-2) } }), now);
    expect(late.keyDate?.tone).toBe("late");
    expect(late.lines[0]).toMatch(/Đã quá hạn nộp bổ sung/);
    expect(late.todo).toMatch(/gọi nơi nộp hồ sơ/);
    // The place card below has the desk's call button; the top does not repeat it.
    expect(late).toMatchObject({ place: { role: "supplement" }, call: null });

    const locked = dossierSituation(publicView(5), now);
    expect(locked).toMatchObject({ needsOwner: true, keyDate: null, place: { role: "supplement" } });
  });

  it("fee: the amount, the payment deadline, and where to pay", () => {
    const fee = { amountVnd: 18_800_000, note: null, due: true, deadline: day(2), paymentUrl: "https://pay.example/1", transfer: null };
    const s = dossierSituation(ownerView(6, { fee }), now);
    expect(s.lines).toEqual(["Số tiền cần nộp: 18.800.000 đồng"]);
    expect(s.keyDate).toMatchObject({ label: "Hạn nộp tiền", date: "25/11/2026" });
    expect(s.todo).toMatch(/một trong các cách/);
    expect(s.place?.role).toBe("pay");
    expect(dossierSituation(ownerView(6, { fee: { ...fee, deadline: null, paymentUrl: null } }), now)).toMatchObject({
      keyDate: null,
      todo: expect.stringMatching(/tại nơi nộp hồ sơ/),
    });
    expect(dossierSituation(publicView(6), now)).toMatchObject({ needsOwner: true, place: { role: "pay" } });
    expect(dossierSituation(ownerView(6, { fee: { ...fee, deadline: day(-1) } }), now)).toMatchObject({
      keyDate: { tone: "late" },
      todo: expect.stringMatching(/quá hạn nộp tiền/),
    });
  });

  it("result ready: go and pick it up, where, and whether it was early", () => {
    const s = dossierSituation(publicView(9, { completedAt: day(-1, "10:00") }), now);
    expect(s.title).toBe("Đã có kết quả — mời đến nhận");
    expect(s.lines).toEqual(["Sớm hơn ngày hẹn 4 ngày."]);
    expect(s.place?.role).toBe("pickup");
  });

  it("returned: the owner is asked to rate; nothing else to do", () => {
    expect(dossierSituation(ownerView(10, { completedAt: day(-2), returnedAt: day(-1) }), now).todo).toMatch(/đánh giá/);
    expect(dossierSituation(publicView(10, { completedAt: day(-2), returnedAt: day(-1) }), now)).toMatchObject({ place: null, keyDate: null });
  });

  it("refused, withdrawn, stopped: no due date, and where to go instead", () => {
    for (const code of [3, 7, 8]) {
      const s = dossierSituation(ownerView(code, { dueAt: day(-10), statusNote: "Lý do ghi trên phiếu" }), now);
      expect(s.keyDate, `status ${code}`).toBeNull();
      expect(JSON.stringify(s), `status ${code}`).not.toMatch(/Hẹn trả|Quá hẹn|13\/11\/2026/);
      expect(s.lines, `status ${code}`).toContain("Lý do: Lý do ghi trên phiếu");
      expect(showsDueDate(code)).toBe(false);
    }
    const competent = { ...agency, id: "000.00.06.H56", name: "Trung tâm Phục vụ hành chính công tỉnh Thanh Hóa" };
    const sent = dossierSituation(ownerView(3, { competentAgency: competent }), now);
    expect(sent.place).toEqual({ role: "competent", agency: competent });
    expect(sent.todo).toContain("Trung tâm Phục vụ hành chính công tỉnh Thanh Hóa");
    expect(dossierSituation(ownerView(3), now).place?.role).toBe("ask");
    expect(dossierSituation(ownerView(8), now)).toMatchObject({ place: { role: "ask", agency: { phone: agency.phone } }, call: null });
  });

  it("says when the dossier last changed, even for a copy saved before the API said so", () => {
    expect(lastChanged(publicView(4))).toBe(day(-1, "09:00"));
    const old = { ...ownerView(4), changedAt: undefined } as unknown as DossierView;
    (old as OwnerDossier).timeline = [
      { type: "dossier.received", at: day(-7, "08:00") },
      { type: "dossier.assigned", at: day(-6, "08:00") },
    ];
    expect(lastChanged(old)).toBe(day(-6, "08:00"));
  });

  it("has a title and a thing to do for every national status, public or owner", () => {
    for (let code = 1; code <= 10; code++) {
      for (const view of [publicView(code), ownerView(code)]) {
        const s = dossierSituation(view, now);
        expect(s.title, `${view.view} ${code}`).not.toBe("");
        expect(s.todo, `${view.view} ${code}`).not.toBe("");
      }
    }
  });
});
