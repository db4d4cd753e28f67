/**
 * A follower's voice on a dossier: the satisfaction rating after pickup (once, at status 9 or 10) and questions
 * to its handling officer. Only a verified follower (who proved ownership with the slip or the last-4 unlock) may
 * read or write either here; to anyone else the dossier is "not followed" (404), whatever the code. Owners who do
 * not follow rate with their token instead (routes/dossier-rating.ts), through the same service.
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { DossierCodeParam, errorResponse, jsonBody, jsonContent } from "../schemas/common";
import { QuestionBody, QuestionSchema, RatingBody, RatingFormSchema, RatingSchema } from "../schemas/voice";
import { dispatchOutbox } from "../services/notify";
import { askQuestion, dossierQuestions } from "../services/questions";
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

export const dossierVoiceRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(getRating, async (c) => {
    const { citizenId, provinceId } = c.var.session;
    return c.json(await ratingForm(c.var.db, { code: c.req.valid("param").code, follower: { citizenId, provinceId } }), 200);
  })
  .openapi(postRating, async (c) => {
    const { citizenId, provinceId } = c.var.session;
    const { timeVsLimit: _notBelieved, comment, ...answers } = c.req.valid("json");
    const follower = { citizenId, provinceId };
    const rating = await rateDossier(
      c.var.db,
      { code: c.req.valid("param").code, follower },
      { proof: "follow", citizen: follower },
      { answers, comment },
      new Date(),
    );
    return c.json(rating, 201);
  })
  .openapi(listQuestions, async (c) => {
    const { citizenId, provinceId } = c.var.session;
    return c.json({ questions: await dossierQuestions(c.var.db, { citizenId, provinceId }, c.req.valid("param").code) }, 200);
  })
  .openapi(postQuestion, async (c) => {
    const { citizenId, provinceId } = c.var.session;
    const { question, outboxIds } = await askQuestion(c.var.db, { citizenId, provinceId }, c.req.valid("param").code, c.req.valid("json").text, new Date());
    c.executionCtx.waitUntil(dispatchOutbox(c.env, outboxIds));
    return c.json(question, 201);
  });
