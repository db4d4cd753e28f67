import { and, type AnyColumn, eq, sql } from "drizzle-orm";
import type { Db } from "../env";
import { agencies, departments, dossiers, officers, procedures } from "./schema";

/**
 * D1 returns batch rows as objects keyed by column name, so two joined `name` columns would collide inside a
 * db.batch: joined columns are selected under their own aliases.
 */
function joined<T>(column: AnyColumn, alias: string) {
  return sql<T | null>`${column}`.as(alias);
}

/** The public lookup's one indexed select: the dossier by code and its agency's name. */
export function selectPublicDossier(db: Db, code: string) {
  return db
    .select({
      code: dossiers.code,
      provinceId: dossiers.provinceId,
      agencyId: dossiers.agencyId,
      agencyName: joined<string>(agencies.name, "agency_name"),
      status: dossiers.status,
      receivedAt: dossiers.receivedAt,
      dueAt: dossiers.dueAt,
      completedAt: dossiers.completedAt,
      returnedAt: dossiers.returnedAt,
    })
    .from(dossiers)
    .leftJoin(agencies, eq(agencies.id, dossiers.agencyId))
    .where(eq(dossiers.code, code))
    .limit(1);
}

/** The owner view's one select: the dossier and the names of what it points at. */
export function selectOwnerDossier(db: Db, code: string) {
  return db
    .select({
      code: dossiers.code,
      provinceId: dossiers.provinceId,
      agencyId: dossiers.agencyId,
      agencyName: joined<string>(agencies.name, "agency_name"),
      status: dossiers.status,
      receivedAt: dossiers.receivedAt,
      dueAt: dossiers.dueAt,
      completedAt: dossiers.completedAt,
      returnedAt: dossiers.returnedAt,
      procedureCode: dossiers.procedureCode,
      procedureName: joined<string>(procedures.name, "procedure_name"),
      procedureLegalDays: joined<number>(procedures.legalDays, "procedure_legal_days"),
      applicantName: dossiers.applicantName,
      applicantFactorHash: dossiers.applicantFactorHash,
      statusNote: dossiers.statusNote,
      departmentId: dossiers.departmentId,
      departmentName: joined<string>(departments.name, "department_name"),
      officerId: dossiers.officerId,
      officerName: joined<string>(officers.displayName, "officer_name"),
      officerTitle: joined<string>(officers.title, "officer_title"),
      missingDocuments: dossiers.missingDocuments,
      supplementDeadline: dossiers.supplementDeadline,
      feeVnd: dossiers.feeVnd,
      feeNote: dossiers.feeNote,
      timeline: dossiers.timeline,
    })
    .from(dossiers)
    .leftJoin(agencies, eq(agencies.id, dossiers.agencyId))
    .leftJoin(procedures, and(eq(procedures.provinceId, dossiers.provinceId), eq(procedures.code, dossiers.procedureCode)))
    .leftJoin(departments, and(eq(departments.provinceId, dossiers.provinceId), eq(departments.id, dossiers.departmentId)))
    .leftJoin(officers, and(eq(officers.provinceId, dossiers.provinceId), eq(officers.id, dossiers.officerId)))
    .where(eq(dossiers.code, code))
    .limit(1);
}
