import { describe, expect, it } from "vitest";
import { isRetentionMonths, lifecycleCutoffs, MESSAGE_KEEP_DAYS, monthsBefore, personalDataNotice, RETENTION_MONTHS } from "../../worker/src/domain/lifecycle";

/** An injected clock: the rules are pure, so any instant stands for "now". */
const at = (iso: string) => new Date(iso);

describe("lifecycle cutoffs", () => {
  it("counts the province's months back in calendar months", () => {
    const now = at("2031-07-15T03:20:00.000Z");
    expect(lifecycleCutoffs(now, 12).personalData).toBe("2030-07-15T03:20:00.000Z");
    expect(lifecycleCutoffs(now, 6).personalData).toBe("2031-01-15T03:20:00.000Z");
    expect(lifecycleCutoffs(now, 120).personalData).toBe("2021-07-15T03:20:00.000Z");
    expect(lifecycleCutoffs(now, 1).personalData).toBe("2031-06-15T03:20:00.000Z");
  });

  it("clamps the day to the end of a shorter month, leap years included", () => {
    expect(monthsBefore(at("2031-03-31T10:00:00.000Z"), 1).toISOString()).toBe("2031-02-28T10:00:00.000Z");
    expect(monthsBefore(at("2032-03-31T10:00:00.000Z"), 1).toISOString()).toBe("2032-02-29T10:00:00.000Z");
    expect(monthsBefore(at("2031-01-31T10:00:00.000Z"), 2).toISOString()).toBe("2030-11-30T10:00:00.000Z");
  });

  it("keeps finished messages 90 days and feedback photos a year, whatever the province's months", () => {
    const now = at("2031-07-15T00:00:00.000Z");
    for (const months of [1, 12, 120]) {
      const cutoffs = lifecycleCutoffs(now, months);
      expect(cutoffs.messages).toBe("2031-04-16T00:00:00.000Z");
      expect(cutoffs.feedbackPhotos).toBe("2030-07-15T00:00:00.000Z");
    }
    expect(MESSAGE_KEEP_DAYS).toBe(90);
  });

  it("accepts whole months from 1 to 120 as a province's setting, and uses the default for anything else", () => {
    for (const ok of [1, 6, 12, 120]) expect(isRetentionMonths(ok)).toBe(true);
    for (const bad of [0, -1, 121, 6.5, Number.NaN, "12", null, undefined]) expect(isRetentionMonths(bad)).toBe(false);
    const now = at("2031-07-15T00:00:00.000Z");
    expect(lifecycleCutoffs(now, 0).personalData).toBe(lifecycleCutoffs(now, RETENTION_MONTHS.default).personalData);
    expect(lifecycleCutoffs(now, 500).personalData).toBe("2030-07-15T00:00:00.000Z");
  });
});

describe("the notice a lookup gives", () => {
  it("names the months and what started them, in plain Vietnamese", () => {
    expect(personalDataNotice(10, 12)).toBe(
      "Thông tin cá nhân của hồ sơ này đã được xóa theo quy định lưu trữ sau 12 tháng kể từ khi trả kết quả. Trạng thái và các mốc thời gian của hồ sơ vẫn được giữ.",
    );
    expect(personalDataNotice(3, 6)).toContain("sau 6 tháng kể từ khi hồ sơ bị từ chối");
    expect(personalDataNotice(7, 24)).toContain("sau 24 tháng kể từ khi hồ sơ được rút");
    expect(personalDataNotice(8, 12)).toContain("kể từ khi hồ sơ dừng xử lý");
    expect(personalDataNotice(10, null)).toContain("quy định lưu trữ kể từ khi trả kết quả");
  });
});
