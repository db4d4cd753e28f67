import type { TimelineEntry } from "../db/schema";
import type { OwnerDossier, PublicDossier } from "../schemas/dossier";
import { citizenMustAct, isClosedForDeadline, STATUS, statusView } from "./status";
import { vnDaysBetween } from "./time";

/** What a lookup reads in its one query: the dossier row and the names it points at. */
export type DossierRecord = {
  code: string;
  provinceId: string;
  agencyId: string;
  agencyName: string | null;
  status: number;
  receivedAt: string;
  dueAt: string;
  completedAt: string | null;
  returnedAt: string | null;
};

export type OwnerDossierRecord = DossierRecord & {
  procedureCode: string;
  procedureName: string | null;
  procedureLegalDays: number | null;
  applicantName: string;
  statusNote: string | null;
  departmentId: string | null;
  departmentName: string | null;
  officerId: string | null;
  officerName: string | null;
  officerTitle: string | null;
  missingDocuments: string[] | null;
  supplementDeadline: string | null;
  feeVnd: number | null;
  feeNote: string | null;
  timeline: TimelineEntry[];
};

/** Overdue is computed, never stored: the due day (Asia/Ho_Chi_Minh) has passed and the dossier is still open. */
export function deadlineFacts(status: number, dueAt: string, completedAt: string | null, now: Date) {
  const open = !isClosedForDeadline(status);
  const overdueDays = open ? Math.max(0, vnDaysBetween(dueAt, now)) : 0;
  const earlyDays = !open && completedAt ? vnDaysBetween(completedAt, dueAt) : null;
  return { overdue: overdueDays > 0, overdueDays, earlyDays };
}

/** Nothing here identifies the applicant or describes their affairs: safe for anyone who knows the code. */
export function publicDossierView(d: DossierRecord, now: Date): PublicDossier {
  return {
    view: "public",
    code: d.code,
    provinceId: d.provinceId,
    status: statusView(d.status),
    agency: { id: d.agencyId, name: d.agencyName ?? d.agencyId },
    receivedAt: d.receivedAt,
    dueAt: d.dueAt,
    completedAt: d.completedAt,
    returnedAt: d.returnedAt,
    ...deadlineFacts(d.status, d.dueAt, d.completedAt, now),
    mustAct: citizenMustAct(d.status),
  };
}

export function ownerDossierView(d: OwnerDossierRecord, now: Date): OwnerDossier {
  return {
    ...publicDossierView(d, now),
    view: "owner",
    procedure: { code: d.procedureCode, name: d.procedureName, legalDays: d.procedureLegalDays },
    applicant: { name: d.applicantName },
    statusNote: d.statusNote,
    department: d.departmentId ? { id: d.departmentId, name: d.departmentName } : null,
    officer: d.officerId ? { id: d.officerId, name: d.officerName, title: d.officerTitle } : null,
    missingDocuments:
      d.status === STATUS.SUPPLEMENT_REQUESTED && d.missingDocuments
        ? { documents: d.missingDocuments, deadline: d.supplementDeadline }
        : null,
    fee: d.feeVnd !== null ? { amountVnd: d.feeVnd, note: d.feeNote, due: d.status === STATUS.FEE_DUE } : null,
    timeline: d.timeline.map(({ status, departmentId: _d, officerId: _o, ...rest }) => ({
      ...rest,
      ...(status !== undefined ? { status: statusView(status) } : {}),
    })),
  };
}
