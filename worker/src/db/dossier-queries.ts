import { and, type AnyColumn, eq, type SQL, sql } from "drizzle-orm";
import { alias, QueryBuilder } from "drizzle-orm/sqlite-core";
import type { DossierRecord, OwnerDossierRecord } from "../domain/dossier-view";
import type { D1Reader } from "../env";
import { bind, compile } from "./compiled";
import type { TimelineEntry } from "./schema";
import { agencies, departments, dossiers, officers, procedures, provinces, throttles } from "./schema";

/**
 * The lookups are the hot path: their SQL is built by drizzle once per isolate, and each request only binds the
 * code and runs it (building a query costs more CPU than SQLite's indexed read of one row). Every column is
 * selected under its own alias, so rows arrive keyed by field name and two joined `name` columns cannot collide.
 */
const as = <T>(column: AnyColumn | SQL, alias: string) => sql<T>`${column}`.as(alias);

/** A refusal's competent agency: the agencies table joined a second time. */
const competent = alias(agencies, "competent");

/** The public view's columns, each under its own alias: also what "Hồ sơ của tôi" lists. */
export const publicFields = {
  code: as<string>(dossiers.code, "code"),
  provinceId: as<string>(dossiers.provinceId, "provinceId"),
  agencyId: as<string>(dossiers.agencyId, "agencyId"),
  agencyName: as<string | null>(agencies.name, "agencyName"),
  agencyShortName: as<string | null>(agencies.shortName, "agencyShortName"),
  agencyAddress: as<string | null>(agencies.address, "agencyAddress"),
  agencyPhone: as<string | null>(agencies.phone, "agencyPhone"),
  agencyOpeningHours: as<string | null>(agencies.openingHours, "agencyOpeningHours"),
  agencyHoursNote: as<string | null>(agencies.hoursNote, "agencyHoursNote"),
  agencyLatitude: as<number | null>(agencies.latitude, "agencyLatitude"),
  agencyLongitude: as<number | null>(agencies.longitude, "agencyLongitude"),
  status: as<number>(dossiers.status, "status"),
  receivedAt: as<string>(dossiers.receivedAt, "receivedAt"),
  dueAt: as<string>(dossiers.dueAt, "dueAt"),
  completedAt: as<string | null>(dossiers.completedAt, "completedAt"),
  returnedAt: as<string | null>(dossiers.returnedAt, "returnedAt"),
  changedAt: as<string | null>(dossiers.changedAt, "changedAt"),
  personalDataRemovedAt: as<string | null>(dossiers.personalDataRemovedAt, "personalDataRemovedAt"),
  /** The province's retention, read (by primary key) only for a dossier whose personal data is gone: its notice says it. */
  retentionMonths: as<number | null>(
    sql`CASE WHEN ${dossiers.personalDataRemovedAt} IS NULL THEN NULL ELSE (SELECT ${provinces.dataRetentionMonths} FROM ${provinces} WHERE ${provinces.id} = ${dossiers.provinceId}) END`,
    "retentionMonths",
  ),
};

const ownerFields = {
  ...publicFields,
  procedureCode: as<string>(dossiers.procedureCode, "procedureCode"),
  procedureName: as<string | null>(procedures.name, "procedureName"),
  procedureShortName: as<string | null>(procedures.shortName, "procedureShortName"),
  procedureLegalDays: as<number | null>(procedures.legalDays, "procedureLegalDays"),
  applicantName: as<string>(dossiers.applicantName, "applicantName"),
  applicantFactorHash: as<string>(dossiers.applicantFactorHash, "applicantFactorHash"),
  statusNote: as<string | null>(dossiers.statusNote, "statusNote"),
  departmentId: as<string | null>(dossiers.departmentId, "departmentId"),
  departmentName: as<string | null>(departments.name, "departmentName"),
  officerId: as<string | null>(dossiers.officerId, "officerId"),
  officerName: as<string | null>(officers.displayName, "officerName"),
  officerTitle: as<string | null>(officers.title, "officerTitle"),
  missingDocuments: as<string | null>(dossiers.missingDocuments, "missingDocuments"),
  supplementDeadline: as<string | null>(dossiers.supplementDeadline, "supplementDeadline"),
  feeVnd: as<number | null>(dossiers.feeVnd, "feeVnd"),
  feeNote: as<string | null>(dossiers.feeNote, "feeNote"),
  feeDeadline: as<string | null>(dossiers.feeDeadline, "feeDeadline"),
  paymentUrl: as<string | null>(dossiers.paymentUrl, "paymentUrl"),
  collectionAccount: as<string | null>(agencies.collectionAccount, "collectionAccount"),
  competentAgencyId: as<string | null>(dossiers.competentAgencyId, "competentAgencyId"),
  competentName: as<string | null>(competent.name, "competentName"),
  competentShortName: as<string | null>(competent.shortName, "competentShortName"),
  competentAddress: as<string | null>(competent.address, "competentAddress"),
  competentPhone: as<string | null>(competent.phone, "competentPhone"),
  competentOpeningHours: as<string | null>(competent.openingHours, "competentOpeningHours"),
  competentHoursNote: as<string | null>(competent.hoursNote, "competentHoursNote"),
  competentLatitude: as<number | null>(competent.latitude, "competentLatitude"),
  competentLongitude: as<number | null>(competent.longitude, "competentLongitude"),
  timeline: as<string>(dossiers.timeline, "timeline"),
};

