/**
 * The leaders' figures in the staff area: the province's for a province admin, their department's for a department
 * head (asking for another is 403), none for an officer; the same table as CSV for a spreadsheet.
 */
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { errorResponse, jsonContent } from "../schemas/common";
import { FiguresQuery, StaffFiguresSchema } from "../schemas/figures";
import { figuresCsv } from "../services/figures-csv";
import { staffFigures } from "../services/figures-scope";
import { requireStaff } from "../services/staff";
import { validationHook } from "../validation";

const tags = ["Staff"];
const security = [{ citizenSession: [] }];

const responses = {
  400: errorResponse("Bad groupBy, from, to, agencyId or departmentId"),
  401: errorResponse("No session, or it expired"),
  403: errorResponse("Not linked, an officer (figures are for department heads and province admins), or another department"),
};

const getFigures = createRoute({
  method: "get",
  path: "/v1/staff/figures",
  tags,
  security,
  summary: "On-time and satisfaction figures in the officer's scope, by agency, department, procedure or month",
  request: { query: FiguresQuery },
  responses: { 200: jsonContent(StaffFiguresSchema, "Figures"), ...responses },
});

const getFiguresCsv = createRoute({
  method: "get",
  path: "/v1/staff/figures.csv",
  tags,
  security,
  summary: "The same figures as a CSV table (UTF-8 with BOM, Vietnamese headers, rates as percentages)",
  request: { query: FiguresQuery },
  responses: { 200: { content: { "text/csv": { schema: { type: "string" as const } } }, description: "CSV" }, ...responses },
});

export const staffFiguresRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(getFigures, async (c) => {
    const p = await requireStaff(c.var.db, c.var.session.citizenId);
    return c.json(await staffFigures(c.var.db, p, c.req.valid("query"), new Date()), 200);
  })
  .openapi(getFiguresCsv, async (c) => {
    const p = await requireStaff(c.var.db, c.var.session.citizenId);
    const result = await staffFigures(c.var.db, p, c.req.valid("query"), new Date());
    return c.body(figuresCsv(result), 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="so-lieu-${result.groupBy}-${result.from}-${result.to}.csv"`,
    });
  });
