/**
 * An officer's responses to a notice: "Đã nhận" (the first time is kept) and a meeting's answer (tham dự / vắng with
 * a reason), changeable until the meeting starts. Each is one conditional UPDATE, so an answer sent as the meeting
 * starts, or after it was cancelled, cannot slip in after the check.
 */
import { and, eq, sql } from "drizzle-orm";
import { type MeetingAnswer, staffNoticeRecipients, staffNotices } from "../db/schema";
import { answerRefusal } from "../domain/staff-notices";
import type { Db } from "../env";
import { ApiError } from "../errors";
import { officerNotice, type StaffNoticeView } from "./staff-notices-read";

type Officer = { provinceId: string; officerId: string };

const recipient = (o: Officer, noticeId: string) =>
  and(eq(staffNoticeRecipients.provinceId, o.provinceId), eq(staffNoticeRecipients.noticeId, noticeId), eq(staffNoticeRecipients.officerId, o.officerId));

export async function acknowledgeNotice(db: Db, officer: Officer, noticeId: string, now: Date): Promise<StaffNoticeView> {
  await db
    .update(staffNoticeRecipients)
    .set({ acknowledgedAt: sql`coalesce(${staffNoticeRecipients.acknowledgedAt}, ${now.toISOString()})` })
    .where(recipient(officer, noticeId));
  return officerNotice(db, officer, noticeId, now);
}

const REFUSALS = {
  not_a_meeting: [422, "Chỉ trả lời tham dự hoặc vắng cho lịch họp.", "only a meeting is answered"],
  cancelled: [409, "Cuộc họp đã hủy.", "the meeting was cancelled"],
  started: [409, "Cuộc họp đã bắt đầu, không thể thay đổi trả lời.", "the meeting has started"],
} as const;

export async function answerMeeting(
  db: Db,
  officer: Officer,
  noticeId: string,
  body: { answer: MeetingAnswer; reason?: string },
  now: Date,
): Promise<StaffNoticeView> {
  const at = now.toISOString();
  const answerable = sql`EXISTS (SELECT 1 FROM ${staffNotices} WHERE ${staffNotices.provinceId} = ${officer.provinceId} AND ${staffNotices.id} = ${noticeId}
      AND ${staffNotices.kind} = 'meeting' AND ${staffNotices.cancelled} = 0 AND ${staffNotices.startsAt} > ${at})`;
  const updated = await db
    .update(staffNoticeRecipients)
    .set({
      answer: body.answer,
      reason: body.reason || null,
      answeredAt: at,
      acknowledgedAt: sql`coalesce(${staffNoticeRecipients.acknowledgedAt}, ${at})`,
    })
    .where(and(recipient(officer, noticeId), answerable))
    .returning({ id: staffNoticeRecipients.noticeId });
  const view = await officerNotice(db, officer, noticeId, now);
  if (updated.length === 0) {
    const refusal = answerRefusal(view, now) ?? "started";
    const [status, message, detail] = REFUSALS[refusal];
    throw new ApiError(status, refusal, message, undefined, detail);
  }
  return view;
}
