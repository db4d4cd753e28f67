import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { and, asc, eq } from "drizzle-orm";
import { agencies, procedures, provinces } from "../db/schema";
import { rankProcedures } from "../domain/procedure-search";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
import { AgencySchema, ProcedureSchema, ProcedureSummarySchema, ProvinceSchema, ProvinceSummarySchema } from "../schemas/reference";
import { errorResponse, jsonContent, ProvinceIdParam } from "../schemas/common";
import { validationHook } from "../validation";

const tags = ["Public reference data"];

const listProvinces = createRoute({
  method: "get",
  path: "/v1/provinces",
  tags,
  summary: "Provinces served by this deployment",
  responses: { 200: jsonContent(z.object({ provinces: z.array(ProvinceSummarySchema) }), "Provinces") },
});

const getProvince = createRoute({
  method: "get",
  path: "/v1/provinces/{provinceId}",
  tags,
  summary: "A province's branding, hotline and Zalo accounts",
  request: { params: ProvinceIdParam },
  responses: { 200: jsonContent(ProvinceSchema, "Province"), 404: errorResponse("Unknown province") },
});

const listAgencies = createRoute({
  method: "get",
  path: "/v1/provinces/{provinceId}/agencies",
  tags,
  summary: "Receiving agencies (one-stop desks) of a province",
  request: { params: ProvinceIdParam },
  responses: { 200: jsonContent(z.object({ agencies: z.array(AgencySchema) }), "Agencies"), 404: errorResponse("Unknown province") },
});

const listProcedures = createRoute({
  method: "get",
  path: "/v1/provinces/{provinceId}/procedures",
  tags,
  summary: "Administrative procedures, searched with diacritics optional and the words people use, best first",
  request: {
    params: ProvinceIdParam,
    query: z.object({
      q: z.string().max(100, { message: "Từ khóa tìm kiếm quá dài (tối đa 100 ký tự)." }).optional().openapi({
        example: "lam so do",
        description:
          'Words to find, with or without diacritics. Everyday names are understood ("sổ đỏ", "giấy khai sinh", "căn cước", "giấy phép xây nhà"), filler words ("làm", "xin", "thủ tục", "ở đâu") are set aside, and the results come best first. A part of a procedure code works too.',
      }),
    }),
  },
  responses: {
    200: jsonContent(z.object({ procedures: z.array(ProcedureSummarySchema) }), "Matching procedures"),
    404: errorResponse("Unknown province"),
  },
});

const getProcedure = createRoute({
  method: "get",
  path: "/v1/provinces/{provinceId}/procedures/{procedureCode}",
  tags,
  summary: "A procedure's documents, fee, legal processing time and where to file",
  request: {
    params: ProvinceIdParam.extend({
      procedureCode: z
        .string()
        .min(1)
        .max(64)
        .openapi({ param: { name: "procedureCode", in: "path" }, example: "1.000894" }),
    }),
  },
  responses: { 200: jsonContent(ProcedureSchema, "Procedure"), 404: errorResponse("Unknown province or procedure") },
});

const MAX_PROCEDURES = 200;

const provinceNotFound = () => new ApiError(404, "province_not_found", "Không tìm thấy tỉnh/thành phố này.");

export const provinceRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(listProvinces, async (c) => {
    const rows = await c.var.db
      .select({
        id: provinces.id,
        name: provinces.name,
        shortName: provinces.shortName,
        channelName: provinces.channelName,
        primaryColor: provinces.primaryColor,
        accentColor: provinces.accentColor,
      })
      .from(provinces)
      .orderBy(asc(provinces.name));
    return c.json({ provinces: rows }, 200);
  })
  .openapi(getProvince, async (c) => {
    const { provinceId } = c.req.valid("param");
    const [row] = await c.var.db.select().from(provinces).where(eq(provinces.id, provinceId)).limit(1);
    if (!row) throw provinceNotFound();
    return c.json(
      {
        id: row.id,
        name: row.name,
        shortName: row.shortName,
        channelName: row.channelName,
        primaryColor: row.primaryColor,
        accentColor: row.accentColor,
        logoUrl: row.logoUrl,
        hotline: row.hotline,
        zaloOaId: row.zaloOaId,
        miniAppId: row.miniAppId ?? c.env.MINI_APP_ID,
        dataRetentionMonths: row.dataRetentionMonths,
      },
      200,
    );
  })
  .openapi(listAgencies, async (c) => {
    const { provinceId } = c.req.valid("param");
    const [province, rows] = await c.var.db.batch([
      c.var.db.select({ id: provinces.id }).from(provinces).where(eq(provinces.id, provinceId)),
      c.var.db
        .select({
          id: agencies.id,
          name: agencies.name,
          shortName: agencies.shortName,
          level: agencies.level,
          address: agencies.address,
          phone: agencies.phone,
          openingHours: agencies.openingHours,
          hoursNote: agencies.hoursNote,
          latitude: agencies.latitude,
          longitude: agencies.longitude,
        })
        .from(agencies)
        .where(eq(agencies.provinceId, provinceId))
        .orderBy(asc(agencies.id)),
    ]);
    if (province.length === 0) throw provinceNotFound();
    return c.json({ agencies: rows }, 200);
  })
  .openapi(listProcedures, async (c) => {
    const { provinceId } = c.req.valid("param");
    const q = c.req.valid("query").q ?? "";
    // A province publishes a few hundred procedures at most: they are read whole and ranked here.
    const [province, rows] = await c.var.db.batch([
      c.var.db.select({ id: provinces.id }).from(provinces).where(eq(provinces.id, provinceId)),
      c.var.db
        .select({
          code: procedures.code,
          name: procedures.name,
          shortName: procedures.shortName,
          field: procedures.field,
          legalDays: procedures.legalDays,
          feeText: procedures.feeText,
        })
        .from(procedures)
        .where(eq(procedures.provinceId, provinceId))
        .orderBy(asc(procedures.field), asc(procedures.name)),
    ]);
    if (province.length === 0) throw provinceNotFound();
    return c.json({ procedures: rankProcedures(rows, q).slice(0, MAX_PROCEDURES) }, 200);
  })
  .openapi(getProcedure, async (c) => {
    const { provinceId, procedureCode } = c.req.valid("param");
    const [row] = await c.var.db
      .select()
      .from(procedures)
      .where(and(eq(procedures.provinceId, provinceId), eq(procedures.code, procedureCode)))
      .limit(1);
    if (!row) throw new ApiError(404, "procedure_not_found", "Không tìm thấy thủ tục này.");
    return c.json(
      {
        code: row.code,
        name: row.name,
        shortName: row.shortName,
        field: row.field,
        level: row.level,
        documents: row.documents,
        feeVnd: row.feeVnd,
        feeText: row.feeText,
        legalDays: row.legalDays,
        whereToFile: row.whereToFile,
      },
      200,
    );
  });
