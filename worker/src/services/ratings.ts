/**
 * The satisfaction survey after pickup and its figures. A dossier is rated once, at status 9 or 10, by whoever
 * proves ownership on the request: the slip token (the QR), a view token (the last-4 unlock) or following it.
 * The figures for the leaders' dashboard count ratings per agency, department, officer or month
 * (Asia/Ho_Chi_Minh), with the satisfaction rate provinces report: (very satisfied + satisfied) / answers.
 */
import { and, eq, getTableColumns, gte, inArray, lte, sql, type SQL } from "drizzle-orm";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { agencies, departments, dossiers, follows, officers, ratings } from "../db/schema";
import { citizenDossierCode } from "../domain/citizen-code";
import { answerLabel, ASKED_RATING_QUESTIONS, RATABLE_STATUSES, RATING_QUESTIONS, type RatingAnswers, timeVsLimit, vnMonth } from "../domain/voice";
import type { Db } from "../env";
import { ApiError } from "../errors";
import { checkOwnerToken, ownerTokenKind, ownerTokenRefused } from "../security/tokens";
import { ratingCounters } from "./figures-ratings";

export type RatingProof = "slip" | "view" | "follow";

/**
 * Whose rating it is: how ownership was proved on this request, and the signed-in citizen making it, if any (kept
 * only when their session is for the dossier's province).
 */
export type Rater = { proof: RatingProof; citizen: { citizenId: number; provinceId: string } | null };

/** The dossier to rate: by code once a token proved ownership, or among the dossiers a signed-in citizen follows. */
export type RatingTarget = { code: string; follower?: { citizenId: number; provinceId: string } };

export type AskedAnswers = Omit<RatingAnswers, "timeVsLimit">;

const ownerProofRequired = () =>
  new ApiError(
    403,
    "owner_proof_required",
    "Để đánh giá, vui lòng quét mã QR trên giấy hẹn hoặc nhập 4 số cuối CCCD/CMND của người nộp hồ sơ.",
    undefined,
    "a slip token or a view token (t) is required",
  );
const notFound = () =>
  new ApiError(404, "dossier_not_found", "Không tìm thấy hồ sơ với mã này. Vui lòng kiểm tra lại mã trên giấy hẹn.", undefined, "no dossier with this code");
const notFollowed = () => new ApiError(404, "not_followed", "Ông/bà chưa theo dõi hồ sơ này.", undefined, "this citizen does not follow that dossier");
const alreadyRated = () => new ApiError(409, "already_rated", "Hồ sơ này đã được đánh giá. Cảm ơn ông/bà!", undefined, "one rating per dossier");
const notFinished = (status: number) =>
  new ApiError(409, "dossier_not_finished", "Chỉ đánh giá được khi hồ sơ đã có kết quả.", undefined, `status is ${status}; 9 or 10 needed`);

/**
 * The proof a token gives, checked before anything is read: a code without a valid token learns nothing, not even
 * whether the dossier exists (the same 403 whatever the code, as the owner lookup answers).
 */
export async function proofFromToken(serverSecret: string, code: string, token: string | undefined, nowMs: number): Promise<"slip" | "view"> {
  if (!token) throw ownerProofRequired();
  const check = await checkOwnerToken(serverSecret, citizenDossierCode(code), token, nowMs);
  if (check !== "valid") throw ownerTokenRefused(check);
  return ownerTokenKind(token);
}

const ratable = {
  code: dossiers.code,
  provinceId: dossiers.provinceId,
  status: dossiers.status,
  dueAt: dossiers.dueAt,
  completedAt: dossiers.completedAt,
  timeline: dossiers.timeline,
  version: dossiers.version,
  agencyId: dossiers.agencyId,
  departmentId: dossiers.departmentId,
  procedureCode: dossiers.procedureCode,
};
type RatableDossier = {
  code: string;
  provinceId: string;
  status: number;
  dueAt: string;
  completedAt: string | null;
  timeline: { type: string }[];
  version: number;
  agencyId: string;
  departmentId: string | null;
  procedureCode: string;
};

/** The dossier and its rating, if any, in one round trip. */
async function loadTarget(db: Db, target: RatingTarget): Promise<{ dossier: RatableDossier; existing: typeof ratings.$inferSelect | null }> {
  const code = citizenDossierCode(target.code);
  const { follower } = target;
  const dossierQuery = follower
    ? db
        .select(ratable)
        .from(follows)
        .innerJoin(dossiers, eq(dossiers.code, follows.dossierCode))
        .where(and(eq(follows.citizenId, follower.citizenId), eq(follows.dossierCode, code), eq(dossiers.provinceId, follower.provinceId)))
        .limit(1)
    : db.select(ratable).from(dossiers).where(eq(dossiers.code, code)).limit(1);
  const [[dossier], [existing]] = await db.batch([dossierQuery, db.select().from(ratings).where(eq(ratings.dossierCode, code)).limit(1)]);
  if (!dossier) throw follower ? notFollowed() : notFound();
  return { dossier, existing: existing ?? null };
}

const isRatable = (status: number) => (RATABLE_STATUSES as readonly number[]).includes(status);

