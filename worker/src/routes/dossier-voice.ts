/**
 * A follower's voice on a dossier: the satisfaction rating after pickup (once, at status 9 or 10) and questions
 * to its handling officer. Only a verified follower (who proved ownership with the slip or the last-4 unlock) may
 * read or write either here; to anyone else the dossier is "not followed" (404), whatever the code. Owners who do
 * not follow rate with their token instead (routes/dossier-rating.ts), through the same service.
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { and, asc, count, eq, sql } from "drizzle-orm";
import { dossiers, follows, officers, questions } from "../db/schema";
import { citizenDossierCode } from "../domain/citizen-code";
import { addWorkingDays, MAX_OPEN_QUESTIONS, QUESTION_ANSWER_WORKING_DAYS } from "../domain/voice";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
import { DossierCodeParam, errorResponse, jsonBody, jsonContent } from "../schemas/common";
import { QuestionBody, QuestionSchema, RatingBody, RatingFormSchema, RatingSchema } from "../schemas/voice";
import { messageQuestionHandlers } from "../services/direct-messages";
import { dispatchOutbox } from "../services/notify";
import { rateDossier, ratingForm } from "../services/ratings";
import { validationHook } from "../validation";

const security = [{ citizenSession: [] }];
const unauthorized = errorResponse("No session, or it expired");
const notFollowed = errorResponse("This citizen does not follow the dossier");

const getRating = createRoute({
  method: "get",
  path: "/v1/me/dossiers/{code}/rating",
  tags: ["Ratings"],
  security,
  summary: "The satisfaction survey for a followed dossier: whether it can be rated, the questions, the rating given",
  request: { params: DossierCodeParam },
  responses: { 200: jsonContent(RatingFormSchema, "Survey"), 401: unauthorized, 404: notFollowed },
});

const postRating = createRoute({
  method: "post",
  path: "/v1/me/dossiers/{code}/rating",
  tags: ["Ratings"],
  security,
  summary: "Rate the service for a followed dossier, once, after its result is ready (status 9) or returned (10)",
  description:
    "One rating per dossier, whoever gives it (a follower here, or an owner with the slip or a view token at POST /v1/dossiers/{code}/rating). `timeVsLimit` is not asked: the server computes it from the dossier's dates and ignores any value sent.",
  request: { params: DossierCodeParam, body: jsonBody(RatingBody) },
  responses: {
    201: jsonContent(RatingSchema, "Rated"),
    400: errorResponse("An answer missing or not one of the options"),
    401: unauthorized,
    404: notFollowed,
    409: errorResponse("Already rated, or the dossier is not finished"),
  },
});

const listQuestions = createRoute({
  method: "get",
  path: "/v1/me/dossiers/{code}/questions",
  tags: ["Questions"],
  security,
  summary: "The dossier's questions and answers, oldest first (every follower of the dossier sees them)",
  request: { params: DossierCodeParam },
  responses: { 200: jsonContent(z.object({ questions: z.array(QuestionSchema) }), "Thread"), 401: unauthorized, 404: notFollowed },
});

const postQuestion = createRoute({
  method: "post",
  path: "/v1/me/dossiers/{code}/questions",
  tags: ["Questions"],
  security,
  summary: "Ask the handling officer (or the department when none) a question; escalates after 2 working days",
  request: { params: DossierCodeParam, body: jsonBody(QuestionBody) },
  responses: {
    201: jsonContent(QuestionSchema, "Asked"),
    400: errorResponse("Bad input"),
    401: unauthorized,
    404: notFollowed,
    429: errorResponse("Too many unanswered questions on this dossier"),
  },
});

/** The dossier, if this citizen follows it (in their own province). */
async function followedDossier(c: Context<AppEnv>, rawCode: string) {
  const code = citizenDossierCode(rawCode);
  const { citizenId, provinceId } = c.var.session;
  const [row] = await c.var.db
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

function questionsSelect(c: Context<AppEnv>) {
  return c.var.db
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

export const dossierVoiceRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(getRating, async (c) => {
    const { citizenId, provinceId } = c.var.session;
    return c.json(await ratingForm(c.var.db, { code: c.req.valid("param").code, follower: { citizenId, provinceId } }), 200);
  })
  .openapi(postRating, async (c) => {
    const { citizenId, provinceId } = c.var.session;
    const { timeVsLimit: _notBelieved, comment, ...answers } = c.req.valid("json");
    const follower = { citizenId, provinceId };
    const rating = await rateDossier(c.var.db, { code: c.req.valid("param").code, follower }, { proof: "follow", citizen: follower }, { answers, comment }, new Date());
    return c.json(rating, 201);
  })
  .openapi(listQuestions, async (c) => {
    const dossier = await followedDossier(c, c.req.valid("param").code);
    const rows = await questionsSelect(c).where(eq(questions.dossierCode, dossier.code)).orderBy(asc(questions.id)).limit(200);
    return c.json({ questions: rows.map((r) => questionView(r, c.var.session.citizenId)) }, 200);
  })
  .openapi(postQuestion, async (c) => {
    const dossier = await followedDossier(c, c.req.valid("param").code);
    const { text } = c.req.valid("json");
    const { citizenId } = c.var.session;
    const db = c.var.db;
    const [open] = await db
      .select({ n: count() })
      .from(questions)
      .where(and(eq(questions.dossierCode, dossier.code), eq(questions.citizenId, citizenId), eq(questions.status, "open")));
    if ((open?.n ?? 0) >= MAX_OPEN_QUESTIONS) {
      throw new ApiError(429, "too_many_open_questions", `Ông/bà đang có ${MAX_OPEN_QUESTIONS} câu hỏi chưa được trả lời về hồ sơ này. Vui lòng chờ cán bộ trả lời.`);
    }
    const now = new Date();
    const at = now.toISOString();
    // The new question's id inside the batch (last_insert_rowid() would move as the message rows go in).
    const newId = sql`(SELECT max(${questions.id}) FROM ${questions} WHERE ${questions.citizenId} = ${citizenId} AND ${questions.createdAt} = ${at})`;
    const [inserted, messages] = await db.batch([
      db
        .insert(questions)
        .values({
          provinceId: dossier.provinceId,
          dossierCode: dossier.code,
          citizenId,
          text,
          officerId: dossier.officerId,
          departmentId: dossier.departmentId,
          status: "open",
          escalateAt: addWorkingDays(now, QUESTION_ANSWER_WORKING_DAYS),
          createdAt: at,
          updatedAt: at,
        })
        .returning({ id: questions.id }),
      // Staff without a linked Zalo account see it in the staff area only.
      messageQuestionHandlers(db, {
        dedupeKey: sql`'staff_question:' || ${newId}`,
        provinceId: dossier.provinceId,
        dossierCode: dossier.code,
        text,
        officerId: dossier.officerId,
        departmentId: dossier.departmentId,
        createdAt: at,
      }),
    ]);
    c.executionCtx.waitUntil(dispatchOutbox(c.env, messages.map((m) => m.id)));
    const [row] = await questionsSelect(c).where(eq(questions.id, inserted[0]!.id)).limit(1);
    return c.json(questionView(row!, citizenId), 201);
  });
