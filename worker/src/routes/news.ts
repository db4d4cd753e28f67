/** Public: a province's communes and its news (published posts, their paragraphs and covers). */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { errorResponse, jsonContent, ProvinceIdParam } from "../schemas/common";
import { CommuneSchema, NewsFeedQuery, NewsItemSchema, NewsPageSchema, ProvinceNewsParam } from "../schemas/news";
import { provinceCommunes } from "../services/communes";
import { newsCoverObject, newsFeed, newsItem } from "../services/news-feed";
import { validationHook } from "../validation";

const tags = ["Communes and news"];

const listCommunes = createRoute({
  method: "get",
  path: "/v1/provinces/{provinceId}/communes",
  tags,
  summary: "The province's communes and wards with their national codes, in Vietnamese order of name",
  request: { params: ProvinceIdParam },
  responses: { 200: jsonContent(z.object({ communes: z.array(CommuneSchema) }), "Communes") },
});

const listNews = createRoute({
  method: "get",
  path: "/v1/provinces/{provinceId}/news",
  tags,
  summary: "The province's news, newest first, paged",
  request: { params: ProvinceIdParam, query: NewsFeedQuery },
  responses: { 200: jsonContent(NewsPageSchema, "A page of news"), 400: errorResponse("A cursor this API did not hand out, or a bad limit") },
});

const getNews = createRoute({
  method: "get",
  path: "/v1/provinces/{provinceId}/news/{newsId}",
  tags,
  summary: "A news post, its body split into paragraphs with links (render as text, never HTML)",
  request: { params: ProvinceNewsParam },
  responses: { 200: jsonContent(NewsItemSchema, "The post"), 404: errorResponse("No such post, not published yet, or unpublished") },
});

const getCover = createRoute({
  method: "get",
  path: "/v1/provinces/{provinceId}/news/{newsId}/cover",
  tags,
  summary: "A news post's cover photo (metadata stripped)",
  request: { params: ProvinceNewsParam },
  responses: {
    200: {
      description: "The photo",
      content: { "image/jpeg": { schema: z.any() }, "image/png": { schema: z.any() }, "image/webp": { schema: z.any() } },
    },
    404: errorResponse("No such post or no cover"),
  },
});

export const newsRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(listCommunes, async (c) => {
    const communes = await provinceCommunes(c.var.db, c.req.valid("param").provinceId);
    c.header("cache-control", "public, max-age=3600");
    return c.json({ communes }, 200);
  })
  .openapi(listNews, async (c) => {
    const page = await newsFeed(c.var.db, c.env, c.req.valid("param").provinceId, c.req.valid("query"), new Date());
    c.header("cache-control", "public, max-age=60");
    return c.json(page, 200);
  })
  .openapi(getNews, async (c) => {
    const { provinceId, newsId } = c.req.valid("param");
    const item = await newsItem(c.var.db, c.env, provinceId, newsId, new Date());
    c.header("cache-control", "public, max-age=60");
    return c.json(item, 200);
  })
  .openapi(getCover, async (c) => {
    const { provinceId, newsId } = c.req.valid("param");
    const { object, type } = await newsCoverObject(c.var.db, c.env, provinceId, newsId, new Date());
    return new Response(object.body, {
      headers: { "content-type": type, "cache-control": "public, max-age=86400", "x-content-type-options": "nosniff", "content-length": String(object.size) },
    }) as never;
  });
