/** The province's figures for its own dashboards: the same groups the staff area shows, for the whole province. */
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../env";
import { errorResponse, jsonContent } from "../../schemas/common";
import { FiguresQuery, FiguresSchema } from "../../schemas/figures";
import { integrationFigures } from "../../services/figures-scope";
import { validationHook } from "../../validation";

const getIntegrationFigures = createRoute({
  method: "get",
  path: "/v1/integration/figures",
  tags: ["Integration"],
  summary: "On-time and satisfaction figures for the client's province, by agency, department, procedure or month",
  description:
    "Completed dossiers count on the day of their first status 9 (or 10 without a 9), ratings on the day made, feedback on the day received (answers on the day first answered). " +
    "Defaults: to = today (Vietnam), from = the first of the month 12 months before. Rates are fractions 0–1, null when the denominator is 0.",
  request: { query: FiguresQuery },
  responses: {
    200: jsonContent(FiguresSchema, "Figures"),
    400: errorResponse("Bad groupBy, from, to, agencyId or departmentId"),
    401: errorResponse("Missing or wrong signature"),
  },
});

export const integrationFiguresRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(getIntegrationFigures, async (c) => {
  return c.json(await integrationFigures(c.var.db, c.var.integrationClient.provinceId, c.req.valid("query"), new Date()), 200);
});
