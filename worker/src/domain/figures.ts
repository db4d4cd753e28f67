/**
 * The leaders' figures as Decision 766/QĐ-TTg counts them. Pure rules: what one dossier, rating or feedback adds
 * to the counters, as a function of its state now, so every change is the difference between two contributions.
 *
 * - Completed: reached status 9 (result ready), or 10 (returned) without a 9 before it; it counts on the VN day of
 *   that first 9 (or that 10), whatever happens after.
 * - On time: completed on or before the VN day of the due date given at receipt, and its due date never moved by a
 *   `dossier.due_changed` (a dossier whose date was moved was late by definition, whenever it completes). Early: on
 *   time and completed before the due day. Late: completed and not on time.
 * - Open: not completed, not refused (3), withdrawn (7) or stopped (8), and not an online registration still waiting
 *   to be accepted (1, no due date yet). Counted by the VN day it is due: overdue now is an open dossier whose due
 *   day is before today.
 * - Ratings: satisfied is an overall answer of satisfied or very satisfied; in the rating's month, for the agency and
 *   department it was rated for and the dossier's procedure.
 * - Feedback: received in the month received, for its agency (none until it is routed); answered on the VN day of
 *   its first answer, on time when that is within the answer limit (10 working days from receipt); rated and
 *   satisfied on the day the citizen said whether the answer satisfied them. Feedback has no department or procedure.
 */
import { STATUS } from "./status";
import { vnDate, vnDayNumber } from "./time";
import { addWorkingDays, FEEDBACK_ANSWER_WORKING_DAYS } from "./voice";

export const COUNTER_FIELDS = [
  "completed",
  "completedOnTime",
  "completedEarly",
  "ratings",
  "satisfied",
  "feedbackReceived",
  "feedbackAnswered",
  "feedbackAnsweredOnTime",
  "feedbackRated",
  "feedbackSatisfied",
] as const;
export type CounterField = (typeof COUNTER_FIELDS)[number];
export type Counts = Record<CounterField, number>;

/** Where a count goes: the province's agency, department and procedure ("" for none) on a VN day yyyy-MM-dd. */
export type FigureKey = { agencyId: string; departmentId: string; procedureCode: string };
export type CountEntry = FigureKey & { day: string; counts: Partial<Counts> };
export type OpenEntry = FigureKey & { dueDay: string; open: number };
export type Contribution = { counts: CountEntry[]; open: OpenEntry[] };

const NONE: Contribution = { counts: [], open: [] };

/** The part of a dossier's row the figures read (as stored in `dossiers`, or as folded). */
export type DossierFacts = {
  agencyId: string;
  departmentId: string | null;
  procedureCode: string;
  status: number;
  dueAt: string;
  completedAt: string | null;
  timeline: readonly { type: string; dueAt?: string; previousDueAt?: string }[];
};

const NOT_OPEN: readonly number[] = [STATUS.REGISTERED, STATUS.REFUSED, STATUS.WITHDRAWN, STATUS.STOPPED];

/** Whether the due date given at receipt was ever moved. */
export const dueMoved = (d: Pick<DossierFacts, "timeline">) => d.timeline.some((e) => e.type === "dossier.due_changed");

/**
 * When a dossier completed and how: on time against the due date given at receipt, which is its due date now as
 * long as no `dossier.due_changed` moved it (a moved date makes it late, whatever the dates say).
 */
export function completion(d: DossierFacts): { day: string; onTime: boolean; early: boolean } | null {
  if (!d.completedAt) return null;
  const daysEarly = vnDayNumber(d.dueAt) - vnDayNumber(d.completedAt);
  const onTime = !dueMoved(d) && daysEarly >= 0;
  return { day: vnDate(d.completedAt), onTime, early: onTime && daysEarly > 0 };
}

export function isOpen(d: Pick<DossierFacts, "status" | "completedAt">): boolean {
  return d.completedAt === null && !NOT_OPEN.includes(d.status);
}

/** What one dossier adds to the counters. */
export function dossierContribution(d: DossierFacts | null): Contribution {
  if (!d) return NONE;
  const key: FigureKey = { agencyId: d.agencyId, departmentId: d.departmentId ?? "", procedureCode: d.procedureCode };
  const done = completion(d);
  return {
    counts: done ? [{ ...key, day: done.day, counts: { completed: 1, completedOnTime: done.onTime ? 1 : 0, completedEarly: done.early ? 1 : 0 } }] : [],
    open: isOpen(d) ? [{ ...key, dueDay: vnDate(d.dueAt), open: 1 }] : [],
  };
}

export const SATISFIED_ANSWERS: readonly string[] = ["satisfied", "very_satisfied"];

