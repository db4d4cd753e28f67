/**
 * A follower's questions on a dossier: the thread every follower sees, and asking one (the question and the
 * message to whoever handles it in one db.batch; it escalates after QUESTION_ANSWER_WORKING_DAYS). Only a citizen
 * who follows the dossier in their own province gets past "not followed", whatever the code.
 */
import { and, asc, count, eq, getTableColumns, type SQL, sql } from "drizzle-orm";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { dossiers, follows, officers, questions } from "../db/schema";
import { citizenDossierCode } from "../domain/citizen-code";
import { MAX_OPEN_QUESTIONS } from "../domain/limits";
import { addWorkingDays, QUESTION_ANSWER_WORKING_DAYS } from "../domain/voice";
import type { Db } from "../env";
import { ApiError } from "../errors";
import { messageQuestionHandlers } from "./direct-messages";

type Follower = { citizenId: number; provinceId: string };

/** The dossier, if this citizen follows it (in their own province). */
async function followedDossier(db: Db, { citizenId, provinceId }: Follower, rawCode: string) {
  const code = citizenDossierCode(rawCode);
  const [row] = await db
    .select({
      code: dossiers.code,
      provinceId: dossiers.provinceId,
      status: dossiers.status,
      agencyId: dossiers.agencyId,
      departmentId: dossiers.departmentId,
      officerId: dossiers.officerId,
    })
    .from(follows)
    .innerJoin(dossiers, eq(dossiers.code, follows.dossierCode))
    .where(and(eq(follows.citizenId, citizenId), eq(follows.dossierCode, code), eq(dossiers.provinceId, provinceId)))
    .limit(1);
  if (!row) throw new ApiError(404, "not_followed", "Ông/bà chưa theo dõi hồ sơ này.", undefined, "this citizen does not follow that dossier");
  return row;
}

function questionsSelect(db: Db) {
  return db
    .select({ q: questions, officerName: officers.displayName, officerTitle: officers.title })
    .from(questions)
    .leftJoin(officers, and(eq(officers.provinceId, questions.provinceId), eq(officers.id, questions.answeredBy)));
}

function questionView(row: Awaited<ReturnType<ReturnType<typeof questionsSelect>["all"]>>[number], citizenId: number) {
  const q = row.q;
  return {
    id: q.id,
    text: q.text,
    askedAt: q.createdAt,
    mine: q.citizenId === citizenId,
    status: q.status,
    answer: q.answer && q.answeredAt ? { text: q.answer, at: q.answeredAt, officerName: row.officerName, officerTitle: row.officerTitle } : null,
  };
}

/** The dossier's questions and answers, oldest first. */
export async function dossierQuestions(db: Db, follower: Follower, code: string) {
  const dossier = await followedDossier(db, follower, code);
  const rows = await questionsSelect(db).where(eq(questions.dossierCode, dossier.code)).orderBy(asc(questions.id)).limit(200);
  return rows.map((r) => questionView(r, follower.citizenId));
}

export async function askQuestion(db: Db, follower: Follower, code: string, text: string, now: Date) {
  const dossier = await followedDossier(db, follower, code);
  const { citizenId } = follower;
  const at = now.toISOString();
  const v = (value: string | number | null) => sql`${value}`;
  const values: Record<keyof typeof questions.$inferInsert, SQL | AnySQLiteColumn> = {
    id: sql`NULL`,
    provinceId: dossiers.provinceId,
    dossierCode: dossiers.code,
    citizenId: v(citizenId),
    text: v(text),
    officerId: v(dossier.officerId),
    departmentId: v(dossier.departmentId),
    status: v("open"),
    escalateAt: v(addWorkingDays(now, QUESTION_ANSWER_WORKING_DAYS)),
    escalatedAt: sql`NULL`,
    answer: sql`NULL`,
    answeredAt: sql`NULL`,
    answeredBy: sql`NULL`,
    createdAt: v(at),
    updatedAt: v(at),
  };
  // INSERT … SELECT names every column in the table's order. The cap on open questions is the insert's own
  // condition, so questions sent at once cannot all see room for themselves.
  const selection = Object.fromEntries(Object.keys(getTableColumns(questions)).map((k) => [k, values[k as keyof typeof values]])) as typeof values;
  const open = db
    .select({ n: count() })
    .from(questions)
    .where(and(eq(questions.dossierCode, dossier.code), eq(questions.citizenId, citizenId), eq(questions.status, "open")));
  // The new question's id inside the batch (last_insert_rowid() would move as the message rows go in).
  const newId = sql`(SELECT max(${questions.id}) FROM ${questions} WHERE ${questions.citizenId} = ${citizenId} AND ${questions.createdAt} = ${at})`;
  const [inserted, messages] = await db.batch([
    db
      .insert(questions)
      .select(
        db
          .select(selection)
          .from(dossiers)
          .where(and(eq(dossiers.code, dossier.code), sql`(${open}) < ${MAX_OPEN_QUESTIONS}`)),
      )
      .returning({ id: questions.id }),
    // Staff without a linked Zalo account see it in the staff area only.
    messageQuestionHandlers(
      db,
      {
        dedupeKey: sql`'staff_question:' || ${newId}`,
        provinceId: dossier.provinceId,
        dossierCode: dossier.code,
        text,
        officerId: dossier.officerId,
        departmentId: dossier.departmentId,
        createdAt: at,
      },
      sql`${newId} IS NOT NULL`,
    ),
  ]);
  if (!inserted[0]) {
    throw new ApiError(
      429,
      "too_many_open_questions",
      `Ông/bà đang có ${MAX_OPEN_QUESTIONS} câu hỏi chưa được trả lời về hồ sơ này. Vui lòng chờ cán bộ trả lời.`,
    );
  }
  const [row] = await questionsSelect(db).where(eq(questions.id, inserted[0]!.id)).limit(1);
  return { question: questionView(row!, citizenId), outboxIds: messages.map((m) => m.id) };
}
