/**
 * The rules of an officer's "Việc của tôi", without React: a meeting's time as people say it, when a deadline is
 * close enough to paint red, which notices still wait for the officer and which are done. All in Asia/Ho_Chi_Minh
 * with the clock passed in, so a phone set to another zone, or a list read the next morning, still tells the truth.
 */
import { vnDate, vnDaysBetween, vnDisplayDate } from "../../../worker/src/domain/time";
import { vietnamClock, WEEKDAY_NAMES } from "./opening-hours";

const VN_OFFSET_MS = 7 * 60 * 60 * 1000;

/** The fields these rules read, as the staff notices API answers them (nulls for absent fields). */
export type NoticeFacts = {
  kind: string;
  deadline: string | null;
  startsAt: string | null;
  endsAt: string | null;
  cancelled: boolean;
  acknowledgedAt: string | null;
  answer: "attend" | "absent" | null;
};

const clock = (instant: string) => new Date(Date.parse(instant) + VN_OFFSET_MS).toISOString().slice(11, 16);
const day = (instant: string) => `${WEEKDAY_NAMES[vietnamClock(new Date(instant)).weekday]} ${vnDisplayDate(instant)}`;

/**
 * "14:00–16:00, Thứ Sáu 05/12/2026"; a meeting over more than one day names both ends
 * ("08:00 Thứ Sáu 05/12/2026 – 11:00 Thứ Bảy 06/12/2026"); without an end, its start alone.
 */
export function meetingTime(startsAt: string, endsAt: string | null): string {
  if (!endsAt) return `${clock(startsAt)}, ${day(startsAt)}`;
  if (vnDate(startsAt) === vnDate(endsAt)) return `${clock(startsAt)}–${clock(endsAt)}, ${day(startsAt)}`;
  return `${clock(startsAt)} ${day(startsAt)} – ${clock(endsAt)} ${day(endsAt)}`;
}

/** Red when the deadline is tomorrow, today or already past (calendar days in Vietnam). */
export function deadlineIsNear(deadline: string, now: Date): boolean {
  return vnDaysBetween(now, deadline) <= 1;
}

export const isMeeting = (n: Pick<NoticeFacts, "kind">) => n.kind === "meeting";

/** A meeting over (or, without an end, started): nothing left to answer. */
function meetingIsOver(n: NoticeFacts, now: Date): boolean {
  const end = n.endsAt ?? n.startsAt;
  return end !== null && Date.parse(end) <= now.getTime();
}

/** A meeting can still be answered, or the answer changed, until it starts. */
export function canAnswer(n: NoticeFacts, now: Date): boolean {
  return isMeeting(n) && !n.cancelled && n.startsAt !== null && Date.parse(n.startsAt) > now.getTime();
}

/**
 * Still waiting for the officer: a document not yet acknowledged; a meeting not yet answered and not over; a
 * cancelled meeting until the officer has seen it (acknowledged). Everything else is done ("Đã xong").
 */
export function isOpen(n: NoticeFacts, now: Date): boolean {
  if (!isMeeting(n)) return n.acknowledgedAt === null;
  if (n.cancelled) return n.acknowledgedAt === null;
  return n.answer === null && !meetingIsOver(n, now);
}

/** The instant a notice is ordered by: its deadline, a meeting's start; none sorts last. */
const orderOf = (n: NoticeFacts) => Date.parse(n.deadline ?? n.startsAt ?? "") || Number.MAX_SAFE_INTEGER;

/** Open notices (soonest deadline or start first) and done ones (most recent first). */
export function splitNotices<N extends NoticeFacts>(notices: readonly N[], now: Date): { open: N[]; done: N[] } {
  const open = notices.filter((n) => isOpen(n, now)).sort((a, b) => orderOf(a) - orderOf(b));
  const done = notices.filter((n) => !isOpen(n, now)).sort((a, b) => orderOf(b) - orderOf(a));
  return { open, done };
}
