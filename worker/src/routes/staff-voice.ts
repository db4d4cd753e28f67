/**
 * The staff area's work on the citizen's voice: an inbox of questions and feedback in the officer's care
 * (their own, their department's, the province's by role), answering, reassigning within the province, the
 * province admin routing incoming feedback to agencies, and the satisfaction figures. Everything is scoped to
 * the officer's province: an item elsewhere is "not found", never "forbidden", so ids reveal nothing.
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { errorResponse, jsonBody, jsonContent } from "../schemas/common";
import {
  AnswerBody,
  AssignFeedbackBody,
  FeedbackIdParam,
  RatingSummaryQuery,
  RatingSummarySchema,
  ReassignQuestionBody,
  StaffFeedbackSchema,
  StaffQuestionSchema,
} from "../schemas/voice";
import { mediaContext, staffFeedbackView } from "../services/feedback";
import { answerFeedback as answerStaffFeedback, assignFeedback as assignStaffFeedback } from "../services/feedback-staff";
import { dispatchOutbox } from "../services/notify";
import { ratingSummary } from "../services/ratings";
import { requireStaff, type StaffProfile, staffScope } from "../services/staff";
import { staffInbox } from "../services/staff-inbox";
import { answerQuestion as answerStaffQuestion, reassignQuestion as reassignStaffQuestion, staffDirectory } from "../services/staff-questions";
import { validationHook } from "../validation";

const tags = ["Staff"];
const security = [{ citizenSession: [] }];
const unauthorized = errorResponse("No session, or it expired");
const notLinked = errorResponse("Not linked to an officer");

const QuestionIdParam = z.object({
  id: z.coerce
    .number({ error: "Mã câu hỏi không hợp lệ." })
    .int({ message: "Mã câu hỏi không hợp lệ." })
    .positive({ message: "Mã câu hỏi không hợp lệ." })
    .openapi({ param: { name: "id", in: "path" }, example: 7 }),
});

const getInbox = createRoute({
  method: "get",
  path: "/v1/staff/inbox",
  tags,
  security,
  summary: "Questions and feedback in the officer's care: open ones (default) or done",
  description:
    "Open questions come most urgent first (escalated, then by the time they escalate), open feedback oldest first, done items newest first. " +
    "`totals` counts everything in the officer's care in that state; `offset` and `limit` page through it, and `kind` asks for one list only (the other comes back empty).",
  request: {
    query: z.object({
      state: z.enum(["open", "done"], { error: "state: open hoặc done." }).default("open"),
      kind: z.enum(["questions", "feedback"], { error: "kind: questions hoặc feedback." }).optional(),
      offset: z.coerce
        .number({ error: "offset phải là số." })
        .int({ message: "offset phải là số nguyên." })
        .min(0, { message: "offset không được âm." })
        .max(100_000, { message: "offset quá lớn." })
        .default(0),
      limit: z.coerce
        .number({ error: "limit phải là số." })
        .int({ message: "limit phải là số nguyên." })
        .min(1, { message: "limit từ 1 đến 100." })
        .max(100, { message: "limit từ 1 đến 100." })
        .default(100),
    }),
  },
  responses: {
    200: jsonContent(
      z.object({
        questions: z.array(StaffQuestionSchema),
        feedback: z.array(StaffFeedbackSchema),
        totals: z.object({ questions: z.number().int(), feedback: z.number().int() }),
      }),
      "Inbox",
    ),
    400: errorResponse("Bad state, kind, offset or limit"),
    401: unauthorized,
    403: notLinked,
  },
});

const answerQuestion = createRoute({
  method: "post",
  path: "/v1/staff/questions/{id}/answer",
  tags,
  security,
  summary: "Answer a citizen's question: it appears in the dossier's thread and is messaged to them",
  request: { params: QuestionIdParam, body: jsonBody(AnswerBody) },
  responses: {
    200: jsonContent(StaffQuestionSchema, "Answered"),
    401: unauthorized,
    403: notLinked,
    404: errorResponse("Not in this officer's care"),
    409: errorResponse("Already answered"),
  },
});

const reassignQuestion = createRoute({
  method: "post",
  path: "/v1/staff/questions/{id}/reassign",
  tags,
  security,
  summary: "Pass a question to another officer or department of the province",
  request: { params: QuestionIdParam, body: jsonBody(ReassignQuestionBody) },
  responses: {
    200: jsonContent(StaffQuestionSchema, "Reassigned"),
    400: errorResponse("Unknown officer or department in this province"),
    401: unauthorized,
    403: notLinked,
    404: errorResponse("Not in this officer's care"),
    409: errorResponse("Already answered"),
  },
});

const assignFeedback = createRoute({
  method: "post",
  path: "/v1/staff/feedback/{id}/assign",
  tags,
  security,
  summary: "Route feedback to an agency: the province admin for new feedback; the assigned agency's staff to pass it on",
  request: { params: FeedbackIdParam, body: jsonBody(AssignFeedbackBody) },
  responses: {
    200: jsonContent(StaffFeedbackSchema, "Assigned"),
    400: errorResponse("Unknown agency in this province"),
    401: unauthorized,
    403: errorResponse("Not linked, or the role may not do this"),
    404: errorResponse("Not in this officer's care"),
    409: errorResponse("Answered or closed already, or changed meanwhile"),
  },
});

const answerFeedback = createRoute({
  method: "post",
  path: "/v1/staff/feedback/{id}/answer",
  tags,
  security,
  summary: "Answer feedback assigned to the officer's agency (the province admin may answer any)",
  request: { params: FeedbackIdParam, body: jsonBody(AnswerBody) },
  responses: {
    200: jsonContent(StaffFeedbackSchema, "Answered"),
    401: unauthorized,
    403: notLinked,
    404: errorResponse("Not in this officer's care"),
    409: errorResponse("Not assigned yet, answered already, or changed meanwhile"),
  },
});

const getDirectory = createRoute({
  method: "get",
  path: "/v1/staff/directory",
  tags,
  security,
  summary: "The province's agencies, departments and officers, to reassign to",
  responses: {
    200: jsonContent(
      z.object({
        agencies: z.array(z.object({ id: z.string(), name: z.string() })),
        departments: z.array(z.object({ id: z.string(), name: z.string(), agencyId: z.string() })),
        officers: z.array(z.object({ id: z.string(), name: z.string(), title: z.string().nullable(), departmentId: z.string().nullable() })),
      }),
      "Directory",
    ),
    401: unauthorized,
    403: notLinked,
  },
});

const getSummary = createRoute({
  method: "get",
  path: "/v1/staff/ratings/summary",
  tags,
  security,
  summary: "Satisfaction figures: the province's (admin), the department's (head) or the officer's own",
  request: { query: RatingSummaryQuery },
  responses: { 200: jsonContent(RatingSummarySchema, "Figures"), 401: unauthorized, 403: notLinked },
});

const officer = (c: Context<AppEnv>): Promise<StaffProfile> => requireStaff(c.var.db, c.var.session.citizenId);

export const staffVoiceRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(getInbox, async (c) => {
    const p = await officer(c);
    return c.json(await staffInbox(c.var.db, p, c.req.valid("query"), mediaContext(c.env)), 200);
  })
  .openapi(answerQuestion, async (c) => {
    const p = await officer(c);
    const { question, outboxIds } = await answerStaffQuestion(c.var.db, p, c.req.valid("param").id, c.req.valid("json").text, new Date());
    c.executionCtx.waitUntil(dispatchOutbox(c.env, outboxIds));
    return c.json(question, 200);
  })
  .openapi(reassignQuestion, async (c) => {
    const p = await officer(c);
    const { question, outboxIds } = await reassignStaffQuestion(c.var.db, p, c.req.valid("param").id, c.req.valid("json"), new Date());
    c.executionCtx.waitUntil(dispatchOutbox(c.env, outboxIds));
    return c.json(question, 200);
  })
  .openapi(assignFeedback, async (c) => {
    const p = await officer(c);
    const outcome = await assignStaffFeedback(c.var.db, p, c.req.valid("param").id, c.req.valid("json"), new Date());
    c.executionCtx.waitUntil(dispatchOutbox(c.env, outcome.outboxIds));
    return c.json(await staffFeedbackView(outcome.feedback, mediaContext(c.env)), 200);
  })
  .openapi(answerFeedback, async (c) => {
    const p = await officer(c);
    const outcome = await answerStaffFeedback(c.var.db, p, c.req.valid("param").id, c.req.valid("json").text, new Date());
    c.executionCtx.waitUntil(dispatchOutbox(c.env, outcome.outboxIds));
    return c.json(await staffFeedbackView(outcome.feedback, mediaContext(c.env)), 200);
  })
  .openapi(getDirectory, async (c) => {
    const p = await officer(c);
    return c.json(await staffDirectory(c.var.db, p.provinceId), 200);
  })
  .openapi(getSummary, async (c) => {
    const p = await officer(c);
    const query = c.req.valid("query");
    const scope = staffScope(p);
    const only = scope === "province" ? {} : scope === "department" ? { departmentId: p.department!.id } : { officerId: p.officerId };
    const summary = await ratingSummary(c.var.db, p.provinceId, query, only);
    return c.json({ groupBy: query.groupBy, from: query.from ?? null, to: query.to ?? null, scope, ...summary }, 200);
  });

const getIntegrationSummary = createRoute({
  method: "get",
  path: "/v1/integration/ratings/summary",
  tags: ["Integration"],
  summary: "Satisfaction figures for the client's province, per agency, department, officer or month",
  request: { query: RatingSummaryQuery },
  responses: { 200: jsonContent(RatingSummarySchema, "Figures"), 401: errorResponse("Missing or wrong signature") },
});

export const ratingIntegrationRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(getIntegrationSummary, async (c) => {
  const query = c.req.valid("query");
  const summary = await ratingSummary(c.var.db, c.var.integrationClient.provinceId, query);
  return c.json({ groupBy: query.groupBy, from: query.from ?? null, to: query.to ?? null, scope: "province" as const, ...summary }, 200);
});
