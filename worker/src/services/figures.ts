/**
 * The figures read from the counters (db/figures-schema.ts): a range split into whole months and edge days
 * (domain/figures-range.ts), each read by one index range, summed per group in SQL; overdue now from the open
 * dossiers by due day; names from the province's reference data. One db.batch, one round trip.
 */
import { type SQL, sql } from "drizzle-orm";
import { batchSql } from "../db/batch-sql";
import { agencies, departments, figureCounts, figureOpenDue, procedures } from "../db/schema";
import { COUNTER_FIELDS, type Counts, rate } from "../domain/figures";
import { type DayRange, previousDay, rangeSegments, resolveRange } from "../domain/figures-range";
import { vnDate } from "../domain/time";
import type { Db } from "../env";
import { ApiError } from "../errors";
import type { FigureGroup, FigureGrouping, Figures } from "../schemas/figures";

export type FiguresFilter = { agencyId?: string; departmentId?: string };
export type FiguresRequest = { groupBy: FigureGrouping; from?: string; to?: string } & FiguresFilter;

/** Feedback belongs to an agency, not a department or procedure: those views (and a department's) leave it out. */
export const withoutFeedback = (q: { groupBy: FigureGrouping; departmentId?: string }) =>
  q.groupBy === "department" || q.groupBy === "procedure" || q.departmentId !== undefined;

const FEEDBACK_FIELDS = new Set<string>(["feedbackReceived", "feedbackAnswered", "feedbackAnsweredOnTime", "feedbackRated", "feedbackSatisfied"]);

export const zeroCounts = (): Counts => Object.fromEntries(COUNTER_FIELDS.map((f) => [f, 0])) as Counts;

/** A group as the contract shapes it, from its counts and overdue now. */
export function toGroup(key: string, name: string, c: Counts, overdueNow: number): FigureGroup {
  return {
    key,
    name,
    completed: c.completed,
    completedOnTime: c.completedOnTime,
    completedEarly: c.completedEarly,
    completedLate: c.completed - c.completedOnTime,
    onTimeRate: rate(c.completedOnTime, c.completed),
    overdueNow,
    ratings: c.ratings,
    satisfied: c.satisfied,
    satisfactionRate: rate(c.satisfied, c.ratings),
    feedbackReceived: c.feedbackReceived,
    feedbackAnswered: c.feedbackAnswered,
    feedbackAnsweredOnTime: c.feedbackAnsweredOnTime,
    feedbackRated: c.feedbackRated,
    feedbackSatisfied: c.feedbackSatisfied,
    feedbackSatisfactionRate: rate(c.feedbackSatisfied, c.feedbackRated),
  };
}

const NO_NAME: Record<Exclude<FigureGrouping, "month">, string> = {
  agency: "Chưa chuyển đến cơ quan",
  department: "Chưa phân công phòng ban",
  procedure: "Không theo thủ tục",
};

/** The names of the groups' keys: the province's agencies, departments or procedures; a month is its own name. */
function namesQuery(provinceId: string, groupBy: FigureGrouping): SQL | null {
  if (groupBy === "agency") return sql`SELECT ${agencies.id} AS id, ${agencies.name} AS name FROM ${agencies} WHERE ${agencies.provinceId} = ${provinceId}`;
  if (groupBy === "department")
    return sql`SELECT ${departments.id} AS id, ${departments.name} AS name FROM ${departments} WHERE ${departments.provinceId} = ${provinceId}`;
  if (groupBy === "procedure")
    return sql`SELECT ${procedures.code} AS id, coalesce(${procedures.shortName}, ${procedures.name}) AS name FROM ${procedures} WHERE ${procedures.provinceId} = ${provinceId}`;
  return null;
}

/** Groups shaped and ordered: months in order, the others by name; the total is the sum of the groups. */
export function assemble(
  q: FiguresRequest,
  range: DayRange,
  rows: ({ key: string } & Counts)[],
  overdue: { key: string; n: number }[],
  names: Map<string, string>,
): Figures {
  const noFeedback = withoutFeedback(q);
  const byKey = new Map<string, Counts>();
  for (const row of rows) {
    const c = byKey.get(row.key) ?? zeroCounts();
    for (const f of COUNTER_FIELDS) if (!(noFeedback && FEEDBACK_FIELDS.has(f))) c[f] += Number(row[f] ?? 0);
    byKey.set(row.key, c);
  }
  const overdueByKey = new Map<string, number>();
  for (const o of overdue) overdueByKey.set(o.key, (overdueByKey.get(o.key) ?? 0) + Number(o.n));
  for (const key of overdueByKey.keys()) if (!byKey.has(key)) byKey.set(key, zeroCounts());
  const total = zeroCounts();
  let totalOverdue = 0;
  const groups: FigureGroup[] = [];
  for (const [key, c] of byKey) {
    const overdueNow = overdueByKey.get(key) ?? 0;
    if (COUNTER_FIELDS.every((f) => c[f] === 0) && overdueNow === 0) continue;
    for (const f of COUNTER_FIELDS) total[f] += c[f];
    totalOverdue += overdueNow;
    const name = q.groupBy === "month" ? key : (names.get(key) ?? (key === "" ? NO_NAME[q.groupBy] : key));
    groups.push(toGroup(key, name, c, overdueNow));
  }
  groups.sort((a, b) => (q.groupBy === "month" ? (a.key < b.key ? -1 : 1) : a.name.localeCompare(b.name, "vi") || (a.key < b.key ? -1 : 1)));
  return { from: range.from, to: range.to, groupBy: q.groupBy, groups, total: toGroup("total", "Tổng cộng", total, totalOverdue) };
}

