import { z } from "@hono/zod-openapi";
import { CAP_CATEGORIES, CAP_CERTAINTIES, CAP_MSG_TYPES, CAP_RESPONSE_TYPES, CAP_SCOPES, CAP_SEVERITIES, CAP_STATUSES, CAP_URGENCIES } from "../domain/cap";
import { Instant } from "./common";

const CapValueSchema = z.object({ valueName: z.string(), value: z.string() });

const CapAreaSchema = z
  .object({
    areaDesc: z.string().openapi({ example: "Phường Hạc Thành" }),
    polygon: z.array(z.string()).optional().openapi({ description: '"lat,lon" pairs separated by spaces, closed, at least 4 points' }),
    circle: z.array(z.string()).optional(),
    geocode: z.array(CapValueSchema).openapi({
      description: 'At least one `{"valueName": "ma_xa", "value": "<commune code>"}` naming a commune of the province',
      example: [{ valueName: "ma_xa", value: "15853" }],
    }),
    altitude: z.string().optional(),
    ceiling: z.string().optional(),
  })
  .openapi("CapArea");

const CapInfoSchema = z
  .object({
    language: z.string().optional().openapi({ example: "vi-VN" }),
    category: z.array(z.enum(CAP_CATEGORIES)).min(1),
    event: z.string().openapi({ example: "Lũ quét" }),
    responseType: z.array(z.enum(CAP_RESPONSE_TYPES)).optional(),
    urgency: z.enum(CAP_URGENCIES),
    severity: z.enum(CAP_SEVERITIES),
    certainty: z.enum(CAP_CERTAINTIES),
    audience: z.string().optional(),
    eventCode: z.array(CapValueSchema).optional(),
    effective: Instant.optional(),
    onset: Instant.optional(),
    expires: Instant.optional(),
    senderName: z.string().optional(),
    headline: z.string().openapi({ example: "Nguy cơ lũ quét tại phường Hạc Thành đêm nay" }),
    description: z.string().optional(),
    instruction: z.string().optional().openapi({ example: "Không đi qua ngầm, tràn; di chuyển người già, trẻ nhỏ lên chỗ cao." }),
    web: z.string().optional(),
    contact: z.string().optional(),
    parameter: z.array(CapValueSchema).optional(),
    area: z.array(CapAreaSchema).min(1),
  })
  .openapi("CapInfo");

/** CAP 1.2's `<alert>` as JSON: the same elements, repeated ones as arrays. */
export const CapAlertSchema = z
  .object({
    identifier: z.string().openapi({ example: "TH-2026-0042" }),
    sender: z.string().openapi({ example: "pcttkcn@thanhhoa.gov.vn" }),
    sent: Instant,
    status: z.enum(CAP_STATUSES),
    msgType: z.enum(CAP_MSG_TYPES),
    source: z.string().optional(),
    scope: z.enum(CAP_SCOPES),
    note: z.string().optional(),
    references: z.string().optional().openapi({ description: "Required for Update and Cancel: `sender,identifier,sent`, space-separated for several" }),
    incidents: z.string().optional(),
    code: z.array(z.string()).optional(),
    info: z.array(CapInfoSchema).optional().openapi({ description: "At least one, except in a Cancel" }),
  })
  .openapi("CapAlert");

export const CapResultSchema = z
  .object({
    identifier: z.string(),
    outcome: z.enum(["applied", "duplicate"]),
    targeted: z.number().int().openapi({ description: "Citizens who chose one of the alert's communes (0 for a status other than Actual)" }),
  })
  .openapi("CapResult");

const AlertAreaSchema = z.object({ areaDesc: z.string(), communes: z.array(z.string()) });

export const AlertSchema = z
  .object({
    id: z.number().int().openapi({ description: "The message's row id: what the mini app's /alert?id= opens" }),
    identifier: z.string(),
    msgType: z.enum(CAP_MSG_TYPES),
    sent: z.string(),
    event: z.string(),
    urgency: z.string(),
    severity: z.string(),
    certainty: z.string(),
    headline: z.string(),
    description: z.string().nullable(),
    instruction: z.string().nullable(),
    effective: z.string(),
    expires: z.string().nullable(),
    areas: z.array(AlertAreaSchema),
    areaDesc: z.string().openapi({ description: "The areas' descriptions joined" }),
  })
  .openapi("Alert");

