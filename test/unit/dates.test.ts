import { describe, expect, it } from "vitest";
import { daysBetween, formatDate, formatDateTime } from "../../miniapp/src/domain/dates";
import { formatVnd } from "../../miniapp/src/domain/money";

describe("dates as people in Vietnam read them", () => {
  it("writes dd/MM/yyyy in Asia/Ho_Chi_Minh", () => {
    expect(formatDate("2026-11-23T09:30:00+07:00")).toBe("23/11/2026");
    expect(formatDate("2026-03-05T10:00:00Z")).toBe("05/03/2026");
  });

  it("uses Vietnam's calendar day, not UTC's, around midnight", () => {
    // 17:30 UTC is 00:30 the next day in Vietnam.
    expect(formatDate("2026-11-23T17:30:00Z")).toBe("24/11/2026");
    expect(formatDate("2026-12-31T16:59:59Z")).toBe("31/12/2026");
    expect(formatDate("2026-12-31T17:00:00Z")).toBe("01/01/2027");
  });

  it("writes the time of an update as HH:mm dd/MM/yyyy", () => {
    expect(formatDateTime("2026-11-23T17:30:00Z")).toBe("00:30 24/11/2026");
    expect(formatDateTime("2026-11-23T07:05:00+07:00")).toBe("07:05 23/11/2026");
  });

  it("shows nothing rather than NaN for a missing or unreadable date", () => {
    expect(formatDate(null)).toBe("");
    expect(formatDate(undefined)).toBe("");
    expect(formatDate("not a date")).toBe("");
    expect(formatDateTime("")).toBe("");
  });

  it("counts calendar days in Vietnam", () => {
    expect(daysBetween("2026-11-23T23:00:00+07:00", "2026-11-24T01:00:00+07:00")).toBe(1);
    expect(daysBetween("2026-11-24T01:00:00+07:00", "2026-11-23T23:00:00+07:00")).toBe(-1);
    expect(daysBetween("2026-11-23T01:00:00+07:00", "2026-11-23T23:00:00+07:00")).toBe(0);
  });
});

describe("money", () => {
  it("groups thousands with dots and says đồng", () => {
    expect(formatVnd(150000)).toBe("150.000 đồng");
    expect(formatVnd(18_800_000)).toBe("18.800.000 đồng");
    expect(formatVnd(500)).toBe("500 đồng");
    expect(formatVnd(0)).toBe("0 đồng");
  });
});
