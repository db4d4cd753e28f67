import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { and, eq, sql } from "drizzle-orm";
import { agencies, departments, officers, procedures, provinces, STAFF_PERMISSIONS, STAFF_ROLES } from "../../db/schema";
import { agencyBelongsTo, agencyUnitCode } from "../../domain/agency-province";
import { foldVietnamese } from "../../domain/text";
import type { AppEnv, Db } from "../../env";
import { ApiError } from "../../errors";
import { errorResponse, idParam, jsonBody, jsonContent } from "../../schemas/common";
import { AgencySchema, ProcedureDocumentSchema, ProcedureSchema } from "../../schemas/reference";
import { validationHook } from "../../validation";

const tags = ["Integration"];
const optionalText = (max: number) => z.string().trim().max(max).nullish();
const now = () => new Date().toISOString();
const writeResponses = <T extends z.ZodType>(schema: T, what: string) => ({
  200: jsonContent(schema, `The ${what} as stored`),
  400: errorResponse("Invalid body"),
  401: errorResponse("Missing or wrong signature"),
  403: errorResponse("Belongs to another province (for an agency: its identifier carries another province's unit code)"),
  422: errorResponse("Refers to something unknown"),
});

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const OpeningHoursBody = z
  .object({
    days: z
      .array(z.number().int().min(1).max(7))
      .min(1)
      .max(7)
      .refine((days) => new Set(days).size === days.length, { message: "each weekday at most once" })
      .openapi({ description: "ISO weekdays: 1 Monday … 7 Sunday", example: [1, 2, 3, 4, 5] }),
    opens: z.string().regex(HHMM, { message: "must be HH:mm" }).openapi({ example: "07:00" }),
    closes: z.string().regex(HHMM, { message: "must be HH:mm" }).openapi({ example: "11:30" }),
  })
  .refine((h) => h.opens < h.closes, { message: "closes must be after opens", path: ["closes"] });
const CollectionAccountBody = z
  .object({
    bankBin: z
      .string()
      .regex(/^\d{6}$/, { message: "must be the bank's 6-digit NAPAS BIN" })
      .openapi({ example: "970415" }),
    bankName: z.string().trim().min(1).max(100).openapi({ example: "VietinBank" }),
    accountNumber: z
      .string()
      .regex(/^[0-9A-Za-z]{1,19}$/, { message: "1–19 letters or digits, no spaces" })
      .openapi({ example: "113000123456" }),
    accountName: z.string().trim().min(1).max(100).openapi({ example: "TRUNG TAM PHUC VU HANH CHINH CONG TINH THANH HOA" }),
  })
  .openapi({ description: "The account that collects this desk's fees: citizens are shown a VietQR to transfer to it" });

const AgencyBody = z
  .object({
    name: z.string().trim().min(1).max(300),
    shortName: optionalText(100),
    level: z.enum(["province", "commune", "department", "other"]).default("province"),
    address: optionalText(300),
    phone: optionalText(30),
    openingHours: z.array(OpeningHoursBody).max(21).nullish().openapi({ description: "Weekly opening periods, Vietnam time" }),
    hoursNote: optionalText(300),
    latitude: z.number().min(-90).max(90).nullish().openapi({ description: "WGS 84, with longitude", example: 19.8075 }),
    longitude: z.number().min(-180).max(180).nullish().openapi({ description: "WGS 84, with latitude", example: 105.7764 }),
    collectionAccount: CollectionAccountBody.nullish(),
  })
  .refine((a) => (a.latitude == null) === (a.longitude == null), { message: "latitude and longitude go together", path: ["longitude"] });
