/**
 * Feedback and petitions, the citizen's side (/v1/me/feedback), the public list of answered feedback
 * (/v1/provinces/{id}/feedback) and the photos (/v1/media/{token}).
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { PHOTO_MAX_BYTES, PHOTO_MAX_COUNT, PHOTO_MAX_MEGABYTES } from "../domain/limits";
import { FEEDBACK_CATEGORY_IDS } from "../domain/voice";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
import { errorResponse, jsonBody, jsonContent, ProvinceIdParam } from "../schemas/common";
import { FeedbackForm, FeedbackIdParam, FeedbackSchema, PublicFeedbackSchema, ReopenBody } from "../schemas/voice";
import { checkMediaToken } from "../security/media-url";
import { mediaContext, ownerFeedbackView, publicFeedbackView } from "../services/feedback";
import { closeFeedback, createFeedback, ownFeedback, ownFeedbackList, reopenFeedback } from "../services/feedback-citizen";
import { feedbackOptions, publicFeedback, publicFeedbackPage } from "../services/feedback-public";
import { isErasedMedia } from "../services/erasure";
import { dispatchOutbox } from "../services/notify";
import { validationHook } from "../validation";

const tags = ["Feedback"];
const security = [{ citizenSession: [] }];
const unauthorized = errorResponse("No session, or it expired");
/** Largest multipart body accepted on POST /v1/me/feedback: four photos and the text. */
export const FEEDBACK_BODY_LIMIT = PHOTO_MAX_COUNT * PHOTO_MAX_BYTES + 64 * 1024;

const postFeedback = createRoute({
  method: "post",
  path: "/v1/me/feedback",
  tags,
  security,
  summary: `Send feedback or a petition (phản ánh, kiến nghị) with up to ${PHOTO_MAX_COUNT} photos`,
  description: `multipart/form-data. Photos are checked by their bytes (JPEG, PNG or WebP, ${PHOTO_MAX_MEGABYTES} MB each) and stored without EXIF, XMP, IPTC or comments; a place is kept only when the citizen chose to share it.`,
  request: { body: { content: { "multipart/form-data": { schema: FeedbackForm } }, required: true } },
  responses: {
    201: jsonContent(FeedbackSchema, "Received"),
    400: errorResponse(`Bad fields, or more than ${PHOTO_MAX_COUNT} photos`),
    401: unauthorized,
    413: errorResponse(`A photo over ${PHOTO_MAX_MEGABYTES} MB`),
    415: errorResponse("A file that is not a JPEG, PNG or WebP photo"),
    429: errorResponse("More than 10 feedback from this citizen in 24 hours"),
    503: errorResponse("Not stored (database unavailable): nothing was kept, photos included; retry"),
  },
});

const listMine = createRoute({
  method: "get",
  path: "/v1/me/feedback",
  tags,
  security,
  summary: "The citizen's own feedback, newest first",
  responses: { 200: jsonContent(z.object({ feedback: z.array(FeedbackSchema) }), "Own feedback"), 401: unauthorized },
});

const getMine = createRoute({
  method: "get",
  path: "/v1/me/feedback/{id}",
  tags,
  security,
  summary: "One of the citizen's own feedback, with its history",
  request: { params: FeedbackIdParam },
  responses: { 200: jsonContent(FeedbackSchema, "Own feedback"), 401: unauthorized, 404: errorResponse("Not this citizen's") },
});

const reopen = createRoute({
  method: "post",
  path: "/v1/me/feedback/{id}/reopen",
  tags,
  security,
  summary: "The answer did not solve it: send it back to the agency (within 7 days of the answer)",
  request: { params: FeedbackIdParam, body: jsonBody(ReopenBody) },
  responses: {
    200: jsonContent(FeedbackSchema, "Back with the agency"),
    401: unauthorized,
    404: errorResponse("Not this citizen's"),
    409: errorResponse("Not answered, or more than 7 days since the answer"),
  },
});

const close = createRoute({
  method: "post",
  path: "/v1/me/feedback/{id}/close",
  tags,
  security,
  summary: "The answer solved it: close the feedback",
  request: { params: FeedbackIdParam },
  responses: { 200: jsonContent(FeedbackSchema, "Closed"), 401: unauthorized, 404: errorResponse("Not this citizen's"), 409: errorResponse("Not answered") },
});

const media = (c: Context<AppEnv>) => mediaContext(c.env);

