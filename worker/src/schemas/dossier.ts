import { z } from "@hono/zod-openapi";
import { AgencyPlaceSchema } from "./reference";

const StatusSchema = z
  .object({ code: z.number().int().min(1).max(10).openapi({ example: 4 }), label: z.string().openapi({ example: "Đang xử lý" }) })
  .openapi("DossierStatus");

export const PublicDossierSchema = z
  .object({
    view: z.literal("public"),
    code: z.string().openapi({ example: "000.00.06.H56-261120-0007" }),
    provinceId: z.string(),
    status: StatusSchema,
    agency: AgencyPlaceSchema.openapi({ description: "The receiving agency: where the dossier was filed and its result is picked up" }),
    receivedAt: z.string().openapi({ format: "date-time" }),
    dueAt: z.string().openapi({ format: "date-time" }),
    completedAt: z.string().nullable().openapi({ description: "When the result became ready (status 9), if it has" }),
    returnedAt: z.string().nullable(),
    changedAt: z.string().openapi({ format: "date-time", description: "When the dossier last changed (its latest event)" }),
    overdue: z.boolean().openapi({ description: "Due date (Asia/Ho_Chi_Minh) passed while the dossier is still open" }),
    overdueDays: z.number().int().openapi({ description: "Calendar days past the due date while open, else 0" }),
    earlyDays: z.number().int().nullable().openapi({ description: "Once done: days before (positive) or after (negative) the due date; null while open" }),
    mustAct: z.boolean().openapi({ description: "The citizen has to do something (status 5 or 6)" }),
    personalDataRemovedAt: z.string().nullable().openapi({
      format: "date-time",
      description:
        "When the data lifecycle removed the applicant's personal data (the province's retention after the dossier was returned or closed); null while it is held. Status and dates stay; the owner view then has an empty applicant name and no notes",
    }),
    personalDataNotice: z.string().nullable().openapi({
      description: "What to tell the citizen about that removal, in Vietnamese; null while the personal data is held",
      example:
        "Thông tin cá nhân của hồ sơ này đã được xóa theo quy định lưu trữ sau 12 tháng kể từ khi trả kết quả. Trạng thái và các mốc thời gian của hồ sơ vẫn được giữ.",
    }),
  })
  .openapi("PublicDossier");

const TimelineEntrySchema = z
  .object({
    type: z.string().openapi({ example: "dossier.due_changed" }),
    at: z.string().openapi({ format: "date-time" }),
    status: StatusSchema.optional(),
    note: z.string().optional().openapi({ description: "Officer's note, reason, or the apology text for a due change" }),
    documents: z.array(z.string()).optional(),
    deadline: z.string().optional(),
    amountVnd: z.number().int().optional(),
    previousDueAt: z.string().optional(),
    dueAt: z.string().optional(),
    departmentName: z.string().optional(),
    officerName: z.string().optional(),
  })
  .openapi("TimelineEntry");

export const OwnerDossierSchema = PublicDossierSchema.extend({
  view: z.literal("owner"),
  procedure: z.object({
    code: z.string(),
    name: z.string().nullable(),
    shortName: z.string().nullable(),
    legalDays: z.number().int().nullable(),
  }),
  applicant: z.object({ name: z.string() }),
  statusNote: z.string().nullable(),
  department: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
  officer: z.object({ id: z.string(), name: z.string().nullable(), title: z.string().nullable() }).nullable(),
  missingDocuments: z
    .object({ documents: z.array(z.string()), deadline: z.string().nullable() })
    .nullable()
    .openapi({ description: "Present while a supplement is requested (status 5)" }),
  fee: z
    .object({
      amountVnd: z.number().int(),
      note: z.string().nullable(),
      due: z.boolean(),
      deadline: z.string().nullable().openapi({ format: "date-time", description: "Pay by this time, while due" }),
      paymentUrl: z.string().nullable().openapi({ description: "The one-stop system's online payment page, while due" }),
      transfer: z
        .object({
          bankBin: z.string().openapi({ example: "970415" }),
          bankName: z.string(),
          accountNumber: z.string(),
          accountName: z.string(),
          amountVnd: z.number().int(),
          transferNote: z.string().openapi({ description: "What to write as the transfer's content: the dossier code" }),
          vietQr: z.string().openapi({ description: "The VietQR (NAPAS EMVCo) payload to draw as a QR code" }),
        })
        .nullable()
        .openapi({ description: "Paying by bank transfer, while due and when the agency has a collection account" }),
    })
    .nullable(),
  competentAgency: AgencyPlaceSchema.nullable().openapi({
    description: "A refused dossier (status 3) whose refusal names the competent agency: where to go instead",
  }),
  timeline: z.array(TimelineEntrySchema),
}).openapi("OwnerDossier");

export const UnlockedDossierSchema = z
  .object({
    dossier: OwnerDossierSchema,
    viewToken: z.string().openapi({ description: "Use as ?t= for 30 minutes" }),
    viewTokenExpiresAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("UnlockedDossier");

export type PublicDossier = z.infer<typeof PublicDossierSchema>;
export type OwnerDossier = z.infer<typeof OwnerDossierSchema>;
