/**
 * Zalo's sending limits as one province's settings (Zalo grants them per app and per OA), their defaults, the share
 * of each app-wide daily cap a priority may use, and the Mini App's daily window in Asia/Ho_Chi_Minh. Pure.
 */
import { PRIORITY, type Priority } from "./delivery-priority";

export type DeliveryLimits = {
  /** Mini App notifications to one user per Vietnam day: Zalo allows one. */
  miniappPerUserDaily: number;
  /** Mini App notifications per app per Vietnam day (about 1,000 on Zalo's shared channel). */
  miniappDailyCap: number;
  /** The daily window, HH:mm Vietnam time; end exclusive ("24:00" for the whole day). */
  miniappWindowStart: string;
  miniappWindowEnd: string;
  /** Only users who opened the mini app within this many days. */
  miniappActiveDays: number;
  /** ZNS messages per OA per Vietnam day: Zalo raises or lowers it with quality, so the province's IT team sets it. */
  znsDailyQuota: number;
  /** OA broadcasts per follower: modelled and validated, never sent (motcua does not send OA broadcasts). */
  oaPerFollowerMonthly: number;
  oaPerFollowerDaily: number;
};

export const DEFAULT_LIMITS: DeliveryLimits = {
  miniappPerUserDaily: 1,
  miniappDailyCap: 1000,
  miniappWindowStart: "06:00",
  miniappWindowEnd: "22:00",
  miniappActiveDays: 7,
  znsDailyQuota: 500,
  oaPerFollowerMonthly: 4,
  oaPerFollowerDaily: 1,
};

/** Each limit's bounds, for validation: what Zalo could plausibly grant, never more. */
export const LIMIT_BOUNDS = {
  miniappPerUserDaily: [0, 10],
  miniappDailyCap: [0, 10_000_000],
  miniappActiveDays: [1, 90],
  znsDailyQuota: [0, 10_000_000],
  oaPerFollowerMonthly: [0, 31],
  oaPerFollowerDaily: [0, 10],
} as const;

/**
 * The share of an app-wide daily cap (Mini App, ZNS) a priority may use, so what matters more is never starved:
 * emergency alerts and what a citizen must act on may use all of it, a ready result 90 %, other dossier news 80 %,
 * conversations 70 %, the province's news half.
 */
export const CAP_SHARE: Record<Priority, number> = {
  [PRIORITY.emergency]: 1,
  [PRIORITY.actionNeeded]: 1,
  [PRIORITY.resultReady]: 0.9,
  [PRIORITY.dossierNews]: 0.8,
  [PRIORITY.conversation]: 0.7,
  [PRIORITY.news]: 0.5,
};

/** How much of a daily cap a message of this priority may bring the day's use up to. */
export function capFor(cap: number, priority: Priority): number {
  return Math.floor(cap * CAP_SHARE[priority]);
}

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Problems with a full set of limits, each naming its field (English, for integrators). */
export function limitProblems(l: DeliveryLimits): { field: string; detail: string }[] {
  const problems: { field: string; detail: string }[] = [];
  for (const [field, [min, max]] of Object.entries(LIMIT_BOUNDS)) {
    const value = l[field as keyof typeof LIMIT_BOUNDS];
    if (!Number.isInteger(value) || value < min || value > max) problems.push({ field, detail: `${field} must be an integer from ${min} to ${max}` });
  }
  for (const field of ["miniappWindowStart", "miniappWindowEnd"] as const) {
    if (!CLOCK.test(l[field])) problems.push({ field, detail: `${field} must be HH:mm (00:00 to 24:00)` });
  }
  if (problems.length === 0 && minutesOf(l.miniappWindowStart) >= minutesOf(l.miniappWindowEnd)) {
    problems.push({ field: "miniappWindowEnd", detail: "miniappWindowEnd must be after miniappWindowStart (the window is within one Vietnam day)" });
  }
  if (problems.length === 0 && l.oaPerFollowerDaily > l.oaPerFollowerMonthly) {
    problems.push({ field: "oaPerFollowerDaily", detail: "oaPerFollowerDaily cannot exceed oaPerFollowerMonthly" });
  }
  return problems;
}

const VN_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The Vietnam day (yyyy-MM-dd) of an instant: what daily counts are kept by. */
export function vnDayKey(nowMs: number): string {
  return new Date(nowMs + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** Whether the instant is inside the Mini App window. */
export function inWindow(nowMs: number, l: Pick<DeliveryLimits, "miniappWindowStart" | "miniappWindowEnd">): boolean {
  const minute = Math.floor(((nowMs + VN_OFFSET_MS) % DAY_MS) / 60_000);
  return minute >= minutesOf(l.miniappWindowStart) && minute < minutesOf(l.miniappWindowEnd);
}

/** The next start of the window after `nowMs` (today's if it is still ahead, else tomorrow's). */
export function nextWindowStart(nowMs: number, l: Pick<DeliveryLimits, "miniappWindowStart">): number {
  const dayStart = Math.floor((nowMs + VN_OFFSET_MS) / DAY_MS) * DAY_MS - VN_OFFSET_MS;
  const today = dayStart + minutesOf(l.miniappWindowStart) * 60_000;
  return today > nowMs ? today : today + DAY_MS;
}

/** The window's start on the next Vietnam day: when a daily limit or cap is fresh again. */
export function nextDayWindowStart(nowMs: number, l: Pick<DeliveryLimits, "miniappWindowStart">): number {
  const dayStart = Math.floor((nowMs + VN_OFFSET_MS) / DAY_MS) * DAY_MS - VN_OFFSET_MS;
  return dayStart + DAY_MS + minutesOf(l.miniappWindowStart) * 60_000;
}
