/**
 * Erasing a citizen (Decree 13/2023, Law 91/2025: the right to erasure). Everything tied to their Zalo account goes
 * in ONE db.batch, so an erasure is whole or not at all:
 * - deleted: the account (and with it every session: requireCitizen refuses a session whose citizen is gone), the
 *   follows, the consent history and the phone number, every message to them and its delivery, their questions and
 *   their feedback (the photos are queued for R2 in the same batch), the staff link, their throttle counters, the
 *   communes they chose to hear alerts and news for;
 * - anonymised: their ratings keep counting in the province's figures with the citizen and the free-text comment
 *   removed; the officers' copies of "new question" messages lose the question's words; a used staff link code
 *   forgets who used it.
 * Questions and feedback are deleted, not anonymised: a question is about one dossier, whose code leads back to its
 * applicant, and feedback holds the citizen's words, place and photos; removing the citizen id alone would keep them
 * identifiable. The officer's inbox reads only what exists, so nothing there breaks.
 * The erasure itself is recorded with the province, the minute and the counts, and nothing that ties back.
 */
import { eq, inArray, sql } from "drizzle-orm";
import {
  citizenCommunes,
  citizens,
  consents,
  deliveries,
  erasures,
  feedback,
  follows,
  mediaDeletions,
  outbox,
  questions,
  ratings,
  staffLinkCodes,
  staffLinks,
  staffNoticeRecipients,
  throttles,
} from "../db/schema";
import type { Db, MediaBucket } from "../env";
import { ApiError } from "../errors";
import { THROTTLES, throttleKey } from "../security/throttle";

/** A session whose citizen was erased (by this request's twin, or earlier): it has ended. */
export const accountErased = () =>
  new ApiError(401, "invalid_session", "Phiên đăng nhập không hợp lệ. Vui lòng mở lại ứng dụng.", undefined, "the account this session named no longer exists");

/** What an officer's copy of a question message says instead of the erased citizen's words. */
const ERASED_QUESTION_EXCERPT = "Nội dung đã được xóa theo yêu cầu của người hỏi";

export type ErasureCounts = {
  follows: number;
  consents: number;
  messages: number;
  questions: number;
  feedback: number;
  photos: number;
  staffLink: number;
  communes: number;
  ratingsKeptAnonymously: number;
};

/** Counted inside the batch, so what is recorded is exactly what the batch removed. */
function countsSql(citizenId: number) {
  const n = (table: string) => sql`(SELECT count(*) FROM ${sql.identifier(table)} WHERE citizen_id = ${citizenId})`;
  return sql`json_object(
    'follows', ${n("follows")}, 'consents', ${n("consents")}, 'messages', ${n("deliveries")},
    'questions', ${n("questions")}, 'feedback', ${n("feedback")},
    'photos', (SELECT count(*) FROM feedback, json_each(feedback.photos) WHERE feedback.citizen_id = ${citizenId}),
    'staffLink', ${n("staff_links")}, 'communes', ${n("citizen_communes")}, 'ratingsKeptAnonymously', ${n("ratings")})`;
}

/** The minute it happened: enough to answer for it, too coarse to pick the request out of a log. */
const toMinute = (now: Date) => `${now.toISOString().slice(0, 16)}:00.000Z`;

/**
 * Erases the citizen; null when there was no one left to erase (a concurrent erasure won: its batch ran first, and
 * this one, finding no account row, recorded and removed nothing).
 */
