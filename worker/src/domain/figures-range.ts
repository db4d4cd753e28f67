/**
 * Date ranges of the figures: the defaults (today back to the first of the month 12 months ago, in Vietnam) and
 * how a range splits into whole months and edge days, so the counters answer it in a few index ranges.
 */
import { vnDate } from "./time";

export type DayRange = { from: string; to: string };

const ymd = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
const DAY_MS = 24 * 60 * 60 * 1000;

/** The day before and after yyyy-MM-dd. */
export const previousDay = (day: string) => ymd(dayMs(day) - DAY_MS);
export const nextDay = (day: string) => ymd(dayMs(day) + DAY_MS);

/** The last day of the month of yyyy-MM-dd. */
export function lastDayOfMonth(day: string): string {
  const [y, m] = day.split("-").map(Number) as [number, number];
  return ymd(Date.UTC(y, m, 0));
}

/** yyyy-MM, `months` months after (or before, when negative) the month of yyyy-MM-dd or yyyy-MM. */
export function addMonths(day: string, months: number): string {
  const [y, m] = day.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + months, 1)).toISOString().slice(0, 7);
}

/** The range asked, with the defaults: to = today in Vietnam, from = the first of the month 12 months before `to`'s. */
export function resolveRange(q: { from?: string; to?: string }, now: Date): DayRange {
  const to = q.to ?? vnDate(now);
  const from = q.from ?? `${addMonths(to, -12)}-01`;
  return { from, to };
}

/** A range as whole months (yyyy-MM, inclusive) and the days at its edges (yyyy-MM-dd, inclusive). */
export type Segments = { months: DayRange | null; days: DayRange[] };

export function rangeSegments({ from, to }: DayRange): Segments {
  if (from > to) return { months: null, days: [] };
  const firstMonth = from.endsWith("-01") ? from.slice(0, 7) : addMonths(from, 1);
  const lastMonth = to === lastDayOfMonth(to) ? to.slice(0, 7) : addMonths(to, -1);
  if (firstMonth > lastMonth) return { months: null, days: [{ from, to }] };
  const days: DayRange[] = [];
  if (!from.endsWith("-01")) days.push({ from, to: lastDayOfMonth(from) });
  if (to !== lastDayOfMonth(to)) days.push({ from: `${to.slice(0, 7)}-01`, to });
  return { months: { from: firstMonth, to: lastMonth }, days };
}

/** The months yyyy-MM a range touches, in order. */
export function monthsOf({ from, to }: DayRange): string[] {
  const out: string[] = [];
  for (let m = from.slice(0, 7); m <= to.slice(0, 7); m = addMonths(m, 1)) out.push(m);
  return out;
}
