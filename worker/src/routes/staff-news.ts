/**
 * The staff's side of the province's news (officers with the `communications` permission: province admins by their
 * role, others given it by name) and of the permission itself (province admins of that province only).
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { NEWS_COVER_MAX_BYTES, NEWS_LIMITS } from "../domain/news";
import type { AppEnv } from "../env";
import { errorResponse, idParam, jsonBody, jsonContent } from "../schemas/common";
import { NewsBody, NewsIdParam, StaffNewsSchema, StaffOfficerSchema, StaffPermissionsBody } from "../schemas/news";
import { newsNotFound, staffNewsList, staffNewsView, unpublishNews, writeNews } from "../services/news";
import { uploadNewsCover } from "../services/news-cover";
import { requirePermission, requireStaff } from "../services/staff";
import { provinceOfficers, requireProvinceAdmin, setOfficerPermissions } from "../services/staff-permissions";
import { validationHook } from "../validation";

/**
 * The signed-in body limit (16 kB) is raised for two things only: a post's text (20,000 characters of Vietnamese
 * take up to 3 bytes each in UTF-8, with the title and summary) and the cover route, which takes the image's bytes.
 */
export const NEWS_TEXT_BODY_LIMIT = 4 * (NEWS_LIMITS.title.max + NEWS_LIMITS.summary.max + NEWS_LIMITS.body.max) + 1024;
export const NEWS_COVER_BODY_LIMIT = NEWS_COVER_MAX_BYTES;
export function newsBodyLimit(method: string, path: string): number | null {
  if (method === "PUT" && /^\/v1\/staff\/news\/[^/]+\/cover$/.test(path)) return NEWS_COVER_BODY_LIMIT;
  if ((method === "POST" && path === "/v1/staff/news") || (method === "PUT" && /^\/v1\/staff\/news\/[^/]+$/.test(path))) return NEWS_TEXT_BODY_LIMIT;
  return null;
}

const tags = ["Staff"];
const security = [{ citizenSession: [] }];
const unauthorized = errorResponse("No session, or it expired");
const forbidden = errorResponse("Not linked to an officer, or without the communications permission");

const listNews = createRoute({
  method: "get",
  path: "/v1/staff/news",
  tags,
  security,
  summary: "The province's news as its writers see it: published, scheduled and unpublished, newest first",
  responses: { 200: jsonContent(z.object({ news: z.array(StaffNewsSchema) }), "Posts"), 401: unauthorized, 403: forbidden },
});

const postNews = createRoute({
  method: "post",
  path: "/v1/staff/news",
  tags,
  security,
  summary: "Write a news post; published at publishedAt (default now), subscribers messaged once unless notify is false",
  request: { body: jsonBody(NewsBody) },
  responses: { 201: jsonContent(StaffNewsSchema, "The post"), 400: errorResponse("Invalid fields"), 401: unauthorized, 403: forbidden },
});

const putNews = createRoute({
  method: "put",
  path: "/v1/staff/news/{newsId}",
  tags,
  security,
  summary: "Edit a post of the province (no new message); an unpublished post is published again",
  request: { params: NewsIdParam, body: jsonBody(NewsBody) },
  responses: {
    200: jsonContent(StaffNewsSchema, "The post"),
    400: errorResponse("Invalid fields"),
    401: unauthorized,
    403: forbidden,
    404: errorResponse("No such post in the province"),
  },
});

const deleteNews = createRoute({
  method: "delete",
  path: "/v1/staff/news/{newsId}",
  tags,
  security,
  summary: "Unpublish a post (kept for the record); a message not yet sent is withdrawn",
  request: { params: NewsIdParam },
  responses: {
    200: jsonContent(StaffNewsSchema, "The post, unpublished"),
    401: unauthorized,
    403: forbidden,
    404: errorResponse("No such post in the province"),
  },
});