const DepartmentBody = z.object({ agencyId: z.string().trim().min(1).max(64), name: z.string().trim().min(1).max(300) });
const DepartmentSchema = DepartmentBody.extend({ id: z.string() }).openapi("Department");
const OfficerBody = z.object({
  displayName: z.string().trim().min(1).max(200).openapi({ description: "Public-facing name, as citizens see it" }),
  title: optionalText(200),
  departmentId: z.string().trim().min(1).max(64).nullish(),
  role: z.enum(STAFF_ROLES).optional().openapi({ description: "What the officer may do in the staff area once linked (default officer)" }),
  permissions: z
    .array(z.enum(STAFF_PERMISSIONS))
    .max(STAFF_PERMISSIONS.length)
    .optional()
    .openapi({ description: "Rights given by name (communications: writing the province's news); left as they are when absent" }),
});
const OfficerSchema = z
  .object({
    id: z.string(),
    displayName: z.string(),
    title: z.string().nullable(),
    departmentId: z.string().nullable(),
    role: z.enum(STAFF_ROLES),
    permissions: z.array(z.enum(STAFF_PERMISSIONS)).optional(),
  })
  .openapi("Officer");
const ProcedureBody = z.object({
  name: z.string().trim().min(1).max(500),
  shortName: optionalText(80).openapi({ description: "What people call it, for Zalo messages and small screens", example: "Đăng ký kết hôn" }),
  field: z.string().trim().min(1).max(200),
  level: optionalText(50),
  documents: z.array(ProcedureDocumentSchema).max(100),
  feeVnd: z.number().int().min(0).nullish(),
  feeText: optionalText(500),
  legalDays: z.number().int().min(0).max(3650),
  whereToFile: z.string().trim().min(1).max(2000),
});

const putAgency = createRoute({
  method: "put",
  path: "/v1/integration/agencies/{agencyId}",
  tags,
  summary: "Create or update a receiving agency (by national identifier)",
  request: { params: idParam("agencyId", "000.00.06.H56"), body: jsonBody(AgencyBody) },
  responses: writeResponses(AgencySchema, "agency"),
});
const putDepartment = createRoute({
  method: "put",
  path: "/v1/integration/departments/{departmentId}",
  tags,
  summary: "Create or update a department",
  request: { params: idParam("departmentId", "TP-HT"), body: jsonBody(DepartmentBody) },
  responses: writeResponses(DepartmentSchema, "department"),
});
const putOfficer = createRoute({
  method: "put",
  path: "/v1/integration/officers/{officerId}",
  tags,
  summary: "Create or update an officer's public-facing name and title",
  request: { params: idParam("officerId", "cb-0042"), body: jsonBody(OfficerBody) },
  responses: writeResponses(OfficerSchema, "officer"),
});
const putProcedure = createRoute({
  method: "put",
  path: "/v1/integration/procedures/{procedureCode}",
  tags,
  summary: "Create or update a procedure",
  request: { params: idParam("procedureCode", "1.000894"), body: jsonBody(ProcedureBody) },
  responses: writeResponses(ProcedureSchema, "procedure"),
});

/**
 * An agency identifier that carries a province's unit code (H56 in 000.00.06.H56) may be registered only by that
 * province: otherwise a province could claim another's agencies, and so its dossier codes, before their owner does.
 */
async function requireOwnUnit(db: Db, agencyId: string, provinceId: string) {
  const [province] = await db.select({ agencyCode: provinces.agencyCode }).from(provinces).where(eq(provinces.id, provinceId));
  if (agencyBelongsTo(agencyId, province?.agencyCode ?? null)) return;
  const unit = agencyUnitCode(agencyId);
  const detail = province?.agencyCode
    ? `agency ${agencyId} carries unit code ${unit}; this province's agencies carry ${province.agencyCode}`
    : `agency ${agencyId} carries unit code ${unit}, and this province has no unit code set: the operator sets it (agencyCode) before its agencies are registered`;
  throw new ApiError(403, "forbidden", `agency ${agencyId} belongs to another province`, "agencyId", detail);
}

/** An agency may be referred to only by its own province's clients. */
async function requireOwnAgency(db: Db, agencyId: string, provinceId: string, field: string) {
  const [agency] = await db.select({ provinceId: agencies.provinceId }).from(agencies).where(eq(agencies.id, agencyId));
  if (!agency) throw new ApiError(422, "unknown_agency", `agency ${agencyId} is not known: PUT it first`, field);
  if (agency.provinceId !== provinceId) throw new ApiError(403, "forbidden", `agency ${agencyId} belongs to another province`, field);
}

