/** Vietnam has kept UTC+7 without daylight saving since 1975, so a fixed offset is exact. */
const VN_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The calendar day in Asia/Ho_Chi_Minh of an instant, as days since the epoch. */
export function vnDayNumber(instant: string | Date): number {
  const ms = typeof instant === "string" ? Date.parse(instant) : instant.getTime();
  return Math.floor((ms + VN_OFFSET_MS) / DAY_MS);
}

/** yyyy-MM-dd of an instant in Asia/Ho_Chi_Minh. */
export function vnDate(instant: string | Date): string {
  const ms = typeof instant === "string" ? Date.parse(instant) : instant.getTime();
  return new Date(ms + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** dd/MM/yyyy of an instant in Asia/Ho_Chi_Minh: how dates are shown to people. */
export function vnDisplayDate(instant: string | Date): string {
  const [y, m, d] = vnDate(instant).split("-");
  return `${d}/${m}/${y}`;
}

/** HH:mm of an instant in Asia/Ho_Chi_Minh, with dd/MM/yyyy when it is not on the day of `today`. */
export function vnDisplayClock(instant: Date, today: Date): string {
  const clock = new Date(instant.getTime() + VN_OFFSET_MS).toISOString().slice(11, 16);
  return vnDayNumber(instant) === vnDayNumber(today) ? clock : `${clock} ngày ${vnDisplayDate(instant)}`;
}

/** yyMMdd of an instant in Asia/Ho_Chi_Minh, as used in dossier codes. */
export function vnCodeDate(instant: string | Date): string {
  return vnDate(instant).replaceAll("-", "").slice(2);
}

/** Whole calendar days (Asia/Ho_Chi_Minh) from `from` to `to`; positive when `to` is later. */
export function vnDaysBetween(from: string | Date, to: string | Date): number {
  return vnDayNumber(to) - vnDayNumber(from);
}

/** Normalises any ISO-8601 instant with an offset to UTC ISO, so stored times sort as text. */
export function toUtcIso(instant: string): string {
  return new Date(instant).toISOString();
}

/** ISO-8601 with an explicit offset, e.g. 2026-11-23T09:30:00+07:00: as the contract asks. */
const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

/**
 * Strict: every part must exist on the calendar and the clock. `Date.parse` alone rolls 30 February over to
 * 2 March and 24:00 to the next day, which would store a date nobody wrote.
 */
export function isIsoInstant(value: string): boolean {
  const m = ISO_WITH_OFFSET.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second = 0, offsetHours = 0, offsetMinutes = 0] = m
    .slice(1)
    .map((part) => (part === undefined ? undefined : Number(part)));
  return (
    isCalendarDay(year!, month!, day!) &&
    hour! <= 23 &&
    minute! <= 59 &&
    second <= 59 &&
    offsetHours <= 14 &&
    offsetMinutes <= 59 &&
    !Number.isNaN(Date.parse(value))
  );
}

/** Whether year-month-day is a day of the Gregorian calendar (years 1900–2999: no dossier lives outside them). */
export function isCalendarDay(year: number, month: number, day: number): boolean {
  if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}
