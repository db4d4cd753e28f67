import { toUtcIso } from "../domain/time";
import type { EventPayload, StoredEvent } from "../domain/dossier-state";
import type { DossierEvent } from "../schemas/events";
import { applicantFactorHash } from "../security/tokens";

/**
 * The event as we keep it: UTC times, the ID number replaced by its keyed hash. Names of the department and officer
 * are added when the event is accepted (`withNames`): they are what the reference data said then, not the event.
 */
export async function toStored(event: DossierEvent, code: string, serverSecret: string): Promise<StoredEvent> {
  const payload: EventPayload = {};
  const assignTo = (departmentId?: string, officerId?: string) => {
    if (departmentId) payload.departmentId = departmentId;
    if (officerId) payload.officerId = officerId;
  };
  switch (event.type) {
    case "dossier.received":
      payload.agencyId = event.agencyId;
      payload.procedureCode = event.procedureCode;
      payload.applicantName = event.applicant.name;
      payload.applicantFactorHash = await applicantFactorHash(serverSecret, code, event.applicant.idNumber.slice(-4));
      payload.receivedAt = toUtcIso(event.receivedAt);
      payload.dueAt = toUtcIso(event.dueAt);
      if (event.status) payload.status = event.status;
      if (event.note) payload.note = event.note;
      assignTo(event.departmentId, event.officerId);
      break;
    case "dossier.assigned":
      assignTo(event.departmentId, event.officerId);
      break;
    case "dossier.status_changed":
      payload.status = event.status;
      if (event.note) payload.note = event.note;
      break;
    case "dossier.supplement_requested":
      payload.documents = event.documents;
      payload.deadline = toUtcIso(event.deadline);
      if (event.note) payload.note = event.note;
      break;
    case "dossier.fee_requested":
      payload.amountVnd = event.amountVnd;
      if (event.note) payload.note = event.note;
      if (event.deadline) payload.deadline = toUtcIso(event.deadline);
      if (event.paymentUrl) payload.paymentUrl = event.paymentUrl;
      break;
    case "dossier.due_changed":
      payload.dueAt = toUtcIso(event.dueAt);
      payload.reason = event.reason;
      break;
    case "dossier.result_ready":
      if (event.note) payload.note = event.note;
      break;
    case "dossier.returned":
      break;
    case "dossier.refused":
      payload.reason = event.reason;
      if (event.competentAgencyId) payload.competentAgencyId = event.competentAgencyId;
      break;
    case "dossier.withdrawn":
    case "dossier.stopped":
      payload.reason = event.reason;
      break;
  }
  return { eventId: event.id, type: event.type, occurredAt: toUtcIso(event.occurredAt), payload };
}

/** The stored event with the names its department and officer have now, for the history. */
export function withNames(stored: StoredEvent, departmentName: Map<string, string>, officerName: Map<string, string>): StoredEvent {
  const payload = { ...stored.payload };
  const department = payload.departmentId ? departmentName.get(payload.departmentId) : undefined;
  const officer = payload.officerId ? officerName.get(payload.officerId) : undefined;
  if (department) payload.departmentName = department;
  if (officer) payload.officerName = officer;
  return { ...stored, payload };
}

/**
 * What an event says, in one canonical string: the same event re-sent (a retry) gives the same string, whatever
 * the order of its fields or the offset its times were written with; an id re-used for different content does not.
 * The names added from reference data are left out: they are ours, not the sender's.
 */
export function eventFingerprint(code: string, stored: StoredEvent): string {
  const { departmentName: _department, officerName: _officer, ...payload } = stored.payload;
  const fields = Object.keys(payload)
    .sort()
    .map((key) => [key, payload[key as keyof typeof payload]]);
  return JSON.stringify([code, stored.type, stored.occurredAt, fields]);
}