const askedQuestions = ASKED_RATING_QUESTIONS.map((q) => ({ id: q.id, label: q.label, options: q.options.map((o) => ({ value: o.value, label: o.label })) }));
const timeQuestion = RATING_QUESTIONS.find((q) => q.id === "timeVsLimit")!;

function computedTime(d: RatableDossier) {
  return d.completedAt ? timeVsLimit({ completedAt: d.completedAt, dueAt: d.dueAt, timeline: d.timeline }) : null;
}

export function ratingView(r: typeof ratings.$inferSelect) {
  const { timeVsLimit, extraVisits, agenciesCount, publiclyPosted, attitude, convenience, overall } = r;
  return {
    dossierCode: r.dossierCode,
    answers: { timeVsLimit, extraVisits, agenciesCount, publiclyPosted, attitude, convenience, overall } as RatingAnswers,
    comment: r.comment,
    createdAt: r.createdAt,
  };
}

/** The survey for one dossier: whether it can be rated, what is asked, what the system already knows, the rating. */
export async function ratingForm(db: Db, target: RatingTarget) {
  const { dossier, existing } = await loadTarget(db, target);
  const reason: "already_rated" | "not_finished" | null = existing ? "already_rated" : isRatable(dossier.status) ? null : "not_finished";
  const time = existing ? existing.timeVsLimit : computedTime(dossier);
  return {
    canRate: reason === null,
    reason,
    rating: existing ? ratingView(existing) : null,
    questions: askedQuestions,
    known: time ? [{ id: timeQuestion.id, label: timeQuestion.label, value: time, valueLabel: answerLabel("timeVsLimit", time) }] : [],
  };
}

/** A rating read then written under a dossier that keeps changing: give up after this many tries. */
const RATE_ATTEMPTS = 3;

/**
 * Rates a dossier once. The write is one conditional statement: it copies the dossier's agency, department and
 * officer as they are, only while the dossier is still at status 9 or 10 and unchanged since its dates were read
 * (its version), and only if no rating exists (the dossier code is the ratings' primary key). Of any number of
 * concurrent attempts, whatever their proofs, exactly one is written; the others are told it is already rated.
 */
export async function rateDossier(db: Db, target: RatingTarget, rater: Rater, input: { answers: AskedAnswers; comment?: string }, now: Date) {
  for (let attempt = 0; attempt < RATE_ATTEMPTS; attempt++) {
    const { dossier, existing } = await loadTarget(db, target);
    if (existing) throw alreadyRated();
    const time = computedTime(dossier);
    if (!isRatable(dossier.status) || !time) throw notFinished(dossier.status);

    const citizenId = rater.citizen && rater.citizen.provinceId === dossier.provinceId ? rater.citizen.citizenId : null;
    const at = now.toISOString();
    const value = (v: string | number | null) => sql`${v}`;
    const row: Record<keyof typeof ratings.$inferInsert, SQL | AnySQLiteColumn> = {
      dossierCode: dossiers.code,
      provinceId: dossiers.provinceId,
      citizenId: value(citizenId),
      proof: value(rater.proof),
      agencyId: dossiers.agencyId,
      departmentId: dossiers.departmentId,
      officerId: dossiers.officerId,
      month: value(vnMonth(now)),
      timeVsLimit: value(time),
      extraVisits: value(input.answers.extraVisits),
      agenciesCount: value(input.answers.agenciesCount),
      publiclyPosted: value(input.answers.publiclyPosted),
      attitude: value(input.answers.attitude),
      convenience: value(input.answers.convenience),
      overall: value(input.answers.overall),
      comment: value(input.comment || null),
      createdAt: value(at),
    };
    // INSERT … SELECT names every column in the table's order: select them in that order.
    const selection = Object.fromEntries(Object.keys(getTableColumns(ratings)).map((k) => [k, row[k as keyof typeof row]])) as typeof row;
    const still = and(eq(dossiers.code, dossier.code), eq(dossiers.version, dossier.version), inArray(dossiers.status, [...RATABLE_STATUSES]));
    // The figures count the rating in the same batch, under the insert's own condition (placed before it).
    const counters = ratingCounters(db, dossier, input.answers.overall, at, still);
    const insert = db.insert(ratings).select(db.select(selection).from(dossiers).where(still)).onConflictDoNothing().returning();
    const results = (await db.batch([...counters, insert] as unknown as [typeof insert, ...(typeof insert)[]])) as unknown[];
    const [created] = results.at(-1) as (typeof ratings.$inferSelect)[];
    if (created) return ratingView(created);
    // Nothing written: someone rated first, or the dossier changed since it was read. Reading again tells which.
  }
  throw new ApiError(409, "dossier_changed", "Hồ sơ vừa được cập nhật. Vui lòng thử lại.", undefined, "the dossier kept changing while it was being rated");
}

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
        ? sql<
            string | null
          >`(SELECT ${departments.name} FROM ${departments} WHERE ${departments.provinceId} = ${ratings.provinceId} AND ${departments.id} = ${ratings.departmentId})`
        : q.groupBy === "officer"
          ? sql<
              string | null
            >`(SELECT ${officers.displayName} FROM ${officers} WHERE ${officers.provinceId} = ${ratings.provinceId} AND ${officers.id} = ${ratings.officerId})`
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
