/**
 * The citizen's voice: the satisfaction survey provinces use after pickup, feedback categories and workflow, and
 * the working-day clock questions are answered against. Pure data and rules; the routes and services use them.
 */
import type { FeedbackStatus } from "../db/schema";
import { vnDaysBetween } from "./time";

const VN_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The survey (domain.md: time against the legal limit, times they came back, agencies dealt with, whether the
 * procedure was posted, attitude, convenience, overall verdict). The wording is the server's, so every client
 * asks the same questions.
 */
export const RATING_QUESTIONS = [
  {
    id: "timeVsLimit",
    label: "Thời gian giải quyết so với thời hạn quy định",
    options: [
      { value: "early", label: "Sớm hơn hẹn" },
      { value: "on_time", label: "Đúng hẹn" },
      { value: "late", label: "Trễ hẹn" },
    ],
  },
  {
    id: "extraVisits",
    label: "Số lần ông/bà phải đi lại thêm để hoàn thiện hồ sơ",
    options: [
      { value: "0", label: "Không phải đi lại thêm" },
      { value: "1", label: "1 lần" },
      { value: "2", label: "2 lần" },
      { value: "3+", label: "3 lần trở lên" },
    ],
  },
  {
    id: "agenciesCount",
    label: "Số cơ quan, đơn vị ông/bà phải liên hệ",
    options: [
      { value: "1", label: "1 cơ quan" },
      { value: "2", label: "2 cơ quan" },
      { value: "3+", label: "3 cơ quan trở lên" },
    ],
  },
  {
    id: "publiclyPosted",
    label: "Thủ tục có được niêm yết công khai không",
    options: [
      { value: "yes", label: "Có" },
      { value: "no", label: "Không" },
      { value: "unknown", label: "Không để ý" },
    ],
  },
  {
    id: "attitude",
    label: "Thái độ của cán bộ tiếp nhận, trả kết quả",
    options: [
      { value: "courteous", label: "Lịch sự, tận tình" },
      { value: "normal", label: "Bình thường" },
      { value: "discourteous", label: "Thiếu lịch sự, gây khó khăn" },
    ],
  },
  {
    id: "convenience",
    label: "Mức độ thuận tiện khi nộp hồ sơ, nhận kết quả",
    options: [
      { value: "convenient", label: "Thuận tiện" },
      { value: "normal", label: "Bình thường" },
      { value: "inconvenient", label: "Không thuận tiện" },
    ],
  },
  {
    id: "overall",
    label: "Đánh giá chung về sự phục vụ",
    options: [
      { value: "very_satisfied", label: "Rất hài lòng" },
      { value: "satisfied", label: "Hài lòng" },
      { value: "dissatisfied", label: "Không hài lòng" },
    ],
  },
] as const;

export type RatingQuestionId = (typeof RATING_QUESTIONS)[number]["id"];
export type RatingAnswers = { [Q in (typeof RATING_QUESTIONS)[number] as Q["id"]]: Q["options"][number]["value"] };

/**
 * What the survey never asks because the system knows it: whether the result came early, on time or late is
 * computed from the dossier's dates (`timeVsLimit`), so the citizen is not asked to remember the date on the slip.
 */
export const COMPUTED_RATING_ANSWERS = ["timeVsLimit"] as const;
export type ComputedRatingAnswer = (typeof COMPUTED_RATING_ANSWERS)[number];

type Question = (typeof RATING_QUESTIONS)[number];
const isComputed = (q: Question) => (COMPUTED_RATING_ANSWERS as readonly string[]).includes(q.id);

/** The questions the citizen answers, in the survey's order. */
export const ASKED_RATING_QUESTIONS = RATING_QUESTIONS.filter((q) => !isComputed(q)) as Exclude<Question, { id: ComputedRatingAnswer }>[];

export type TimeVsLimit = RatingAnswers["timeVsLimit"];

/** The part of a dossier the time against its due date is computed from (its timeline as folded from events). */
export type DossierDates = {
  completedAt: string;
  dueAt: string;
  timeline: readonly { type: string; previousDueAt?: string; dueAt?: string }[];
};

/**
 * The due date given at receipt: the date on the slip. A `dossier.due_changed` keeps the date it replaced, so the
 * first one holds the original; without any, the current due date is the original.
 */
export function dueAtReceipt(d: Pick<DossierDates, "dueAt" | "timeline">): string {
  return d.timeline.find((e) => e.type === "dossier.due_changed" && e.previousDueAt)?.previousDueAt ?? d.dueAt;
}

/**
 * Early, on time or late, by calendar days in Asia/Ho_Chi_Minh, against the due date given at receipt: a result on
 * the due day is on time, the day before is early. A due date moved to a later day (the agency's apology with a
 * new date) never makes a dossier on time: Decision 766/QĐ-TTg counts such a dossier late, as the figures do.
 */