const putCover = createRoute({
  method: "put",
  path: "/v1/staff/news/{newsId}/cover",
  tags,
  security,
  summary: "Set a post's cover photo: the image's bytes as the body (JPEG, PNG or WebP, at most 2 MB); metadata is stripped",
  request: {
    params: NewsIdParam,
    body: {
      required: true,
      content: {
        "image/jpeg": { schema: z.string().openapi({ format: "binary" }) },
        "image/png": { schema: z.string().openapi({ format: "binary" }) },
        "image/webp": { schema: z.string().openapi({ format: "binary" }) },
      },
    },
  },
  responses: {
    200: jsonContent(StaffNewsSchema, "The post with its cover"),
    400: errorResponse("No image"),
    401: unauthorized,
    403: forbidden,
    404: errorResponse("No such post in the province"),
    413: errorResponse("Over 2 MB"),
    415: errorResponse("Not a JPEG, PNG or WebP image (read from the bytes)"),
  },
});

const listOfficers = createRoute({
  method: "get",
  path: "/v1/staff/officers",
  tags,
  security,
  summary: "The province's officers with their rights (province admins only)",
  responses: {
    200: jsonContent(z.object({ officers: z.array(StaffOfficerSchema) }), "Officers"),
    401: unauthorized,
    403: errorResponse("Not a province admin"),
  },
});

const putPermissions = createRoute({
  method: "put",
  path: "/v1/staff/officers/{officerId}/permissions",
  tags,
  security,
  summary: "Give an officer of the province rights by name, or take them back (province admins only)",
  request: { params: idParam("officerId", "cb-0042"), body: jsonBody(StaffPermissionsBody) },
  responses: {
    200: jsonContent(StaffOfficerSchema, "The officer now"),
    400: errorResponse("Unknown permission"),
    401: unauthorized,
    403: errorResponse("Not a province admin"),
    404: errorResponse("No such officer in the province"),
  },
});

export const staffNewsRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(listNews, async (c) => {
    const profile = await requirePermission(c.var.db, c.var.session.citizenId, "communications");
    const now = new Date();
    const rows = await staffNewsList(c.var.db, profile.provinceId);
    return c.json({ news: rows.map((r) => staffNewsView(c.env, r, now)) }, 200);
  })
  .openapi(postNews, async (c) => {
    const profile = await requirePermission(c.var.db, c.var.session.citizenId, "communications");
    const now = new Date();
    const newsId = `tin-${crypto.randomUUID().replace(/-/g, "").slice(0, 12)}`;
    const { row } = await writeNews(c.var.db, c.env, profile.provinceId, newsId, c.req.valid("json"), { source: "staff", author: profile.officerId }, now);
    return c.json(staffNewsView(c.env, row, now), 201);
  })
  .openapi(putNews, async (c) => {
    const profile = await requirePermission(c.var.db, c.var.session.citizenId, "communications");
    const { newsId } = c.req.valid("param");
    const now = new Date();
    const { row } = await writeNews(c.var.db, c.env, profile.provinceId, newsId, c.req.valid("json"), { source: "staff", author: profile.officerId }, now, {
      mustExist: true,
    });
    return c.json(staffNewsView(c.env, row, now), 200);
  })
  .openapi(deleteNews, async (c) => {
    const profile = await requirePermission(c.var.db, c.var.session.citizenId, "communications");
    const now = new Date();
    const row = await unpublishNews(c.var.db, profile.provinceId, c.req.valid("param").newsId, now);
    if (!row) throw newsNotFound();
    return c.json(staffNewsView(c.env, row, now), 200);
  })
  .openapi(putCover, async (c) => {
    const profile = await requirePermission(c.var.db, c.var.session.citizenId, "communications");
    const now = new Date();
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const row = await uploadNewsCover(c.var.db, c.env, profile.provinceId, c.req.valid("param").newsId, bytes, now);
    return c.json(staffNewsView(c.env, row, now), 200);
  })
  .openapi(listOfficers, async (c) => {
    const profile = await requireStaff(c.var.db, c.var.session.citizenId);
    requireProvinceAdmin(profile);
    return c.json({ officers: await provinceOfficers(c.var.db, profile.provinceId) }, 200);
  })
  .openapi(putPermissions, async (c) => {
    const profile = await requireStaff(c.var.db, c.var.session.citizenId);
    requireProvinceAdmin(profile);
    const officer = await setOfficerPermissions(c.var.db, profile.provinceId, c.req.valid("param").officerId, c.req.valid("json").permissions, new Date());
    return c.json(officer, 200);
  });
