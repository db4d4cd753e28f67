/**
 * The staff area's rules for broadcasts, without React: a time picked on the phone read as Vietnam's time whatever
 * the phone's own zone, how much of a limit a field uses, the communes a typed search finds, an alert's severity
 * as the colour citizens see, and when live delivery counts are read again.
 */
import { foldVietnamese } from "../../../worker/src/domain/text";

const VN_OFFSET_MS = 7 * 60 * 60 * 1000;
const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** An instant as a `datetime-local` field's value in Asia/Ho_Chi_Minh ("2026-11-23T14:05"). */
export function vnInputValue(instant: string | Date): string {
  const ms = typeof instant === "string" ? Date.parse(instant) : instant.getTime();
  return new Date(ms + VN_OFFSET_MS).toISOString().slice(0, 16);
}

/** A `datetime-local` value read as Vietnam's time, as the API's instant with its offset; null when not a time. */
export function fromVnInput(value: string): string | null {
  const m = LOCAL_INPUT.exec(value);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:00+07:00`;
  const ms = Date.parse(iso);
  // 2026-02-31 parses to March: a day the calendar does not have is not a time.
  return Number.isFinite(ms) && vnInputValue(new Date(ms)) === value ? iso : null;
}

/** How much of a limit a text uses, counted as the server counts it (after trimming). */
export function textUse(value: string, max: number): { used: number; over: number } {
  const used = value.trim().length;
  return { used, over: Math.max(0, used - max) };
}

export type NamedCommune = { code: string; name: string };

/**
 * The communes whose name or code contains what was typed, without diacritics ("hac thanh" finds "Phường Hạc
 * Thành", "15853" its code); all of them for an empty search. Order kept (the API's is Vietnamese order).
 */
export function matchCommunes<C extends NamedCommune>(communes: readonly C[], typed: string): C[] {
  const query = foldVietnamese(typed);
  if (!query) return [...communes];
  return communes.filter((c) => c.code.includes(query) || foldVietnamese(c.name).includes(query));
}

/** Extreme and Severe red, Moderate orange, Minor and Unknown yellow: the banner's colour on the citizen's home. */
export function severityTone(severity: string): "red" | "orange" | "yellow" {
  if (severity === "Extreme" || severity === "Severe") return "red";
  return severity === "Moderate" ? "orange" : "yellow";
}

export type DeliveryCounts = { targeted: number; sentByZalo: number; inAppOnly: number; deferred: number; failed: number };

/** Every targeted person accounted for and nothing waiting: the counts will not move any more. */
export const countsSettled = (c: DeliveryCounts) => c.deferred === 0 && c.sentByZalo + c.inAppOnly + c.failed >= c.targeted;

/** The longest wait between two reads of live counts. */
export const MAX_COUNTS_WAIT_MS = 60_000;

/**
 * When to read live counts again: every `intervalMs`, and after failed reads twice as long each time, up to a
 * minute (a post that has no counts yet is not asked for every few seconds).
 */
export const nextReadIn = (intervalMs: number, failures: number) => Math.min(intervalMs * 2 ** failures, MAX_COUNTS_WAIT_MS);