export async function eraseCitizen(
  db: Db,
  bucket: MediaBucket,
  citizenId: number,
  now: Date,
): Promise<{ erasedAt: string; counts: ErasureCounts; photoKeys: string[] } | null> {
  const erasedAt = toMinute(now);
  const citizen = eq(citizens.id, citizenId);
  const [recorded, photos] = await db.batch([
    // First, and only while the account still exists: the record of what is about to go.
    db
      .insert(erasures)
      .select(
        db
          .select({
            id: sql`NULL`.as("id"),
            provinceId: citizens.provinceId,
            erasedAt: sql`${erasedAt}`.as("erased_at"),
            counts: sql`${countsSql(citizenId)}`.as("counts"),
          })
          .from(citizens)
          .where(citizen),
      )
      .returning({ counts: erasures.counts }),
    // Photos leave the media route's reach now; R2 deletes them right after (or the hourly cron does).
    db
      .insert(mediaDeletions)
      .select(
        db
          .select({ key: sql<string>`json_extract(photo.value, '$.key')`.as("key"), requestedAt: sql`${now.toISOString()}`.as("requested_at") })
          .from(sql`${feedback}, json_each(${feedback.photos}) AS photo`)
          .where(eq(feedback.citizenId, citizenId)),
      )
      .onConflictDoNothing()
      .returning({ key: mediaDeletions.key }),
    db
      .update(outbox)
      .set({ params: sql`json_set(${outbox.params}, '$.excerpt', ${ERASED_QUESTION_EXCERPT})` })
      .where(
        sql`${outbox.kind} = 'staff_question' AND EXISTS (SELECT 1 FROM ${questions} WHERE ${questions.citizenId} = ${citizenId} AND ${outbox.dedupeKey} LIKE 'staff_question:' || ${questions.id} || ':%')`,
      ),
    db.delete(deliveries).where(eq(deliveries.citizenId, citizenId)),
    db.delete(outbox).where(eq(outbox.recipientCitizenId, citizenId)),
    db.delete(follows).where(eq(follows.citizenId, citizenId)),
    db.delete(consents).where(eq(consents.citizenId, citizenId)),
    db.delete(questions).where(eq(questions.citizenId, citizenId)),
    db.delete(feedback).where(eq(feedback.citizenId, citizenId)),
    db.update(ratings).set({ citizenId: null, comment: null }).where(eq(ratings.citizenId, citizenId)),
    db.delete(staffLinks).where(eq(staffLinks.citizenId, citizenId)),
    db.delete(citizenCommunes).where(eq(citizenCommunes.citizenId, citizenId)),
    db.update(staffLinkCodes).set({ usedBy: null }).where(eq(staffLinkCodes.usedBy, citizenId)),
    // Officials' notices stay the officer's; only the Zalo account they reached is forgotten.
    db.update(staffNoticeRecipients).set({ citizenId: null }).where(eq(staffNoticeRecipients.citizenId, citizenId)),
    db
      .delete(throttles)
      .where(
        inArray(throttles.key, [throttleKey(THROTTLES.feedbackPerCitizen, String(citizenId)), throttleKey(THROTTLES.linkCodePerCitizen, String(citizenId))]),
      ),
    db.delete(citizens).where(citizen),
  ]);
  if (recorded.length === 0) return null;
  const photoKeys = photos.map((p) => p.key);
  await deleteFromMedia(db, bucket, photoKeys);
  return { erasedAt, counts: recorded[0]!.counts as ErasureCounts, photoKeys };
}

/** Deletes photos from R2, then their pending rows; a failure leaves the rows for the next sweep. */
export async function deleteFromMedia(db: Db, bucket: MediaBucket, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  try {
    await bucket.delete(keys);
    await db.delete(mediaDeletions).where(inArray(mediaDeletions.key, keys));
  } catch (error) {
    console.warn("erased photos left in R2 for the next sweep", keys.length, String(error));
  }
}

/** Hourly: photos an erasure could not delete from R2 at the time. */
export async function sweepErasedMedia(db: Db, bucket: MediaBucket, limit = 500): Promise<void> {
  const pending = await db.select({ key: mediaDeletions.key }).from(mediaDeletions).limit(limit);
  await deleteFromMedia(
    db,
    bucket,
    pending.map((p) => p.key),
  );
}

/** Whether a photo belongs to erased feedback: the media route refuses it even while it is still in R2. */
export async function isErasedMedia(db: Db, key: string): Promise<boolean> {
  const [row] = await db.select({ key: mediaDeletions.key }).from(mediaDeletions).where(eq(mediaDeletions.key, key)).limit(1);
  return row !== undefined;
}
