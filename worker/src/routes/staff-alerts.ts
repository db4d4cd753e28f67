/**
 * Emergency alerts from the staff area, for province admins only: compose, update, cancel (each becomes a CAP
 * message of the province, sent to the citizens who chose its communes), and the alerts with their delivery counts.
 */
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { AlertIdParam, StaffAlertBody, StaffAlertListSchema, StaffAlertResultSchema, StaffCancelBody } from "../schemas/alerts";
import { errorResponse, jsonBody, jsonContent } from "../schemas/common";
import { cancelAlert, composeAlert, requireAlertAdmin, staffAlerts, updateAlert } from "../services/alerts-staff";
import { requireStaff, type StaffProfile } from "../services/staff";
import { validationHook } from "../validation";

const tags = ["Staff"];
const security = [{ citizenSession: [] }];
const refusals = {
  400: errorResponse("Invalid fields, a commune not in the province, or an expiry not in the future"),
  401: errorResponse("No session, or it expired"),
  403: errorResponse("Not linked to an officer, or not a province admin"),
};

const listRoute = createRoute({
  method: "get",
  path: "/v1/staff/alerts",
  tags,
  security,
  summary: "The province's active alerts and those of the last 7 days (any status), each message with its delivery counts",
  responses: { 200: jsonContent(StaffAlertListSchema, "Newest first"), 401: refusals[401], 403: refusals[403] },
});

const composeRoute = createRoute({
  method: "post",
  path: "/v1/staff/alerts",
  tags,
  security,
  summary: "Send an emergency alert to the citizens of the chosen communes",
  request: { body: jsonBody(StaffAlertBody) },
  responses: { 200: jsonContent(StaffAlertResultSchema, "Sent"), ...refusals },
});

const updateRoute = createRoute({
  method: "post",
  path: "/v1/staff/alerts/{alertId}/update",
  tags,
  security,
  summary: "Replace an alert's text, level, communes or expiry (a CAP Update of its latest message)",
  request: { params: AlertIdParam, body: jsonBody(StaffAlertBody) },
  responses: {
    200: jsonContent(StaffAlertResultSchema, "Sent"),
    ...refusals,
    404: errorResponse("No such alert in the province"),
    409: errorResponse("Cancelled, or changed by someone else meanwhile"),
  },
});

const cancelRoute = createRoute({
  method: "post",
  path: "/v1/staff/alerts/{alertId}/cancel",
  tags,
  security,
  summary: "End an alert: its communes are told the danger is over (a CAP Cancel)",
  request: { params: AlertIdParam, body: jsonBody(StaffCancelBody) },
  responses: {
    200: jsonContent(StaffAlertResultSchema, "Sent"),
    ...refusals,
    404: errorResponse("No such alert in the province"),
    409: errorResponse("Already cancelled, or changed by someone else meanwhile"),
  },
});

async function admin(c: Context<AppEnv>): Promise<StaffProfile> {
  const profile = await requireStaff(c.var.db, c.var.session.citizenId);
  requireAlertAdmin(profile);
  return profile;
}

const later = (c: Context<AppEnv>) => (p: Promise<unknown>) => c.executionCtx.waitUntil(p);
const answer = (r: { id: number; identifier: string; outcome: "applied" | "duplicate"; targeted: number }) => ({
  id: r.id,
  identifier: r.identifier,
  outcome: r.outcome,
  targeted: r.targeted,
});

export const staffAlertRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(listRoute, async (c) => {
    const profile = await admin(c);
    return c.json(await staffAlerts(c.var.db, profile.provinceId, new Date()), 200);
  })
  .openapi(composeRoute, async (c) => {
    const profile = await admin(c);
    return c.json(answer(await composeAlert(c.env, c.var.db, profile, c.req.valid("json"), new Date(), later(c))), 200);
  })
  .openapi(updateRoute, async (c) => {
    const profile = await admin(c);
    const { alertId } = c.req.valid("param");
    return c.json(answer(await updateAlert(c.env, c.var.db, profile, alertId, c.req.valid("json"), new Date(), later(c))), 200);
  })
  .openapi(cancelRoute, async (c) => {
    const profile = await admin(c);
    const { alertId } = c.req.valid("param");
    return c.json(answer(await cancelAlert(c.env, c.var.db, profile, alertId, c.req.valid("json").note, new Date(), later(c))), 200);
  });
