/**
 * Feedback and petitions (phản ánh, kiến nghị): received → assigned (to an agency) → answered → closed, with the
 * citizen able to reopen within 7 days of an answer. Every change is one conditional UPDATE (on the status it
 * expects, so two officers acting at once cannot both win) and the message it owes the citizen, in one db.batch.
 */
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { alias } from "drizzle-orm/sqlite-core";
import { agencies, feedback, feedbackAnswerRatings, officers, type FeedbackHistoryEntry, type FeedbackPhoto, type FeedbackStatus } from "../db/schema";
import type { MessageKind } from "../domain/notifications";
import { areaName, categoryLabel, FEEDBACK_STATUS_LABELS, feedbackAnswerDueAt, feedbackReference, mapSearchUrl, REOPEN_WINDOW_MS } from "../domain/voice";
import type { Db, Env } from "../env";
import { ApiError } from "../errors";
import { publicOrigin } from "../security/headers";
import { signedMediaUrl } from "../security/media-url";
import { messageCitizen } from "./direct-messages";
import type { StaffProfile } from "./staff";

const districtAgency = alias(agencies, "district_agency");

export function selectFeedback(db: Db) {
  return db
    .select({
      row: feedback,
      agencyName: agencies.name,
      districtName: districtAgency.name,
      answeredByName: officers.displayName,
      answerSatisfied: feedbackAnswerRatings.satisfied,
      answerRatedAt: feedbackAnswerRatings.ratedAt,
    })
    .from(feedback)
    .leftJoin(agencies, eq(agencies.id, feedback.agencyId))
    .leftJoin(districtAgency, eq(districtAgency.id, feedback.district))
    .leftJoin(officers, and(eq(officers.provinceId, feedback.provinceId), eq(officers.id, feedback.answeredBy)))
    .leftJoin(feedbackAnswerRatings, eq(feedbackAnswerRatings.feedbackId, feedback.id));
}

export type FeedbackRecord = Awaited<ReturnType<ReturnType<typeof selectFeedback>["all"]>>[number];

export async function loadFeedback(db: Db, id: number): Promise<FeedbackRecord | null> {
  const [found] = await selectFeedback(db).where(eq(feedback.id, id)).limit(1);
  return found ?? null;
}

/** What a photo URL needs: the server secret and the API's own origin. */
export type MediaContext = { serverSecret: string; origin: string; nowMs: number };

/** The media context of a request to the API at `requestUrl`, now. */
/** Photo links point at the deployment's configured public origin, never at the Host a request named. */
export const mediaContext = (env: Pick<Env, "SERVER_SECRET" | "PUBLIC_ORIGIN">): MediaContext => ({
  serverSecret: env.SERVER_SECRET,
  origin: publicOrigin(env),
  nowMs: Date.now(),
});

async function photoUrls(media: MediaContext, photos: FeedbackPhoto[]) {
  return Promise.all(photos.map(async (p) => ({ url: await signedMediaUrl(media.serverSecret, media.origin, p.key, media.nowMs) })));
}

/**
 * The view anyone may see of an answered feedback: never who sent it unless they gave a name and did not hide it,
 * and never the place the citizen shared (it may be their home); the commune or ward is enough for the public.
 */
export async function publicFeedbackView(r: FeedbackRecord, media: MediaContext) {
  const f = r.row;
  return {
    id: f.id,
    reference: feedbackReference(f.id),
    category: { id: f.category, label: categoryLabel(f.category) },
    text: f.text,
    district: f.district ? { id: f.district, name: r.districtName ? areaName(r.districtName) : null } : null,
    place: null,
    senderName: f.anonymous ? null : f.senderName,
    photos: await photoUrls(media, f.photos),
    status: f.status,
    statusLabel: FEEDBACK_STATUS_LABELS[f.status],
    agency: f.agencyId ? { id: f.agencyId, name: r.agencyName } : null,
    answer: f.answer && f.answeredAt ? { text: f.answer, at: f.answeredAt, officerName: r.answeredByName } : null,
    createdAt: f.createdAt,
    updatedAt: f.updatedAt,
  };
}

const historyView = (h: FeedbackHistoryEntry[]) => h.map((e) => ({ status: e.status, at: e.at, note: e.note ?? null }));

export function reopenUntil(f: FeedbackRecord["row"]): string | null {
  return f.status === "answered" && f.answeredAt ? new Date(Date.parse(f.answeredAt) + REOPEN_WINDOW_MS).toISOString() : null;
}

/** The place the citizen chose to share, as they and the staff handling it see it. */
function sharedPlace(f: FeedbackRecord["row"]) {
  return f.lat !== null && f.lng !== null ? { lat: f.lat, lng: f.lng, label: f.placeLabel } : null;
}

export async function ownerFeedbackView(r: FeedbackRecord, media: MediaContext) {
  const until = reopenUntil(r.row);
  return {
    ...(await publicFeedbackView(r, media)),
    place: sharedPlace(r.row),
    senderName: r.row.senderName,
    anonymous: r.row.anonymous,
    canReopen: until !== null && Date.parse(until) > media.nowMs,
    reopenUntil: until,
    answerDueAt: feedbackAnswerDueAt(r.row),
    history: historyView(r.row.history),
    answerSatisfied: r.answerSatisfied ?? null,
    canRateAnswer: canRateAnswer(r),
  };
}

