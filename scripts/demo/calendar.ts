/**
 * Working days and times in Asia/Ho_Chi_Minh for the demo stories. Vietnam keeps UTC+7 all year, so days are
 * plain numbers (days since the epoch, Vietnamese calendar) and times are minutes after midnight.
 */
const VN_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Fixed-date public holidays (Tết and Hùng Kings' day follow the lunar calendar and are left out). */
const HOLIDAYS = new Set(["01-01", "04-30", "05-01", "09-01", "09-02"]);

export type Day = number;

export function vnDayOf(instant: Date | number): Day {
  const ms = typeof instant === "number" ? instant : instant.getTime();
  return Math.floor((ms + VN_OFFSET_MS) / DAY_MS);
}

/** yyyy-MM-dd of a day. */
export function isoDate(day: Day): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** dd/MM/yyyy, as dates are written to people. */
export function displayDate(day: Day): string {
  const [y, m, d] = isoDate(day).split("-");
  return `${d}/${m}/${y}`;
}

/** yyMMdd, as in dossier codes. */
export function codeDate(day: Day): string {
  return isoDate(day).replaceAll("-", "").slice(2);
}

export function isWorkingDay(day: Day): boolean {
  const weekday = (day + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
  return weekday !== 0 && weekday !== 6 && !HOLIDAYS.has(isoDate(day).slice(5));
}

/** n working days after (n > 0) or before (n < 0) `day`; 0 gives `day` itself. */
export function addWorkingDays(day: Day, n: number): Day {
  let d = day;
  const step = n < 0 ? -1 : 1;
  for (let left = Math.abs(n); left > 0; ) {
    d += step;
    if (isWorkingDay(d)) left--;
  }
  return d;
}

export function instantMs(day: Day, minutes: number): number {
  return day * DAY_MS + minutes * 60_000 - VN_OFFSET_MS;
}

/** ISO-8601 with the +07:00 offset, as a Vietnamese one-stop system writes times. */
export function vnIso(ms: number): string {
  return `${new Date(ms + VN_OFFSET_MS).toISOString().slice(0, 19)}+07:00`;
}

/** Due dates and deadlines are at the end of the afternoon shift. */
export const END_OF_DAY_MINUTES = 16 * 60 + 30;

/**
 * The latest working day whose morning shift began at least an hour before `now`: the demo's "today", so that
 * every story happens in the past even when the demo is seeded at night, on a weekend or early in the morning.
 */
export function latestWorkingDay(now: Date): Day {
  const limit = now.getTime() - 60 * 60_000;
  let day = vnDayOf(now);
  while (!isWorkingDay(day) || instantMs(day, 8 * 60) > limit) day--;
  return day;
}
