import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { errorResponse, jsonBody, jsonContent } from "../schemas/common";
import { StaffNoticeAnswerBody, StaffNoticeIdParam, StaffNoticeListQuery, StaffNoticeSchema } from "../schemas/staff-notices";
import { requireStaff } from "../services/staff";
import { officerNotice, officerNotices } from "../services/staff-notices-read";
import { acknowledgeNotice, answerMeeting } from "../services/staff-notices-respond";
import { validationHook } from "../validation";

const tags = ["Staff"];
const security = [{ citizenSession: [] }];
const unauthorized = errorResponse("No session, or it expired");
const notLinked = errorResponse("Not linked to an officer");
const notFound = errorResponse("No such notice for this officer");

const listNotices = createRoute({
  method: "get",
  path: "/v1/staff/notices",
  tags,
  security,
  summary: "Việc của tôi: documents to process or approve and meetings sent to this officer",
  request: { query: StaffNoticeListQuery },
  responses: {
    200: jsonContent(z.object({ notices: z.array(StaffNoticeSchema) }), "Open ones first, soonest deadline or start first"),
    400: errorResponse("Unknown state"),
    401: unauthorized,
    403: notLinked,
  },
});

/** A read or a step on one notice of the officer's, answered with the notice as they now see it. */
const oneNotice = <M extends "get" | "post", P extends string>(method: M, path: P, summary: string, answered: string) =>
  createRoute({
    method,
    path,
    tags,
    security,
    summary,
    request: { params: StaffNoticeIdParam },
    responses: { 200: jsonContent(StaffNoticeSchema, answered), 401: unauthorized, 403: notLinked, 404: notFound },
  });

const getNotice = oneNotice("get", "/v1/staff/notices/{noticeId}", "One notice sent to this officer", "The notice");
const acknowledge = oneNotice(
  "post",
  "/v1/staff/notices/{noticeId}/acknowledge",
  "Đã nhận: the officer acknowledges the notice (the first time is kept)",
  "Acknowledged",
);

const answer = createRoute({
  method: "put",
  path: "/v1/staff/notices/{noticeId}/answer",
  tags,
  security,
  summary: "Answer a meeting: attend, or absent with a reason; changeable until it starts",
  request: { params: StaffNoticeIdParam, body: jsonBody(StaffNoticeAnswerBody) },
  responses: {
    200: jsonContent(StaffNoticeSchema, "Answered"),
    400: errorResponse("No answer, or absent without a reason, or a reason over 500 characters"),
    401: unauthorized,
    403: notLinked,
    404: notFound,
    409: errorResponse("The meeting was cancelled or has started"),
    422: errorResponse("Not a meeting"),
  },
});

export const staffNoticeRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(listNotices, async (c) => {
    const profile = await requireStaff(c.var.db, c.var.session.citizenId);
    return c.json({ notices: await officerNotices(c.var.db, profile, c.req.valid("query").state, new Date()) }, 200);
  })
  .openapi(getNotice, async (c) => {
    const profile = await requireStaff(c.var.db, c.var.session.citizenId);
    return c.json(await officerNotice(c.var.db, profile, c.req.valid("param").noticeId, new Date()), 200);
  })
  .openapi(acknowledge, async (c) => {
    const profile = await requireStaff(c.var.db, c.var.session.citizenId);
    return c.json(await acknowledgeNotice(c.var.db, profile, c.req.valid("param").noticeId, new Date()), 200);
  })
  .openapi(answer, async (c) => {
    const profile = await requireStaff(c.var.db, c.var.session.citizenId);
    return c.json(await answerMeeting(c.var.db, profile, c.req.valid("param").noticeId, c.req.valid("json"), new Date()), 200);
  });
