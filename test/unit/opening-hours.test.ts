import { describe, expect, it } from "vitest";
import { periodsOn, today, vietnamClock, weekLines } from "../../miniapp/src/domain/opening-hours";
import { directionsUrl, telHref } from "../../miniapp/src/domain/place-links";

const WEEKDAYS = [1, 2, 3, 4, 5];
const HOURS = [
  { days: WEEKDAYS, opens: "13:30", closes: "17:00" },
  { days: WEEKDAYS, opens: "07:00", closes: "11:30" },
  { days: [6], opens: "07:30", closes: "11:30" },
];
/** A moment in Vietnam (UTC+7) on an ISO weekday of some week: the tests name the day, never a calendar date. */
function vn(weekday: number, hhmm: string): Date {
  // 5 January 1970 was a Monday; any Monday would do.
  const monday = Date.UTC(1970, 0, 5);
  const [h, m] = hhmm.split(":").map(Number);
  return new Date(monday + (weekday - 1) * 86_400_000 + (h! * 60 + m!) * 60_000 - 7 * 3_600_000);
}

describe("opening hours in Vietnam", () => {
  it("reads the weekday and time in Asia/Ho_Chi_Minh, not the phone's zone", () => {
    expect(vietnamClock(vn(1, "00:30"))).toEqual({ weekday: 1, minutes: 30 });
    expect(vietnamClock(vn(7, "23:59"))).toEqual({ weekday: 7, minutes: 23 * 60 + 59 });
  });

  it("sorts a day's periods", () => {
    expect(periodsOn(HOURS, 3)).toEqual([
      { opens: "07:00", closes: "11:30" },
      { opens: "13:30", closes: "17:00" },
    ]);
  });

  it("says whether the desk is open now, opens later, has closed, or is closed today, and when it opens next", () => {
    expect(today(HOURS, vn(2, "09:15"))).toEqual({ kind: "open", weekday: 2, hours: "07:00–11:30, 13:30–17:00", closes: "11:30" });
    expect(today(HOURS, vn(2, "06:10"))).toMatchObject({ kind: "opens_later", opens: "07:00" });
    expect(today(HOURS, vn(2, "12:00"))).toMatchObject({ kind: "opens_later", opens: "13:30" });
    expect(today(HOURS, vn(2, "17:00"))).toMatchObject({ kind: "closed_for_day", next: { weekday: 3, opens: "07:00" } });
    expect(today(HOURS, vn(5, "18:00"))).toMatchObject({ kind: "closed_for_day", next: { weekday: 6, opens: "07:30" } });
    expect(today(HOURS, vn(7, "10:00"))).toEqual({ kind: "closed_today", weekday: 7, next: { weekday: 1, opens: "07:00" } });
    expect(today(null, vn(2, "09:00"))).toEqual({ kind: "unknown" });
    expect(today([], vn(2, "09:00"))).toEqual({ kind: "unknown" });
  });

  it("writes the week with days of the same hours together", () => {
    expect(weekLines(HOURS, "Nghỉ")).toEqual(["Thứ Hai – Thứ Sáu: 07:00–11:30, 13:30–17:00", "Thứ Bảy: 07:30–11:30", "Chủ nhật: Nghỉ"]);
  });
});

describe("links to a desk", () => {
  it("dials the digits of a number written with spaces", () => {
    expect(telHref("0237 3 727 888")).toBe("tel:02373727888");
    expect(telHref("")).toBeNull();
  });

  it("opens directions at the coordinates, else at the name and address, else nowhere", () => {
    const place = { name: "Trung tâm", address: "Số 28 Đại lộ Lê Lợi", phone: null, latitude: 19.8069, longitude: 105.7851 };
    expect(new URL(directionsUrl(place)!).searchParams.get("destination")).toBe("19.8069,105.7851");
    expect(new URL(directionsUrl({ ...place, latitude: null, longitude: null })!).searchParams.get("destination")).toBe("Trung tâm, Số 28 Đại lộ Lê Lợi");
    expect(directionsUrl({ ...place, latitude: null, longitude: null, address: null })).toBeNull();
  });
});
