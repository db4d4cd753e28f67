/**
 * An officer's notices from the province's document and scheduling systems: documents to process or approve and
 * meetings. Every call goes through the session (api/account); the server shows a notice only to its recipients.
 */
import type { InferResponseType } from "hono/client";
import { signedIn } from "./account";
import { answer } from "./client";

const notices = signedIn.v1.staff.notices;

export type StaffNotice = InferResponseType<(typeof notices)[":noticeId"]["$get"], 200>;
export type MeetingAnswer = "attend" | "absent";

export const listStaffNotices = async (): Promise<StaffNotice[]> => (await answer(notices.$get({ query: { state: "all" } }))).notices;
export const getStaffNotice = (noticeId: string): Promise<StaffNotice> => answer(notices[":noticeId"].$get({ param: { noticeId } }));
export const acknowledgeNotice = (noticeId: string): Promise<StaffNotice> => answer(notices[":noticeId"].acknowledge.$post({ param: { noticeId } }));
export const answerMeeting = (noticeId: string, choice: MeetingAnswer, reason?: string): Promise<StaffNotice> =>
  answer(notices[":noticeId"].answer.$put({ param: { noticeId }, json: { answer: choice, ...(reason ? { reason } : {}) } }));
