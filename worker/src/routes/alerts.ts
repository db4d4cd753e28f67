/**
 * The province's emergency alerts, public: the active ones (for a commune, for the home banner), the ones that ended
 * in the last day, one alert's current message (any id of its thread), and the same as a CAP 1.2 feed (Atom, each
 * entry linking to the alert as CAP XML) for other warning systems. Nothing personal; cacheable for a minute.
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { AlertCommuneQuery, AlertIdParam, AlertListSchema, AlertPageSchema } from "../schemas/alerts";
import { errorResponse, jsonContent, ProvinceIdParam } from "../schemas/common";
import { publicOrigin } from "../security/headers";
import { activeAndEnded, alertFeed, alertPage, capDocument } from "../services/alerts-read";
import { validationHook } from "../validation";

const tags = ["Alerts"];
const PUBLIC_CACHE = { "cache-control": "public, max-age=60" };
const oneAlert = { params: ProvinceIdParam.merge(AlertIdParam) };
const noSuchAlert = errorResponse("No such public alert");
const xml = (type: string, description: string) => ({ content: { [type]: { schema: z.string() } }, description });

const listRoute = createRoute({
  method: "get",
  path: "/v1/provinces/{provinceId}/alerts",
  tags,
  summary: "Active emergency alerts (most severe first, then newest), and those that ended in the last 24 hours",
  description:
    "Active: an Alert or Update with status Actual, not replaced by a later message, not expired. `ended` lists alerts cancelled or expired in the last 24 hours, so the mini app can say the danger is over. `?commune=` keeps those covering that commune.",
  request: { params: ProvinceIdParam, query: AlertCommuneQuery },
  responses: { 200: jsonContent(AlertListSchema, "Alerts"), 400: errorResponse("Bad province id or commune code"), 404: errorResponse("No such province") },
});

const pageRoute = createRoute({
  method: "get",
  path: "/v1/provinces/{provinceId}/alerts/{alertId}",
  tags,
  summary: "An alert's current message: an older message's id answers with the latest Update or the Cancel",
  request: oneAlert,
  responses: { 200: jsonContent(AlertPageSchema, "The current message and the alert's state"), 404: noSuchAlert },
});

const feedRoute = createRoute({
  method: "get",
  path: "/v1/provinces/{provinceId}/alerts.cap",
  tags,
  summary: "The active alerts as an Atom 1.0 feed, each entry linking to the alert as CAP 1.2 XML",
  request: { params: ProvinceIdParam },
  responses: { 200: xml("application/atom+xml", "Atom 1.0"), 404: errorResponse("No such province") },
});

const capRoute = createRoute({
  method: "get",
  path: "/v1/provinces/{provinceId}/alerts/{alertId}/cap",
  tags,
  summary: "One alert message as CAP 1.2 XML, as it was received (or as the staff area made it)",
  request: oneAlert,
  responses: { 200: xml("application/cap+xml", "CAP 1.2 <alert>"), 404: noSuchAlert },
});

export const alertRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(feedRoute, async (c) => {
    const { provinceId } = c.req.valid("param");
    const feed = await alertFeed(c.var.db, provinceId, new Date(), publicOrigin(c.env));
    return c.body(feed, 200, { ...PUBLIC_CACHE, "content-type": "application/atom+xml; charset=utf-8" });
  })
  .openapi(listRoute, async (c) => {
    const { provinceId } = c.req.valid("param");
    const { commune } = c.req.valid("query");
    return c.json(await activeAndEnded(c.var.db, provinceId, commune ?? null, new Date()), 200, PUBLIC_CACHE);
  })
  .openapi(pageRoute, async (c) => {
    const { provinceId, alertId } = c.req.valid("param");
    return c.json(await alertPage(c.var.db, provinceId, alertId, new Date()), 200, PUBLIC_CACHE);
  })
  .openapi(capRoute, async (c) => {
    const { provinceId, alertId } = c.req.valid("param");
    const document = await capDocument(c.var.db, provinceId, alertId);
    return c.body(document, 200, { ...PUBLIC_CACHE, "content-type": "application/cap+xml; charset=utf-8" });
  });
