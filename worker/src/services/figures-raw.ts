/**
 * The figures recomputed straight from the raw tables (dossiers, ratings, feedback and its answer ratings), in SQL
 * that restates the rules of domain/figures.ts independently of its functions: the reference the counters are
 * tested against, the baseline the bench compares them with, and what `npm run figures:rebuild` refills them from.
 */
import { type SQL, sql } from "drizzle-orm";
import { batchSql } from "../db/batch-sql";
import { provinces } from "../db/schema";
import { COUNTER_FIELDS, type Counts } from "../domain/figures";
import { previousDay, resolveRange } from "../domain/figures-range";
import { vnDate } from "../domain/time";
import { FEEDBACK_ANSWER_WORKING_DAYS } from "../domain/voice";
import type { Db, Env } from "../env";
import { eachShard, isHomeOf } from "../shards/each";
import type { Figures } from "../schemas/figures";
import { assemble, type FiguresRequest } from "./figures";

if (FEEDBACK_ANSWER_WORKING_DAYS % 5 !== 0) throw new Error("the SQL answer deadline assumes whole working weeks");
const WEEK_DAYS = (FEEDBACK_ANSWER_WORKING_DAYS / 5) * 7;

const vnDay = (column: string) => `date(${column}, '+7 hours')`;

/**
 * Every item's contribution as rows (agency, department, procedure, VN day, and the counter columns), one row per
 * completed dossier, rating, feedback received, first answer and answer rating.
 */
export function contributionRows(provinceId: string): SQL {
  const zero = (except: Partial<Record<(typeof COUNTER_FIELDS)[number], string>>) =>
    sql.raw(COUNTER_FIELDS.map((f) => `${except[f] ?? "0"} AS ${f}`).join(", "));
  const moved = "EXISTS (SELECT 1 FROM json_each(d.timeline) WHERE json_extract(json_each.value, '$.type') = 'dossier.due_changed')";
  const onTime = `(NOT ${moved} AND ${vnDay("d.completed_at")} <= ${vnDay("d.due_at")})`;
  const early = `(NOT ${moved} AND ${vnDay("d.completed_at")} < ${vnDay("d.due_at")})`;
  const firstAnswer =
    "(SELECT json_extract(h.value, '$.at') FROM json_each(f.history) AS h WHERE json_extract(h.value, '$.status') = 'answered' ORDER BY h.key LIMIT 1)";
  // The first answer's deadline: whole working weeks after receipt, the weekend days before the first working day
  // taken off when it was received on a Saturday (1) or a Sunday (2), at the same time of day (Vietnam keeps UTC+7).
  const answerDue = `strftime('%Y-%m-%dT%H:%M:%fZ', f.created_at, '+' || (${WEEK_DAYS} - CASE strftime('%w', f.created_at, '+7 hours') WHEN '6' THEN 1 WHEN '0' THEN 2 ELSE 0 END) || ' days')`;
  return sql`
    SELECT d.agency_id AS agency_id, coalesce(d.department_id, '') AS department_id, d.procedure_code AS procedure_code,
           ${sql.raw(vnDay("d.completed_at"))} AS day, ${zero({ completed: "1", completedOnTime: onTime, completedEarly: early })}
      FROM dossiers AS d WHERE d.province_id = ${provinceId} AND d.completed_at IS NOT NULL
    UNION ALL
    SELECT r.agency_id, coalesce(r.department_id, ''), d.procedure_code, ${sql.raw(vnDay("r.created_at"))},
           ${zero({ ratings: "1", satisfied: "(r.overall IN ('satisfied', 'very_satisfied'))" })}
      FROM ratings AS r JOIN dossiers AS d ON d.code = r.dossier_code WHERE r.province_id = ${provinceId}
    UNION ALL
    SELECT coalesce(f.agency_id, ''), '', '', ${sql.raw(vnDay("f.created_at"))}, ${zero({ feedbackReceived: "1" })}
      FROM feedback AS f WHERE f.province_id = ${provinceId}
    UNION ALL
    SELECT agency_id, '', '', date(first_at, '+7 hours'), ${zero({ feedbackAnswered: "1", feedbackAnsweredOnTime: "(first_at <= due_at)" })}
      FROM (SELECT coalesce(f.agency_id, '') AS agency_id, ${sql.raw(firstAnswer)} AS first_at, ${sql.raw(answerDue)} AS due_at
              FROM feedback AS f WHERE f.province_id = ${provinceId})
     WHERE first_at IS NOT NULL
    UNION ALL
    SELECT coalesce(f.agency_id, ''), '', '', ${sql.raw(vnDay("a.rated_at"))}, ${zero({ feedbackRated: "1", feedbackSatisfied: "a.satisfied" })}
      FROM feedback_answer_ratings AS a JOIN feedback AS f ON f.id = a.feedback_id WHERE a.province_id = ${provinceId}`;
}

/** Open dossiers (not completed, refused, withdrawn, stopped, nor waiting to be accepted) with their VN due day. */
export function openRows(provinceId: string): SQL {
  return sql`SELECT agency_id, coalesce(department_id, '') AS department_id, procedure_code, ${sql.raw(vnDay("due_at"))} AS due_day
    FROM dossiers WHERE province_id = ${provinceId} AND completed_at IS NULL AND status NOT IN (1, 3, 7, 8)`;
}

const sums = sql.raw(COUNTER_FIELDS.map((f) => `sum(${f}) AS ${f}`).join(", "));
const KEY = { agency: "agency_id", department: "department_id", procedure: "procedure_code" } as const;

