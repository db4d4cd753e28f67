import { z } from "@hono/zod-openapi";
import { MEETING_ANSWERS, STAFF_NOTICE_KINDS, STAFF_ROLES } from "../db/schema";
import { Instant, idParam } from "./common";
import { StaffProfileSchema } from "./account";

const text = (max: number) => z.string().trim().min(1).max(max);
const httpsUrl = z.url({ protocol: /^https$/, message: "must be an https URL" }).max(2000);
const ids = (max: number, example: string) =>
  z
    .array(
      z
        .string()
        .trim()
        .min(1)
        .max(64)
        .regex(/^[0-9A-Za-z][0-9A-Za-z.\-_]*$/, { message: "letters, digits, '.', '-' and '_' only" }),
    )
    .max(max)
    .optional()
    .openapi({ example: [example] });

export const StaffNoticeRecipientsSchema = z
  .object({
    officerIds: ids(1000, "cb-0042"),
    departmentIds: ids(200, "tp-000.00.06.H56"),
    roles: z
      .array(z.enum(STAFF_ROLES))
      .max(3)
      .optional()
      .openapi({ example: ["province_admin"] }),
  })
  .refine((r) => (r.officerIds?.length ?? 0) + (r.departmentIds?.length ?? 0) + (r.roles?.length ?? 0) > 0, {
    message: "name at least one officer, department or role",
  })
  .openapi("StaffNoticeRecipients", {
    description: "Officers of the client's province: the union of those named, those of the departments, those of the roles",
  });

export const StaffNoticeBody = z
  .object({
    kind: z.enum(STAFF_NOTICE_KINDS),
    title: text(300).openapi({ example: "Kế hoạch cải cách hành chính năm 2027" }),
    summary: text(2000).optional(),
    documentNumber: text(60).optional().openapi({ description: "Số và ký hiệu", example: "125/QĐ-UBND" }),
    issuer: text(300).optional().openapi({ example: "UBND tỉnh Thanh Hóa" }),
    deadline: Instant.optional().openapi({ description: "Documents: process by this time" }),
    startsAt: Instant.optional().openapi({ description: "Meetings: required" }),
    endsAt: Instant.optional().openapi({ description: "Meetings: required, after startsAt" }),
    place: text(300).optional().openapi({ example: "Phòng họp số 2, tầng 3" }),
    onlineLink: httpsUrl.optional(),
    agenda: text(4000).optional(),
    chair: text(200).optional().openapi({ description: "Who chairs", example: "Giám đốc Trung tâm" }),
    link: httpsUrl.optional().openapi({ description: "Into the document system (https)" }),
    cancelled: z.literal(true).optional().openapi({ description: "The meeting (or document) is withdrawn" }),
    recipients: StaffNoticeRecipientsSchema,
  })
  .superRefine((b, ctx) => {
    if (b.kind !== "meeting") return;
    if (!b.startsAt) ctx.addIssue({ code: "custom", path: ["startsAt"], message: "a meeting needs startsAt" });
    if (!b.endsAt) ctx.addIssue({ code: "custom", path: ["endsAt"], message: "a meeting needs endsAt" });
    if (b.startsAt && b.endsAt && Date.parse(b.endsAt) <= Date.parse(b.startsAt)) {
      ctx.addIssue({ code: "custom", path: ["endsAt"], message: "endsAt must be after startsAt" });
    }
  })
  .openapi("StaffNoticeBody");
export type StaffNoticeInput = z.infer<typeof StaffNoticeBody>;

export const StaffNoticeIdParam = idParam("noticeId", "vb-2026-00125");

export const StaffNoticePutResult = z
  .object({
    id: z.string(),
    kind: z.enum(STAFF_NOTICE_KINDS),
    outcome: z
      .enum(["created", "updated", "duplicate"])
      .openapi({ description: "duplicate: the same notice was received before; nothing changed, nobody messaged" }),
    recipients: z.array(z.string()).openapi({ description: "Every officer the notice is for (added by each PUT, never removed)" }),
    unreachable: z.array(z.string()).openapi({ description: "Recipients with no linked Zalo account: not messaged; they see it once they link" }),
  })
  .openapi("StaffNoticePutResult");

const nullableText = z.string().nullable();
const noticeFields = {
  id: z.string(),
  kind: z.enum(STAFF_NOTICE_KINDS),
  title: z.string(),
  summary: nullableText,
  documentNumber: nullableText,
  issuer: nullableText,
  deadline: nullableText.openapi({ format: "date-time" }),
  startsAt: nullableText.openapi({ format: "date-time" }),
  endsAt: nullableText.openapi({ format: "date-time" }),
  place: nullableText,
  onlineLink: nullableText,
  agenda: nullableText,
  chair: nullableText,
  link: nullableText,
  cancelled: z.boolean(),
  changed: z.boolean().openapi({ description: "The meeting was moved or cancelled since it was first sent" }),
};

export const StaffNoticeResponseSchema = z
  .object({
    officerId: z.string(),
    acknowledgedAt: z.string().optional(),
    answer: z.enum(MEETING_ANSWERS).optional(),
    reason: z.string().optional(),
    answeredAt: z.string().optional(),
  })
  .openapi("StaffNoticeResponse");

export const IntegrationStaffNoticeSchema = z
  .object({
    ...noticeFields,
    recipientsRequested: z.object({
      officerIds: z.array(z.string()).optional(),
      departmentIds: z.array(z.string()).optional(),
      roles: z.array(z.string()).optional(),
    }),
    createdAt: z.string(),
    updatedAt: z.string(),
    changedAt: nullableText,
    responses: z.array(StaffNoticeResponseSchema).openapi({ description: "One per recipient: who acknowledged, who answered the meeting" }),
    unreachable: z.array(z.string()).openapi({ description: "Recipients with no linked Zalo account now" }),
  })
  .openapi("IntegrationStaffNotice");

export const StaffNoticeSchema = z
  .object({
    ...noticeFields,
    receivedAt: z.string().openapi({ format: "date-time" }),
    acknowledgedAt: nullableText,
    answer: z.enum(MEETING_ANSWERS).nullable(),
    reason: nullableText,
    open: z
      .boolean()
      .openapi({ description: "Still waiting for the officer: not acknowledged (documents), not answered and not started (meetings), not cancelled" }),
  })
  .openapi("StaffNotice");

export const StaffNoticeListQuery = z.object({
  state: z
    .enum(["open", "all"], { error: "Trạng thái không hợp lệ (open hoặc all)." })
    .default("open")
    .openapi({ param: { name: "state", in: "query" }, description: "open (default): what still waits for the officer; all: the last 200 too" }),
});

export const StaffNoticeAnswerBody = z
  .object({
    answer: z.enum(MEETING_ANSWERS, { error: "Vui lòng chọn tham dự hoặc vắng." }),
    reason: z.string({ error: "Lý do không hợp lệ." }).trim().max(500, { message: "Lý do tối đa 500 ký tự." }).optional(),
  })
  .superRefine((b, ctx) => {
    if (b.answer === "absent" && !b.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: "Vui lòng ghi lý do vắng." });
  });

export const StaffMeSchema = StaffProfileSchema.extend({
  openNotices: z.number().int().openapi({ description: "Notices still waiting for the officer (the staff home's badge)" }),
}).openapi("StaffMe");
