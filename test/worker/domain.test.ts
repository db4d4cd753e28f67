import { describe, expect, it } from "vitest";
import { normalizeDossierCode, parseDossierCode } from "../../worker/src/domain/dossier-code";
import { deadlineFacts } from "../../worker/src/domain/dossier-view";
import { foldDossierEvents, type StoredEvent } from "../../worker/src/domain/dossier-state";
import { foldVietnamese } from "../../worker/src/domain/text";
import { vnCodeDate, vnDisplayDate } from "../../worker/src/domain/time";

describe("dates in Asia/Ho_Chi_Minh", () => {
  it("shows dd/MM/yyyy of the Vietnamese day, not the UTC one", () => {
    expect(vnDisplayDate("2026-11-22T18:30:00Z")).toBe("23/11/2026");
    expect(vnCodeDate("2026-11-22T16:59:59Z")).toBe("261122");
    expect(vnCodeDate("2026-11-22T17:00:00Z")).toBe("261123");
  });

  it("is overdue only from the day after the due day, and never once closed", () => {
    const due = "2026-11-20T09:30:00Z"; // 16:30 on 20/11 in Vietnam
    expect(deadlineFacts(4, due, null, new Date("2026-11-20T16:59:00Z")).overdue).toBe(false); // 23:59 same day
    expect(deadlineFacts(4, due, null, new Date("2026-11-20T17:00:00Z"))).toEqual({ overdue: true, overdueDays: 1, earlyDays: null });
    expect(deadlineFacts(9, due, "2026-11-18T03:00:00Z", new Date("2026-12-01T00:00:00Z"))).toEqual({ overdue: false, overdueDays: 0, earlyDays: 2 });
    expect(deadlineFacts(10, due, "2026-11-23T03:00:00Z", new Date("2026-12-01T00:00:00Z")).earlyDays).toBe(-3);
    for (const closed of [3, 7, 8]) expect(deadlineFacts(closed, due, null, new Date("2026-12-01T00:00:00Z")).overdue).toBe(false);
  });
});

describe("codes and text", () => {
  it("normalises and parses national dossier codes", () => {
    expect(normalizeDossierCode("  000.00.06.h56-231027-0361 ")).toBe("000.00.06.H56-231027-0361");
    expect(parseDossierCode("000.00.06.H56-231027-0361")).toEqual({ agencyId: "000.00.06.H56", date: "231027", counter: "0361" });
    expect(parseDossierCode("H56-0361")).toBeNull();
  });

  it("folds Vietnamese for search", () => {
    expect(foldVietnamese("  Đăng ký   KẾT HÔN ")).toBe("dang ky ket hon");
    expect(foldVietnamese("Giấy chứng nhận quyền sử dụng đất")).toBe("giay chung nhan quyen su dung dat");
  });
});

describe("folding events", () => {
  const received: StoredEvent = {
    eventId: "r",
    type: "dossier.received",
    occurredAt: "2026-11-01T01:00:00.000Z",
    payload: {
      agencyId: "A",
      procedureCode: "P",
      applicantName: "N",
      applicantFactorHash: "h",
      receivedAt: "2026-11-01T01:00:00.000Z",
      dueAt: "2026-11-08T09:30:00.000Z",
    },
  };
  it("has no dossier until its intake is known", () => {
    expect(foldDossierEvents([{ eventId: "s", type: "dossier.result_ready", occurredAt: "2026-11-02T00:00:00.000Z", payload: {} }])).toBeNull();
  });
  it("clears the missing documents once the dossier moves on", () => {
    const state = foldDossierEvents([
      received,
      {
        eventId: "a",
        type: "dossier.supplement_requested",
        occurredAt: "2026-11-02T00:00:00.000Z",
        payload: { documents: ["X"], deadline: "2026-11-05T00:00:00.000Z" },
      },
      { eventId: "b", type: "dossier.status_changed", occurredAt: "2026-11-04T00:00:00.000Z", payload: { status: 4 } },
    ])!;
    expect(state.status).toBe(4);
    expect(state.missingDocuments).toBeNull();
  });
  it("breaks ties at the same instant by putting the intake first, then by event id", () => {
    const at = received.occurredAt;
    const a = foldDossierEvents([
      { eventId: "z", type: "dossier.status_changed", occurredAt: at, payload: { status: 4 } },
      { eventId: "y", type: "dossier.status_changed", occurredAt: at, payload: { status: 8 } },
      received,
    ])!;
    expect(a.status).toBe(4);
    expect(a.timeline.map((t) => t.type)).toEqual(["dossier.received", "dossier.status_changed", "dossier.status_changed"]);
  });
});
