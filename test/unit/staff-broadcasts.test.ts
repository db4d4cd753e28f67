import { describe, expect, it } from "vitest";
import { STAFF_ALERT_LIMITS } from "../../worker/src/domain/limits";
import { StaffAlertBody, StaffCancelBody } from "../../worker/src/schemas/alerts";
import { countsSettled, fromVnInput, matchCommunes, nextReadIn, severityTone, textUse, vnInputValue } from "../../miniapp/src/domain/staff-broadcasts";

describe("a time picked in the staff area", () => {
  it("is Vietnam's time whatever the phone's zone: 17:30 UTC is 00:30 the next day", () => {
    expect(vnInputValue("2026-11-23T17:30:00Z")).toBe("2026-11-24T00:30");
    expect(vnInputValue(new Date("2026-11-23T09:05:00+07:00"))).toBe("2026-11-23T09:05");
  });

  it("goes to the API with Vietnam's offset, and round-trips", () => {
    expect(fromVnInput("2026-11-24T00:30")).toBe("2026-11-24T00:30:00+07:00");
    const now = new Date();
    const there = fromVnInput(vnInputValue(now))!;
    expect(Math.abs(Date.parse(there) - now.getTime())).toBeLessThan(60_000);
  });

  it("is refused when it is not a time the calendar has", () => {
    expect(fromVnInput("")).toBeNull();
    expect(fromVnInput("2026-02-31T10:00")).toBeNull();
    expect(fromVnInput("2026-11-24 10:00")).toBeNull();
    expect(fromVnInput("2026-11-24T25:00")).toBeNull();
  });
});

describe("a field's limit as the writer types", () => {
  it("counts what the server counts, after trimming, and says by how much it is over", () => {
    expect(textUse("  Bão số 3  ", 120)).toEqual({ used: 8, over: 0 });
    expect(textUse("a".repeat(125), 120)).toEqual({ used: 125, over: 5 });
  });
});

describe("searching the province's communes", () => {
  const communes = [
    { code: "15853", name: "Phường Hạc Thành" },
    { code: "16012", name: "Xã Đông Sơn" },
    { code: "16120", name: "Phường Quảng Phú" },
  ];

  it("finds names typed without diacritics, and codes", () => {
    expect(matchCommunes(communes, "hac thanh").map((c) => c.code)).toEqual(["15853"]);
    expect(matchCommunes(communes, "dong son").map((c) => c.code)).toEqual(["16012"]);
    expect(matchCommunes(communes, "PHƯỜNG").map((c) => c.code)).toEqual(["15853", "16120"]);
    expect(matchCommunes(communes, "1601").map((c) => c.code)).toEqual(["16012"]);
  });

  it("shows every commune, in the API's order, for an empty search, and none for a miss", () => {
    expect(matchCommunes(communes, "  ")).toEqual(communes);
    expect(matchCommunes(communes, "ha noi")).toEqual([]);
  });
});

describe("an alert's severity as citizens see it", () => {
  it("is red for Extreme and Severe, orange for Moderate, yellow for Minor and Unknown", () => {
    expect(["Extreme", "Severe", "Moderate", "Minor", "Unknown"].map(severityTone)).toEqual(["red", "red", "orange", "yellow", "yellow"]);
  });
});

describe("live delivery counts", () => {
  const counts = { targeted: 10, sentByZalo: 6, inAppOnly: 3, deferred: 0, failed: 1 };

  it("settle once everyone targeted is accounted for and nothing waits", () => {
    expect(countsSettled(counts)).toBe(true);
    expect(countsSettled({ ...counts, failed: 0 })).toBe(false);
    expect(countsSettled({ ...counts, inAppOnly: 2, deferred: 1 })).toBe(false);
    expect(countsSettled({ targeted: 0, sentByZalo: 0, inAppOnly: 0, deferred: 0, failed: 0 })).toBe(true);
  });

  it("are read again every few seconds, and after failures ever later, never more than a minute apart", () => {
    expect([0, 1, 2, 3].map((f) => nextReadIn(3000, f))).toEqual([3000, 6000, 12000, 24000]);
    expect(nextReadIn(3000, 5)).toBe(60_000);
    expect(nextReadIn(3000, 40)).toBe(60_000);
  });
});

describe("what an admin may write in an alert, defined once", () => {
  const alert = {
    event: "Lũ quét",
    headline: "Lũ quét trên suối",
    instruction: "Di chuyển lên vùng cao.",
    severity: "Extreme",
    urgency: "Immediate",
    certainty: "Likely",
    communes: ["15853"],
    expires: "2026-11-23T18:00:00+07:00",
  };
  const fields = ["event", "headline", "description", "instruction", "areaDesc"] as const;

  for (const field of fields) {
    it(`the API takes a ${field} of exactly the compose form's limit and refuses one past it`, () => {
      const max = STAFF_ALERT_LIMITS[field];
      expect(StaffAlertBody.safeParse({ ...alert, [field]: "a".repeat(max) }).success).toBe(true);
      expect(StaffAlertBody.safeParse({ ...alert, [field]: "a".repeat(max + 1) }).success).toBe(false);
    });
  }

  it("and the cancel's note", () => {
    expect(StaffCancelBody.safeParse({ note: "a".repeat(STAFF_ALERT_LIMITS.cancelNote) }).success).toBe(true);
    expect(StaffCancelBody.safeParse({ note: "a".repeat(STAFF_ALERT_LIMITS.cancelNote + 1) }).success).toBe(false);
  });
});
