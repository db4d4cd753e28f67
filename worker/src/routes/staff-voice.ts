/**
 * The staff area's work on the citizen's voice: an inbox of questions and feedback in the officer's care
 * (their own, their department's, the province's by role), answering, reassigning within the province, the
 * province admin routing incoming feedback to agencies, and the satisfaction figures. Everything is scoped to
 * the officer's province: an item elsewhere is "not found", never "forbidden", so ids reveal nothing.
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { and, asc, count, desc, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { agencies, departments, dossiers, feedback, officers, procedures, questions } from "../db/schema";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
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
import { messageCitizen, messageQuestionHandlers } from "../services/direct-messages";
import {
  canSeeFeedback,
  ensureMoved,
  feedbackNotFound,
  loadFeedback,
  selectFeedback,
  staffFeedbackFilter,
  staffFeedbackView,
  transition,
} from "../services/feedback";
import { dispatchOutbox } from "../services/notify";
import { ratingSummary } from "../services/ratings";
import { type StaffProfile, staffProfile, staffScope } from "../services/staff";
import { validationHook } from "../validation";
import { mediaContext } from "./feedback";

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

async function officer(c: Context<AppEnv>): Promise<StaffProfile> {
  const profile = await staffProfile(c.var.db, c.var.session.citizenId);
  if (!profile) throw new ApiError(403, "not_staff", "Tài khoản Zalo này chưa được liên kết với cán bộ nào.", undefined, "not linked to an officer");
  return profile;
}

/** Which questions an officer sees: the province's (admin), the department's (head), their own and their
 * department's unassigned ones (officer). */
function questionFilter(p: StaffProfile): SQL {
  const inProvince = eq(questions.provinceId, p.provinceId);
  const scope = staffScope(p);
  if (scope === "province") return inProvince;
  if (scope === "department") return and(inProvince, eq(questions.departmentId, p.department!.id))!;
  const own = eq(questions.officerId, p.officerId);
  return and(inProvince, p.department ? or(own, and(isNull(questions.officerId), eq(questions.departmentId, p.department.id))) : own)!;
}

const assignedOfficer = alias(officers, "assigned_officer");
const answeringOfficer = alias(officers, "answering_officer");

