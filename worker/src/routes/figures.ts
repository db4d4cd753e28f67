/** The province's figures for anyone: by agency or month, counts and rates only (no names of people, no comments). */
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { errorResponse, jsonContent, ProvinceIdParam } from "../schemas/common";
import { FiguresSchema, PublicFiguresQuery } from "../schemas/figures";
import { publicFigures } from "../services/figures-scope";
import { validationHook } from "../validation";

const getPublicFigures = createRoute({
  method: "get",
  path: "/v1/provinces/{provinceId}/figures",
  tags: ["Public reference data"],
  summary: "The province's on-time and satisfaction figures, by agency or month (public, nothing personal)",
  description:
    "Dossiers completed (on time, early, late), overdue now, satisfaction ratings and feedback handled, as Decision 766/QĐ-TTg counts them. " +
    "Defaults: to = today (Vietnam), from = the first of the month 12 months before. Rates are fractions 0–1, null when nothing was counted.",
  request: { params: ProvinceIdParam, query: PublicFiguresQuery },
  responses: {
    200: jsonContent(FiguresSchema, "Figures"),
    400: errorResponse("Bad groupBy, from or to"),
    404: errorResponse("Unknown province"),
  },
});

export const publicFiguresRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(getPublicFigures, async (c) => {
  const { provinceId } = c.req.valid("param");
  c.header("cache-control", "public, max-age=300");
  return c.json(await publicFigures(c.var.db, provinceId, c.req.valid("query"), new Date()), 200);
});
