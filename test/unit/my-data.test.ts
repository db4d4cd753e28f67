import { describe, expect, it } from "vitest";
import { exportDate, heldCounts } from "../../miniapp/src/domain/my-data";

describe("Dữ liệu của tôi on the phone", () => {
  it("names the export for the day in Vietnam, not the phone's UTC day", () => {
    // 23:30 UTC is already 06:30 the next morning in Vietnam.
    expect(exportDate(new Date("2026-05-31T23:30:00Z"))).toBe("2026-06-01");
    expect(exportDate(new Date("2026-05-31T16:59:59Z"))).toBe("2026-05-31");
  });

  it("counts photos across every feedback", () => {
    const none: unknown[] = [];
    const counts = heldCounts({
      follows: [1, 2],
      consents: [1],
      messages: none,
      ratings: none,
      questions: [1],
      feedback: [{ photos: [1, 2] }, { photos: [] }, { photos: [3] }],
    });
    expect(counts).toEqual({ follows: 2, consents: 1, messages: 0, ratings: 0, questions: 1, feedback: 3, photos: 3 });
  });
});
