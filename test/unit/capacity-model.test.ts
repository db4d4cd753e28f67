/** bench/lib/capacity-model.ts: a province's database over the months, from a dossier's cost at each stage. */
import { describe, expect, it } from "vitest";
import { bytesAfter, costAt, growthPerMonth, monthsThatFit, type Province, type StageCosts } from "../../bench/lib/capacity-model";

const costs: StageCosts = { full: 3000, afterMessages: 2000, retained: 1000 };
const province: Province = { perMonth: 10, messageMonths: 3, retentionMonths: 12, closeLagMonths: 1, fixedBytes: 5000 };

describe("the capacity model", () => {
  it("costs a dossier in full for its messages' months, then without them until the retention after closing, then retained", () => {
    expect(costAt(0, costs, province)).toBe(3000);
    expect(costAt(2.9, costs, province)).toBe(3000);
    expect(costAt(3, costs, province)).toBe(2000);
    expect(costAt(12.9, costs, province)).toBe(2000);
    expect(costAt(13, costs, province)).toBe(1000);
    expect(costAt(240, costs, province)).toBe(1000);
  });

  it("adds up each month's dossiers at the cost of their age", () => {
    expect(bytesAfter(0, costs, province)).toBe(5000);
    expect(bytesAfter(2, costs, province)).toBe(5000 + 10 * 2 * 3000);
    expect(bytesAfter(3, costs, province)).toBe(5000 + 10 * 3 * 3000);
    expect(bytesAfter(13, costs, province)).toBe(5000 + 10 * (3 * 3000 + 10 * 2000));
    expect(bytesAfter(15, costs, province)).toBe(5000 + 10 * (3 * 3000 + 10 * 2000 + 2 * 1000));
  });

  it("grows by the newest month's full cost at first and by the retained cost in the steady state", () => {
    expect(growthPerMonth(0, costs, province)).toBe(30_000);
    expect(growthPerMonth(6, costs, province)).toBe(20_000);
    expect(growthPerMonth(100, costs, province)).toBe(10_000);
  });

  it("finds the months that fit where the size reaches the cap, in every stage", () => {
    for (const months of [0.5, 2, 3, 7.25, 13, 20, 137]) {
      expect(monthsThatFit(bytesAfter(months, costs, province), costs, province)).toBeCloseTo(months, 9);
    }
    expect(monthsThatFit(4000, costs, province)).toBe(0);
    expect(monthsThatFit(1e12, { ...costs, retained: 0 }, province)).toBe(Number.POSITIVE_INFINITY);
  });

  it("starts the retention when messages are already gone if it is shorter than their 90 days", () => {
    const short = { ...province, retentionMonths: 1, closeLagMonths: 0 };
    expect(costAt(2, costs, short)).toBe(3000);
    expect(costAt(3, costs, short)).toBe(1000);
    expect(bytesAfter(5, costs, short)).toBe(5000 + 10 * (3 * 3000 + 2 * 1000));
  });

  it("keeps twice the months or more in each of two databases sharing the filing", () => {
    const one = monthsThatFit(100_000, costs, province);
    const two = monthsThatFit(100_000, costs, { ...province, perMonth: 5 });
    expect(two).toBeGreaterThanOrEqual(2 * one);
  });
});
