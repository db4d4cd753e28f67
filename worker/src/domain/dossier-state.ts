import type { TimelineEntry } from "../db/schema";
import { STATUS, type StatusCode } from "./status";

/**
 * A dossier event as stored: validated, times normalised to UTC ISO, the ID number already replaced by its
 * keyed hash. `payload` holds the type-specific fields.
 */
export type StoredEvent = {
  eventId: string;
  type: DossierEventType;
  occurredAt: string;
  payload: EventPayload;
};

export const DOSSIER_EVENT_TYPES = [
  "dossier.received",
  "dossier.assigned",
  "dossier.status_changed",
  "dossier.supplement_requested",
  "dossier.fee_requested",
  "dossier.due_changed",
  "dossier.result_ready",
  "dossier.returned",
  "dossier.refused",
  "dossier.withdrawn",
  "dossier.stopped",
] as const;
export type DossierEventType = (typeof DOSSIER_EVENT_TYPES)[number];

export type EventPayload = {
  agencyId?: string;
  procedureCode?: string;
  applicantName?: string;
  applicantFactorHash?: string;
  receivedAt?: string;
  dueAt?: string;
  departmentId?: string;
  officerId?: string;
  departmentName?: string;
  officerName?: string;
  status?: number;
  note?: string;
  documents?: string[];
  deadline?: string;
  amountVnd?: number;
  paymentUrl?: string;
  reason?: string;
  competentAgencyId?: string;
};

export type DossierState = {
  agencyId: string;
  procedureCode: string;
  applicantName: string;
  applicantFactorHash: string;
  status: StatusCode;
  statusNote: string | null;
  receivedAt: string;
  dueAt: string;
  completedAt: string | null;
  returnedAt: string | null;
  departmentId: string | null;
  officerId: string | null;
  missingDocuments: string[] | null;
  supplementDeadline: string | null;
  feeVnd: number | null;
  feeNote: string | null;
  feeDeadline: string | null;
  paymentUrl: string | null;
  competentAgencyId: string | null;
  /** The latest event's occurredAt: when the dossier last changed. */
  changedAt: string;
  timeline: TimelineEntry[];
};

const TERMINAL_STATUS_BY_TYPE: Partial<Record<DossierEventType, StatusCode>> = {
  "dossier.refused": STATUS.REFUSED,
  "dossier.withdrawn": STATUS.WITHDRAWN,
  "dossier.stopped": STATUS.STOPPED,
};

/**
 * The order in which events take effect: by occurredAt; at the same instant dossier.received first, then by
 * event id. Arrival order never matters, so a shuffled stream folds to the same state as an ordered one.
 */
export function compareEvents(a: StoredEvent, b: StoredEvent): number {
  if (a.occurredAt !== b.occurredAt) return a.occurredAt < b.occurredAt ? -1 : 1;
  const ra = a.type === "dossier.received" ? 0 : 1;
  const rb = b.type === "dossier.received" ? 0 : 1;
  if (ra !== rb) return ra - rb;
  return a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0;
}

/**
 * Folds a dossier's events into its current state. Returns null while no dossier.received is known: events may
 * arrive before the intake they follow, and the dossier appears once its intake does.
 */
export function foldDossierEvents(events: readonly StoredEvent[]): DossierState | null {
  const ordered = [...events].sort(compareEvents);
  const intake = ordered.find((e) => e.type === "dossier.received");
  if (!intake) return null;

  const p = intake.payload;
  const state: DossierState = {
    agencyId: p.agencyId!,
    procedureCode: p.procedureCode!,
    applicantName: p.applicantName!,
    applicantFactorHash: p.applicantFactorHash!,
    status: STATUS.RECEIVED,
    statusNote: null,
    receivedAt: p.receivedAt!,
    dueAt: p.dueAt!,
    completedAt: null,
    returnedAt: null,
    departmentId: null,
    officerId: null,
    missingDocuments: null,
    supplementDeadline: null,
    feeVnd: null,
    feeNote: null,
    feeDeadline: null,
    paymentUrl: null,
    competentAgencyId: null,
    changedAt: intake.occurredAt,
    timeline: [],
  };

  for (const event of ordered) applyEvent(state, event);
  state.changedAt = ordered.at(-1)!.occurredAt;
  return state;
}

