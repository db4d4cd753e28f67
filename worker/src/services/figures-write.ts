/**
 * The counters' side of a write: a change's delta (domain/figures.ts) as upserts that go in the SAME db.batch as
 * the change, each guarded by the change's own condition (evaluated in the batch's transaction, before the change's
 * statement), so a write that loses its race changes no counter either.
 */
import { type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { batchSql } from "../db/batch-sql";
import { figureCounts, figureOpenDue } from "../db/schema";
import { COUNTER_FIELDS, type Delta } from "../domain/figures";
import type { Db } from "../env";

const counterNames = COUNTER_FIELDS.map((f) => figureCounts[f].name);
const insertColumns = sql.raw(["province_id", "grain", "period", "agency_id", "department_id", "procedure_code", ...counterNames].join(", "));
const addExcluded = sql.raw(counterNames.map((c) => `${c} = ${c} + excluded.${c}`).join(", "));

/**
 * The statements that apply `delta` to a province's counters when `guard` holds (an SQL condition; `sql\`1\`` for a
 * write that cannot lose). Each count goes to its day and its month in one statement.
 */
export function counterStatements(db: Db, provinceId: string, delta: Delta, guard: SQL): BatchItem<"sqlite">[] {
  const statements: BatchItem<"sqlite">[] = [];
  for (const e of delta.counts) {
    const counts = sql.join(
      COUNTER_FIELDS.map((f) => sql`${e.counts[f] ?? 0}`),
      sql`, `,
    );
    statements.push(
      batchSql(
        db,
        sql`INSERT INTO ${figureCounts} (${insertColumns})
          SELECT ${provinceId}, periods.g, periods.d, ${e.agencyId}, ${e.departmentId}, ${e.procedureCode}, ${counts}
          FROM (SELECT 'day' AS g, ${e.day} AS d UNION ALL SELECT 'month', ${e.day.slice(0, 7)}) AS periods
          WHERE ${guard}
          ON CONFLICT (province_id, grain, period, agency_id, department_id, procedure_code) DO UPDATE SET ${addExcluded}`,
      ),
    );
  }
  for (const e of delta.open) {
    statements.push(
      batchSql(
        db,
        sql`INSERT INTO ${figureOpenDue} (province_id, grain, period, agency_id, department_id, procedure_code, open)
          SELECT ${provinceId}, periods.g, periods.d, ${e.agencyId}, ${e.departmentId}, ${e.procedureCode}, ${e.open}
          FROM (SELECT 'day' AS g, ${e.dueDay} AS d UNION ALL SELECT 'month', ${e.dueDay.slice(0, 7)}) AS periods
          WHERE ${guard}
          ON CONFLICT (province_id, grain, period, agency_id, department_id, procedure_code) DO UPDATE SET open = open + excluded.open`,
      ),
    );
  }
  return statements;
}
