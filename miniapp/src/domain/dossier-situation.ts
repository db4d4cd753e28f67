/**
 * The top of the dossier page: for every state a dossier can be in, the one thing that is true now, the one thing to
 * do, the date that matters, and where to go. A pure function of the view and the clock, so a copy kept offline is
 * re-read for today, and every state is tested without a browser.
 */
import { STATUS } from "../../../worker/src/domain/status";
import type { AgencyPlace, DossierView, OwnerDossier } from "../api/types";
import { messages } from "../messages";
import { daysBetween, formatDate } from "./dates";
import { describeStatus, type Tone } from "./dossier-wording";
import { formatVnd } from "./money";

export type KeyDate = {
  label: string;
  date: string;
  /** "còn 3 ngày", "hôm nay", "đã qua 6 ngày" */
  relative: string;
  tone: "late" | "due" | "ok";
};

/** Why the citizen is sent to a place: the heading over its card. */
export type PlaceRole = "pickup" | "supplement" | "pay" | "competent" | "ask";

export type Situation = {
  tone: Tone;
  /** What is true now: the page's first heading. */
  title: string;
  /** A sentence or two that explain it. */
  lines: string[];
  /** The one thing to do now. */
  todo: string;
  /** The date that matters now (a due date, a supplement deadline, a payment deadline), if any. */
  keyDate: KeyDate | null;
  /** Where to go for this step. */
  place: { role: PlaceRole; agency: AgencyPlace } | null;
  /** Someone to call about it when no place card (which has its own call button) is shown. */
  call: AgencyPlace | null;
  /** What to do is behind the owner's proof (the last 4 digits or the slip's QR). */
  needsOwner: boolean;
};

const s = () => messages.situation;

function relativeTo(date: string, now: Date): { relative: string; tone: KeyDate["tone"]; daysLeft: number } {
  const daysLeft = daysBetween(now, date);
  if (daysLeft > 0) return { relative: s().daysLeft(daysLeft), tone: "ok", daysLeft };
  if (daysLeft === 0) return { relative: s().today, tone: "due", daysLeft };
  return { relative: s().daysPast(-daysLeft), tone: "late", daysLeft };
}

function keyDate(label: string, date: string, now: Date): KeyDate {
  const { relative, tone } = relativeTo(date, now);
  return { label, date: formatDate(date), relative, tone };
}

/** The due date given at receipt, when the agency has since moved it (with its apology). */
export function movedFrom(owner: OwnerDossier | null): string | null {
  const first = owner?.timeline.find((t) => t.type === "dossier.due_changed" && t.previousDueAt);
  return first?.previousDueAt ?? null;
}

/** When the dossier last changed; copies saved before the API said so fall back to its last step. */
export function lastChanged(view: DossierView): string {
  if (view.changedAt) return view.changedAt;
  if (view.view === "owner" && view.timeline.length > 0) return view.timeline[view.timeline.length - 1]!.at;
  return view.receivedAt;
}

/** The agency's desk, with whatever an older saved copy lacks filled as unknown. */
function placeOf(agency: Partial<AgencyPlace> & { id: string; name: string }): AgencyPlace {
  return {
    shortName: null,
    address: null,
    phone: null,
    openingHours: null,
    hoursNote: null,
    latitude: null,
    longitude: null,
    ...agency,
  };
}

