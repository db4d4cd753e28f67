/** The one-stop system's (or the province portal's) side of broadcasts' reference data: communes and news posts. */
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../env";
import { errorResponse, jsonBody, jsonContent } from "../../schemas/common";
import { CommuneBody, CommuneCodeParam, CommuneSchema, IntegrationNewsSchema, NewsBody, NewsIdParam, StaffNewsSchema } from "../../schemas/news";
import { upsertCommune } from "../../services/communes";
import { newsNotFound, staffNewsView, unpublishNews, writeNews } from "../../services/news";
import { validationHook } from "../../validation";

const tags = ["Integration"];
const unsigned = errorResponse("Missing or wrong signature");

const putCommune = createRoute({
  method: "put",
  path: "/v1/integration/communes/{code}",
  tags,
  summary: "Create or rename a commune or ward of the client's province (national administrative-unit code)",
  request: { params: CommuneCodeParam, body: jsonBody(CommuneBody) },
  responses: { 200: jsonContent(CommuneSchema, "The commune as stored"), 400: errorResponse("Invalid code or name"), 401: unsigned },
});

const putNews = createRoute({
  method: "put",
  path: "/v1/integration/news/{newsId}",
  tags,
  summary: "Create or update a news post (idempotent); the first publication messages subscribers once, edits never again",
  request: { params: NewsIdParam, body: jsonBody(NewsBody) },
  responses: { 200: jsonContent(IntegrationNewsSchema, "The post as stored, and what this call did"), 400: errorResponse("Invalid body"), 401: unsigned },
});

const deleteNews = createRoute({
  method: "delete",
  path: "/v1/integration/news/{newsId}",
  tags,
  summary: "Unpublish a news post: gone from the feed, kept for the record; a message not yet sent is withdrawn",
  request: { params: NewsIdParam },
  responses: { 200: jsonContent(StaffNewsSchema, "The post, unpublished"), 401: unsigned, 404: errorResponse("No such post in the client's province") },
});

export const broadcastReferenceRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(putCommune, async (c) => {
    const { code } = c.req.valid("param");
    const stored = await upsertCommune(c.var.db, c.var.integrationClient.provinceId, code, c.req.valid("json").name, new Date().toISOString());
    return c.json(stored, 200);
  })
  .openapi(putNews, async (c) => {
    const { newsId } = c.req.valid("param");
    const client = c.var.integrationClient;
    const now = new Date();
    const { row, outcome } = await writeNews(
      c.var.db,
      c.env,
      client.provinceId,
      newsId,
      c.req.valid("json"),
      { source: "integration", author: client.keyId },
      now,
    );
    return c.json({ ...staffNewsView(c.env, row, now), outcome }, 200);
  })
  .openapi(deleteNews, async (c) => {
    const { newsId } = c.req.valid("param");
    const now = new Date();
    const row = await unpublishNews(c.var.db, c.var.integrationClient.provinceId, newsId, now);
    if (!row) throw newsNotFound(true);
    return c.json(staffNewsView(c.env, row, now), 200);
  });
