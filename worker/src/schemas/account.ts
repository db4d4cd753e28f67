import { z } from "@hono/zod-openapi";
import { ZaloAccessToken } from "../security/zalo-token";
import { CONSENT_CHANNELS, DELIVERY_STATUSES, STAFF_ROLES } from "../db/schema";
import { MESSAGE_KINDS } from "../domain/notifications";
import { PublicDossierSchema } from "./dossier";

export const ConsentChannelParam = z.object({
  channel: z
    .enum(CONSENT_CHANNELS, { error: "Kênh nhận tin không hợp lệ (miniapp hoặc zns)." })
    .openapi({ param: { name: "channel", in: "path" }, example: "miniapp" }),
});

export const ConsentSchema = z
  .object({
    channel: z.enum(CONSENT_CHANNELS),
    purpose: z.string().openapi({ example: "dossier_updates" }),
    wording: z.string().openapi({ description: "The words the citizen agreed to" }),
    grantedAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("Consent");

export const StaffProfileSchema = z
  .object({
    provinceId: z.string(),
    officerId: z.string(),
    displayName: z.string(),
    title: z.string().nullable(),
    role: z.enum(STAFF_ROLES),
    permissions: z.array(z.enum(["communications", "alerts"])).openapi({
      description: "Effective rights: province admins hold communications and alerts; others what was given by name",
    }),
    department: z.object({ id: z.string(), name: z.string().nullable(), agencyId: z.string().nullable() }).nullable(),
    linkedAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("StaffProfile");

export const MeSchema = z
  .object({
    provinceId: z.string(),
    consents: z.object({ miniapp: ConsentSchema.nullable(), zns: ConsentSchema.nullable() }),
    phoneShared: z.boolean().openapi({ description: "A phone number is kept (encrypted) for ZNS messages" }),
    followedDossiers: z.number().int(),
    unreadMessages: z.number().int(),
    staff: StaffProfileSchema.nullable().openapi({ description: "Present when this Zalo account is linked to an officer" }),
  })
  .openapi("Me");

export const ConsentBody = z.object({
  purpose: z.enum(["dossier_updates"]).default("dossier_updates").openapi({ description: "What the messages are for" }),
  wording: z
    .string({ error: "Thiếu nội dung đồng ý." })
    .trim()
    .min(10, { message: "Nội dung đồng ý quá ngắn." })
    .max(1000, { message: "Nội dung đồng ý quá dài." })
    .openapi({ description: "The exact text shown when asking" }),
  accessToken: ZaloAccessToken.optional().openapi({ description: "zns only: the citizen's Zalo access token" }),
  phoneToken: z
    .string()
    .min(4, { message: "Mã số điện thoại từ Zalo không hợp lệ." })
    .max(2048, { message: "Mã số điện thoại từ Zalo không hợp lệ." })
    .regex(/^[A-Za-z0-9._~+/=-]+$/, { message: "Mã số điện thoại từ Zalo không hợp lệ." })
    .optional()
    .openapi({ description: "zns only: getPhoneNumber's one-time token (characters as in accessToken)" }),
});

export const FollowBody = z.object({
  code: z
    .string({ error: "Thiếu mã hồ sơ." })
    .trim()
    .regex(/^[0-9A-Za-z][0-9A-Za-z.\-_/]{3,63}$/, { message: "Mã hồ sơ không đúng định dạng." }),
  t: z
    .string({ error: "Cần quét mã QR trên giấy hẹn hoặc nhập 4 số cuối CCCD trước khi theo dõi hồ sơ." })
    .min(8, { message: "Mã xác thực không hợp lệ." })
    .max(64, { message: "Mã xác thực không hợp lệ." })
    .openapi({ description: "Proof of ownership: the slip token (QR) or a view token from unlock" }),
});

export const FollowedDossierSchema = PublicDossierSchema.omit({ view: true })
  .extend({
    followedAt: z.string().openapi({ format: "date-time" }),
    procedure: z.object({ code: z.string(), name: z.string().nullable() }),
  })
  .openapi("FollowedDossier");

export const InboxMessageSchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(MESSAGE_KINDS),
    dossierCode: z.string(),
    title: z.string(),
    body: z.string(),
    buttonText: z.string(),
    path: z.string().openapi({ description: "Mini app path that opens the dossier" }),
    createdAt: z.string().openapi({ format: "date-time" }),
    readAt: z.string().nullable(),
    delivery: z.object({
      channel: z.string().openapi({ description: "miniapp, zns, or inbox (only here)" }),
      status: z.enum(DELIVERY_STATUSES),
      sentAt: z.string().nullable(),
      lastError: z.string().nullable(),
    }),
  })
  .openapi("InboxMessage");