export function dossierSituation(view: DossierView, now: Date): Situation {
  const m = s();
  const owner = view.view === "owner" ? view : null;
  const code = view.status.code;
  const status = describeStatus(view.status);
  const agency = placeOf(view.agency);
  const base: Situation = {
    tone: status.tone,
    title: status.title,
    lines: [],
    todo: "",
    keyDate: null,
    place: null,
    call: null,
    needsOwner: false,
  };
  const reason = owner?.statusNote ? [m.reason(owner.statusNote)] : [];

  switch (code) {
    case STATUS.REGISTERED:
      return { ...base, title: m.registered.title, lines: [m.registered.line], todo: m.registered.todo };

    case STATUS.RECEIVED:
    case STATUS.PROCESSING: {
      if (view.overdue) {
        const who = owner?.officer?.name ? m.overdue.officer(owner.officer.name) : (owner?.department?.name ?? null);
        return {
          ...base,
          tone: "stopped",
          title: m.overdue.title(view.overdueDays),
          lines: [m.overdue.owed],
          todo: agency.phone ? m.overdue.call(who, agency.name) : m.overdue.callHotline,
          keyDate: keyDate(m.dueLabel, view.dueAt, now),
          call: agency.phone ? agency : null,
        };
      }
      const moved = movedFrom(owner);
      return {
        ...base,
        lines: moved ? [m.moved(formatDate(moved))] : [],
        todo: m.nothingYet,
        keyDate: keyDate(m.dueLabel, view.dueAt, now),
      };
    }

    case STATUS.SUPPLEMENT_REQUESTED: {
      const place = { role: "supplement" as const, agency };
      const missing = owner?.missingDocuments;
      if (!owner || !missing) return { ...base, lines: [status.meaning], todo: m.proveOwnership, place, needsOwner: !owner };
      if (!missing.deadline) return { ...base, todo: m.supplement.todo, place };
      const deadline = keyDate(m.supplement.deadlineLabel, missing.deadline, now);
      if (deadline.tone === "late") return { ...base, lines: [m.supplement.missed(deadline.date)], todo: m.supplement.callLate, keyDate: deadline, place };
      return { ...base, todo: m.supplement.todo, keyDate: deadline, place };
    }

    case STATUS.FEE_DUE: {
      const place = { role: "pay" as const, agency };
      const fee = owner?.fee;
      if (!owner) return { ...base, lines: [status.meaning], todo: m.proveOwnership, place, needsOwner: true };
      if (!fee) return { ...base, lines: [status.meaning], todo: m.fee.askAmount, place };
      const deadline = fee.deadline ? keyDate(m.fee.deadlineLabel, fee.deadline, now) : null;
      return {
        ...base,
        lines: [m.fee.amount(formatVnd(fee.amountVnd))],
        todo: deadline?.tone === "late" ? m.fee.late : fee.paymentUrl || fee.transfer ? m.fee.todoWays : m.fee.todoDesk,
        keyDate: deadline,
        place,
      };
    }

    case STATUS.RESULT_READY: {
      const early = view.earlyDays;
      const when = early === null ? [] : early > 0 ? [m.ready.early(early)] : early < 0 ? [m.ready.late(-early)] : [m.ready.onTime];
      return { ...base, lines: when, todo: m.ready.todo, place: { role: "pickup", agency } };
    }

    case STATUS.RETURNED:
      return {
        ...base,
        lines: view.returnedAt ? [m.returned.line(formatDate(view.returnedAt))] : [],
        // Past retention there is nothing left to rate with: the survey is no longer offered.
        todo: owner && !view.personalDataRemovedAt ? m.returned.rate : m.returned.done,
      };

    case STATUS.REFUSED: {
      const competent = owner?.competentAgency ?? null;
      if (competent) {
        return { ...base, lines: reason, todo: m.refused.goTo(competent.name), place: { role: "competent", agency: placeOf(competent) } };
      }
      return {
        ...base,
        lines: reason,
        todo: owner ? m.refused.ask : m.proveOwnership,
        place: { role: "ask", agency },
        needsOwner: !owner,
      };
    }

    case STATUS.WITHDRAWN:
      return { ...base, lines: reason, todo: m.withdrawn.todo };

    case STATUS.STOPPED:
      return {
        ...base,
        lines: reason,
        todo: m.stopped.todo,
        place: { role: "ask", agency },
      };

    default:
      return { ...base, lines: status.meaning ? [status.meaning] : [], todo: m.nothingYet };
  }
}

/** Whether the dates card shows the due date at all: never for a registration not yet accepted or a closed file. */
export function showsDueDate(code: number): boolean {
  return code !== STATUS.REGISTERED && code !== STATUS.REFUSED && code !== STATUS.WITHDRAWN && code !== STATUS.STOPPED;
}