function filtered(q: FiguresRequest): SQL {
  const parts: SQL[] = [sql`1`];
  if (q.agencyId !== undefined) parts.push(sql`agency_id = ${q.agencyId}`);
  if (q.departmentId !== undefined) parts.push(sql`department_id = ${q.departmentId}`);
  return sql.join(parts, sql` AND `);
}

/** The figures of a province computed from the raw tables: the same answer as `figures`, the slow way. */
export async function figuresFromRaw(db: Db, provinceId: string, q: FiguresRequest, now: Date): Promise<Figures & { rowsRead: number }> {
  const range = resolveRange(q, now);
  const yesterday = previousDay(vnDate(now));
  const lastOverdueDay = [yesterday, range.to].sort()[0]!;
  const key = sql.raw(q.groupBy === "month" ? "substr(day, 1, 7)" : KEY[q.groupBy]);
  const openKey = sql.raw(q.groupBy === "month" ? "substr(due_day, 1, 7)" : KEY[q.groupBy]);
  const names =
    q.groupBy === "agency"
      ? sql`SELECT id, name FROM agencies WHERE province_id = ${provinceId}`
      : q.groupBy === "department"
        ? sql`SELECT id, name FROM departments WHERE province_id = ${provinceId}`
        : q.groupBy === "procedure"
          ? sql`SELECT code AS id, coalesce(short_name, name) AS name FROM procedures WHERE province_id = ${provinceId}`
          : sql`SELECT NULL AS id, NULL AS name WHERE 0`;
  const statements = [
    sql`SELECT ${key} AS key, ${sums} FROM (${contributionRows(provinceId)}) WHERE day BETWEEN ${range.from} AND ${range.to} AND ${filtered(q)} GROUP BY 1`,
    sql`SELECT ${openKey} AS key, count(*) AS n FROM (${openRows(provinceId)}) WHERE due_day BETWEEN ${range.from} AND ${lastOverdueDay} AND ${filtered(q)} GROUP BY 1`,
    names,
  ].map((s) => batchSql(db, s));
  const results = (await db.batch(statements as [(typeof statements)[number], ...typeof statements])) as unknown as D1Result<Record<string, unknown>>[];
  const [counts, overdue, nameRows] = results;
  const rowsRead = results.reduce((n, r) => n + (r.meta?.rows_read ?? 0), 0);
  const nameMap = new Map((nameRows?.results ?? []).map((r) => [String(r.id), String(r.name)]));
  return {
    ...assemble(q, range, (counts?.results ?? []) as ({ key: string } & Counts)[], (overdue?.results ?? []) as { key: string; n: number }[], nameMap),
    rowsRead,
  };
}

/**
 * Recomputes a province's counters from the raw tables, in one db.batch (one transaction): the old counters go,
 * each grain of the counts and of the open dossiers by due day is refilled by one INSERT … SELECT.
 */
export async function rebuildFigures(db: Db, provinceId: string): Promise<void> {
  const rows = contributionRows(provinceId);
  const columns = sql.raw(COUNTER_FIELDS.map((f) => `sum(${f})`).join(", "));
  const counterColumns =
    "province_id, grain, period, agency_id, department_id, procedure_code, completed, completed_on_time, completed_early, ratings, satisfied, feedback_received, feedback_answered, feedback_answered_on_time, feedback_rated, feedback_satisfied";
  // Per day and month for each department and procedure, and the same per agency alone (the "agency-" grains).
  const grains = [
    { grain: "day", period: "day", dep: "department_id", proc: "procedure_code" },
    { grain: "month", period: "substr(day, 1, 7)", dep: "department_id", proc: "procedure_code" },
    { grain: "agency-day", period: "day", dep: "''", proc: "''" },
    { grain: "agency-month", period: "substr(day, 1, 7)", dep: "''", proc: "''" },
  ];
  const statements = [
    sql`DELETE FROM figure_counts WHERE province_id = ${provinceId}`,
    sql`DELETE FROM figure_open_due WHERE province_id = ${provinceId}`,
    ...grains.map(
      (g) => sql`INSERT INTO figure_counts (${sql.raw(counterColumns)})
        SELECT ${provinceId}, ${g.grain}, ${sql.raw(g.period)}, agency_id, ${sql.raw(g.dep)}, ${sql.raw(g.proc)}, ${columns} FROM (${rows})
        GROUP BY 3, 4, 5, 6`,
    ),
    ...grains.map(
      (g) => sql`INSERT INTO figure_open_due (province_id, grain, period, agency_id, department_id, procedure_code, open)
        SELECT ${provinceId}, ${g.grain}, ${sql.raw(g.period.replace("day", "due_day"))}, agency_id, ${sql.raw(g.dep)}, ${sql.raw(g.proc)}, count(*)
        FROM (${openRows(provinceId)}) GROUP BY 3, 4, 5, 6`,
    ),
  ].map((s) => batchSql(db, s));
  await db.batch(statements as [(typeof statements)[number], ...typeof statements]);
}

/** The rebuild of one province, or of every province, each in its own database. */
export async function rebuildEveryShard(env: Env, provinceId?: string): Promise<string[]> {
  const rebuilt: string[] = [];
  const failed = await eachShard(env, async ({ db, binding }) => {
    for (const { id } of await db.select({ id: provinces.id }).from(provinces)) {
      if ((provinceId !== undefined && id !== provinceId) || !(await isHomeOf(env, binding, id))) continue;
      await rebuildFigures(db, id);
      rebuilt.push(id);
    }
  });
  if (failed.length > 0) throw new Error(`figures rebuild failed in ${failed.join(", ")} (rebuilt: ${rebuilt.join(", ") || "none"})`);
  return rebuilt;
}
