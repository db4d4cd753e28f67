import { describe, expect, it } from "vitest";
import {
  barPercent,
  checkCustomPeriod,
  csvFileName,
  displayDay,
  displayMonth,
  formatCount,
  formatRate,
  formatShare,
  levelOf,
  monthEnd,
  monthKeys,
  monthStart,
  periodOf,
  rankByOnTime,
  trendPath,
  trendPoints,
  trendRange,
  twelveMonthsTo,
  vnToday,
} from "../../miniapp/src/domain/figures";
import { percentVi } from "../../worker/src/domain/figures";

describe("a rate as a leader reads it", () => {
  it("is a percentage with one decimal and a decimal comma", () => {
    expect(formatRate(0.915)).toBe("91,5 %");
    expect(formatRate(412 / 450)).toBe("91,6 %");
    expect(formatRate(1)).toBe("100,0 %");
    expect(formatRate(0)).toBe("0,0 %");
    expect(formatRate(0.0004)).toBe("0,0 %");
  });

  it("rounds as the server's CSV does, so the screen and the file agree to the tenth", () => {
    for (const rate of [0.9155, 0.0005, 2 / 3, 1 / 7, 0.12345, 412 / 450]) {
      expect(formatRate(rate)).toBe(`${percentVi(rate)} %`);
    }
  });

  it("is a dash when nothing was counted", () => {
    expect(formatRate(null)).toBe("—");
    expect(formatRate(undefined)).toBe("—");
    expect(formatRate(Number.NaN)).toBe("—");
  });

  it("shows its counts with dots between thousands", () => {
    expect(formatCount(0)).toBe("0");
    expect(formatCount(999)).toBe("999");
    expect(formatCount(1234)).toBe("1.234");
    expect(formatCount(1_000_000)).toBe("1.000.000");
    expect(formatShare(412, 4500)).toBe("412/4.500");
  });
});

describe("the periods a leader picks, on Vietnam's calendar", () => {
  it("takes today in Vietnam, not on the phone's clock: 18:00 UTC is already tomorrow", () => {
    expect(vnToday(new Date("2026-12-31T18:00:00Z"))).toBe("2027-01-01");
    expect(vnToday(new Date("2026-12-31T16:59:00Z"))).toBe("2026-12-31");
  });

  it("counts the last 12 months as this month so far and the 11 before it, as many as its trend shows", () => {
    expect(periodOf("last12", "2026-12-03")).toEqual({ from: "2026-01-01", to: "2026-12-03" });
    expect(periodOf("last12", "2026-01-31")).toEqual({ from: "2025-02-01", to: "2026-01-31" });
    expect(twelveMonthsTo("2026-06-30")).toEqual({ from: "2025-07-01", to: "2026-06-30" });
  });

  it("counts this year from 1 January, and last month whole, across a year's turn and a leap February", () => {
    expect(periodOf("thisYear", "2026-12-03")).toEqual({ from: "2026-01-01", to: "2026-12-03" });
    expect(periodOf("lastMonth", "2027-01-15")).toEqual({ from: "2026-12-01", to: "2026-12-31" });
    expect(periodOf("lastMonth", "2028-03-01")).toEqual({ from: "2028-02-01", to: "2028-02-29" });
    expect(periodOf("lastMonth", "2026-03-31")).toEqual({ from: "2026-02-01", to: "2026-02-28" });
  });

  it("lists the months a period spans, each once, across a year's turn", () => {
    expect(monthKeys({ from: "2025-11-15", to: "2026-02-01" })).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
    expect(monthKeys({ from: "2026-03-01", to: "2026-03-31" })).toEqual(["2026-03"]);
    expect(monthKeys(periodOf("last12", "2026-12-03"))).toHaveLength(12);
  });

  it("walks months across years both ways", () => {
    expect(monthStart("2026-03-17", 3)).toBe("2025-12-01");
    expect(monthStart("2026-12-17", -1)).toBe("2027-01-01");
    expect(monthEnd("2026-04-02")).toBe("2026-04-30");
  });

  it("takes a custom period only when both days exist, in order, and not after today", () => {
    expect(checkCustomPeriod("2026-02-01", "2026-02-28", "2026-12-03")).toEqual({ ok: true, period: { from: "2026-02-01", to: "2026-02-28" } });
    expect(checkCustomPeriod("2026-02-01", "2026-02-30", "2026-12-03")).toEqual({ ok: false, reason: "missing" });
    expect(checkCustomPeriod("", "2026-02-28", "2026-12-03")).toEqual({ ok: false, reason: "missing" });
    expect(checkCustomPeriod("2026-03-01", "2026-02-28", "2026-12-03")).toEqual({ ok: false, reason: "order" });
    expect(checkCustomPeriod("2026-11-01", "2026-12-04", "2026-12-03")).toEqual({ ok: false, reason: "future" });
  });

  it("shows days as dd/MM/yyyy and months as MM/yyyy", () => {
    expect(displayDay("2026-02-05")).toBe("05/02/2026");
    expect(displayMonth("2026-02")).toBe("02/2026");
  });
});

