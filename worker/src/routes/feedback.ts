/**
 * Feedback and petitions, the citizen's side (/v1/me/feedback), the public list of answered feedback
 * (/v1/provinces/{id}/feedback) and the photos (/v1/media/{token}).
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { and, desc, eq, inArray, like, lt, sql } from "drizzle-orm";
import { agencies, feedback, provinces, type FeedbackPhoto } from "../db/schema";
import { searchWords } from "../domain/text";
import { areaName, FEEDBACK_CATEGORIES, FEEDBACK_CATEGORY_IDS, PHOTO_MAX_BYTES, PHOTO_MAX_COUNT, REOPEN_WINDOW_MS } from "../domain/voice";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
import { BadImageError, detectImageType, IMAGE_EXTENSIONS, stripMetadata } from "../media/images";
import { publicOrigin } from "../security/headers";
import { errorResponse, jsonBody, jsonContent, ProvinceIdParam } from "../schemas/common";
import { FeedbackForm, FeedbackIdParam, FeedbackSchema, PublicFeedbackSchema, ReopenBody } from "../schemas/voice";
import { checkMediaToken } from "../security/media-url";
import { isThrottledNow, recordFailure, THROTTLES } from "../security/throttle";
import { messageCitizen } from "../services/direct-messages";
import {
  ensureMoved,
  feedbackNotFound,
  loadFeedback,
  type MediaContext,
  ownerFeedbackView,
  publicFeedbackView,
  selectFeedback,
  transition,
} from "../services/feedback";
import { isErasedMedia } from "../services/erasure";
import { dispatchOutbox } from "../services/notify";
import { validationHook } from "../validation";

const tags = ["Feedback"];
const security = [{ citizenSession: [] }];
const unauthorized = errorResponse("No session, or it expired");
/** Largest multipart body accepted on POST /v1/me/feedback: four photos and the text. */
export const FEEDBACK_BODY_LIMIT = PHOTO_MAX_COUNT * PHOTO_MAX_BYTES + 64 * 1024;

export const mediaContext = (c: Context<AppEnv>): MediaContext => ({
  serverSecret: c.env.SERVER_SECRET,
  origin: publicOrigin(c.env),
  nowMs: Date.now(),
});

