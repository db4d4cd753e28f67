import { describe, expect, it } from "vitest";
import { feeDeadline } from "../../miniapp/src/domain/fee";
import { formatVnd } from "../../miniapp/src/domain/money";

/** An instant in Vietnam `days` after an arbitrary day, at HH:MM: the tests name offsets, never calendar dates. */
const DAY0 = Date.UTC(2030, 0, 7) - 7 * 3_600_000; // midnight in Vietnam
const vn = (days: number, hhmm: string) => {
  const [h, m] = hhmm.split(":").map(Number);
  return new Date(DAY0 + days * 86_400_000 + (h! * 60 + m!) * 60_000);
};

describe("the fee's deadline", () => {
  const deadline = vn(3, "17:00").toISOString();

  it("counts calendar days left in Vietnam, not hours", () => {
    expect(feeDeadline(deadline, vn(0, "08:00"))).toEqual({ kind: "days_left", days: 3 });
    // 23:30 two days before: one day left, though only 17.5 hours remain.
    expect(feeDeadline(deadline, vn(2, "23:30"))).toEqual({ kind: "days_left", days: 1 });
  });

  it("says the last day is today until its hour passes", () => {
    expect(feeDeadline(deadline, vn(3, "00:05"))).toEqual({ kind: "today" });
    expect(feeDeadline(deadline, vn(3, "16:59"))).toEqual({ kind: "today" });
  });

  it("is overdue from the deadline's hour, by calendar days after it", () => {
    expect(feeDeadline(deadline, vn(3, "17:00"))).toEqual({ kind: "overdue", days: 0 });
    expect(feeDeadline(deadline, vn(4, "07:00"))).toEqual({ kind: "overdue", days: 1 });
    expect(feeDeadline(deadline, vn(10, "12:00"))).toEqual({ kind: "overdue", days: 7 });
  });

  it("reads a deadline sent with any offset the same", () => {
    const plus7 = new Date(Date.parse(deadline) + 7 * 3_600_000).toISOString().replace(/\.000Z$/, "+07:00");
    expect(plus7).toMatch(/T17:00:00\+07:00$/);
    expect(feeDeadline(plus7, vn(0, "08:00"))).toEqual(feeDeadline(deadline, vn(0, "08:00")));
  });
});

describe("amounts", () => {
  it("shows the fee in đồng with dots between thousands", () => {
    expect(formatVnd(18_800_000)).toBe("18.800.000 đồng");
    expect(formatVnd(200_000)).toBe("200.000 đồng");
  });
});