/** What one rating adds: by the agency and department it was rated for, on the day it was made. */
export function ratingContribution(r: {
  agencyId: string;
  departmentId: string | null;
  procedureCode: string;
  overall: string;
  createdAt: string;
}): Contribution {
  const key: FigureKey = { agencyId: r.agencyId, departmentId: r.departmentId ?? "", procedureCode: r.procedureCode };
  return { counts: [{ ...key, day: vnDate(r.createdAt), counts: { ratings: 1, satisfied: SATISFIED_ANSWERS.includes(r.overall) ? 1 : 0 } }], open: [] };
}

export type FeedbackFacts = {
  agencyId: string | null;
  createdAt: string;
  history: readonly { status: string; at: string }[];
  /** The citizen's answer to "satisfied with the answer?", if given. */
  answerRating: { satisfied: boolean; ratedAt: string } | null;
};

/** When the feedback was first answered (reopening and answering again does not move it), or null. */
export const firstAnsweredAt = (f: Pick<FeedbackFacts, "history">) => f.history.find((h) => h.status === "answered")?.at ?? null;

/** The first answer's deadline: the answer limit in working days after the feedback was received. */
export const firstAnswerDueAt = (createdAt: string, workingDays = FEEDBACK_ANSWER_WORKING_DAYS) => addWorkingDays(createdAt, workingDays);

/** What one feedback adds: received, answered (on time), rated, satisfied, each on its own day, for its agency. */
export function feedbackContribution(f: FeedbackFacts | null, workingDays = FEEDBACK_ANSWER_WORKING_DAYS): Contribution {
  if (!f) return NONE;
  const key: FigureKey = { agencyId: f.agencyId ?? "", departmentId: "", procedureCode: "" };
  const counts: CountEntry[] = [{ ...key, day: vnDate(f.createdAt), counts: { feedbackReceived: 1 } }];
  const answered = firstAnsweredAt(f);
  if (answered) {
    const onTime = answered <= firstAnswerDueAt(f.createdAt, workingDays);
    counts.push({ ...key, day: vnDate(answered), counts: { feedbackAnswered: 1, feedbackAnsweredOnTime: onTime ? 1 : 0 } });
  }
  if (f.answerRating) {
    counts.push({ ...key, day: vnDate(f.answerRating.ratedAt), counts: { feedbackRated: 1, feedbackSatisfied: f.answerRating.satisfied ? 1 : 0 } });
  }
  return { counts, open: [] };
}

const keyOf = (k: FigureKey, period: string) => `${k.agencyId}\u0000${k.departmentId}\u0000${k.procedureCode}\u0000${period}`;

/** A change to the counters: per key and day (written to the day and its month), and per key and due day. */
export type Delta = { counts: CountEntry[]; open: OpenEntry[] };

/**
 * What a change from `before` to `after` does to the counters: `after` minus `before`, merged by key, with the
 * entries that cancel out dropped (a change that moves nothing writes nothing).
 */
export function contributionDelta(before: Contribution, after: Contribution): Delta {
  const counts = new Map<string, CountEntry>();
  const add = (e: CountEntry, sign: 1 | -1) => {
    const k = keyOf(e, e.day);
    const entry = counts.get(k) ?? { agencyId: e.agencyId, departmentId: e.departmentId, procedureCode: e.procedureCode, day: e.day, counts: {} };
    for (const [field, n] of Object.entries(e.counts) as [CounterField, number][]) entry.counts[field] = (entry.counts[field] ?? 0) + sign * n;
    counts.set(k, entry);
  };
  for (const e of before.counts) add(e, -1);
  for (const e of after.counts) add(e, 1);
  const open = new Map<string, OpenEntry>();
  const addOpen = (e: OpenEntry, sign: 1 | -1) => {
    const k = keyOf(e, e.dueDay);
    const entry = open.get(k) ?? { ...e, open: 0 };
    entry.open += sign * e.open;
    open.set(k, entry);
  };
  for (const e of before.open) addOpen(e, -1);
  for (const e of after.open) addOpen(e, 1);
  return {
    counts: [...counts.values()].filter((e) => Object.values(e.counts).some((n) => n !== 0)),
    open: [...open.values()].filter((e) => e.open !== 0),
  };
}

export const isEmptyDelta = (d: Delta) => d.counts.length === 0 && d.open.length === 0;

/** A fraction 0–1 to four decimals, or null when there is nothing to divide by. */
export const rate = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);

/** A rate as the CSV shows it to Vietnamese readers: a percentage with one decimal and a decimal comma ("91,5"). */
export const percentVi = (r: number | null) => (r === null ? "" : (Math.round(r * 1000) / 10).toFixed(1).replace(".", ","));
