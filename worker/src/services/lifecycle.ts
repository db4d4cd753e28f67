/**
 * The data lifecycle, run by the hourly cron on one database (one province's, or today's shared one): each rule of
 * domain/lifecycle.ts applied in small batches, so no statement holds the database for long, looping until the work
 * is done or the run's time budget is spent; the next run continues where this one stopped.
 *
 * Every batch picks its rows first, then writes them in ONE db.batch whose statements re-check the rule, so two runs
 * at once (a slow run overlapping the next) never process a row twice: the second one's writes find nothing left.
 * - Dossiers closed (returned, refused, withdrawn, stopped) longer than the province's `dataRetentionMonths` lose
 *   the applicant's personal data: name, ID factor hash, notes, missing documents, fee note and payment page, the
 *   timeline's notes, the events' personal fields, the follows, the questions' words, the rating's comment and
 *   rater. Code, status, agency, department, procedure, officer and dates stay, so figures do not move.
 * - Messages (outbox rows) older than 90 days whose deliveries are all finished go with their deliveries.
 * - Throttle counters and used signatures past their windows.
 * - Photos of feedback closed more than a year ago: queued in `media_deletions` and the feedback's list emptied in
 *   one batch (the media route refuses them from then on), then deleted from R2 (or by the next sweep).
 */
import { and, inArray, lte, sql } from "drizzle-orm";
import { deliveries, dossierEvents, dossiers, feedback, follows, mediaDeletions, outbox, provinces, questions, ratings } from "../db/schema";
import { CLOSED_STATUSES, FINISHED_DELIVERY_STATUSES, lifecycleCutoffs, REMOVED_NAME, REMOVED_TEXT, RETENTION_MONTHS } from "../domain/lifecycle";
import type { Db, MediaBucket } from "../env";
import { purgeExpiredThrottles, purgeUsedSignatures } from "../security/throttle";
import { deleteFromMedia } from "./erasure";

export type LifecycleOptions = {
  /** Rows picked per batch (each statement touches at most these, or their events). */
  batchSize?: number;
  /** Batches per rule and province in one run: with `budgetMs`, what bounds a run. */
  maxBatches?: number;
  /** The run stops starting batches after this long; the next run continues. */
  budgetMs?: number;
  /** The wall clock for the budget (the rules use `nowMs`). */
  clock?: () => number;
};

export type LifecycleCounts = {
  dossiersAnonymised: number;
  messagesPruned: number;
  deliveriesPruned: number;
  throttlesPurged: number;
  signaturesPurged: number;
  photosDeleted: number;
  /** Whether every rule ran out of work (false: the budget or the batch limit stopped it). */
  done: boolean;
};

/** One province's setting, as the rules need it. */
export type ProvinceRetention = { id: string; dataRetentionMonths: number };

/** One batch: how many rows it picked (a full batch means there may be more) and how many it changed itself. */
type Batch = { picked: number; done: number; deliveries?: number };

const ids = (list: number[]) => sql`(SELECT value FROM json_each(${JSON.stringify(list)}))`;

/** Runs every rule on `db` for the provinces it holds, `nowMs` being the cron's scheduled time. */
export async function runLifecycle(db: Db, bucket: MediaBucket, nowMs: number, options: LifecycleOptions = {}): Promise<LifecycleCounts> {
  const { batchSize = 200, maxBatches = 1000, budgetMs = 20_000, clock = Date.now } = options;
  const deadline = clock() + budgetMs;
  const counts: LifecycleCounts = {
    dossiersAnonymised: 0,
    messagesPruned: 0,
    deliveriesPruned: 0,
    throttlesPurged: 0,
    signaturesPurged: 0,
    photosDeleted: 0,
    done: true,
  };
  /** Runs `step` until it picks less than a full batch, or the batch limit or the budget stops it. */
  const drain = async (step: () => Promise<Batch>, add: (b: Batch) => void) => {
    for (let n = 0; ; n++) {
      if (n >= maxBatches || clock() >= deadline) {
        counts.done = false;
        return;
      }
      const batch = await step();
      add(batch);
      if (batch.picked < batchSize) return;
    }
  };
  const now = new Date(nowMs);
  const held = await db.select({ id: provinces.id, dataRetentionMonths: provinces.dataRetentionMonths }).from(provinces);
  for (const province of held) {
    const cutoff = lifecycleCutoffs(now, province.dataRetentionMonths);
    await drain(
      () => removePersonalData(db, province.id, cutoff.personalData, now, batchSize),
      (b) => (counts.dossiersAnonymised += b.done),
    );
    await drain(
      () => deleteOldFeedbackPhotos(db, bucket, province.id, cutoff.feedbackPhotos, now, batchSize),
      (b) => (counts.photosDeleted += b.done),
    );
  }
  const messagesCutoff = lifecycleCutoffs(now, RETENTION_MONTHS.default).messages;
  await drain(
    () => pruneMessages(db, messagesCutoff, batchSize),
    (b) => {
      counts.messagesPruned += b.done;
      counts.deliveriesPruned += b.deliveries ?? 0;
    },
  );
  await drain(
    async () => {
      const n = (await purgeExpiredThrottles(db, nowMs, batchSize)).length;
      return { picked: n, done: n };
    },
    (b) => (counts.throttlesPurged += b.done),
  );
  await drain(
    async () => {
      const n = (await purgeUsedSignatures(db, nowMs, batchSize)).length;
      return { picked: n, done: n };
    },
    (b) => (counts.signaturesPurged += b.done),
  );
  return counts;
}

/** Still holding personal data: the re-check every write of a batch makes. */
const notYetRemoved = sql`${dossiers.personalDataRemovedAt} IS NULL`;

