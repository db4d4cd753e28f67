/**
 * What a citizen does with their own feedback: send it (photos checked by their bytes and stored without
 * metadata, then the row, its message and the throttle count in one db.batch; the photos go again if that batch
 * fails), reopen it within 7 days of an answer, or close it.
 */
import { and, desc, eq, sql } from "drizzle-orm";
import { agencies, feedback, type FeedbackPhoto } from "../db/schema";
import { searchWords } from "../domain/text";
import { PHOTO_MAX_BYTES, PHOTO_MAX_COUNT, PHOTO_MAX_MEGABYTES } from "../domain/limits";
import { REOPEN_WINDOW_MS } from "../domain/voice";
import type { Db, Env } from "../env";
import { ApiError } from "../errors";
import { BadImageError, detectImageType, IMAGE_EXTENSIONS, stripMetadata } from "../media/images";
import type { FeedbackForm } from "../schemas/voice";
import { countAttempt, refundAttempt, THROTTLES } from "../security/throttle";
import { receivedCounters } from "./figures-feedback";
import { messageCitizen } from "./direct-messages";
import { ensureMoved, type FeedbackRecord, feedbackNotFound, loadFeedback, selectFeedback, transition } from "./feedback";

type Citizen = { citizenId: number; provinceId: string };
type FeedbackFields = import("zod").infer<typeof FeedbackForm>;

const files = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** The photos as they will be stored: checked by their bytes, metadata stripped, each with its storage key. */
async function cleanPhotos(provinceId: string, raw: unknown): Promise<{ photos: FeedbackPhoto[]; bytes: Uint8Array[] }> {
  const items = files(raw).filter((f) => !(typeof f === "string" && f === ""));
  if (items.length > PHOTO_MAX_COUNT) {
    throw new ApiError(400, "too_many_photos", `Chỉ gửi được tối đa ${PHOTO_MAX_COUNT} ảnh.`, "photos", `at most ${PHOTO_MAX_COUNT} photos`);
  }
  const photos: FeedbackPhoto[] = [];
  const bytes: Uint8Array[] = [];
  for (const item of items) {
    if (!(item instanceof File)) throw new ApiError(400, "invalid_photo", "Ảnh gửi lên không hợp lệ.", "photos", "photos must be files");
    if (item.size > PHOTO_MAX_BYTES) {
      throw new ApiError(
        413,
        "photo_too_large",
        `Mỗi ảnh tối đa ${PHOTO_MAX_MEGABYTES} MB. Vui lòng chọn ảnh nhỏ hơn.`,
        "photos",
        `${item.name}: ${item.size} bytes`,
      );
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

/** Checks what the form names (the place, the commune) before anything is stored. */
async function checkFields(db: Db, provinceId: string, form: FeedbackFields) {
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
}

export async function createFeedback(
  db: Db,
  env: Pick<Env, "DB" | "MEDIA">,
  { citizenId, provinceId }: Citizen,
  form: FeedbackFields,
  now: Date,
): Promise<{ feedback: FeedbackRecord; outboxIds: number[] }> {
  await checkFields(db, provinceId, form);
  // The day's allowance is taken first, in one conditional statement (feedback sent at once cannot all see room),
  // and given back if the feedback is refused or not stored after all.
  const subject = String(citizenId);
  const [counted] = await countAttempt(db, THROTTLES.feedbackPerCitizen, subject, now.getTime());
  if (!counted) {
    throw new ApiError(
      429,
      "too_much_feedback",
      "Ông/bà đã gửi nhiều phản ánh trong 24 giờ qua. Vui lòng thử lại sau hoặc gọi đường dây nóng của tỉnh.",
      undefined,
      `at most ${THROTTLES.feedbackPerCitizen.limit} feedback per citizen in 24 hours`,
    );
  }
  const giveBack = () => refundAttempt(db, THROTTLES.feedbackPerCitizen, subject, now.getTime()).catch(() => undefined);
  const { photos, bytes } = await cleanPhotos(provinceId, form.photos).catch(async (error: unknown) => {
    await giveBack();
    throw error;
  });
  // Photos first: a failure here leaves no feedback pointing at missing photos.
  await Promise.all(photos.map((p, i) => env.MEDIA.put(p.key, bytes[i]!, { httpMetadata: { contentType: p.type } })));
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
    ...receivedCounters(db, provinceId, at),
  ]);
  // Nothing written: the photos stored above would point nowhere, so they go too, and the citizen is told to retry.
  const [inserted, messages] = await write.catch(async (error: unknown) => {
    if (photos.length > 0) await env.MEDIA.delete(photos.map((p) => p.key)).catch(() => undefined);
    await giveBack();
    throw new ApiError(
      503,
      "storage_unavailable",
      "Hệ thống đang bận, phản ánh chưa được gửi. Vui lòng thử lại.",
      undefined,
      `feedback not stored: ${String(error)}`,
    );
  });
  return { feedback: (await loadFeedback(db, inserted[0]!.id))!, outboxIds: messages.map((m) => m.id) };
}

/** The citizen's own feedback, newest first. */
export const ownFeedbackList = (db: Db, citizenId: number) => selectFeedback(db).where(eq(feedback.citizenId, citizenId)).orderBy(desc(feedback.id)).limit(100);

/** The citizen's own feedback; anyone else's is "not found". */
export async function ownFeedback(db: Db, citizenId: number, id: number): Promise<FeedbackRecord> {
  const found = await loadFeedback(db, id);
  if (!found || found.row.citizenId !== citizenId) throw feedbackNotFound();
  return found;
}

/** The answer did not solve it: back to the agency (or to the province when none), within 7 days of the answer. */
export async function reopenFeedback(db: Db, citizenId: number, id: number, reason: string, now: Date): Promise<FeedbackRecord> {
  const f = (await ownFeedback(db, citizenId, id)).row;
  if (f.status !== "answered" || !f.answeredAt) {
    throw new ApiError(409, "feedback_not_answered", "Chỉ gửi lại được phản ánh đã có trả lời.", undefined, `status is ${f.status}`);
  }
  if (Date.parse(f.answeredAt) + REOPEN_WINDOW_MS < now.getTime()) {
    throw new ApiError(409, "reopen_window_passed", "Đã quá 7 ngày kể từ khi có trả lời, không thể gửi lại. Vui lòng gửi phản ánh mới.");
  }
  const result = await transition(
    db,
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
  return (await loadFeedback(db, id))!;
}

/** The answer solved it: closed. */
export async function closeFeedback(db: Db, citizenId: number, id: number, now: Date): Promise<FeedbackRecord> {
  const f = (await ownFeedback(db, citizenId, id)).row;
  if (f.status !== "answered") {
    throw new ApiError(409, "feedback_not_answered", "Chỉ đóng được phản ánh đã có trả lời.", undefined, `status is ${f.status}`);
  }
  const result = await transition(
    db,
    f.provinceId,
    f.citizenId,
    {
      id,
      from: ["answered"],
      to: "closed",
      set: { closedAt: now.toISOString() },
      history: { status: "closed", at: "", note: "Người gửi xác nhận đã được giải quyết" },
    },
    now,
  );
  ensureMoved(result);
  return (await loadFeedback(db, id))!;
}
