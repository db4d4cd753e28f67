import { z } from "@hono/zod-openapi";

export const ProvinceSummarySchema = z
  .object({
    id: z.string().openapi({ example: "thanh-hoa" }),
    name: z.string().openapi({ example: "Tỉnh Thanh Hóa" }),
    shortName: z.string().openapi({ example: "Thanh Hóa" }),
    channelName: z.string().openapi({ example: "Dịch vụ công Thanh Hóa" }),
    primaryColor: z.string().openapi({ example: "#b3261e", description: "The province's colour: a list of provinces can show each in its own" }),
    accentColor: z.string().openapi({ example: "#f4b400" }),
  })
  .openapi("ProvinceSummary");

export const ProvinceSchema = ProvinceSummarySchema.extend({
  logoUrl: z.string().nullable(),
  hotline: z.string().nullable().openapi({ example: "1900 1234" }),
  zaloOaId: z.string().nullable(),
  miniAppId: z.string(),
  dataRetentionMonths: z.number().int().openapi({
    description: "Months a returned or closed dossier keeps its applicant's personal data before it is removed (status and dates stay)",
    example: 12,
  }),
}).openapi("Province");

export const OpeningHoursSchema = z
  .object({
    days: z
      .array(z.number().int().min(1).max(7))
      .min(1)
      .max(7)
      .openapi({ description: "ISO weekdays: 1 Monday … 7 Sunday", example: [1, 2, 3, 4, 5] }),
    opens: z.string().openapi({ description: "HH:mm, Asia/Ho_Chi_Minh", example: "07:00" }),
    closes: z.string().openapi({ description: "HH:mm, Asia/Ho_Chi_Minh", example: "11:30" }),
  })
  .openapi("OpeningHours");

/** Where a desk is and when it is open: what a citizen sent somewhere needs to get there. */
export const AgencyPlaceSchema = z
  .object({
    id: z.string().openapi({ example: "000.00.06.H56", description: "National electronic-document identifier" }),
    name: z.string(),
    shortName: z.string().nullable(),
    address: z.string().nullable(),
    phone: z.string().nullable(),
    openingHours: z.array(OpeningHoursSchema).nullable().openapi({ description: "Weekly opening periods; null when not given" }),
    hoursNote: z.string().nullable().openapi({ example: "Nghỉ các ngày lễ, Tết theo quy định" }),
    latitude: z.number().nullable().openapi({ example: 19.8075 }),
    longitude: z.number().nullable().openapi({ example: 105.7764 }),
  })
  .openapi("AgencyPlace");
export type AgencyPlace = z.infer<typeof AgencyPlaceSchema>;

export const AgencySchema = AgencyPlaceSchema.extend({
  level: z.string().openapi({ example: "province" }),
}).openapi("Agency");

export const ProcedureDocumentSchema = z
  .object({ name: z.string().min(1).max(500), copies: z.string().max(100).optional(), note: z.string().max(500).optional() })
  .openapi("ProcedureDocument");

export const ProcedureSummarySchema = z
  .object({
    code: z.string().openapi({ example: "1.000894" }),
    name: z.string().openapi({ example: "Đăng ký kết hôn" }),
    shortName: z.string().nullable().openapi({ description: "What people call it, for messages and small screens" }),
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