const postFeedback = createRoute({
  method: "post",
  path: "/v1/me/feedback",
  tags,
  security,
  summary: "Send feedback or a petition (phản ánh, kiến nghị) with up to 4 photos",
  description:
    "multipart/form-data. Photos are checked by their bytes (JPEG, PNG or WebP, 5 MB each) and stored without EXIF, XMP, IPTC or comments; a place is kept only when the citizen chose to share it.",
  request: { body: { content: { "multipart/form-data": { schema: FeedbackForm } }, required: true } },
  responses: {
    201: jsonContent(FeedbackSchema, "Received"),
    400: errorResponse("Bad fields, or more than 4 photos"),
    401: unauthorized,
    413: errorResponse("A photo over 5 MB"),
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

const files = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

async function storedPhotos(c: Context<AppEnv>, provinceId: string, raw: unknown): Promise<{ photos: FeedbackPhoto[]; bytes: Uint8Array[] }> {
  const items = files(raw).filter((f) => !(typeof f === "string" && f === ""));
  if (items.length > PHOTO_MAX_COUNT) {
    throw new ApiError(400, "too_many_photos", `Chỉ gửi được tối đa ${PHOTO_MAX_COUNT} ảnh.`, "photos", `at most ${PHOTO_MAX_COUNT} photos`);
  }
  const photos: FeedbackPhoto[] = [];
  const bytes: Uint8Array[] = [];
  for (const item of items) {
    if (!(item instanceof File)) throw new ApiError(400, "invalid_photo", "Ảnh gửi lên không hợp lệ.", "photos", "photos must be files");
    if (item.size > PHOTO_MAX_BYTES) {
      throw new ApiError(413, "photo_too_large", "Mỗi ảnh tối đa 5 MB. Vui lòng chọn ảnh nhỏ hơn.", "photos", `${item.name}: ${item.size} bytes`);
    }
    const original = new Uint8Array(await item.arrayBuffer());
    const type = detectImageType(original);
    if (!type) throw new ApiError(415, "unsupported_photo_type", "Chỉ nhận ảnh JPG, PNG hoặc WebP.", "photos", `${item.name} is not a JPEG, PNG or WebP image`);
    let clean: Uint8Array;
    try {
      clean = stripMetadata(original, type);
    } catch (error) {
      if (error instanceof BadImageError) throw new ApiError(415, "unreadable_photo", "Không đọc được ảnh. Vui lòng chọn ảnh khác.", "photos", error.message);
      throw error;
    }
    photos.push({ key: `feedback/${provinceId}/${crypto.randomUUID()}.${IMAGE_EXTENSIONS[type]}`, type, bytes: clean.length });
    bytes.push(clean);
  }
  return { photos, bytes };
}

async function ownOrNotFound(c: Context<AppEnv>, id: number) {
  const found = await loadFeedback(c.var.db, id);
  if (!found || found.row.citizenId !== c.var.session.citizenId) throw feedbackNotFound();
  return found;
}

export const feedbackRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(postFeedback, async (c) => {
    const form = c.req.valid("form");
    const { citizenId, provinceId } = c.var.session;
    const db = c.var.db;
    const now = new Date();
    if (await isThrottledNow(c.env.DB, THROTTLES.feedbackPerCitizen, String(citizenId), now.getTime())) {
      throw new ApiError(
        429,
        "too_much_feedback",
        "Ông/bà đã gửi nhiều phản ánh trong 24 giờ qua. Vui lòng thử lại sau hoặc gọi đường dây nóng của tỉnh.",
        undefined,
        `at most ${THROTTLES.feedbackPerCitizen.limit} feedback per citizen in 24 hours`,
      );
    }
    if (form.sharePlace === "true" && (form.lat === undefined || form.lng === undefined)) {
      throw new ApiError(400, "place_missing", "Chưa lấy được vị trí. Vui lòng thử lại hoặc bỏ chọn chia sẻ vị trí.", "lat");
    }
    if (form.district) {
      const [area] = await db
        .select({ id: agencies.id })
        .from(agencies)
        .where(and(eq(agencies.id, form.district), eq(agencies.provinceId, provinceId), eq(agencies.level, "commune")))
        .limit(1);
      if (!area) throw new ApiError(400, "unknown_district", "Xã, phường không có trong danh sách của tỉnh.", "district");
    }
    const { photos, bytes } = await storedPhotos(c, provinceId, form.photos);
    // Photos first: a failure here leaves no feedback pointing at missing photos.
    await Promise.all(photos.map((p, i) => c.env.MEDIA.put(p.key, bytes[i]!, { httpMetadata: { contentType: p.type } })));
    const at = now.toISOString();
    const shared = form.sharePlace === "true";
    const newId = sql`last_insert_rowid()`;
    const write = db.batch([
      db
        .insert(feedback)
        .values({
          provinceId,
          citizenId,
          category: form.category,
          text: form.text,
          // The public search reads the text only: the place is never part of the public list.
          searchText: searchWords(form.text),
          district: form.district || null,
          lat: shared ? form.lat! : null,
          lng: shared ? form.lng! : null,
          placeLabel: shared ? (form.placeLabel ?? null) : null,
          anonymous: form.anonymous === "true",
          senderName: form.senderName || null,
          photos,
          status: "received",
          history: [{ status: "received", at }],
          createdAt: at,
          updatedAt: at,
        })
        .returning({ id: feedback.id }),
      // Right after the insert, in the same batch: last_insert_rowid() is the new feedback's id.
      messageCitizen(
        db,
        {
          dedupeKey: sql`'feedback_received:' || ${newId}`,
          provinceId,
          subject: sql`printf('PA-%06d', ${newId})`,
          kind: "feedback_received",
          params: sql`json_object('code', printf('PA-%06d', ${newId}), 'feedbackId', ${newId})`,
          createdAt: at,
        },
        citizenId,
      ),
      recordFailure(db, THROTTLES.feedbackPerCitizen, String(citizenId), now.getTime()),
    ]);
    // Nothing written: the photos stored above would point nowhere, so they go too, and the citizen is told to retry.
    const [inserted, messages] = await write.catch(async (error: unknown) => {
      if (photos.length > 0) await c.env.MEDIA.delete(photos.map((p) => p.key)).catch(() => undefined);
      throw new ApiError(503, "storage_unavailable", "Hệ thống đang bận, phản ánh chưa được gửi. Vui lòng thử lại.", undefined, `feedback not stored: ${String(error)}`);
    });
    c.executionCtx.waitUntil(dispatchOutbox(c.env, messages.map((m) => m.id)));
    const created = await loadFeedback(db, inserted[0]!.id);
    return c.json(await ownerFeedbackView(created!, mediaContext(c)), 201);
  })
  .openapi(listMine, async (c) => {
    const rows = await selectFeedback(c.var.db).where(eq(feedback.citizenId, c.var.session.citizenId)).orderBy(desc(feedback.id)).limit(100);
    const media = mediaContext(c);
    return c.json({ feedback: await Promise.all(rows.map((r) => ownerFeedbackView(r, media))) }, 200);
  })
  .openapi(getMine, async (c) => {
    const found = await ownOrNotFound(c, c.req.valid("param").id);
    return c.json(await ownerFeedbackView(found, mediaContext(c)), 200);
  })
  .openapi(reopen, async (c) => {
    const { id } = c.req.valid("param");
    const { reason } = c.req.valid("json");
    const found = await ownOrNotFound(c, id);
    const f = found.row;
    const now = new Date();
    if (f.status !== "answered" || !f.answeredAt) {
      throw new ApiError(409, "feedback_not_answered", "Chỉ gửi lại được phản ánh đã có trả lời.", undefined, `status is ${f.status}`);
    }
    if (Date.parse(f.answeredAt) + REOPEN_WINDOW_MS < now.getTime()) {
      throw new ApiError(409, "reopen_window_passed", "Đã quá 7 ngày kể từ khi có trả lời, không thể gửi lại. Vui lòng gửi phản ánh mới.");
    }
    const result = await transition(
      c.var.db,
      f.provinceId,
      f.citizenId,
      {
        id,
        from: ["answered"],
        to: f.agencyId ? "assigned" : "received",
        set: { reopenCount: sql`${feedback.reopenCount} + 1` as unknown as number },
        history: { status: "reopened", at: "", note: reason },
        extraWhere: eq(feedback.answeredAt, f.answeredAt),
      },
      now,
    );
    ensureMoved(result);
    return c.json(await ownerFeedbackView((await loadFeedback(c.var.db, id))!, mediaContext(c)), 200);
  })
  .openapi(close, async (c) => {
    const { id } = c.req.valid("param");
    const found = await ownOrNotFound(c, id);
    if (found.row.status !== "answered") {
      throw new ApiError(409, "feedback_not_answered", "Chỉ đóng được phản ánh đã có trả lời.", undefined, `status is ${found.row.status}`);
    }
    const now = new Date();
    const result = await transition(
      c.var.db,
      found.row.provinceId,
      found.row.citizenId,
      { id, from: ["answered"], to: "closed", set: { closedAt: now.toISOString() }, history: { status: "closed", at: "", note: "Người gửi xác nhận đã được giải quyết" } },
      now,
    );
    ensureMoved(result);
    return c.json(await ownerFeedbackView((await loadFeedback(c.var.db, id))!, mediaContext(c)), 200);
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
  request: { params: z.object({ token: z.string().max(600).openapi({ param: { name: "token", in: "path" } }) }) },
  responses: {
    200: { description: "The photo (no metadata)", content: { "image/jpeg": { schema: z.any() }, "image/png": { schema: z.any() }, "image/webp": { schema: z.any() } } },
    403: errorResponse("Forged or expired link"),
    404: errorResponse("No such photo"),
  },
});

const PUBLIC_PAGE = 20;
const PUBLIC_STATUSES = ["answered", "closed"] as const;

async function knownProvince(c: Context<AppEnv>, provinceId: string) {
  const [p] = await c.var.db.select({ id: provinces.id }).from(provinces).where(eq(provinces.id, provinceId)).limit(1);
  if (!p) throw new ApiError(404, "unknown_province", "Không tìm thấy tỉnh này.");
}

export const publicFeedbackRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(getOptions, async (c) => {
    const { provinceId } = c.req.valid("param");
    await knownProvince(c, provinceId);
    const areas = await c.var.db
      .select({ id: agencies.id, name: agencies.name })
      .from(agencies)
      .where(and(eq(agencies.provinceId, provinceId), eq(agencies.level, "commune")));
    const districts = areas.map((a) => ({ id: a.id, name: areaName(a.name) })).sort((a, b) => a.name.localeCompare(b.name, "vi"));
    return c.json({ categories: FEEDBACK_CATEGORIES.map((x) => ({ id: x.id, label: x.label })), districts }, 200);
  })
  .openapi(listPublic, async (c) => {
    const { provinceId } = c.req.valid("param");
    const { q, category, before } = c.req.valid("query");
    await knownProvince(c, provinceId);
    // Every word typed must start a word of the feedback, diacritics optional.
    const words = q ? searchWords(q).split(" ").filter(Boolean).slice(0, 6) : [];
    const rows = await selectFeedback(c.var.db)
      .where(
        and(
          eq(feedback.provinceId, provinceId),
          inArray(feedback.status, PUBLIC_STATUSES),
          category ? eq(feedback.category, category) : undefined,
          before ? lt(feedback.id, before) : undefined,
          ...words.map((w) => like(feedback.searchText, `% ${w}%`)),
        ),
      )
      .orderBy(desc(feedback.id))
      .limit(PUBLIC_PAGE + 1);
    const media = mediaContext(c);
    const page = rows.slice(0, PUBLIC_PAGE);
    return c.json(
      {
        feedback: await Promise.all(page.map((r) => publicFeedbackView(r, media))),
        nextBefore: rows.length > PUBLIC_PAGE ? page[page.length - 1]!.row.id : null,
      },
      200,
    );
  })
  .openapi(getPublic, async (c) => {
    const { provinceId, id } = c.req.valid("param");
    const found = await loadFeedback(c.var.db, id);
    if (!found || found.row.provinceId !== provinceId || !(PUBLIC_STATUSES as readonly string[]).includes(found.row.status)) {
      throw new ApiError(404, "feedback_not_found", "Không tìm thấy phản ánh này hoặc phản ánh chưa có trả lời.");
    }
    return c.json(await publicFeedbackView(found, mediaContext(c)), 200);
  })
  .openapi(getMedia, async (c) => {
    const check = await checkMediaToken(c.env.SERVER_SECRET, c.req.valid("param").token, Date.now());
    if (!check.ok) {
      throw new ApiError(403, "media_link_invalid", check.reason === "expired" ? "Liên kết ảnh đã hết hạn. Vui lòng tải lại trang." : "Liên kết ảnh không hợp lệ.");
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

