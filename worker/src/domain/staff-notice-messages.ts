/**
 * The Zalo messages of officials' notices: a document to process, one waiting for approval, a meeting, a meeting
 * moved or cancelled, a reminder. Officials are addressed neutrally; every message opens the notice in the staff
 * area's "Việc của tôi".
 */
import type { StaffNoticeKind } from "../db/officials-schema";
import type { MessageKind, RenderedMessage } from "./notifications";
import { vnDisplayDate } from "./time";

export type StaffNoticeMessageKind = Extract<MessageKind, "staff_document" | "staff_approval" | "staff_meeting" | "staff_meeting_changed" | "staff_reminder">;

export const STAFF_NOTICE_MESSAGE_KINDS: readonly StaffNoticeMessageKind[] = [
  "staff_document",
  "staff_approval",
  "staff_meeting",
  "staff_meeting_changed",
  "staff_reminder",
];
export const isStaffNoticeKind = (kind: MessageKind): kind is StaffNoticeMessageKind => (STAFF_NOTICE_MESSAGE_KINDS as readonly string[]).includes(kind);

/** Fixed when the message is decided (with `code`, `title` and `deadline` of MessageParams). */
export type StaffNoticeParams = {
  noticeId?: string;
  noticeKind?: StaffNoticeKind;
  documentNumber?: string | null;
  issuer?: string | null;
  startsAt?: string | null;
  endsAt?: string | null;
  /** The meeting's place (`place` is the desk of a dossier's messages). */
  venue?: string | null;
  onlineLink?: string | null;
  cancelled?: boolean;
};

type Params = StaffNoticeParams & { code: string; title?: string; deadline?: string };

const VN_OFFSET_MS = 7 * 60 * 60 * 1000;
/** "14:00 ngày 04/12/2026" in Asia/Ho_Chi_Minh. */
export const vnTimeAndDate = (instant: string) => `${new Date(Date.parse(instant) + VN_OFFSET_MS).toISOString().slice(11, 16)} ngày ${vnDisplayDate(instant)}`;
const clock = (instant: string) => new Date(Date.parse(instant) + VN_OFFSET_MS).toISOString().slice(11, 16);

/** "125/QĐ-UBND — Kế hoạch …, của UBND tỉnh": the document as it is known in the office. */
function documentText(p: Params): string {
  return `${p.documentNumber ? `${p.documentNumber} — ` : ""}${p.title ?? ""}${p.issuer ? ` (${p.issuer})` : ""}`;
}

/** "14:00–16:00 ngày 04/12/2026, tại Phòng họp số 2": when and where. */
function meetingWhen(p: Params): string {
  if (!p.startsAt) return "";
  const end = p.endsAt && vnDisplayDate(p.endsAt) === vnDisplayDate(p.startsAt) ? `–${clock(p.endsAt)}` : "";
  const where = p.venue ? `, tại ${p.venue}` : p.onlineLink ? ", họp trực tuyến" : "";
  return `${clock(p.startsAt)}${end} ngày ${vnDisplayDate(p.startsAt)}${where}`;
}

export function renderStaffNotice(kind: StaffNoticeMessageKind, p: Params): RenderedMessage {
  const path = `/staff/notices?id=${encodeURIComponent(p.noticeId ?? p.code)}`;
  const done = (title: string, body: string, buttonText: string): RenderedMessage => ({ title, body, buttonText, path });
  const deadline = p.deadline ? ` Hạn xử lý: ${vnTimeAndDate(p.deadline)}.` : "";
  switch (kind) {
    case "staff_document":
      return done("Văn bản cần xử lý", `Văn bản cần xử lý: ${documentText(p)}.${deadline}`, "Xem văn bản");
    case "staff_approval":
      return done("Văn bản chờ phê duyệt", `Văn bản chờ phê duyệt: ${documentText(p)}.${deadline}`, "Xem văn bản");
    case "staff_meeting":
      return done(`Lịch họp: ${p.title ?? ""}`.trim(), `Mời dự họp: ${p.title ?? ""}, ${meetingWhen(p)}. Vui lòng xác nhận tham dự hoặc vắng.`, "Xác nhận");
    case "staff_meeting_changed":
      return p.cancelled
        ? done("Cuộc họp đã hủy", `Cuộc họp “${p.title ?? ""}”${p.startsAt ? ` lúc ${vnTimeAndDate(p.startsAt)}` : ""} đã hủy.`, "Xem")
        : done("Lịch họp thay đổi", `Cuộc họp “${p.title ?? ""}” đổi lịch: ${meetingWhen(p)}. Vui lòng xác nhận lại nếu cần.`, "Xem lịch mới");
    case "staff_reminder":
      return p.noticeKind === "meeting"
        ? done("Sắp đến giờ họp", `Nhắc lịch họp: ${p.title ?? ""}, ${meetingWhen(p)}.`, "Xem")
        : done("Văn bản sắp đến hạn xử lý", `Nhắc việc: ${documentText(p)} chưa được xác nhận đã nhận.${deadline}`, "Xem văn bản");
  }
}
