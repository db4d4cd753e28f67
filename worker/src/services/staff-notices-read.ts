/**
 * Officials' notices as read back: by the sending system (the notice, who acknowledged, who answered, who cannot
 * be reached) and by an officer in "Việc của tôi" (only the notices they are a recipient of).
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { staffLinks, staffNoticeRecipients, staffNotices } from "../db/schema";
import { isOpen } from "../domain/staff-notices";
import type { Db } from "../env";
import { ApiError } from "../errors";

type NoticeRow = typeof staffNotices.$inferSelect;
type RecipientRow = typeof staffNoticeRecipients.$inferSelect;

const noticeFields = (n: NoticeRow) => ({
  id: n.id,
  kind: n.kind,
  title: n.title,
  summary: n.summary,
  documentNumber: n.documentNumber,
  issuer: n.issuer,
  deadline: n.deadline,
  startsAt: n.startsAt,
  endsAt: n.endsAt,
  place: n.place,
  onlineLink: n.onlineLink,
  agenda: n.agenda,
  chair: n.chair,
  link: n.link,
  cancelled: n.cancelled,
  changed: n.changedAt !== null,
});

/** The sender's view: the notice, one response per recipient, and the recipients with no linked Zalo account. */
export async function integrationNotice(db: Db, provinceId: string, noticeId: string) {
  const [notice, recipients] = await db.batch([
    db
      .select()
      .from(staffNotices)
      .where(and(eq(staffNotices.provinceId, provinceId), eq(staffNotices.id, noticeId)))
      .limit(1),
    db
      // Named apart from the recipient's own citizen_id: a batch's rows come back keyed by column name.
      .select({ r: staffNoticeRecipients, linked: sql<number | null>`${staffLinks.citizenId}`.as("linked_citizen_id") })
      .from(staffNoticeRecipients)
      .leftJoin(staffLinks, and(eq(staffLinks.provinceId, staffNoticeRecipients.provinceId), eq(staffLinks.officerId, staffNoticeRecipients.officerId)))
      .where(and(eq(staffNoticeRecipients.provinceId, provinceId), eq(staffNoticeRecipients.noticeId, noticeId)))
      .orderBy(asc(staffNoticeRecipients.officerId)),
  ]);
  const n = notice[0];
  if (!n) throw new ApiError(404, "not_found", `no notice ${noticeId} in your province`);
  return {
    ...noticeFields(n),
    recipientsRequested: n.recipientRequest,
    createdAt: n.createdAt,
    updatedAt: n.updatedAt,
    changedAt: n.changedAt,
    responses: recipients.map(({ r }) => ({
      officerId: r.officerId,
      ...(r.acknowledgedAt ? { acknowledgedAt: r.acknowledgedAt } : {}),
      ...(r.answer ? { answer: r.answer } : {}),
      ...(r.reason ? { reason: r.reason } : {}),
      ...(r.answeredAt ? { answeredAt: r.answeredAt } : {}),
    })),
    unreachable: recipients.filter((x) => x.linked === null).map((x) => x.r.officerId),
  };
}

export type StaffNoticeView = ReturnType<typeof noticeFields> & {
  receivedAt: string;
  acknowledgedAt: string | null;
  answer: RecipientRow["answer"];
  reason: string | null;
  open: boolean;
};

/** One notice as its recipient sees it. */
export function staffNoticeView(n: NoticeRow, r: RecipientRow, now: Date): StaffNoticeView {
  return {
    ...noticeFields(n),
    receivedAt: r.createdAt,
    acknowledgedAt: r.acknowledgedAt,
    answer: r.answer,
    reason: r.reason,
    open: isOpen(n, r, now),
  };
}

const mine = (provinceId: string, officerId: string) => and(eq(staffNoticeRecipients.provinceId, provinceId), eq(staffNoticeRecipients.officerId, officerId));
const joined = (db: Db) =>
  db
    .select({ n: staffNotices, r: staffNoticeRecipients })
    .from(staffNoticeRecipients)
    .innerJoin(staffNotices, and(eq(staffNotices.provinceId, staffNoticeRecipients.provinceId), eq(staffNotices.id, staffNoticeRecipients.noticeId)));

/** The notice if the officer is one of its recipients; 404 otherwise (whether it exists is not theirs to know). */
export async function officerNotice(db: Db, officer: { provinceId: string; officerId: string }, noticeId: string, now: Date): Promise<StaffNoticeView> {
  const [row] = await joined(db)
    .where(and(mine(officer.provinceId, officer.officerId), eq(staffNoticeRecipients.noticeId, noticeId)))
    .limit(1);
  if (!row) throw new ApiError(404, "not_found", "Không tìm thấy việc này.", undefined, "no such notice for this officer");
  return staffNoticeView(row.n, row.r, now);
}

/** At most this many notices in the list with state=all. */
export const NOTICE_LIST_LIMIT = 200;
/** Open notices listed at most (the badge counts them all). */
export const OPEN_LIST_LIMIT = 500;

/** When a notice matters: its deadline or its start. */
const when = (v: StaffNoticeView) => v.deadline ?? v.startsAt;
const soonestFirst = (a: StaffNoticeView, b: StaffNoticeView) => {
  const [x, y] = [when(a), when(b)];
  if (x === y) return b.receivedAt.localeCompare(a.receivedAt);
  if (x === null) return 1;
  if (y === null) return -1;
  return x.localeCompare(y);
};

/** The rows that can be open (domain/staff-notices isOpen, as SQL), so the list and the badge read only those. */
const mayBeOpen = (now: Date) => sql`${staffNotices.cancelled} = 0 AND (
    (${staffNotices.kind} = 'meeting' AND ${staffNoticeRecipients.answer} IS NULL AND ${staffNotices.startsAt} > ${now.toISOString()})
    OR (${staffNotices.kind} <> 'meeting' AND ${staffNoticeRecipients.acknowledgedAt} IS NULL))`;

/**
 * "Việc của tôi": open notices first, soonest deadline or start first (those without one last); then, with
 * state=all, the latest of the rest.
 */
export async function officerNotices(db: Db, officer: { provinceId: string; officerId: string }, state: "open" | "all", now: Date) {
  const openRows = await joined(db)
    .where(and(mine(officer.provinceId, officer.officerId), mayBeOpen(now)))
    .limit(OPEN_LIST_LIMIT);
  const open = openRows
    .map(({ n, r }) => staffNoticeView(n, r, now))
    .filter((v) => v.open)
    .sort(soonestFirst);
  if (state === "open") return open;
  const rest = await joined(db)
    .where(and(mine(officer.provinceId, officer.officerId), sql`NOT (${mayBeOpen(now)})`))
    .orderBy(sql`coalesce(${staffNotices.deadline}, ${staffNotices.startsAt}, ${staffNoticeRecipients.createdAt}) DESC`)
    .limit(NOTICE_LIST_LIMIT);
  return [...open, ...rest.map(({ n, r }) => staffNoticeView(n, r, now))].slice(0, Math.max(NOTICE_LIST_LIMIT, open.length));
}

/** The staff home's badge: how many notices still wait for the officer. */
export async function openNoticeCount(db: Db, officer: { provinceId: string; officerId: string }, now: Date): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(staffNoticeRecipients)
    .innerJoin(staffNotices, and(eq(staffNotices.provinceId, staffNoticeRecipients.provinceId), eq(staffNotices.id, staffNoticeRecipients.noticeId)))
    .where(and(mine(officer.provinceId, officer.officerId), mayBeOpen(now)));
  return row?.n ?? 0;
}