/** The citizen may say whether the answer satisfied them once, while it stands: answered, or closed with an answer. */
export const canRateAnswer = (r: Pick<FeedbackRecord, "row" | "answerSatisfied">) =>
  r.answerSatisfied === null && r.row.answeredAt !== null && (r.row.status === "answered" || r.row.status === "closed");

/** What the staff handling it see: the sender's name even when hidden from the public, and the shared place with a map. */
export async function staffFeedbackView(r: FeedbackRecord, media: MediaContext) {
  const place = sharedPlace(r.row);
  return {
    ...(await publicFeedbackView(r, media)),
    place: place && { ...place, mapUrl: mapSearchUrl(place.lat, place.lng) },
    senderName: r.row.senderName,
    anonymous: r.row.anonymous,
    answerDueAt: feedbackAnswerDueAt(r.row),
    history: historyView(r.row.history),
  };
}

/** Which feedback an officer sees: the province's (admin), else what is assigned to their department's agency. */
export function staffFeedbackFilter(profile: StaffProfile): SQL {
  const inProvince = eq(feedback.provinceId, profile.provinceId);
  if (profile.role === "province_admin") return inProvince;
  const agencyId = profile.department?.agencyId;
  return agencyId ? and(inProvince, eq(feedback.agencyId, agencyId))! : sql`0`;
}

export function canSeeFeedback(profile: StaffProfile, f: FeedbackRecord["row"]): boolean {
  if (f.provinceId !== profile.provinceId) return false;
  return profile.role === "province_admin" || (f.agencyId !== null && f.agencyId === profile.department?.agencyId);
}

export const feedbackNotFound = () =>
  new ApiError(404, "feedback_not_found", "Không tìm thấy phản ánh này.", undefined, "no such feedback visible to this caller");
const changedMeanwhile = () =>
  new ApiError(409, "feedback_changed", "Phản ánh vừa được người khác cập nhật. Vui lòng tải lại.", undefined, "the feedback's status changed meanwhile");

type Transition = {
  id: number;
  from: FeedbackStatus[];
  to: FeedbackStatus;
  set?: Partial<typeof feedback.$inferInsert>;
  history: FeedbackHistoryEntry;
  /** The message owed to the citizen, if any. */
  message?: { kind: MessageKind; agencyName?: string | null; officerName?: string | null };
  extraWhere?: SQL;
  /** Counter statements of the step, given the step's condition; the step is then also guarded by `updatedAt`. */
  counters?: { updatedAt: string; statements: (guard: SQL) => BatchItem<"sqlite">[] };
};

/**
 * Applies one workflow step atomically: the UPDATE only if the feedback is still in an expected status, and the
 * citizen's message only if that UPDATE happened. Returns false when someone else moved it first.
 */
export async function transition(db: Db, provinceId: string, citizenId: number, t: Transition, now: Date): Promise<{ moved: boolean; outboxIds: number[] }> {
  const at = now.toISOString();
  const history = { ...t.history, at };
  const where = and(
    eq(feedback.id, t.id),
    inArray(feedback.status, t.from),
    t.extraWhere,
    t.counters ? eq(feedback.updatedAt, t.counters.updatedAt) : undefined,
  );
  // The figures' counters first, under the step's own condition: a step that loses its race moves none.
  const counters = t.counters?.statements(sql`EXISTS (SELECT 1 FROM ${feedback} WHERE ${where})`) ?? [];
  const update = db
    .update(feedback)
    .set({ ...t.set, status: t.to, updatedAt: at, history: sql`json_insert(${feedback.history}, '$[#]', json(${JSON.stringify(history)}))` })
    .where(where)
    .returning({ id: feedback.id });
  const statements = [...counters, update] as unknown as [typeof update];
  if (!t.message) {
    const results = (await db.batch(statements)) as unknown[];
    return { moved: (results.at(-1) as unknown[]).length > 0, outboxIds: [] };
  }
  const done = sql`EXISTS (SELECT 1 FROM ${feedback} WHERE ${feedback.id} = ${t.id} AND ${feedback.status} = ${t.to} AND ${feedback.updatedAt} = ${at})`;
  const reference = feedbackReference(t.id);
  const results = await db.batch([
    ...statements,
    messageCitizen(
      db,
      {
        dedupeKey: `${t.message.kind}:${t.id}:${at}`,
        provinceId,
        subject: reference,
        kind: t.message.kind,
        params: { code: reference, feedbackId: t.id, agencyName: t.message.agencyName ?? null, officerName: t.message.officerName ?? null },
        createdAt: at,
      },
      citizenId,
      done,
    ),
  ]);
  const updated = results.at(-2) as unknown[];
  const messages = results.at(-1) as { id: number }[];
  return { moved: updated.length > 0, outboxIds: messages.map((m) => m.id) };
}

export function ensureMoved(result: { moved: boolean }) {
  if (!result.moved) throw changedMeanwhile();
}
