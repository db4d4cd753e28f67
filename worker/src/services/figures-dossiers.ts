/** A dossier's write in the figures: its contribution before (the row as read) and after (the state folded). */
import { and, eq, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { dossiers } from "../db/schema";
import { contributionDelta, type DossierFacts, dossierContribution } from "../domain/figures";
import type { Db } from "../env";
import { counterStatements } from "./figures-write";

/** The columns of a dossier row the figures read: select them with the version the write is guarded by. */
export const figureFacts = {
  agencyId: dossiers.agencyId,
  departmentId: dossiers.departmentId,
  procedureCode: dossiers.procedureCode,
  status: dossiers.status,
  dueAt: dossiers.dueAt,
  completedAt: dossiers.completedAt,
  timeline: dossiers.timeline,
};

/**
 * The counter statements of a dossier's rewrite from the row read at `version` (or none) to `after`, guarded as
 * the rewrite is: the row still at that version, or still absent for a new dossier. To go before the rewrite.
 */
export function dossierCounters(
  db: Db,
  provinceId: string,
  code: string,
  before: DossierFacts | null,
  after: DossierFacts,
  version: number | undefined,
): BatchItem<"sqlite">[] {
  const delta = contributionDelta(dossierContribution(version === undefined ? null : before), dossierContribution(after));
  const guard =
    version === undefined
      ? sql`NOT EXISTS (SELECT 1 FROM ${dossiers} WHERE ${dossiers.code} = ${code})`
      : sql`EXISTS (SELECT 1 FROM ${dossiers} WHERE ${and(eq(dossiers.code, code), eq(dossiers.version, version))})`;
  return counterStatements(db, provinceId, delta, guard);
}
