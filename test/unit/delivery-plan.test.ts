import { describe, expect, it } from "vitest";
import { capFor, DEFAULT_LIMITS, inWindow, limitProblems, nextDayWindowStart, nextWindowStart, vnDayKey } from "../../worker/src/domain/delivery-limits";
import { type PersonFacts, planDelivery } from "../../worker/src/domain/delivery-plan";
import { PRIORITY, type Priority } from "../../worker/src/domain/delivery-priority";

/** An instant given as Vietnam wall-clock time on a fixed day (the planner takes its clock as an argument). */
const vn = (day: string, hhmm: string) => Date.parse(`${day}T${hhmm}:00+07:00`);
const DAY = "2026-03-10";
const person = (over: Partial<PersonFacts> = {}): PersonFacts => ({
  miniappConsent: true,
  lastSeenAt: new Date(vn(DAY, "08:00") - 2 * 86_400_000).toISOString(),
  miniappCountToday: 0,
  znsReachable: false,
  ...over,
});
const plan = (priority: Priority, at: number, p: PersonFacts, caps = { miniappLeft: true, znsLeft: true }) =>
  planDelivery({ priority, nowMs: at, limits: DEFAULT_LIMITS, person: p, caps });

describe("the delivery planner", () => {
  it("sends by Mini App inside the window to an active, consenting person with today's slot free", () => {
    expect(plan(PRIORITY.dossierNews, vn(DAY, "09:30"), person())).toEqual({ action: "miniapp" });
  });

  it("defers outside the window to the window's start: after 22:00 to tomorrow 06:00, before 06:00 to today's", () => {
    expect(plan(PRIORITY.actionNeeded, vn(DAY, "22:00"), person())).toEqual({ action: "defer", until: vn("2026-03-11", "06:00"), reason: "window" });
    expect(plan(PRIORITY.news, vn(DAY, "05:59"), person())).toEqual({ action: "defer", until: vn(DAY, "06:00"), reason: "window" });
  });

  it("an emergency alert goes at any hour", () => {
    expect(plan(PRIORITY.emergency, vn(DAY, "02:15"), person())).toEqual({ action: "miniapp" });
  });

  it("the per-user daily limit binds everyone: the rest wait for tomorrow's window, an alert goes by ZNS or stays in the app", () => {
    const used = person({ miniappCountToday: 1 });
    expect(plan(PRIORITY.news, vn(DAY, "10:00"), used)).toEqual({ action: "defer", until: vn("2026-03-11", "06:00"), reason: "user_daily_limit" });
    expect(plan(PRIORITY.emergency, vn(DAY, "10:00"), used)).toEqual({ action: "in_app", reason: "user_daily_limit" });
    expect(plan(PRIORITY.emergency, vn(DAY, "10:00"), { ...used, znsReachable: true })).toEqual({ action: "zns", reason: "user_daily_limit" });
  });

  it("the app's cap reached: an alert goes by ZNS where it can, else in-app with the reason; news waits for tomorrow", () => {
    const full = { miniappLeft: false, znsLeft: true };
    expect(plan(PRIORITY.emergency, vn(DAY, "23:30"), person({ znsReachable: true }), full)).toEqual({ action: "zns", reason: "app_daily_cap" });
    expect(plan(PRIORITY.emergency, vn(DAY, "23:30"), person(), full)).toEqual({ action: "in_app", reason: "app_daily_cap" });
    expect(plan(PRIORITY.emergency, vn(DAY, "23:30"), person({ znsReachable: true }), { miniappLeft: false, znsLeft: false })).toEqual({
      action: "in_app",
      reason: "zns_quota",
    });
    expect(plan(PRIORITY.news, vn(DAY, "12:00"), person(), full)).toEqual({ action: "defer", until: vn("2026-03-11", "06:00"), reason: "app_daily_cap" });
  });

  it("inactive for more than 7 days, or no consent: ZNS in the window if they agreed to it, else in-app with the reason", () => {
    const stale = new Date(vn(DAY, "10:00") - 8 * 86_400_000).toISOString();
    expect(plan(PRIORITY.dossierNews, vn(DAY, "10:00"), person({ lastSeenAt: stale }))).toEqual({ action: "in_app", reason: "inactive" });
    expect(plan(PRIORITY.dossierNews, vn(DAY, "10:00"), person({ lastSeenAt: stale, znsReachable: true }))).toEqual({ action: "zns", reason: "inactive" });
    expect(plan(PRIORITY.dossierNews, vn(DAY, "23:00"), person({ lastSeenAt: stale, znsReachable: true }))).toMatchObject({
      action: "defer",
      reason: "window",
    });
    expect(plan(PRIORITY.dossierNews, vn(DAY, "10:00"), person({ miniappConsent: false }))).toEqual({ action: "in_app", reason: "no_consent" });
    expect(plan(PRIORITY.emergency, vn(DAY, "10:00"), person({ miniappConsent: false }))).toEqual({ action: "in_app", reason: "no_consent" });
  });

  it("an alert is never deferred, whatever the facts", () => {
    for (const hhmm of ["00:30", "10:00", "22:30"])
      for (const p of [person(), person({ miniappCountToday: 5 }), person({ miniappConsent: false, znsReachable: true })])
        for (const caps of [
          { miniappLeft: true, znsLeft: true },
          { miniappLeft: false, znsLeft: false },
        ])
          expect(plan(PRIORITY.emergency, vn(DAY, hhmm), p, caps).action).not.toBe("defer");
  });
});

describe("the limits", () => {
  it("news may use half of a cap, an emergency all of it", () => {
    expect(capFor(1000, PRIORITY.news)).toBe(500);
    expect(capFor(1000, PRIORITY.emergency)).toBe(1000);
    expect(capFor(1000, PRIORITY.dossierNews)).toBeLessThan(capFor(1000, PRIORITY.actionNeeded));
  });

  it("the window and the Vietnam day, across UTC midnight", () => {
    expect(vnDayKey(vn(DAY, "06:30"))).toBe(DAY);
    expect(vnDayKey(vn(DAY, "23:59"))).toBe(DAY);
    expect(inWindow(vn(DAY, "06:00"), DEFAULT_LIMITS)).toBe(true);
    expect(inWindow(vn(DAY, "21:59"), DEFAULT_LIMITS)).toBe(true);
    expect(inWindow(vn(DAY, "22:00"), DEFAULT_LIMITS)).toBe(false);
    expect(inWindow(vn(DAY, "03:00"), { miniappWindowStart: "00:00", miniappWindowEnd: "24:00" })).toBe(true);
    expect(nextWindowStart(vn(DAY, "06:00"), DEFAULT_LIMITS)).toBe(vn("2026-03-11", "06:00"));
    expect(nextDayWindowStart(vn(DAY, "05:00"), DEFAULT_LIMITS)).toBe(vn("2026-03-11", "06:00"));
  });

  it("validation names the field", () => {
    expect(limitProblems(DEFAULT_LIMITS)).toEqual([]);
    expect(limitProblems({ ...DEFAULT_LIMITS, miniappWindowStart: "23:00" })[0]?.field).toBe("miniappWindowEnd");
    expect(limitProblems({ ...DEFAULT_LIMITS, miniappWindowEnd: "25:00" })[0]?.field).toBe("miniappWindowEnd");
    expect(limitProblems({ ...DEFAULT_LIMITS, znsDailyQuota: -1 })[0]?.field).toBe("znsDailyQuota");
    expect(limitProblems({ ...DEFAULT_LIMITS, oaPerFollowerDaily: 5 })[0]?.field).toBe("oaPerFollowerDaily");
  });
});
