import { z } from "@hono/zod-openapi";

export const ProvinceSummarySchema = z
  .object({
    id: z.string().openapi({ example: "thanh-hoa" }),
    name: z.string().openapi({ example: "Tỉnh Thanh Hóa" }),
    shortName: z.string().openapi({ example: "Thanh Hóa" }),
    channelName: z.string().openapi({ example: "Dịch vụ công Thanh Hóa" }),
  })
  .openapi("ProvinceSummary");

export const ProvinceSchema = ProvinceSummarySchema.extend({
  primaryColor: z.string().openapi({ example: "#b3261e" }),
  accentColor: z.string().openapi({ example: "#f4b400" }),
  logoUrl: z.string().nullable(),
  hotline: z.string().nullable().openapi({ example: "1900 1234" }),
  zaloOaId: z.string().nullable(),
  miniAppId: z.string(),
}).openapi("Province");

export const AgencySchema = z
  .object({
    id: z.string().openapi({ example: "000.00.06.H56", description: "National electronic-document identifier" }),
    name: z.string(),
    shortName: z.string().nullable(),
    level: z.string().openapi({ example: "province" }),
    address: z.string().nullable(),
    phone: z.string().nullable(),
  })
  .openapi("Agency");

export const ProcedureDocumentSchema = z
  .object({ name: z.string().min(1).max(500), copies: z.string().max(100).optional(), note: z.string().max(500).optional() })
  .openapi("ProcedureDocument");

export const ProcedureSummarySchema = z
  .object({
    code: z.string().openapi({ example: "1.000894" }),
    name: z.string().openapi({ example: "Đăng ký kết hôn" }),
    field: z.string().openapi({ example: "Hộ tịch" }),
    legalDays: z.number().int(),
    feeText: z.string().nullable(),
  })
  .openapi("ProcedureSummary");

export const ProcedureSchema = ProcedureSummarySchema.extend({
  level: z.string().nullable(),
  documents: z.array(ProcedureDocumentSchema),
  feeVnd: z.number().int().nullable(),
  whereToFile: z.string(),
}).openapi("Procedure");