export function timeVsLimit(d: DossierDates): TimeVsLimit {
  const promised = dueAtReceipt(d);
  const daysEarly = vnDaysBetween(d.completedAt, promised);
  if (daysEarly < 0) return "late";
  const movedLater = d.timeline.some((e) => e.type === "dossier.due_changed" && e.dueAt !== undefined && vnDaysBetween(promised, e.dueAt) > 0);
  if (movedLater) return "late";
  return daysEarly > 0 ? "early" : "on_time";
}

/** The label of an answer, as the survey words it. */
export function answerLabel(questionId: RatingQuestionId, value: string): string {
  const question = RATING_QUESTIONS.find((q) => q.id === questionId)!;
  return (question.options as readonly { value: string; label: string }[]).find((o) => o.value === value)?.label ?? value;
}

/** A dossier can be rated once its result is ready or returned. */
export const RATABLE_STATUSES = [9, 10] as const;

/** yyyy-MM of an instant in Asia/Ho_Chi_Minh: the month a rating counts in. */
export function vnMonth(instant: string | Date): string {
  const ms = typeof instant === "string" ? Date.parse(instant) : instant.getTime();
  return new Date(ms + VN_OFFSET_MS).toISOString().slice(0, 7);
}

export const FEEDBACK_CATEGORIES = [
  { id: "traffic_infrastructure", label: "Giao thông, hạ tầng" },
  { id: "environment", label: "Môi trường, vệ sinh" },
  { id: "public_order", label: "An ninh, trật tự" },
  { id: "land_construction", label: "Đất đai, xây dựng" },
  { id: "public_service", label: "Thủ tục hành chính, thái độ phục vụ" },
  { id: "health_education", label: "Y tế, giáo dục" },
  { id: "other", label: "Khác" },
] as const;
export type FeedbackCategory = (typeof FEEDBACK_CATEGORIES)[number]["id"];
export const FEEDBACK_CATEGORY_IDS = FEEDBACK_CATEGORIES.map((c) => c.id) as [FeedbackCategory, ...FeedbackCategory[]];

export const categoryLabel = (id: string) => FEEDBACK_CATEGORIES.find((c) => c.id === id)?.label ?? "Khác";

export const FEEDBACK_STATUS_LABELS: Record<FeedbackStatus, string> = {
  received: "Đã tiếp nhận",
  assigned: "Đang xử lý",
  answered: "Đã trả lời",
  closed: "Đã kết thúc",
};

/** After an answer the citizen has this long to say it did not solve the matter; then it closes by itself. */
export const REOPEN_WINDOW_MS = 7 * DAY_MS;

/** Public reference of a feedback, as said on the phone and shown in messages: PA-000012. */
export const feedbackReference = (id: number) => `PA-${String(id).padStart(6, "0")}`;

/**
 * How long an agency has to answer feedback, in working days, counted from when it was received or, after the
 * citizen sent it back, from that moment: the agency owes a new answer then. Told to the citizen when they send
 * it and shown to staff next to each item.
 */
export const FEEDBACK_ANSWER_WORKING_DAYS = 10;

/** When the answer to a feedback is due: 10 working days after it was received or last reopened. */
export function feedbackAnswerDueAt(f: { createdAt: string; history: readonly { status: string; at: string }[] }): string {
  const reopenings = f.history
    .filter((h) => h.status === "reopened")
    .map((h) => Date.parse(h.at))
    .filter(Number.isFinite);
  const from = Math.max(Date.parse(f.createdAt), ...reopenings);
  return addWorkingDays(new Date(from), FEEDBACK_ANSWER_WORKING_DAYS);
}

/** A map of the place a citizen shared, for the staff handling it: Google Maps' search URL, which every phone opens. */
export function mapSearchUrl(lat: number, lng: number): string {
  return `https://www.google.com/maps/search/?api=1&query=${lat},${lng}`;
}

/**
 * Since 1 July 2025 Vietnam's local government has two tiers (province, commune): the "district" of a feedback is
 * the commune or ward, named after its one-stop centre ("Trung tâm Phục vụ hành chính công phường Hạc Thành" →
 * "Phường Hạc Thành").
 */
export function areaName(agencyName: string): string {
  const m = /\b((?:xã|phường|đặc khu|thị trấn)\s.+)$/iu.exec(agencyName);
  const name = m ? m[1]! : agencyName;
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/**
 * The instant `days` working days after `from` (Monday to Friday, Asia/Ho_Chi_Minh), at the same time of day:
 * asked on Friday 10:00, two working days later is Tuesday 10:00; asked on Saturday, it is Tuesday at that hour.
 */
export function addWorkingDays(from: string | Date, days: number): string {
  const start = typeof from === "string" ? Date.parse(from) : from.getTime();
  let at = start;
  let counted = 0;
  while (counted < days) {
    at += DAY_MS;
    const weekday = new Date(at + VN_OFFSET_MS).getUTCDay();
    if (weekday !== 0 && weekday !== 6) counted++;
  }
  return new Date(at).toISOString();
}

/** Questions unanswered this long escalate to the department head. */
export const QUESTION_ANSWER_WORKING_DAYS = 2;
/** Open questions one citizen may have on one dossier at a time. */