/** Removes the personal data of up to `limit` closed dossiers of `provinceId` that last changed by `cutoff`. */
export async function removePersonalData(db: Db, provinceId: string, cutoff: string, now: Date, limit: number): Promise<Batch> {
  const picked = await db
    .select({ id: dossiers.id })
    .from(dossiers)
    .where(and(sql`${dossiers.provinceId} = ${provinceId}`, inArray(dossiers.status, [...CLOSED_STATUSES]), lte(dossiers.changedAt, cutoff), notYetRemoved))
    .limit(limit);
  if (picked.length === 0) return { picked: 0, done: 0 };
  const chosen = ids(picked.map((p) => p.id));
  // The codes of the chosen dossiers still holding personal data: empty once another run's batch has done them.
  const codes = sql`(SELECT ${dossiers.code} FROM ${dossiers} WHERE ${dossiers.id} IN ${chosen} AND ${notYetRemoved})`;
  const results = await db.batch([
    db.delete(follows).where(sql`${follows.dossierCode} IN ${codes}`),
    db
      .update(questions)
      .set({ text: REMOVED_TEXT, answer: sql`CASE WHEN ${questions.answer} IS NULL THEN NULL ELSE ${REMOVED_TEXT} END` })
      .where(sql`${questions.dossierCode} IN ${codes}`),
    db.update(ratings).set({ citizenId: null, comment: null }).where(sql`${ratings.dossierCode} IN ${codes}`),
    db
      .update(dossierEvents)
      .set({
        payload: sql`json_remove(
          CASE WHEN json_type(${dossierEvents.payload}, '$.applicantName') IS NULL THEN ${dossierEvents.payload}
               ELSE json_set(${dossierEvents.payload}, '$.applicantName', ${REMOVED_NAME}, '$.applicantFactorHash', '') END,
          '$.note', '$.documents', '$.paymentUrl', '$.reason')`,
      })
      .where(sql`${dossierEvents.dossierCode} IN ${codes}`),
    db
      .update(dossiers)
      .set({
        applicantName: REMOVED_NAME,
        applicantFactorHash: "",
        statusNote: null,
        missingDocuments: null,
        feeNote: null,
        paymentUrl: null,
        timeline: sql`(SELECT json_group_array(json_remove(entry.value, '$.note', '$.documents', '$.paymentUrl')) FROM json_each(${dossiers.timeline}) AS entry)`,
        personalDataRemovedAt: now.toISOString(),
      })
      .where(sql`${dossiers.id} IN ${chosen} AND ${notYetRemoved}`)
      .returning({ id: dossiers.id }),
  ]);
  return { picked: picked.length, done: results[4].length };
}

const finished = sql.join(
  FINISHED_DELIVERY_STATUSES.map((s) => sql`${s}`),
  sql`, `,
);

/** A message nothing more will happen to: fanned out, and every delivery of it finished. */
const messageFinished = sql`${outbox.fannedOutAt} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${deliveries} WHERE ${deliveries.outboxId} = ${outbox.id} AND ${deliveries.status} NOT IN (${finished}))`;

/** Prunes up to `limit` finished messages created by `cutoff`, with their deliveries, in one batch. */
export async function pruneMessages(db: Db, cutoff: string, limit: number): Promise<Batch> {
  const picked = await db.select({ id: outbox.id }).from(outbox).where(sql`${outbox.createdAt} <= ${cutoff} AND ${messageFinished}`).limit(limit);
  if (picked.length === 0) return { picked: 0, done: 0 };
  const chosen = ids(picked.map((p) => p.id));
  const stillFinished = sql`(SELECT ${outbox.id} FROM ${outbox} WHERE ${outbox.id} IN ${chosen} AND ${messageFinished})`;
  const [gone, messages] = await db.batch([
    db.delete(deliveries).where(sql`${deliveries.outboxId} IN ${stillFinished}`).returning({ id: deliveries.id }),
    db.delete(outbox).where(sql`${outbox.id} IN ${chosen} AND ${messageFinished}`).returning({ id: outbox.id }),
  ]);
  return { picked: picked.length, done: messages.length, deliveries: gone.length };
}

const photosToDelete = sql`${feedback.status} = 'closed' AND json_array_length(${feedback.photos}) > 0`;

/** Deletes the photos of up to `limit` feedback items of `provinceId` closed by `cutoff`; returns the items done. */
export async function deleteOldFeedbackPhotos(db: Db, bucket: MediaBucket, provinceId: string, cutoff: string, now: Date, limit: number): Promise<Batch> {
  const picked = await db
    .select({ id: feedback.id })
    .from(feedback)
    .where(sql`${feedback.provinceId} = ${provinceId} AND ${feedback.closedAt} <= ${cutoff} AND ${photosToDelete}`)
    .limit(limit);
  if (picked.length === 0) return { picked: 0, done: 0 };
  const chosen = ids(picked.map((p) => p.id));
  const [queued, emptied] = await db.batch([
    db
      .insert(mediaDeletions)
      .select(
        db
          .select({ key: sql<string>`json_extract(photo.value, '$.key')`.as("key"), requestedAt: sql`${now.toISOString()}`.as("requested_at") })
          .from(sql`${feedback}, json_each(${feedback.photos}) AS photo`)
          .where(sql`${feedback.id} IN ${chosen} AND ${photosToDelete}`),
      )
      .onConflictDoNothing()
      .returning({ key: mediaDeletions.key }),
    db.update(feedback).set({ photos: [] }).where(sql`${feedback.id} IN ${chosen} AND ${photosToDelete}`).returning({ id: feedback.id }),
  ]);
  await deleteFromMedia(
    db,
    bucket,
    queued.map((q) => q.key),
  );
  return { picked: picked.length, done: emptied.length };
}
