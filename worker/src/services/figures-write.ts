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

/** The four rows a count goes to: its day and its month, for its department and procedure and for its agency alone. */
const fourRows = (day: string, departmentId: string, procedureCode: string) =>
  sql`SELECT 'day' AS g, ${day} AS d, ${departmentId} AS dep, ${procedureCode} AS proc
      UNION ALL SELECT 'month', ${day.slice(0, 7)}, ${departmentId}, ${procedureCode}
      UNION ALL SELECT 'agency-day', ${day}, '', ''
      UNION ALL SELECT 'agency-month', ${day.slice(0, 7)}, '', ''`;

/**
 * The statements that apply `delta` to a province's counters when `guard` holds (an SQL condition; `sql\`1\`` for a
 * write that cannot lose). Each count goes to its four rows (fourRows) in one statement.
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
          SELECT ${provinceId}, rows.g, rows.d, ${e.agencyId}, rows.dep, rows.proc, ${counts}
          FROM (${fourRows(e.day, e.departmentId, e.procedureCode)}) AS rows
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
          SELECT ${provinceId}, rows.g, rows.d, ${e.agencyId}, rows.dep, rows.proc, ${e.open}
          FROM (${fourRows(e.dueDay, e.departmentId, e.procedureCode)}) AS rows
          WHERE ${guard}
          ON CONFLICT (province_id, grain, period, agency_id, department_id, procedure_code) DO UPDATE SET open = open + excluded.open`,
      ),
    );
  }
  return statements;
}
