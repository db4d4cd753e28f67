/**
 * How a dossier's state reads to the citizen: the status in plain words with what it means for them, the
 * deadline ("overdue by 3 days", "ready 2 days early") and each step of the timeline.
 */
import { deadlineFacts } from "../../../worker/src/domain/dossier-view";
import { isClosedForDeadline, STATUS } from "../../../worker/src/domain/status";
import type { DossierView, TimelineEntry } from "../api/types";
import { messages } from "../messages";
import { daysBetween, formatDate } from "./dates";
import { formatVnd } from "./money";

/** Colour families, from "nothing to do" to "you must act" (see styles: .tone-*). */
export type Tone = "waiting" | "progress" | "action" | "ready" | "done" | "stopped";

const TONE_BY_STATUS: Record<number, Tone> = {
  [STATUS.REGISTERED]: "waiting",
  [STATUS.RECEIVED]: "progress",
  [STATUS.REFUSED]: "stopped",
  [STATUS.PROCESSING]: "progress",
  [STATUS.SUPPLEMENT_REQUESTED]: "action",
  [STATUS.FEE_DUE]: "action",
  [STATUS.WITHDRAWN]: "stopped",
  [STATUS.STOPPED]: "stopped",
  [STATUS.RESULT_READY]: "ready",
  [STATUS.RETURNED]: "done",
};

export type StatusWording = { title: string; meaning: string; tone: Tone };

/** The status as the citizen should read it; an unknown code falls back to the label the API sent. */
export function describeStatus(status: { code: number; label?: string }): StatusWording {
  const wording = messages.status[status.code];
  if (!wording) return { title: status.label ?? messages.status[STATUS.PROCESSING]!.title, meaning: "", tone: "progress" };
  return { ...wording, tone: TONE_BY_STATUS[status.code] ?? "progress" };
}

export type DeadlineWording = { text: string; tone: "late" | "due" | "ok" | "early"; meaning?: string };

type DeadlineInput = Pick<DossierView, "status" | "dueAt" | "completedAt">;

/**
 * Where the dossier stands against its due date, recomputed for `now` with the worker's own rule, so a copy kept
 * offline for days still says "overdue" once it is. Refused, withdrawn or stopped dossiers have no deadline.
 */
export function describeDeadline(dossier: DeadlineInput, now: Date): DeadlineWording | null {
  const code = dossier.status.code;
  // An online registration not yet accepted has no due date yet, whatever date the one-stop system filled in.
  if (code === STATUS.REGISTERED) return null;
  const facts = deadlineFacts(code, dossier.dueAt, dossier.completedAt, now);
  if (!isClosedForDeadline(code)) {
    if (facts.overdue) return { text: messages.deadline.overdue(facts.overdueDays), tone: "late", meaning: messages.deadline.overdueMeaning };
    const left = daysBetween(now, dossier.dueAt);
    return left <= 0 ? { text: messages.deadline.dueToday, tone: "due" } : { text: messages.deadline.dueIn(left), tone: "ok" };
  }
  if (facts.earlyDays === null) return null;
  if (facts.earlyDays > 0) return { text: messages.deadline.early(facts.earlyDays), tone: "early" };
  if (facts.earlyDays === 0) return { text: messages.deadline.onTime, tone: "ok" };
  return { text: messages.deadline.late(-facts.earlyDays), tone: "late" };
}

export type TimelineWording = {
  title: string;
  /** Plain lines under the title: dates, documents, amounts, who handles it. */
  lines: string[];
  /** The agency's apology when it moved the due date (phiếu xin lỗi). */
  apology?: string;
  /** An officer's note or a reason. */
  note?: string;
  tone: Tone;
};

/**
 * One step of the history. `dossierStatus` is where the dossier stands now: a dossier refused at intake was handed in
 * but never received, and no closed dossier (refused, withdrawn, stopped) shows a due date, even one from its past.
 */
export function describeTimelineEntry(entry: TimelineEntry, dossierStatus?: number): TimelineWording {
  const closed = dossierStatus === STATUS.REFUSED || dossierStatus === STATUS.WITHDRAWN || dossierStatus === STATUS.STOPPED;
  const t = messages.timeline;
  const lines: string[] = [];
  const tone = entry.status ? describeStatus(entry.status).tone : "progress";
  const who = [entry.officerName, entry.departmentName].filter(Boolean);

  switch (entry.type) {
    case "dossier.received":
      // Registered online, not yet accepted: no intake happened and no due date was given.
      if (entry.status?.code === STATUS.REGISTERED) return { title: t.registered, lines, note: entry.note, tone };
      if (entry.dueAt && !closed) lines.push(t.dueAt(formatDate(entry.dueAt)));
      if (entry.officerName) lines.push(t.handledBy(entry.officerName));
      if (entry.departmentName) lines.push(t.department(entry.departmentName));
      return { title: dossierStatus === STATUS.REFUSED ? t.handedIn : t.received, lines, note: entry.note, tone };
    case "dossier.assigned":
      if (entry.departmentName) lines.push(t.department(entry.departmentName));
      if (entry.officerName) lines.push(t.handledBy(entry.officerName));
      return { title: t.assigned, lines, tone: "progress" };
    case "dossier.status_changed":
      if (entry.status?.code === STATUS.RECEIVED) return { title: t.received, lines, note: entry.note, tone };
      return { title: t.statusChanged(entry.status ? describeStatus(entry.status).title : t.other), lines, note: entry.note, tone };
    case "dossier.supplement_requested":
      lines.push(...(entry.documents ?? []).map((d) => `• ${d}`));
      if (entry.deadline) lines.push(t.deadline(formatDate(entry.deadline)));
      return { title: t.supplementRequested, lines, note: entry.note, tone: "action" };
    case "dossier.fee_requested":
      if (entry.amountVnd !== undefined) lines.push(t.amount(formatVnd(entry.amountVnd)));
      return { title: t.feeRequested, lines, note: entry.note, tone: "action" };
    case "dossier.due_changed":
      if (closed) return { title: t.dueChanged, lines, apology: entry.note, tone: "action" };
      if (entry.previousDueAt && entry.dueAt) lines.push(t.dueMoved(formatDate(entry.previousDueAt), formatDate(entry.dueAt)));
      else if (entry.dueAt) lines.push(t.dueAt(formatDate(entry.dueAt)));
      return { title: t.dueChanged, lines, apology: entry.note, tone: "action" };
    case "dossier.result_ready":
      return { title: t.resultReady, lines, note: entry.note, tone: "ready" };
    case "dossier.returned":
      return { title: t.returned, lines, tone: "done" };
    case "dossier.refused":
      return { title: t.refused, lines, note: entry.note, tone: "stopped" };
    case "dossier.withdrawn":
      return { title: t.withdrawn, lines, note: entry.note, tone: "stopped" };
    case "dossier.stopped":
      return { title: t.stopped, lines, note: entry.note, tone: "stopped" };
    default:
      if (who.length > 0) lines.push(t.handledBy(who.join(", ")));
      return { title: entry.status ? describeStatus(entry.status).title : t.other, lines, note: entry.note, tone };
  }
}
