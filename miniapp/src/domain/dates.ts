/**
 * Dates as people in Vietnam read them: dd/MM/yyyy in Asia/Ho_Chi_Minh, whatever the phone's own time zone.
 * The calendar arithmetic is the worker's, so "overdue by n days" means the same thing on both sides.
 */
import { vnDate, vnDaysBetween, vnDisplayDate } from "../../../worker/src/domain/time";

/** Vietnam has kept UTC+7 without daylight saving since 1975, so a fixed offset is exact. */
const VN_OFFSET_MS = 7 * 60 * 60 * 1000;

function isValidInstant(instant: string | Date): boolean {
  const ms = typeof instant === "string" ? Date.parse(instant) : instant.getTime();
  return Number.isFinite(ms);
}

/** dd/MM/yyyy, or "" for a missing or unreadable date (never "NaN/NaN/NaN" on screen). */
export function formatDate(instant: string | Date | null | undefined): string {
  if (instant == null || !isValidInstant(instant)) return "";
  return vnDisplayDate(instant);
}

/** HH:mm dd/MM/yyyy in Asia/Ho_Chi_Minh, e.g. "14:05 23/11/2026". */
export function formatDateTime(instant: string | Date | null | undefined): string {
  if (instant == null || !isValidInstant(instant)) return "";
  const ms = typeof instant === "string" ? Date.parse(instant) : instant.getTime();
  const hhmm = new Date(ms + VN_OFFSET_MS).toISOString().slice(11, 16);
  return `${hhmm} ${vnDisplayDate(instant)}`;
}

/** Whole calendar days (Asia/Ho_Chi_Minh) from `from` to `to`; positive when `to` is later. */
export function daysBetween(from: string | Date, to: string | Date): number {
  return vnDaysBetween(from, to);
}

/** True when both instants fall on the same calendar day in Vietnam. */
export function isSameVnDay(a: string | Date, b: string | Date): boolean {
  return vnDate(a) === vnDate(b);
}