describe("the drill-down", () => {
  it("starts at the province's agencies, then an agency's departments, then a department's procedures", () => {
    expect(levelOf({})).toEqual({ level: "province", groupBy: "agency" });
    expect(levelOf({ agencyId: "A1" })).toEqual({ level: "agency", groupBy: "department", agencyId: "A1" });
    expect(levelOf({ agencyId: "A1", departmentId: "D1" })).toEqual({ level: "department", groupBy: "procedure", departmentId: "D1", agencyId: "A1" });
    expect(levelOf({ departmentId: "D1", agencyId: null })).toEqual({ level: "department", groupBy: "procedure", departmentId: "D1", agencyId: undefined });
  });

  it("ranks by on-time rate, more completed first on a tie, those with nothing completed last", () => {
    const groups = [
      { key: "a", name: "Sở Xây dựng", completed: 0, onTimeRate: null },
      { key: "b", name: "Sở Tư pháp", completed: 10, onTimeRate: 0.9 },
      { key: "c", name: "Sở Công Thương", completed: 40, onTimeRate: 0.9 },
      { key: "d", name: "Ủy ban nhân dân xã", completed: 5, onTimeRate: 1 },
      { key: "e", name: "Ban Quản lý", completed: 0, onTimeRate: null },
    ];
    expect(rankByOnTime(groups).map((g) => g.key)).toEqual(["d", "c", "b", "e", "a"]);
    expect(groups[0]!.key).toBe("a");
  });
});

describe("the small charts", () => {
  const box = { width: 100, height: 40, pad: 4 };

  it("draws a trend from 0 % at the bottom to 100 % at the top, evenly spaced", () => {
    expect(trendPath([0, 0.5, 1], box)).toBe("M4 36 L50 20 L96 4");
  });

  it("breaks the line where a month has no rate rather than joining across it", () => {
    expect(trendPath([0.5, null, 1, 1], box)).toBe("M4 20 M65.3 4 L96 4");
    expect(trendPath([null, null], box)).toBe("");
  });

  it("puts a single month in the middle and keeps out-of-range rates inside the box", () => {
    expect(trendPoints([0.25], box)).toEqual([{ x: 50, y: 28 }]);
    expect(trendPoints([1.2, -0.1], box)).toEqual([
      { x: 4, y: 4 },
      { x: 96, y: 36 },
    ]);
  });

  it("spans a trend from a tenth below its lowest month to 100 %, so months near 90 % do not draw a flat line", () => {
    expect(trendRange([0.86, 0.9, null, 0.95])).toEqual({ low: 0.8, high: 1 });
    expect(trendRange([0.9, 1])).toEqual({ low: 0.8, high: 1 });
    expect(trendRange([1, 1])).toEqual({ low: 0.9, high: 1 });
    expect(trendRange([0.02, 0.5])).toEqual({ low: 0, high: 1 });
    expect(trendRange([null])).toEqual({ low: 0, high: 1 });
    // 80 % at the bottom, 100 % at the top.
    expect(trendPath([0.8, 0.9, 1], box, { low: 0.8, high: 1 })).toBe("M4 36 L50 20 L96 4");
    expect(trendPoints([0.5], box, { low: 0.8, high: 1 })).toEqual([{ x: 50, y: 36 }]);
  });

  it("sizes a bar by its rate, nothing for no rate", () => {
    expect(barPercent(0.915)).toBe(91.5);
    expect(barPercent(null)).toBe(0);
    expect(barPercent(1.5)).toBe(100);
  });

  it("names the CSV file by what it groups and its days", () => {
    expect(csvFileName("agency", { from: "2025-12-01", to: "2026-12-03" })).toBe("so-lieu-co-quan-2025-12-01-2026-12-03.csv");
    expect(csvFileName("procedure", { from: "2026-11-01", to: "2026-11-30" })).toBe("so-lieu-thu-tuc-2026-11-01-2026-11-30.csv");
  });
});