export const feedbackRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(postFeedback, async (c) => {
    const created = await createFeedback(c.var.db, c.env, c.var.session, c.req.valid("form"), new Date());
    c.executionCtx.waitUntil(dispatchOutbox(c.env, created.outboxIds));
    return c.json(await ownerFeedbackView(created.feedback, media(c)), 201);
  })
  .openapi(listMine, async (c) => {
    const rows = await ownFeedbackList(c.var.db, c.var.session.citizenId);
    const m = media(c);
    return c.json({ feedback: await Promise.all(rows.map((r) => ownerFeedbackView(r, m))) }, 200);
  })
  .openapi(getMine, async (c) => {
    const found = await ownFeedback(c.var.db, c.var.session.citizenId, c.req.valid("param").id);
    return c.json(await ownerFeedbackView(found, media(c)), 200);
  })
  .openapi(reopen, async (c) => {
    const reopened = await reopenFeedback(c.var.db, c.var.session.citizenId, c.req.valid("param").id, c.req.valid("json").reason, new Date());
    return c.json(await ownerFeedbackView(reopened, media(c)), 200);
  })
  .openapi(close, async (c) => {
    const closed = await closeFeedback(c.var.db, c.var.session.citizenId, c.req.valid("param").id, new Date());
    return c.json(await ownerFeedbackView(closed, media(c)), 200);
  });

const CategoryQuery = z.enum(FEEDBACK_CATEGORY_IDS, { error: "Lĩnh vực không hợp lệ." });

const getOptions = createRoute({
  method: "get",
  path: "/v1/provinces/{provinceId}/feedback/options",
  tags,
  summary: "Categories and communes/wards a feedback can name",
  request: { params: ProvinceIdParam },
  responses: {
    200: jsonContent(
      z.object({
        categories: z.array(z.object({ id: z.string(), label: z.string() })),
        districts: z.array(z.object({ id: z.string(), name: z.string() })),
      }),
      "Options",
    ),
    404: errorResponse("Unknown province"),
  },
});

const listPublic = createRoute({
  method: "get",
  path: "/v1/provinces/{provinceId}/feedback",
  tags,
  summary: "Answered feedback, public: no sender unless they gave a name and did not choose to stay anonymous",
  request: {
    params: ProvinceIdParam,
    query: z.object({
      q: z.string().trim().max(100, { message: "Từ khóa tối đa 100 ký tự." }).optional(),
      category: CategoryQuery.optional(),
      before: z.coerce.number({ error: "Trang không hợp lệ." }).int().positive().optional(),
    }),
  },
  responses: {
    200: jsonContent(z.object({ feedback: z.array(PublicFeedbackSchema), nextBefore: z.number().int().nullable() }), "Newest first, 20 a page"),
    404: errorResponse("Unknown province"),
  },
});

const getPublic = createRoute({
  method: "get",
  path: "/v1/provinces/{provinceId}/feedback/{id}",
  tags,
  summary: "One answered feedback, public",
  request: { params: ProvinceIdParam.extend(FeedbackIdParam.shape) },
  responses: { 200: jsonContent(PublicFeedbackSchema, "Answered feedback"), 404: errorResponse("Unknown, or not answered yet") },
});

const getMedia = createRoute({
  method: "get",
  path: "/v1/media/{token}",
  tags,
  summary: "A photo, through the signed URL the API handed out",
  request: {
    params: z.object({
      token: z
        .string()
        .max(600)
        .openapi({ param: { name: "token", in: "path" } }),
    }),
  },
  responses: {
    200: {
      description: "The photo (no metadata)",
      content: { "image/jpeg": { schema: z.any() }, "image/png": { schema: z.any() }, "image/webp": { schema: z.any() } },
    },
    403: errorResponse("Forged or expired link"),
    404: errorResponse("No such photo"),
  },
});

export const publicFeedbackRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(getOptions, async (c) => c.json(await feedbackOptions(c.var.db, c.req.valid("param").provinceId), 200))
  .openapi(listPublic, async (c) => c.json(await publicFeedbackPage(c.var.db, c.req.valid("param").provinceId, c.req.valid("query"), media(c)), 200))
  .openapi(getPublic, async (c) => {
    const { provinceId, id } = c.req.valid("param");
    return c.json(await publicFeedbackView(await publicFeedback(c.var.db, provinceId, id), media(c)), 200);
  })
  .openapi(getMedia, async (c) => {
    const check = await checkMediaToken(c.env.SERVER_SECRET, c.req.valid("param").token, Date.now());
    if (!check.ok) {
      throw new ApiError(
        403,
        "media_link_invalid",
        check.reason === "expired" ? "Liên kết ảnh đã hết hạn. Vui lòng tải lại trang." : "Liên kết ảnh không hợp lệ.",
      );
    }
    const object = (await isErasedMedia(c.var.db, check.key)) ? null : await c.env.MEDIA.get(check.key);
    if (!object) throw new ApiError(404, "media_not_found", "Không tìm thấy ảnh.");
    return new Response(object.body, {
      headers: {
        "content-type": object.httpMetadata?.contentType ?? "application/octet-stream",
        "cache-control": "private, max-age=3600",
        "x-content-type-options": "nosniff",
        "content-length": String(object.size),
      },
    }) as never;
  });
