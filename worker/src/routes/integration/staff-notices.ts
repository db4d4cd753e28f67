import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../env";
import { errorResponse, jsonBody, jsonContent } from "../../schemas/common";
import { IntegrationStaffNoticeSchema, StaffNoticeBody, StaffNoticeIdParam, StaffNoticePutResult } from "../../schemas/staff-notices";
import { dispatchOutbox } from "../../services/notify";
import { putStaffNotice } from "../../services/staff-notices";
import { integrationNotice } from "../../services/staff-notices-read";
import { validationHook } from "../../validation";

const tags = ["Integration"];

const putNotice = createRoute({
  method: "put",
  path: "/v1/integration/staff-notices/{noticeId}",
  tags,
  summary: "Tell officials of a document to process, a document waiting for approval, or a meeting (idempotent by id)",
  description:
    "Recipients are the union of the officers named, the officers of the departments named and the officers of the roles named, all of the client's province. " +
    "Each recipient with a linked Zalo account is messaged; the others are listed in `unreachable` and see the notice in the staff area once they link. " +
    "The same body again is a `duplicate`: nothing changes and nobody is messaged. A later PUT may add recipients (they are messaged) but never removes any; " +
    "a meeting moved (start, end, place, online link) or cancelled is messaged once to its recipients. A new deadline or start makes a new reminder " +
    "(documents: from 08:00 on the working day before the deadline, to whoever has not acknowledged; meetings: an hour before, to whoever did not answer absent).",
  request: { params: StaffNoticeIdParam, body: jsonBody(StaffNoticeBody) },
  responses: {
    200: jsonContent(StaffNoticePutResult, "Received, changed, or a duplicate"),
    400: errorResponse(
      "Invalid notice (the field in `field`): unknown kind, a meeting without startsAt/endsAt or ending before it starts, a link that is not https",
    ),
    401: errorResponse("Missing or wrong signature"),
    403: errorResponse("An officer or department that is not the client's province's (`field` names it)"),
    409: errorResponse("The id is a notice of another kind, or another request changed it meanwhile"),
    422: errorResponse("The departments and roles named have no officers"),
  },
});

const getNotice = createRoute({
  method: "get",
  path: "/v1/integration/staff-notices/{noticeId}",
  tags,
  summary: "Read a notice back: who acknowledged, who answered the meeting and why not, who cannot be reached",
  request: { params: StaffNoticeIdParam },
  responses: {
    200: jsonContent(IntegrationStaffNoticeSchema, "The notice and its responses"),
    401: errorResponse("Missing or wrong signature"),
    404: errorResponse("No such notice in the client's province"),
  },
});

export const integrationStaffNoticeRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(putNotice, async (c) => {
    const { noticeId } = c.req.valid("param");
    const client = c.var.integrationClient;
    const { outboxIds, ...result } = await putStaffNotice(c.var.db, client, noticeId, c.req.valid("json"), new Date());
    if (outboxIds.length > 0) c.executionCtx.waitUntil(dispatchOutbox(c.env, outboxIds));
    return c.json(result, 200);
  })
  .openapi(getNotice, async (c) => {
    const { noticeId } = c.req.valid("param");
    return c.json(await integrationNotice(c.var.db, c.var.integrationClient.provinceId, noticeId), 200);
  });
