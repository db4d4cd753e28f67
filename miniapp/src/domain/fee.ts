/** By when a fee must be paid, as a citizen counts it: calendar days in Vietnam, with the clock passed in. */
import { vnDaysBetween } from "../../../worker/src/domain/time";

export type FeeDeadline =
  | { kind: "days_left"; days: number }
  /** The last day is today and its hour has not passed. */
  | { kind: "today" }
  /** Passed: `days` calendar days ago (0 when it passed earlier today). */
  | { kind: "overdue"; days: number };

export function feeDeadline(deadline: string, now: Date): FeeDeadline {
  if (Date.parse(deadline) <= now.getTime()) return { kind: "overdue", days: vnDaysBetween(deadline, now) };
  const days = vnDaysBetween(now, deadline);
  return days === 0 ? { kind: "today" } : { kind: "days_left", days };
}
