/**
 * Officials' notices: when each is open in an officer's "Việc của tôi", when its reminder is due, and what a change
 * of a meeting is. Pure: the clock is passed in.
 */
import type { MeetingAnswer, StaffNoticeKind } from "../db/officials-schema";
import { vnDayNumber } from "./time";

const DAY_MS = 24 * 60 * 60 * 1000;
const VN_OFFSET_MS = 7 * 60 * 60 * 1000;
/** A document's reminder is sent from 08:00 on the working day before its deadline. */
export const DOCUMENT_REMINDER_HOUR = 8;
/** A meeting's reminder is sent an hour before it starts. */
export const MEETING_REMINDER_MS = 60 * 60 * 1000;

export type NoticeTimes = { kind: StaffNoticeKind; deadline: string | null; startsAt: string | null; cancelled: boolean };
export type NoticeSchedule = NoticeTimes & { endsAt: string | null; place: string | null; onlineLink: string | null };
export type RecipientState = { createdAt: string; acknowledgedAt: string | null; answer: MeetingAnswer | null; remindedAt: string | null };

export const isDocument = (kind: StaffNoticeKind) => kind !== "meeting";

/** Monday to Friday, for a day counted since the epoch in Asia/Ho_Chi_Minh (1 January 1970 was a Thursday). */
export function isWorkingDay(vnDay: number): boolean {
  const weekday = (vnDay + 4) % 7; // 0 Sunday … 6 Saturday
  return weekday !== 0 && weekday !== 6;
}

/** 08:00 in Vietnam on the last working day before the day of the deadline (public holidays are not known here). */
export function documentReminderAt(deadline: string): string {
  let day = vnDayNumber(deadline) - 1;
  while (!isWorkingDay(day)) day--;
  return new Date(day * DAY_MS - VN_OFFSET_MS + DOCUMENT_REMINDER_HOUR * 60 * 60 * 1000).toISOString();
}

/** When the notice's reminder is due: a document with a deadline, a meeting; null when it has none. */
export function reminderAt(n: NoticeTimes): string | null {
  if (n.kind === "meeting") return n.startsAt ? new Date(Date.parse(n.startsAt) - MEETING_REMINDER_MS).toISOString() : null;
  return n.deadline ? documentReminderAt(n.deadline) : null;
}

/** The moment after which a reminder is pointless: the deadline, or the meeting's start. */
export function reminderEnd(n: NoticeTimes): string | null {
  return n.kind === "meeting" ? n.startsAt : n.deadline;
}

/**
 * Whether a recipient is reminded at `now`: once, between the reminder's time and the deadline (or the start), of
 * a notice still standing, if they received it before the reminder's time (one received later was just told);
 * for a document if they have not acknowledged it, for a meeting unless they said they will be absent.
 */
export function reminderDue(n: NoticeTimes, r: RecipientState, now: Date): boolean {
  const at = reminderAt(n);
  const end = reminderEnd(n);
  if (n.cancelled || r.remindedAt !== null || at === null || end === null) return false;
  const t = now.getTime();
  if (t < Date.parse(at) || t >= Date.parse(end) || Date.parse(r.createdAt) >= Date.parse(at)) return false;
  return n.kind === "meeting" ? r.answer !== "absent" : r.acknowledgedAt === null;
}

/**
 * Still waiting for the officer: not cancelled; a meeting not yet answered and not yet started; a document not yet
 * acknowledged (past its deadline too: it is still to be done).
 */
export function isOpen(n: NoticeTimes, r: Pick<RecipientState, "acknowledgedAt" | "answer">, now: Date): boolean {
  if (n.cancelled) return false;
  if (n.kind === "meeting") return r.answer === null && n.startsAt !== null && Date.parse(n.startsAt) > now.getTime();
  return r.acknowledgedAt === null;
}

/** Why a meeting cannot be answered now, or null when it can: answers may change until it starts. */
export function answerRefusal(n: NoticeTimes, now: Date): "not_a_meeting" | "cancelled" | "started" | null {
  if (n.kind !== "meeting") return "not_a_meeting";
  if (n.cancelled) return "cancelled";
  if (n.startsAt === null || Date.parse(n.startsAt) <= now.getTime()) return "started";
  return null;
}

/** What recipients are told again when a meeting is sent anew: moved (time, place or link), cancelled, or nothing. */
export function meetingChange(before: NoticeSchedule, after: NoticeSchedule): "moved" | "cancelled" | null {
  if (after.kind !== "meeting") return null;
  if (after.cancelled !== before.cancelled) return after.cancelled ? "cancelled" : "moved";
  if (after.cancelled) return null;
  const moved = before.startsAt !== after.startsAt || before.endsAt !== after.endsAt || before.place !== after.place || before.onlineLink !== after.onlineLink;
  return moved ? "moved" : null;
}
