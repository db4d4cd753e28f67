/** A rating in the figures: counted once, when it is written, for the agency and department it was rated for. */
import { type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { dossiers, ratings } from "../db/schema";
import { contributionDelta, dossierContribution, ratingContribution } from "../domain/figures";
import type { Db } from "../env";
import { counterStatements } from "./figures-write";

/**
 * The counters of a new rating, guarded as its INSERT is: the dossier still as read (`still`, a condition on
 * `dossiers`) and no rating yet. To go before the INSERT in its batch.
 */
export function ratingCounters(
  db: Db,
  dossier: { code: string; provinceId: string; agencyId: string; departmentId: string | null; procedureCode: string },
  overall: string,
  createdAt: string,
  still: SQL | undefined,
): BatchItem<"sqlite">[] {
  const delta = contributionDelta(dossierContribution(null), ratingContribution({ ...dossier, overall, createdAt }));
  const guard = sql`EXISTS (SELECT 1 FROM ${dossiers} WHERE ${still}) AND NOT EXISTS (SELECT 1 FROM ${ratings} WHERE ${ratings.dossierCode} = ${dossier.code})`;
  return counterStatements(db, dossier.provinceId, delta, guard);
}
