/** Communes, the citizen's choice of communes, the province's news and the staff's permissions: shapes and checks. */
import { z } from "@hono/zod-openapi";
import { COMMUNE_PURPOSES, NEWS_CATEGORIES, STAFF_PERMISSIONS, STAFF_ROLES } from "../db/schema";
import { NEWS_LIMITS, NEWS_PAGE } from "../domain/news";
import { Instant, ProvinceIdParam } from "./common";

export const MAX_CHOSEN_COMMUNES = 5;

const communeCode = z
  .string({ error: "Thiếu mã xã, phường." })
  .regex(/^\d{5}$/, { message: "Mã xã, phường gồm 5 chữ số (mã đơn vị hành chính quốc gia)." })
  .openapi({ example: "15853", description: "The national administrative-unit code (5 digits)" });

export const CommuneSchema = z
  .object({ code: z.string().openapi({ example: "15853" }), name: z.string().openapi({ example: "Phường Hạc Thành" }) })
  .openapi("Commune");
export const CommuneCodeParam = z.object({ code: communeCode.openapi({ param: { name: "code", in: "path" } }) });
export const CommuneBody = z.object({ name: z.string().trim().min(1).max(100).openapi({ example: "Phường Hạc Thành" }) });

export const ChosenCommuneSchema = CommuneSchema.extend({ purpose: z.enum(COMMUNE_PURPOSES) }).openapi("ChosenCommune");
export const MyCommunesSchema = z.object({ communes: z.array(ChosenCommuneSchema) }).openapi("MyCommunes");
export const MyCommunesBody = z.object({
  communes: z
    .array(
      z.object({
        code: communeCode,
        purpose: z
          .enum(COMMUNE_PURPOSES, { error: "Vui lòng chọn lý do: nơi ở, nơi làm việc, nơi gia đình ở hoặc khác." })
          .openapi({ description: "home: where I live; work: where I work or farm; family: where my family lives; other" }),
      }),
    )
    .max(MAX_CHOSEN_COMMUNES, { message: `Ông/bà chỉ chọn được tối đa ${MAX_CHOSEN_COMMUNES} xã, phường.` })
    .openapi({ description: `0–${MAX_CHOSEN_COMMUNES} communes of the session's province; replaces the choice` }),
});

const category = z.enum(NEWS_CATEGORIES, { error: "Chuyên mục phải là chinh-sach, thong-bao hoặc huong-dan." }).openapi({
  description: "chinh-sach: policy; thong-bao: announcement; huong-dan: how-to",
});

export const NewsIdParam = z.object({
  newsId: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[0-9A-Za-z][0-9A-Za-z.\-_]*$/, { message: "Mã tin không hợp lệ." })
    .openapi({ param: { name: "newsId", in: "path" }, example: "tin-2026-0042" }),
});
export const ProvinceNewsParam = ProvinceIdParam.merge(NewsIdParam);

/** What a news post is written with, by staff or by the province's portal. */
export const NewsBody = z.object({
  title: z
    .string({ error: "Vui lòng nhập tiêu đề." })
    .trim()
    .min(1, { message: "Vui lòng nhập tiêu đề." })
    .max(NEWS_LIMITS.title.max, { message: `Tiêu đề tối đa ${NEWS_LIMITS.title.max} ký tự.` }),
  summary: z
    .string({ error: "Vui lòng nhập tóm tắt." })
    .trim()
    .min(1, { message: "Vui lòng nhập tóm tắt." })
    .max(NEWS_LIMITS.summary.max, { message: `Tóm tắt tối đa ${NEWS_LIMITS.summary.max} ký tự.` }),
  body: z
    .string({ error: "Vui lòng nhập nội dung." })
    .trim()
    .min(1, { message: "Vui lòng nhập nội dung." })
    .max(NEWS_LIMITS.body.max, { message: `Nội dung tối đa ${NEWS_LIMITS.body.max} ký tự.` })
    .openapi({ description: "Plain text: paragraphs separated by blank lines, links as bare https URLs. HTML is shown as text, never rendered." }),
  category,
  publishedAt: Instant.optional().openapi({ description: "When it appears (default now); a future time schedules it and its message" }),
  notify: z.boolean().optional().openapi({ description: "Message subscribers when first published (default true)" }),
});

const NewsFields = {
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  category: z.enum(NEWS_CATEGORIES),
  publishedAt: z.string().openapi({ format: "date-time" }),
  coverUrl: z.string().nullable().openapi({ description: "The cover image (public), or null" }),
};
export const NewsSummarySchema = z.object(NewsFields).openapi("NewsSummary");
export const NewsPageSchema = z
  .object({ news: z.array(NewsSummarySchema), next: z.string().nullable().openapi({ description: "Cursor of the next page, null on the last" }) })
  .openapi("NewsPage");
export const NewsItemSchema = z
  .object({
    ...NewsFields,
    body: z.string(),
    paragraphs: z.array(z.object({ text: z.string(), links: z.array(z.object({ text: z.string(), url: z.string() })) })).openapi({
      description: "The body split on blank lines, with its bare https URLs as links: render as text, never as HTML",
    }),
  })
  .openapi("NewsItem");
export const NewsFeedQuery = z.object({
  cursor: z.string().max(200, { message: "Con trỏ trang không hợp lệ." }).optional().openapi({ description: "`next` of the previous page" }),
  limit: z.coerce
    .number({ error: `Số tin mỗi trang từ 1 đến ${NEWS_PAGE.max}.` })
    .int({ message: `Số tin mỗi trang từ 1 đến ${NEWS_PAGE.max}.` })
    .min(1, { message: `Số tin mỗi trang từ 1 đến ${NEWS_PAGE.max}.` })
    .max(NEWS_PAGE.max, { message: `Số tin mỗi trang từ 1 đến ${NEWS_PAGE.max}.` })
    .optional()
    .openapi({ description: `1–${NEWS_PAGE.max}, default ${NEWS_PAGE.default}` }),
});

/** A post as its writers see it: scheduled and unpublished ones too. */
export const StaffNewsSchema = z
  .object({
    ...NewsFields,
    body: z.string(),
    notify: z.boolean(),
    state: z.enum(["published", "scheduled", "unpublished"]),
    unpublishedAt: z.string().nullable(),
    source: z.enum(["staff", "integration"]),
    author: z.string(),
    updatedAt: z.string(),
  })
  .openapi("StaffNews");

/** The integration's answer to a news upsert: the post and whether this call published it (and messaged). */
export const IntegrationNewsSchema = StaffNewsSchema.extend({
  outcome: z.enum(["created", "updated", "unchanged"]),
}).openapi("IntegrationNews");

export const StaffPermissionsBody = z.object({
  permissions: z
    .array(z.enum(STAFF_PERMISSIONS, { error: "Quyền không hợp lệ." }))
    .max(STAFF_PERMISSIONS.length)
    .openapi({ description: "Rights given by name (replaces them); province admins hold every right by their role", example: ["communications"] }),
});
export const StaffOfficerSchema = z
  .object({
    id: z.string(),
    displayName: z.string(),
    title: z.string().nullable(),
    role: z.enum(STAFF_ROLES),
    departmentId: z.string().nullable(),
    permissions: z.array(z.enum(STAFF_PERMISSIONS)).openapi({ description: "Given by name" }),
    effectivePermissions: z.array(z.string()).openapi({ description: "What the officer may do: with the role's own rights" }),
    linked: z.boolean().openapi({ description: "A Zalo account is linked to this officer" }),
  })
  .openapi("StaffOfficer");
