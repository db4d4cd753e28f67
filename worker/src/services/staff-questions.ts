/**
 * The staff side of citizens' questions: which an officer sees, answering one (the answer and the citizen's
 * message in one db.batch, only if it was still open), passing one to another officer or department of the
 * province. Everything is scoped to the officer's province: a question elsewhere is "not found".
 */
import { and, asc, eq, isNull, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { agencies, departments, dossiers, officers, procedures, questions } from "../db/schema";
import type { Db } from "../env";
import { ApiError } from "../errors";
import { messageCitizen, messageQuestionHandlers } from "./direct-messages";
import { type StaffProfile, staffScope } from "./staff";

/** Which questions an officer sees: the province's (admin), the department's (head), their own and their
 * department's unassigned ones (officer). */
export function questionFilter(p: StaffProfile): SQL {
  const inProvince = eq(questions.provinceId, p.provinceId);
  const scope = staffScope(p);
  if (scope === "province") return inProvince;
  if (scope === "department") return and(inProvince, eq(questions.departmentId, p.department!.id))!;
  const own = eq(questions.officerId, p.officerId);
  return and(inProvince, p.department ? or(own, and(isNull(questions.officerId), eq(questions.departmentId, p.department.id))) : own)!;
}

const assignedOfficer = alias(officers, "assigned_officer");
const answeringOfficer = alias(officers, "answering_officer");

export function selectStaffQuestions(db: Db) {
  return db
    .select({
      q: questions,
      procedureName: procedures.name,
      officerName: assignedOfficer.displayName,
      departmentName: departments.name,
      answeredByName: answeringOfficer.displayName,
      answeredByTitle: answeringOfficer.title,
    })
    .from(questions)
    .leftJoin(dossiers, eq(dossiers.code, questions.dossierCode))
    .leftJoin(procedures, and(eq(procedures.provinceId, dossiers.provinceId), eq(procedures.code, dossiers.procedureCode)))
    .leftJoin(assignedOfficer, and(eq(assignedOfficer.provinceId, questions.provinceId), eq(assignedOfficer.id, questions.officerId)))
    .leftJoin(departments, and(eq(departments.provinceId, questions.provinceId), eq(departments.id, questions.departmentId)))
    .leftJoin(answeringOfficer, and(eq(answeringOfficer.provinceId, questions.provinceId), eq(answeringOfficer.id, questions.answeredBy)));
}

type QuestionRecord = Awaited<ReturnType<ReturnType<typeof selectStaffQuestions>["all"]>>[number];

export function staffQuestionView(r: QuestionRecord) {
  const q = r.q;
  return {
    id: q.id,
    dossierCode: q.dossierCode,
    procedureName: r.procedureName,
    text: q.text,
    askedAt: q.createdAt,
    status: q.status,
    escalated: q.escalatedAt !== null,
    escalateAt: q.escalateAt,
    officer: q.officerId ? { id: q.officerId, name: r.officerName } : null,
    department: q.departmentId ? { id: q.departmentId, name: r.departmentName } : null,
    answer: q.answer && q.answeredAt ? { text: q.answer, at: q.answeredAt, officerName: r.answeredByName, officerTitle: r.answeredByTitle } : null,
  };
}

export type StaffQuestionView = ReturnType<typeof staffQuestionView>;

const questionNotFound = () =>
  new ApiError(404, "question_not_found", "Không tìm thấy câu hỏi này trong phạm vi của ông/bà.", undefined, "no such question in this officer's care");
const alreadyAnswered = () => new ApiError(409, "question_answered", "Câu hỏi đã được trả lời.", undefined, "the question is answered already");

/** An open question in the officer's care, or the 404/409 that says why not. */
async function openQuestionInCare(db: Db, p: StaffProfile, id: number): Promise<QuestionRecord> {
  const [row] = await selectStaffQuestions(db)
    .where(and(eq(questions.id, id), questionFilter(p)))
    .limit(1);
  if (!row) throw questionNotFound();
  if (row.q.status !== "open") throw alreadyAnswered();
  return row;
}

async function reloadQuestion(db: Db, id: number): Promise<StaffQuestionView> {
  const [row] = await selectStaffQuestions(db).where(eq(questions.id, id)).limit(1);
  return staffQuestionView(row!);
}

export type QuestionOutcome = { question: StaffQuestionView; outboxIds: number[] };

/** Answers an open question: the answer and the citizen's message in one batch, the message only if the answer won. */
export async function answerQuestion(db: Db, p: StaffProfile, id: number, text: string, now: Date): Promise<QuestionOutcome> {
  const row = await openQuestionInCare(db, p, id);
  const at = now.toISOString();
  const done = sql`EXISTS (SELECT 1 FROM ${questions} WHERE ${questions.id} = ${id} AND ${questions.answeredAt} = ${at} AND ${questions.answeredBy} = ${p.officerId})`;
  const [updated, messages] = await db.batch([
    db
      .update(questions)
      .set({ status: "answered", answer: text, answeredAt: at, answeredBy: p.officerId, updatedAt: at })
      .where(and(eq(questions.id, id), eq(questions.status, "open")))
      .returning({ id: questions.id }),
    messageCitizen(
      db,
      {
        dedupeKey: `question_answered:${id}`,
        provinceId: row.q.provinceId,
        subject: row.q.dossierCode,
        kind: "question_answered",
        params: { code: row.q.dossierCode, officerName: p.displayName },
        createdAt: at,
      },
      row.q.citizenId,
      done,
    ),
  ]);
  if (updated.length === 0) throw alreadyAnswered();
  return { question: await reloadQuestion(db, id), outboxIds: messages.map((m) => m.id) };
}

/** Where a question goes: an officer of the province (and their department), or a department with no officer yet. */
async function reassignTarget(db: Db, provinceId: string, to: { officerId?: string; departmentId?: string }) {
  if (to.officerId) {
    const [o] = await db
      .select({ id: officers.id, departmentId: officers.departmentId })
      .from(officers)
      .where(and(eq(officers.provinceId, provinceId), eq(officers.id, to.officerId)))
      .limit(1);
    if (!o) throw new ApiError(400, "unknown_officer", "Không tìm thấy cán bộ này trong tỉnh.", "officerId");
    return { officerId: o.id, departmentId: o.departmentId };
  }
  const [d] = await db
    .select({ id: departments.id })
    .from(departments)
    .where(and(eq(departments.provinceId, provinceId), eq(departments.id, to.departmentId!)))
    .limit(1);
  if (!d) throw new ApiError(400, "unknown_department", "Không tìm thấy phòng, ban này trong tỉnh.", "departmentId");
  return { officerId: null, departmentId: d.id };
}

/** Passes an open question on; its new handlers are messaged only if it was still open when it moved. */
export async function reassignQuestion(
  db: Db,
  p: StaffProfile,
  id: number,
  to: { officerId?: string; departmentId?: string },
  now: Date,
): Promise<QuestionOutcome> {
  const row = await openQuestionInCare(db, p, id);
  const target = await reassignTarget(db, p.provinceId, to);
  const at = now.toISOString();
  const moved = sql`EXISTS (SELECT 1 FROM ${questions} WHERE ${questions.id} = ${id} AND ${questions.updatedAt} = ${at} AND ${questions.status} = 'open')`;
  const [updated, messages] = await db.batch([
    db
      .update(questions)
      .set({ ...target, updatedAt: at })
      .where(and(eq(questions.id, id), eq(questions.status, "open")))
      .returning({ id: questions.id }),
    messageQuestionHandlers(
      db,
      { dedupeKey: `staff_question:${id}:${at}`, provinceId: p.provinceId, dossierCode: row.q.dossierCode, text: row.q.text, ...target, createdAt: at },
      moved,
    ),
  ]);
  if (updated.length === 0) throw alreadyAnswered();
  return { question: await reloadQuestion(db, id), outboxIds: messages.map((m) => m.id) };
}

/** The province's agencies, departments and officers, to reassign to. */
export async function staffDirectory(db: Db, provinceId: string) {
  const [as, ds, os] = await db.batch([
    db.select({ id: agencies.id, name: agencies.name }).from(agencies).where(eq(agencies.provinceId, provinceId)).orderBy(asc(agencies.id)),
    db
      .select({ id: departments.id, name: departments.name, agencyId: departments.agencyId })
      .from(departments)
      .where(eq(departments.provinceId, provinceId))
      .orderBy(asc(departments.id)),
    db
      .select({ id: officers.id, name: officers.displayName, title: officers.title, departmentId: officers.departmentId })
      .from(officers)
      .where(eq(officers.provinceId, provinceId))
      .orderBy(asc(officers.id)),
  ]);
  return { agencies: as, departments: ds, officers: os };
}
