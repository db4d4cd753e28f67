/**
 * The rules of an officer's "Việc của tôi", without React: a meeting's time as people say it, when a deadline is
 * close enough to paint red, whether a meeting can still be answered, which notices are done. All in Asia/Ho_Chi_Minh
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
};

const clock = (instant: string) => new Date(Date.parse(instant) + VN_OFFSET_MS).toISOString().slice(11, 16);
const day = (instant: string) => `${WEEKDAY_NAMES[vietnamClock(new Date(instant)).weekday]} ${vnDisplayDate(instant)}`;

/**
 * "14:00–16:00, Thứ Sáu 04/12/2026"; a meeting over more than one day names both ends
 * ("08:00 Thứ Sáu 04/12/2026 – 11:00 Thứ Bảy 05/12/2026"); without an end, its start alone.
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

/** A meeting's answer can be given, or changed, until it starts; never for a cancelled one (the server's rule). */
export function canAnswer(n: NoticeFacts, now: Date): boolean {
  return isMeeting(n) && !n.cancelled && n.startsAt !== null && Date.parse(n.startsAt) > now.getTime();
}

/**
 * Open notices and done ones ("Đã xong"), each in the order the API gives (open ones by deadline or start). Open
 * is the server's word (`open`): not cancelled, a document not acknowledged, a meeting not answered and not started.
 */
export function splitNotices<N extends { open: boolean }>(notices: readonly N[]): { open: N[]; done: N[] } {
  return { open: notices.filter((n) => n.open), done: notices.filter((n) => !n.open) };
}