/** The unknown-code counter of the caller, read in the same statement so a lookup stays one query. */
const throttleFields = {
  throttleCount: as<number | null>(
    sql`(SELECT ${throttles.count} FROM ${throttles} WHERE ${throttles.key} = ${sql.placeholder("throttleKey")} AND ${throttles.windowStart} > ${sql.placeholder("windowFloor")})`,
    "throttleCount",
  ),
};

const qb = new QueryBuilder();
const byCode = eq(dossiers.code, sql.placeholder("code"));

const publicQuery = (fields: typeof publicFields) =>
  qb.select(fields).from(dossiers).leftJoin(agencies, eq(agencies.id, dossiers.agencyId)).where(byCode).limit(1);

const ownerQuery = (fields: typeof ownerFields) =>
  qb
    .select(fields)
    .from(dossiers)
    .leftJoin(agencies, eq(agencies.id, dossiers.agencyId))
    .leftJoin(procedures, and(eq(procedures.provinceId, dossiers.provinceId), eq(procedures.code, dossiers.procedureCode)))
    .leftJoin(departments, and(eq(departments.provinceId, dossiers.provinceId), eq(departments.id, dossiers.departmentId)))
    .leftJoin(officers, and(eq(officers.provinceId, dossiers.provinceId), eq(officers.id, dossiers.officerId)))
    .leftJoin(competent, eq(competent.id, dossiers.competentAgencyId))
    .where(byCode)
    .limit(1);

/**
 * The public lookup with the caller's counter: always one row, from a one-row source, so the counter is read even
 * when no dossier has the code (then its columns are null). A client past the limit is refused on this one
 * statement alike for real and unknown codes.
 */
const publicThrottledQuery = () =>
  qb
    .select({ ...publicFields, ...throttleFields } as typeof publicFields)
    .from(sql`(SELECT 1) AS caller`)
    .leftJoin(dossiers, byCode)
    .leftJoin(agencies, eq(agencies.id, dossiers.agencyId))
    .limit(1);

export const LOOKUP_SQL = {
  public: compile(publicQuery(publicFields)),
  publicThrottled: compile(publicThrottledQuery()),
  owner: compile(ownerQuery(ownerFields)),
};

type PublicRow = DossierRecord & { throttleCount?: number | null };
type CompetentColumns = {
  competentName: string | null;
  competentShortName: string | null;
  competentAddress: string | null;
  competentPhone: string | null;
  competentOpeningHours: string | null;
  competentHoursNote: string | null;
  competentLatitude: number | null;
  competentLongitude: number | null;
};
type OwnerRow = Omit<OwnerDossierRecord, "missingDocuments" | "timeline" | "competentAgency"> &
  CompetentColumns & {
    applicantFactorHash: string;
    missingDocuments: string | null;
    timeline: string;
  };

/**
 * The public lookup's one statement: the caller's unknown-code counter, and the dossier with its agency when the
 * code exists (`dossier` undefined when it does not).
 */
export async function publicLookup(db: D1Reader, code: string, throttle: { key: string; windowFloor: number }) {
  const row = await bind(db, LOOKUP_SQL.publicThrottled, { code, throttleKey: throttle.key, windowFloor: throttle.windowFloor }).first<PublicRow>();
  const { throttleCount, ...dossier } = row ?? { throttleCount: null };
  return { throttleCount: throttleCount ?? 0, dossier: "code" in dossier && dossier.code ? (dossier as DossierRecord) : undefined };
}

/** The owner lookup's one statement: the dossier and the names of what it points at. */
export async function ownerLookup(db: D1Database, code: string) {
  const row = await ownerStatement(db, code).first<OwnerRow>();
  return row ? toOwnerRecord(row) : null;
}

export function ownerStatement(db: D1Database, code: string) {
  return bind(db, LOOKUP_SQL.owner, { code });
}

export function toOwnerRecord(row: OwnerRow): OwnerDossierRecord & { applicantFactorHash: string } {
  const {
    competentName,
    competentShortName,
    competentAddress,
    competentPhone,
    competentOpeningHours,
    competentHoursNote,
    competentLatitude,
    competentLongitude,
    ...rest
  } = row;
  return {
    ...rest,
    missingDocuments: row.missingDocuments ? (JSON.parse(row.missingDocuments) as string[]) : null,
    competentAgency: row.competentAgencyId
      ? {
          id: row.competentAgencyId,
          name: competentName,
          shortName: competentShortName,
          address: competentAddress,
          phone: competentPhone,
          openingHours: competentOpeningHours,
          hoursNote: competentHoursNote,
          latitude: competentLatitude,
          longitude: competentLongitude,
        }
      : null,
    timeline: JSON.parse(row.timeline) as TimelineEntry[],
  };
}

export type { OwnerRow };

/** The benchmark floor: the same indexed selects, run and returned as they are. */
export function floorLookup(db: D1Database, view: "public" | "owner", code: string) {
  return bind(db, view === "owner" ? LOOKUP_SQL.owner : LOOKUP_SQL.public, { code }).first();
}
