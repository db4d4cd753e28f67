/** The citizen's step after an answer to their feedback: "Ông/bà có hài lòng với trả lời này không?" (once). */
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { errorResponse, jsonBody, jsonContent } from "../schemas/common";
import { SatisfactionBody } from "../schemas/figures";
import { FeedbackIdParam, FeedbackSchema } from "../schemas/voice";
import { mediaContext, ownerFeedbackView } from "../services/feedback";
import { rateFeedbackAnswer } from "../services/figures-feedback";
import { validationHook } from "../validation";

const putSatisfaction = createRoute({
  method: "put",
  path: "/v1/me/feedback/{id}/satisfaction",
  tags: ["Feedback"],
  security: [{ citizenSession: [] }],
  summary: "Say whether the answer to one's own feedback was satisfying (once per feedback; reopening stays possible)",
  request: { params: FeedbackIdParam, body: jsonBody(SatisfactionBody) },
  responses: {
    200: jsonContent(FeedbackSchema, "The feedback, with answerSatisfied"),
    400: errorResponse("satisfied is not a boolean"),
    401: errorResponse("No session, or it expired"),
    404: errorResponse("Not this citizen's"),
    409: errorResponse("No answer yet (not_answered), or already said (already_rated)"),
  },
});

export const feedbackSatisfactionRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(putSatisfaction, async (c) => {
  const rated = await rateFeedbackAnswer(c.var.db, c.var.session.citizenId, c.req.valid("param").id, c.req.valid("json").satisfied, new Date());
  return c.json(await ownerFeedbackView(rated, mediaContext(c.env)), 200);
});