export const referenceRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(putAgency, async (c) => {
    const { agencyId } = c.req.valid("param");
    const body = c.req.valid("json");
    const { provinceId } = c.var.integrationClient;
    await requireOwnUnit(c.var.db, agencyId, provinceId);
    const values = {
      name: body.name,
      shortName: body.shortName ?? null,
      level: body.level,
      address: body.address ?? null,
      phone: body.phone ?? null,
      openingHours: body.openingHours ?? null,
      hoursNote: body.hoursNote ?? null,
      latitude: body.latitude ?? null,
      longitude: body.longitude ?? null,
      collectionAccount: body.collectionAccount ?? null,
    };
    // The upsert only touches a row of the caller's own province; a row of another province is left as it is.
    const [stored] = await c.var.db
      .insert(agencies)
      .values({ id: agencyId, provinceId, ...values })
      .onConflictDoUpdate({ target: agencies.id, set: { ...values, updatedAt: now() }, setWhere: sql`${agencies.provinceId} = ${provinceId}` })
      .returning();
    if (!stored) throw new ApiError(403, "forbidden", `agency ${agencyId} belongs to another province`);
    return c.json({ id: stored.id, ...values }, 200);
  })
  .openapi(putDepartment, async (c) => {
    const { departmentId } = c.req.valid("param");
    const body = c.req.valid("json");
    const { provinceId } = c.var.integrationClient;
    await requireOwnAgency(c.var.db, body.agencyId, provinceId, "agencyId");
    await c.var.db
      .insert(departments)
      .values({ provinceId, id: departmentId, ...body })
      .onConflictDoUpdate({ target: [departments.provinceId, departments.id], set: { ...body, updatedAt: now() } });
    return c.json({ id: departmentId, ...body }, 200);
  })
  .openapi(putOfficer, async (c) => {
    const { officerId } = c.req.valid("param");
    const body = c.req.valid("json");
    const { provinceId } = c.var.integrationClient;
    const values = { displayName: body.displayName, title: body.title ?? null, departmentId: body.departmentId ?? null, role: body.role ?? "officer" };
    if (values.departmentId) {
      const [department] = await c.var.db
        .select({ id: departments.id })
        .from(departments)
        .where(and(eq(departments.provinceId, provinceId), eq(departments.id, values.departmentId)));
      if (!department) throw new ApiError(422, "unknown_department", `department ${values.departmentId} is not known: PUT it first`, "departmentId");
    }
    const permissions = body.permissions === undefined ? {} : { permissions: [...new Set(body.permissions)] };
    const [stored] = await c.var.db
      .insert(officers)
      .values({ provinceId, id: officerId, ...values, ...permissions })
      .onConflictDoUpdate({ target: [officers.provinceId, officers.id], set: { ...values, ...permissions, updatedAt: now() } })
      .returning({ permissions: officers.permissions });
    return c.json({ id: officerId, ...values, permissions: stored?.permissions ?? [] }, 200);
  })
  .openapi(putProcedure, async (c) => {
    const { procedureCode } = c.req.valid("param");
    const body = c.req.valid("json");
    const { provinceId } = c.var.integrationClient;
    const values = {
      name: body.name,
      shortName: body.shortName ?? null,
      field: body.field,
      level: body.level ?? null,
      documents: body.documents,
      feeVnd: body.feeVnd ?? null,
      feeText: body.feeText ?? null,
      legalDays: body.legalDays,
      whereToFile: body.whereToFile,
      searchText: foldVietnamese(`${procedureCode} ${body.name} ${body.shortName ?? ""} ${body.field}`),
    };
    await c.var.db
      .insert(procedures)
      .values({ provinceId, code: procedureCode, ...values })
      .onConflictDoUpdate({ target: [procedures.provinceId, procedures.code], set: { ...values, updatedAt: now() } });
    const { searchText: _searchText, ...procedure } = values;
    return c.json({ code: procedureCode, ...procedure }, 200);
  });