const counterColumns = sql.raw(COUNTER_FIELDS.map((f) => `sum(${figureCounts[f].name}) AS ${f}`).join(", "));

function filters(provinceId: string, q: FiguresFilter, table: typeof figureCounts | typeof figureOpenDue): SQL {
  const parts = [sql`${table.provinceId} = ${provinceId}`];
  if (q.agencyId !== undefined) parts.push(sql`${table.agencyId} = ${q.agencyId}`);
  if (q.departmentId !== undefined) parts.push(sql`${table.departmentId} = ${q.departmentId}`);
  return sql.join(parts, sql` AND `);
}

/**
 * Rows of a counters table for a range: whole months and edge days, one index range each, with the group's key
 * (for months, a day's key is its month).
 */
function rangeRows(table: typeof figureCounts | typeof figureOpenDue, columns: SQL, provinceId: string, q: FiguresRequest, range: DayRange): SQL {
  const segments = rangeSegments(range);
  const where = filters(provinceId, q, table);
  const key = (grain: "day" | "month") =>
    q.groupBy === "month"
      ? grain === "month"
        ? sql`${table.period}`
        : sql`substr(${table.period}, 1, 7)`
      : sql`${{ agency: table.agencyId, department: table.departmentId, procedure: table.procedureCode }[q.groupBy]}`;
  const parts: SQL[] = [];
  if (segments.months) {
    parts.push(
      sql`SELECT ${key("month")} AS k, ${columns} FROM ${table} WHERE ${where} AND ${table.grain} = 'month' AND ${table.period} BETWEEN ${segments.months.from} AND ${segments.months.to}`,
    );
  }
  for (const days of segments.days) {
    parts.push(
      sql`SELECT ${key("day")} AS k, ${columns} FROM ${table} WHERE ${where} AND ${table.grain} = 'day' AND ${table.period} BETWEEN ${days.from} AND ${days.to}`,
    );
  }
  // An empty range still needs a SELECT of the right shape.
  if (parts.length === 0) parts.push(sql`SELECT NULL AS k, ${columns} FROM ${table} WHERE 0`);
  return sql.join(parts, sql` UNION ALL `);
}

/** The statements of one figures view: counts per group, overdue per group, names. */
export function figuresStatements(db: Db, provinceId: string, q: FiguresRequest, range: DayRange, today: string) {
  const columns = sql.raw(COUNTER_FIELDS.map((f) => figureCounts[f].name).join(", "));
  const counts = sql`SELECT k AS key, ${counterColumns} FROM (${rangeRows(figureCounts, columns, provinceId, q, range)}) GROUP BY k`;
  // Overdue now: open and due on a day of the range before today.
  const yesterday = previousDay(today);
  const due = { from: range.from, to: yesterday < range.to ? yesterday : range.to };
  const overdue = sql`SELECT k AS key, sum(open) AS n FROM (${rangeRows(figureOpenDue, sql.raw("open"), provinceId, q, due)}) GROUP BY k`;
  const names = namesQuery(provinceId, q.groupBy);
  return [counts, overdue, ...(names ? [names] : [])].map((s) => batchSql(db, s));
}

/** The figures of a province for a range and grouping, from the counters. */
export async function figures(db: Db, provinceId: string, q: FiguresRequest, now: Date): Promise<Figures & { rowsRead: number }> {
  const range = resolveRange(q, now);
  const today = vnDate(now);
  if (range.from > range.to) {
    throw new ApiError(
      400,
      "invalid_request",
      "from phải không sau to (hôm nay, khi không ghi to).",
      "from",
      "from must not be after to (today when to is not given)",
    );
  }
  const statements = figuresStatements(db, provinceId, q, range, today);
  const results = (await db.batch(statements as [(typeof statements)[number], ...typeof statements])) as unknown as D1Result<Record<string, unknown>>[];
  const [counts, overdue, names] = results;
  const nameMap = new Map((names?.results ?? []).map((r) => [String(r.id), String(r.name)]));
  const rowsRead = results.reduce((n, r) => n + (r.meta?.rows_read ?? 0), 0);
  return {
    ...assemble(q, range, (counts?.results ?? []) as ({ key: string } & Counts)[], (overdue?.results ?? []) as { key: string; n: number }[], nameMap),
    rowsRead,
  };
}
