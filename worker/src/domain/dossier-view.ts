import type { CollectionAccount, OpeningHours, TimelineEntry } from "../db/schema";
import type { OwnerDossier, PublicDossier } from "../schemas/dossier";
import type { AgencyPlace } from "../schemas/reference";
import { personalDataNotice } from "./lifecycle";
import { citizenMustAct, isClosedForDeadline, STATUS, statusView } from "./status";
import { vnDaysBetween } from "./time";
import { transferNote, vietQrPayload } from "./vietqr";

/** An agency's public facts as a lookup reads them: JSON columns still as text. */
export type AgencyPlaceRecord = {
  id: string;
  name: string | null;
  shortName: string | null;
  address: string | null;
  phone: string | null;
  openingHours: string | null;
  hoursNote: string | null;
  latitude: number | null;
  longitude: number | null;
};

/** What a lookup reads in its one query: the dossier row and the names and places it points at. */
export type DossierRecord = {
  code: string;
  provinceId: string;
  agencyId: string;
  agencyName: string | null;
  agencyShortName: string | null;
  agencyAddress: string | null;
  agencyPhone: string | null;
  agencyOpeningHours: string | null;
  agencyHoursNote: string | null;
  agencyLatitude: number | null;
  agencyLongitude: number | null;
  status: number;
  receivedAt: string;
  dueAt: string;
  completedAt: string | null;
  returnedAt: string | null;
  changedAt: string | null;
  personalDataRemovedAt: string | null;
  retentionMonths: number | null;
};

export type OwnerDossierRecord = DossierRecord & {
  procedureCode: string;
  procedureName: string | null;
  procedureShortName: string | null;
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
  feeDeadline: string | null;
  paymentUrl: string | null;
  /** The receiving agency's collection account, JSON as stored. */
  collectionAccount: string | null;
  competentAgencyId: string | null;
  competentAgency: AgencyPlaceRecord | null;
  timeline: TimelineEntry[];
};

/**
 * Overdue is computed, never stored: the due day (Asia/Ho_Chi_Minh) has passed and the dossier is still open. An
 * online registration not yet accepted (status 1) has no due date to be late against, and no result to be early.
 */
export function deadlineFacts(status: number, dueAt: string, completedAt: string | null, now: Date) {
  if (status === STATUS.REGISTERED) return { overdue: false, overdueDays: 0, earlyDays: null };
  const open = !isClosedForDeadline(status);
  const overdueDays = open ? Math.max(0, vnDaysBetween(dueAt, now)) : 0;
  const earlyDays = !open && completedAt ? vnDaysBetween(completedAt, dueAt) : null;
  return { overdue: overdueDays > 0, overdueDays, earlyDays };
}

function parseJson<T>(text: string | null): T | null {
  if (!text) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

/** Where a desk is and when it is open: public reference data, the same for everyone. */
export function agencyPlace(a: AgencyPlaceRecord): AgencyPlace {
  return {
    id: a.id,
    name: a.name ?? a.id,
    shortName: a.shortName,
    address: a.address,
    phone: a.phone,
    openingHours: parseJson<OpeningHours[]>(a.openingHours),
    hoursNote: a.hoursNote,
    latitude: a.latitude,
    longitude: a.longitude,
  };
}

/** Nothing here identifies the applicant or describes their affairs: safe for anyone who knows the code. */
export function publicDossierView(d: DossierRecord, now: Date): PublicDossier {
  return {
    view: "public",
    code: d.code,
    provinceId: d.provinceId,
    status: statusView(d.status),
    agency: agencyPlace({
      id: d.agencyId,
      name: d.agencyName,
      shortName: d.agencyShortName,
      address: d.agencyAddress,
      phone: d.agencyPhone,
      openingHours: d.agencyOpeningHours,
      hoursNote: d.agencyHoursNote,
      latitude: d.agencyLatitude,
      longitude: d.agencyLongitude,
    }),
    receivedAt: d.receivedAt,
    dueAt: d.dueAt,
    completedAt: d.completedAt,
    returnedAt: d.returnedAt,
    changedAt: d.changedAt ?? d.receivedAt,
    ...deadlineFacts(d.status, d.dueAt, d.completedAt, now),
    mustAct: citizenMustAct(d.status),
    personalDataRemovedAt: d.personalDataRemovedAt,
    personalDataNotice: d.personalDataRemovedAt ? personalDataNotice(d.status, d.retentionMonths) : null,
  };
}

/** The fee, with how to pay it: the one-stop system's payment page if any, and a bank transfer by VietQR. */
function feeView(d: OwnerDossierRecord): OwnerDossier["fee"] {
  if (d.feeVnd === null) return null;
  const due = d.status === STATUS.FEE_DUE;
  const account = due ? parseJson<CollectionAccount>(d.collectionAccount) : null;
  let transfer: NonNullable<OwnerDossier["fee"]>["transfer"] = null;
  if (account && d.feeVnd > 0) {
    const note = transferNote(d.code);
    try {
      const vietQr = vietQrPayload({ bankBin: account.bankBin, accountNumber: account.accountNumber, amountVnd: d.feeVnd, note });
      transfer = { ...account, amountVnd: d.feeVnd, transferNote: note, vietQr };
    } catch {
      // An account the reference data let through but a QR cannot carry: pay at the desk or by the payment page.
    }
  }
  return {
    amountVnd: d.feeVnd,
    note: d.feeNote,
    due,
    deadline: due ? d.feeDeadline : null,
    paymentUrl: due ? d.paymentUrl : null,
    transfer,
  };
}

export function ownerDossierView(d: OwnerDossierRecord, now: Date): OwnerDossier {
  return {
    ...publicDossierView(d, now),
    view: "owner",
    procedure: { code: d.procedureCode, name: d.procedureName, shortName: d.procedureShortName, legalDays: d.procedureLegalDays },
    applicant: { name: d.applicantName },
    statusNote: d.statusNote,
    department: d.departmentId ? { id: d.departmentId, name: d.departmentName } : null,
    officer: d.officerId ? { id: d.officerId, name: d.officerName, title: d.officerTitle } : null,
    missingDocuments: d.status === STATUS.SUPPLEMENT_REQUESTED && d.missingDocuments ? { documents: d.missingDocuments, deadline: d.supplementDeadline } : null,
    fee: feeView(d),
    competentAgency: d.status === STATUS.REFUSED && d.competentAgency ? agencyPlace(d.competentAgency) : null,
    timeline: d.timeline.map(({ status, departmentId: _d, officerId: _o, competentAgencyId: _c, paymentUrl: _p, ...rest }) => ({
      ...rest,
      ...(status !== undefined ? { status: statusView(status) } : {}),
    })),
  };
}