export const EndedAlertSchema = AlertSchema.extend({
  endedAt: z.string(),
  endReason: z.enum(["cancelled", "expired"]),
}).openapi("EndedAlert");

export const AlertListSchema = z
  .object({
    alerts: z.array(AlertSchema).openapi({ description: "Active alerts, most severe first, then newest" }),
    ended: z.array(EndedAlertSchema).openapi({ description: "Alerts cancelled or expired in the last 24 hours" }),
  })
  .openapi("AlertList");

export const AlertStateSchema = z.enum(["active", "cancelled", "expired"]);

export const AlertPageSchema = AlertSchema.extend({
  state: AlertStateSchema,
  note: z.string().nullable().openapi({ description: "The Cancel's note, when there is one" }),
}).openapi("AlertPage");

export const AlertIdParam = z.object({
  alertId: z.coerce
    .number({ error: "Mã cảnh báo không hợp lệ." })
    .int({ message: "Mã cảnh báo không hợp lệ." })
    .positive({ message: "Mã cảnh báo không hợp lệ." })
    .max(Number.MAX_SAFE_INTEGER, { message: "Mã cảnh báo không hợp lệ." })
    .openapi({ param: { name: "alertId", in: "path" }, example: 1 }),
});

export const AlertCommuneQuery = z.object({
  commune: z
    .string()
    .regex(/^\d{5}$/, { message: "Mã xã/phường gồm 5 chữ số." })
    .optional()
    .openapi({ description: "Only alerts for this commune", example: "15853" }),
});

const staffText = (max: number, label: string) =>
  z
    .string({ error: `Vui lòng nhập ${label}.` })
    .trim()
    .min(1, { message: `Vui lòng nhập ${label}.` })
    .max(max, { message: `${label[0]!.toUpperCase()}${label.slice(1)} dài quá ${max} ký tự.` });

/** What an admin writes in the staff area; the server makes the CAP message (sender, identifier, sent). */
export const StaffAlertBody = z
  .object({
    event: staffText(200, "loại sự kiện"),
    headline: staffText(200, "tiêu đề"),
    description: staffText(4000, "mô tả").optional(),
    instruction: staffText(4000, "hướng dẫn cho người dân"),
    severity: z.enum(CAP_SEVERITIES, { error: "Vui lòng chọn mức độ nghiêm trọng." }),
    urgency: z.enum(CAP_URGENCIES, { error: "Vui lòng chọn mức độ khẩn cấp." }),
    certainty: z.enum(CAP_CERTAINTIES, { error: "Vui lòng chọn mức độ chắc chắn." }),
    category: z.enum(CAP_CATEGORIES, { error: "Loại cảnh báo không hợp lệ." }).optional().openapi({ description: "CAP category; Other when not given" }),
    communes: z
      .array(z.string().regex(/^\d{5}$/, { message: "Mã xã/phường gồm 5 chữ số." }), { error: "Vui lòng chọn xã/phường nhận cảnh báo." })
      .min(1, { message: "Vui lòng chọn ít nhất một xã/phường." })
      .max(200, { message: "Chọn tối đa 200 xã/phường." }),
    areaDesc: staffText(500, "mô tả khu vực").optional().openapi({ description: "The communes' names joined when not given" }),
    expires: Instant.openapi({ description: "When the warning ends unless updated" }),
  })
  .openapi("StaffAlertInput");

export const StaffCancelBody = z.object({ note: staffText(1000, "ghi chú").optional() }).openapi("StaffAlertCancel");

export const StaffAlertResultSchema = CapResultSchema.extend({ id: z.number().int().openapi({ description: "The new message's row id" }) }).openapi(
  "StaffAlertResult",
);

const DeliveryCountsSchema = z.object({
  identifier: z.string(),
  msgType: z.enum(CAP_MSG_TYPES),
  sent: z.string(),
  targeted: z.number().int(),
  sentByZalo: z.number().int(),
  inAppOnly: z.number().int(),
  deferred: z.number().int(),
  failed: z.number().int(),
});

export const StaffAlertSchema = AlertPageSchema.extend({
  status: z.enum(CAP_STATUSES),
  author: z.string().openapi({ description: "An integration key id, or staff:<officerId>" }),
  broadcasts: z.array(DeliveryCountsSchema).openapi({ description: "Each message of the alert's thread with its delivery counts, oldest first" }),
}).openapi("StaffAlert");

export const StaffAlertListSchema = z.object({ alerts: z.array(StaffAlertSchema) }).openapi("StaffAlertList");
