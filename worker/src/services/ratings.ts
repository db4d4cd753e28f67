/**
 * Satisfaction figures for the leaders' dashboard: ratings counted per agency, department, officer or month
 * (Asia/Ho_Chi_Minh), with the satisfaction rate provinces report: (very satisfied + satisfied) / answers.
 */
import { and, eq, gte, lte, sql, type SQL } from "drizzle-orm";
import { agencies, departments, officers, ratings } from "../db/schema";
import type { Db } from "../env";

export type GroupBy = "agency" | "department" | "officer" | "month";
export type Restriction = { departmentId?: string; officerId?: string };

const tally = {
  total: sql<number>`count(*)`,
  verySatisfied: sql<number>`sum(${ratings.overall} = 'very_satisfied')`,
  satisfied: sql<number>`sum(${ratings.overall} = 'satisfied')`,
  dissatisfied: sql<number>`sum(${ratings.overall} = 'dissatisfied')`,
};

type Tally = { total: number; verySatisfied: number | null; satisfied: number | null; dissatisfied: number | null };

function bucket(t: Tally) {
  const verySatisfied = Number(t.verySatisfied ?? 0);
  const satisfied = Number(t.satisfied ?? 0);
  const total = Number(t.total);
  return {
    total,
    verySatisfied,
    satisfied,
    dissatisfied: Number(t.dissatisfied ?? 0),
    satisfactionRate: total > 0 ? Math.round(((verySatisfied + satisfied) / total) * 10_000) / 10_000 : null,
  };
}

export async function ratingSummary(db: Db, provinceId: string, q: { groupBy: GroupBy; from?: string; to?: string }, only: Restriction = {}) {
  const where: SQL[] = [eq(ratings.provinceId, provinceId)];
  if (q.from) where.push(gte(ratings.month, q.from));
  if (q.to) where.push(lte(ratings.month, q.to));
  if (only.departmentId) where.push(eq(ratings.departmentId, only.departmentId));
  if (only.officerId) where.push(eq(ratings.officerId, only.officerId));
  const filter = and(...where);
  const key = { agency: ratings.agencyId, department: ratings.departmentId, officer: ratings.officerId, month: ratings.month }[q.groupBy];
  const name =
    q.groupBy === "agency"
      ? sql<string | null>`(SELECT ${agencies.name} FROM ${agencies} WHERE ${agencies.id} = ${ratings.agencyId})`
      : q.groupBy === "department"
        ? sql<string | null>`(SELECT ${departments.name} FROM ${departments} WHERE ${departments.provinceId} = ${ratings.provinceId} AND ${departments.id} = ${ratings.departmentId})`
        : q.groupBy === "officer"
          ? sql<string | null>`(SELECT ${officers.displayName} FROM ${officers} WHERE ${officers.provinceId} = ${ratings.provinceId} AND ${officers.id} = ${ratings.officerId})`
          : sql<string | null>`NULL`;
  const [rows, totals] = await db.batch([
    db
      .select({ key: sql<string | null>`${key}`, name, ...tally })
      .from(ratings)
      .where(filter)
      .groupBy(key)
      .orderBy(sql`${key}`),
    db.select(tally).from(ratings).where(filter),
  ]);
  return {
    rows: rows.map((r) => ({ key: r.key, name: q.groupBy === "month" ? r.key : r.name, ...bucket(r) })),
    total: bucket(totals[0] ?? { total: 0, verySatisfied: 0, satisfied: 0, dissatisfied: 0 }),
  };
}