function selectQuestions(c: Context<AppEnv>) {
  return c.var.db
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

type QuestionRecord = Awaited<ReturnType<ReturnType<typeof selectQuestions>["all"]>>[number];

function staffQuestionView(r: QuestionRecord) {
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

const questionNotFound = () =>
  new ApiError(404, "question_not_found", "Không tìm thấy câu hỏi này trong phạm vi của ông/bà.", undefined, "no such question in this officer's care");
const alreadyAnswered = () => new ApiError(409, "question_answered", "Câu hỏi đã được trả lời.", undefined, "the question is answered already");

async function questionInCare(c: Context<AppEnv>, p: StaffProfile, id: number): Promise<QuestionRecord> {
  const [row] = await selectQuestions(c).where(and(eq(questions.id, id), questionFilter(p))).limit(1);
  if (!row) throw questionNotFound();
  return row;
}

async function reloadQuestion(c: Context<AppEnv>, id: number) {
  const [row] = await selectQuestions(c).where(eq(questions.id, id)).limit(1);
  return staffQuestionView(row!);
}

async function feedbackInCare(c: Context<AppEnv>, p: StaffProfile, id: number) {
  const found = await loadFeedback(c.var.db, id);
  if (!found || !canSeeFeedback(p, found.row)) throw feedbackNotFound();
  return found;
}

export const staffVoiceRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(getInbox, async (c) => {
    const p = await officer(c);
    const { state, kind, offset, limit } = c.req.valid("query");
    const open = state === "open";
    const db = c.var.db;
    const questionsWhere = and(questionFilter(p), eq(questions.status, open ? "open" : "answered"));
    const feedbackWhere = and(staffFeedbackFilter(p), inArray(feedback.status, open ? ["received", "assigned"] : ["answered", "closed"]));
    // Ids break ties so pages do not overlap. The joined lists are not batched: in a D1 batch drizzle reads rows as
    // objects, and the joins' same-named columns (procedure and department names) would overwrite each other.
    const [qs, fs, [questionCount, feedbackCount]] = await Promise.all([
      kind === "feedback"
        ? []
        : selectQuestions(c)
            .where(questionsWhere)
            .orderBy(
              ...(open
                ? [sql`${questions.escalatedAt} IS NULL`, asc(questions.escalateAt), asc(questions.id)]
                : [desc(questions.answeredAt), desc(questions.id)]),
            )
            .limit(limit)
            .offset(offset),
      kind === "questions"
        ? []
        : selectFeedback(db)
            .where(feedbackWhere)
            .orderBy(...(open ? [asc(feedback.id)] : [desc(feedback.updatedAt), desc(feedback.id)]))
            .limit(limit)
            .offset(offset),
      db.batch([
        db.select({ n: count() }).from(questions).where(questionsWhere),
        db.select({ n: count() }).from(feedback).where(feedbackWhere),
      ]),
    ]);
    const media = mediaContext(c);
    return c.json(
      {
        questions: qs.map(staffQuestionView),
        feedback: await Promise.all(fs.map((f) => staffFeedbackView(f, media))),
        totals: { questions: questionCount[0]?.n ?? 0, feedback: feedbackCount[0]?.n ?? 0 },
      },
      200,
    );
  })
  .openapi(answerQuestion, async (c) => {
    const p = await officer(c);
    const { id } = c.req.valid("param");
    const { text } = c.req.valid("json");
    const row = await questionInCare(c, p, id);
    if (row.q.status !== "open") throw alreadyAnswered();
    const db = c.var.db;
    const at = new Date().toISOString();
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
    c.executionCtx.waitUntil(dispatchOutbox(c.env, messages.map((m) => m.id)));
    return c.json(await reloadQuestion(c, id), 200);
  })
  .openapi(reassignQuestion, async (c) => {
    const p = await officer(c);
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const row = await questionInCare(c, p, id);
    if (row.q.status !== "open") throw alreadyAnswered();
    const db = c.var.db;
    let target: { officerId: string | null; departmentId: string | null };
    if (body.officerId) {
      const [o] = await db
        .select({ id: officers.id, departmentId: officers.departmentId })
        .from(officers)
        .where(and(eq(officers.provinceId, p.provinceId), eq(officers.id, body.officerId)))
        .limit(1);
      if (!o) throw new ApiError(400, "unknown_officer", "Không tìm thấy cán bộ này trong tỉnh.", "officerId");
      target = { officerId: o.id, departmentId: o.departmentId };
    } else {
      const [d] = await db
        .select({ id: departments.id })
        .from(departments)
        .where(and(eq(departments.provinceId, p.provinceId), eq(departments.id, body.departmentId!)))
        .limit(1);
      if (!d) throw new ApiError(400, "unknown_department", "Không tìm thấy phòng, ban này trong tỉnh.", "departmentId");
      target = { officerId: null, departmentId: d.id };
    }
    const at = new Date().toISOString();
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
    c.executionCtx.waitUntil(dispatchOutbox(c.env, messages.map((m) => m.id)));
    return c.json(await reloadQuestion(c, id), 200);
  })
  .openapi(assignFeedback, async (c) => {
    const p = await officer(c);
    const { id } = c.req.valid("param");
    const { agencyId, note } = c.req.valid("json");
    const admin = p.role === "province_admin";
    const found = admin ? await loadFeedback(c.var.db, id) : await feedbackInCare(c, p, id);
    if (!found || found.row.provinceId !== p.provinceId) throw feedbackNotFound();
    const from = admin ? (["received", "assigned"] as const) : (["assigned"] as const);
    if (!(from as readonly string[]).includes(found.row.status)) {
      throw new ApiError(409, "feedback_not_assignable", "Phản ánh đã được trả lời hoặc đã kết thúc, không chuyển được nữa.", undefined, `status is ${found.row.status}`);
    }
    const [agency] = await c.var.db
      .select({ id: agencies.id, name: agencies.name })
      .from(agencies)
      .where(and(eq(agencies.id, agencyId), eq(agencies.provinceId, p.provinceId)))
      .limit(1);
    if (!agency) throw new ApiError(400, "unknown_agency", "Không tìm thấy cơ quan này trong tỉnh.", "agencyId");
    const result = await transition(
      c.var.db,
      p.provinceId,
      found.row.citizenId,
      {
        id,
        from: [...from],
        to: "assigned",
        set: { agencyId: agency.id },
        history: { status: "assigned", at: "", agencyId: agency.id, note: `Chuyển đến ${agency.name}${note ? `: ${note}` : ""}` },
        message: { kind: "feedback_assigned", agencyName: agency.name },
        // Non-admins act only on what is still with their agency.
        extraWhere: admin ? undefined : eq(feedback.agencyId, found.row.agencyId!),
      },
      new Date(),
    );
    ensureMoved(result);
    c.executionCtx.waitUntil(dispatchOutbox(c.env, result.outboxIds));
    return c.json(await staffFeedbackView((await loadFeedback(c.var.db, id))!, mediaContext(c)), 200);
  })
  .openapi(answerFeedback, async (c) => {
    const p = await officer(c);
    const { id } = c.req.valid("param");
    const { text } = c.req.valid("json");
    const admin = p.role === "province_admin";
    const found = await feedbackInCare(c, p, id);
    const from = admin ? (["received", "assigned"] as const) : (["assigned"] as const);
    if (!(from as readonly string[]).includes(found.row.status)) {
      throw new ApiError(409, "feedback_not_answerable", "Phản ánh này không ở trạng thái chờ trả lời.", undefined, `status is ${found.row.status}`);
    }
    const at = new Date();
    const result = await transition(
      c.var.db,
      p.provinceId,
      found.row.citizenId,
      {
        id,
        from: [...from],
        to: "answered",
        set: { answer: text, answeredAt: at.toISOString(), answeredBy: p.officerId },
        history: { status: "answered", at: "", note: null },
        message: { kind: "feedback_answered", agencyName: found.agencyName, officerName: p.displayName },
        extraWhere: admin ? undefined : eq(feedback.agencyId, found.row.agencyId!),
      },
      at,
    );
    ensureMoved(result);
    c.executionCtx.waitUntil(dispatchOutbox(c.env, result.outboxIds));
    return c.json(await staffFeedbackView((await loadFeedback(c.var.db, id))!, mediaContext(c)), 200);
  })
  .openapi(getDirectory, async (c) => {
    const p = await officer(c);
    const db = c.var.db;
    const [as, ds, os] = await db.batch([
      db.select({ id: agencies.id, name: agencies.name }).from(agencies).where(eq(agencies.provinceId, p.provinceId)).orderBy(asc(agencies.id)),
      db
        .select({ id: departments.id, name: departments.name, agencyId: departments.agencyId })
        .from(departments)
        .where(eq(departments.provinceId, p.provinceId))
        .orderBy(asc(departments.id)),
      db
        .select({ id: officers.id, name: officers.displayName, title: officers.title, departmentId: officers.departmentId })
        .from(officers)
        .where(eq(officers.provinceId, p.provinceId))
        .orderBy(asc(officers.id)),
    ]);
    return c.json({ agencies: as, departments: ds, officers: os }, 200);
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
