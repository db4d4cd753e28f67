/**
 * The data lifecycle's rules: how long each kind of record is kept, and what happens then. Pure: given the time now
 * and a province's setting, the cutoffs; services/lifecycle.ts applies them to one database in small batches.
 */
import { STATUS } from "./status";

/** A province's `dataRetentionMonths`: how long a closed dossier keeps its applicant's personal data. */
export const RETENTION_MONTHS = { default: 12, min: 1, max: 120 } as const;

/** Finished messages (and their deliveries) are kept this long after they were created. */
export const MESSAGE_KEEP_DAYS = 90;

/** Feedback photos are deleted from storage this long after the feedback was closed. */
export const FEEDBACK_PHOTO_KEEP_DAYS = 365;

/**
 * Closed for good: returned (10), refused (3), withdrawn (7), stopped (8). The retention clock starts at the
 * dossier's last change, which is the return or the closing itself (a later correction restarts it).
 */
export const CLOSED_STATUSES = [STATUS.RETURNED, STATUS.REFUSED, STATUS.WITHDRAWN, STATUS.STOPPED] as const;

/** Deliveries that will not change any more: only these, and the messages all of whose deliveries are, are pruned. */
export const FINISHED_DELIVERY_STATUSES = ["sent", "folded", "in_app", "failed_permanent"] as const;

/** What replaces the applicant's name and the question's words once personal data is removed. */
export const REMOVED_NAME = "";
export const REMOVED_TEXT = "Nội dung đã được xóa theo quy định lưu trữ";

export function isRetentionMonths(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= RETENTION_MONTHS.min && (value as number) <= RETENTION_MONTHS.max;
}

/** `months` calendar months before `at` (UTC), the day clamped to the shorter month's last day (31/3 − 1 → 28/2). */
export function monthsBefore(at: Date, months: number): Date {
  const year = at.getUTCFullYear();
  const month = at.getUTCMonth() - months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(at.getUTCDate(), lastDay), at.getUTCHours(), at.getUTCMinutes(), at.getUTCSeconds(), at.getUTCMilliseconds()));
}

const DAY_MS = 24 * 60 * 60 * 1000;

export type LifecycleCutoffs = {
  /** Closed dossiers that last changed at or before this lose their personal data. */
  personalData: string;
  /** Finished messages created at or before this are pruned with their deliveries. */
  messages: string;
  /** Photos of feedback closed at or before this are deleted. */
  feedbackPhotos: string;
};

/** The cutoffs for one province now; a setting out of bounds (never stored: the admin route refuses it) counts as the default. */
export function lifecycleCutoffs(now: Date, retentionMonths: number): LifecycleCutoffs {
  const months = isRetentionMonths(retentionMonths) ? retentionMonths : RETENTION_MONTHS.default;
  return {
    personalData: monthsBefore(now, months).toISOString(),
    messages: new Date(now.getTime() - MESSAGE_KEEP_DAYS * DAY_MS).toISOString(),
    feedbackPhotos: new Date(now.getTime() - FEEDBACK_PHOTO_KEEP_DAYS * DAY_MS).toISOString(),
  };
}

const SINCE: Record<number, string> = {
  [STATUS.RETURNED]: "kể từ khi trả kết quả",
  [STATUS.REFUSED]: "kể từ khi hồ sơ bị từ chối",
  [STATUS.WITHDRAWN]: "kể từ khi hồ sơ được rút",
  [STATUS.STOPPED]: "kể từ khi hồ sơ dừng xử lý",
};

/** What a lookup of a dossier whose personal data was removed says, in plain Vietnamese. */
export function personalDataNotice(status: number, months: number | null): string {
  const period = months ? ` sau ${months} tháng` : "";
  const since = SINCE[status] ?? "kể từ khi hồ sơ kết thúc";
  return `Thông tin cá nhân của hồ sơ này đã được xóa theo quy định lưu trữ${period} ${since}. Trạng thái và các mốc thời gian của hồ sơ vẫn được giữ.`;
}