function setStatus(state: DossierState, status: StatusCode, note: string | null, at: string) {
  state.status = status;
  state.statusNote = note;
  if (status !== STATUS.REFUSED) state.competentAgencyId = null;
  if (status !== STATUS.SUPPLEMENT_REQUESTED) {
    state.missingDocuments = null;
    state.supplementDeadline = null;
  }
  if ((status === STATUS.RESULT_READY || status === STATUS.RETURNED) && state.completedAt === null) {
    state.completedAt = at;
  }
  if (status === STATUS.RETURNED && state.returnedAt === null) state.returnedAt = at;
}

function applyEvent(state: DossierState, event: StoredEvent) {
  const p = event.payload;
  const at = event.occurredAt;
  const entry: TimelineEntry = { type: event.type, at };

  switch (event.type) {
    case "dossier.received": {
      // A later intake event (a correction) replaces the intake facts; the first one already seeded them.
      state.agencyId = p.agencyId!;
      state.procedureCode = p.procedureCode!;
      state.applicantName = p.applicantName!;
      state.applicantFactorHash = p.applicantFactorHash!;
      state.receivedAt = p.receivedAt!;
      state.dueAt = p.dueAt!;
      const status = p.status === STATUS.REGISTERED ? STATUS.REGISTERED : STATUS.RECEIVED;
      setStatus(state, status, p.note ?? null, at);
      entry.status = status;
      entry.dueAt = p.dueAt;
      if (p.note) entry.note = p.note;
      if (p.departmentId) assign(state, entry, p);
      break;
    }
    case "dossier.assigned":
      assign(state, entry, p);
      break;
    case "dossier.status_changed":
      setStatus(state, p.status as StatusCode, p.note ?? null, at);
      entry.status = p.status;
      if (p.note) entry.note = p.note;
      break;
    case "dossier.supplement_requested":
      setStatus(state, STATUS.SUPPLEMENT_REQUESTED, p.note ?? null, at);
      state.missingDocuments = p.documents ?? [];
      state.supplementDeadline = p.deadline ?? null;
      entry.status = STATUS.SUPPLEMENT_REQUESTED;
      entry.documents = p.documents;
      entry.deadline = p.deadline;
      if (p.note) entry.note = p.note;
      break;
    case "dossier.fee_requested":
      setStatus(state, STATUS.FEE_DUE, p.note ?? null, at);
      state.feeVnd = p.amountVnd ?? null;
      state.feeNote = p.note ?? null;
      state.feeDeadline = p.deadline ?? null;
      state.paymentUrl = p.paymentUrl ?? null;
      entry.status = STATUS.FEE_DUE;
      entry.amountVnd = p.amountVnd;
      if (p.deadline) entry.deadline = p.deadline;
      if (p.note) entry.note = p.note;
      break;
    case "dossier.due_changed":
      entry.previousDueAt = state.dueAt;
      entry.dueAt = p.dueAt;
      entry.note = p.reason;
      state.dueAt = p.dueAt!;
      break;
    case "dossier.result_ready":
      setStatus(state, STATUS.RESULT_READY, p.note ?? null, at);
      entry.status = STATUS.RESULT_READY;
      if (p.note) entry.note = p.note;
      break;
    case "dossier.returned":
      setStatus(state, STATUS.RETURNED, null, at);
      entry.status = STATUS.RETURNED;
      break;
    case "dossier.refused":
    case "dossier.withdrawn":
    case "dossier.stopped": {
      const status = TERMINAL_STATUS_BY_TYPE[event.type]!;
      setStatus(state, status, p.reason ?? null, at);
      if (p.competentAgencyId) state.competentAgencyId = p.competentAgencyId;
      entry.status = status;
      entry.note = p.reason;
      if (p.competentAgencyId) entry.competentAgencyId = p.competentAgencyId;
      break;
    }
  }
  state.timeline.push(entry);
}

function assign(state: DossierState, entry: TimelineEntry, p: EventPayload) {
  state.departmentId = p.departmentId ?? null;
  state.officerId = p.officerId ?? null;
  entry.departmentId = p.departmentId;
  if (p.departmentName) entry.departmentName = p.departmentName;
  if (p.officerId) entry.officerId = p.officerId;
  if (p.officerName) entry.officerName = p.officerName;
}
