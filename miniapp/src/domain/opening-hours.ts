/**
 * When a desk is open, read for a citizen deciding whether to set off now: today's hours, whether it is open at
 * this moment (or when it opens next), and the week in a few lines. All in Asia/Ho_Chi_Minh, with the clock passed
 * in, so a phone set to another zone or a copy read days later still tells the truth.
 */
export type OpeningPeriod = { days: number[]; opens: string; closes: string };

const VN_OFFSET_MS = 7 * 60 * 60 * 1000;
export const WEEKDAY_NAMES = ["", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"] as const;

/** ISO weekday (1 Monday … 7 Sunday) and minutes after midnight, in Vietnam. */
export function vietnamClock(now: Date): { weekday: number; minutes: number } {
  const local = new Date(now.getTime() + VN_OFFSET_MS);
  const day = local.getUTCDay();
  return { weekday: day === 0 ? 7 : day, minutes: local.getUTCHours() * 60 + local.getUTCMinutes() };
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The periods on one weekday, earliest first. */
export function periodsOn(hours: readonly OpeningPeriod[], weekday: number): { opens: string; closes: string }[] {
  return hours
    .filter((h) => h.days.includes(weekday))
    .map(({ opens, closes }) => ({ opens, closes }))
    .sort((a, b) => minutesOf(a.opens) - minutesOf(b.opens));
}

const span = (periods: { opens: string; closes: string }[]) => periods.map((p) => `${p.opens}–${p.closes}`).join(", ");

export type Today =
  /** No hours given: say nothing rather than guess. */
  | { kind: "unknown" }
  | { kind: "closed_today"; weekday: number; next: { weekday: number; opens: string } | null }
  | { kind: "open"; weekday: number; hours: string; closes: string }
  | { kind: "opens_later"; weekday: number; hours: string; opens: string }
  | { kind: "closed_for_day"; weekday: number; hours: string; next: { weekday: number; opens: string } | null };

function nextOpening(hours: readonly OpeningPeriod[], weekday: number) {
  for (let i = 1; i <= 7; i++) {
    const day = ((weekday - 1 + i) % 7) + 1;
    const first = periodsOn(hours, day)[0];
    if (first) return { weekday: day, opens: first.opens };
  }
  return null;
}

/** Where the desk stands right now. Between the morning and afternoon shifts it "opens later" (at 13:30). */
export function today(hours: readonly OpeningPeriod[] | null | undefined, now: Date): Today {
  if (!hours || hours.length === 0) return { kind: "unknown" };
  const { weekday, minutes } = vietnamClock(now);
  const periods = periodsOn(hours, weekday);
  if (periods.length === 0) return { kind: "closed_today", weekday, next: nextOpening(hours, weekday) };
  const text = span(periods);
  const current = periods.find((p) => minutesOf(p.opens) <= minutes && minutes < minutesOf(p.closes));
  if (current) return { kind: "open", weekday, hours: text, closes: current.closes };
  const later = periods.find((p) => minutes < minutesOf(p.opens));
  if (later) return { kind: "opens_later", weekday, hours: text, opens: later.opens };
  return { kind: "closed_for_day", weekday, hours: text, next: nextOpening(hours, weekday) };
}

/** The week in lines, days with the same hours run together: "Thứ Hai – Thứ Sáu: 07:00–11:30, 13:30–17:00". */
export function weekLines(hours: readonly OpeningPeriod[] | null | undefined, closedWord: string): string[] {
  if (!hours || hours.length === 0) return [];
  const byDay = [1, 2, 3, 4, 5, 6, 7].map((d) => span(periodsOn(hours, d)) || closedWord);
  const lines: string[] = [];
  for (let start = 1; start <= 7; ) {
    let end = start;
    while (end < 7 && byDay[end] === byDay[start - 1]) end++;
    const days = start === end ? WEEKDAY_NAMES[start] : `${WEEKDAY_NAMES[start]} – ${WEEKDAY_NAMES[end]}`;
    lines.push(`${days}: ${byDay[start - 1]}`);
    start = end + 1;
  }
  return lines;
}
