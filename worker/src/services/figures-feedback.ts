/**
 * Feedback in the figures: the citizen's "Ông/bà có hài lòng với trả lời này không?" (once per feedback, one
 * conditional INSERT, its counters in the same batch) and the deltas the workflow's steps add to their batches.
 */
import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { feedback, feedbackAnswerRatings } from "../db/schema";
import { contributionDelta, type Delta, type FeedbackFacts, feedbackContribution } from "../domain/figures";
import type { Db } from "../env";
import { ApiError } from "../errors";
import { type FeedbackRecord, feedbackNotFound, loadFeedback } from "./feedback";
import { counterStatements } from "./figures-write";

/** The facts the figures read from a feedback as loaded. */
export const feedbackFacts = (r: Pick<FeedbackRecord, "row" | "answerSatisfied" | "answerRatedAt">): FeedbackFacts => ({
  agencyId: r.row.agencyId,
  createdAt: r.row.createdAt,
  history: r.row.history,
  answerRating: r.answerSatisfied === null || r.answerRatedAt === null ? null : { satisfied: r.answerSatisfied, ratedAt: r.answerRatedAt },
});

/**
 * The counters of a workflow step from `before` to `after`, guarded by the step's own condition (the same WHERE as
 * its UPDATE): a step that loses its race moves no counter.
 */
export function feedbackStepCounters(db: Db, provinceId: string, before: FeedbackFacts, after: FeedbackFacts, guard: SQL): BatchItem<"sqlite">[] {
  return counterStatements(db, provinceId, contributionDelta(feedbackContribution(before), feedbackContribution(after)), guard);
}

/**
 * The counters of an officer's step (routing to an agency moves the feedback's counts there; a first answer counts
 * as answered, on time or not), from the feedback as read to what the step makes of it.
 */
export function stepCounters(db: Db, found: FeedbackRecord, step: { set?: { agencyId?: string | null }; history: { status: string } }, now: Date) {
  const before = feedbackFacts(found);
  const after: FeedbackFacts = {
    ...before,
    agencyId: step.set?.agencyId !== undefined ? step.set.agencyId : before.agencyId,
    history: [...before.history, { status: step.history.status, at: now.toISOString() }],
  };
  return {
    updatedAt: found.row.updatedAt,
    statements: (guard: SQL) => feedbackStepCounters(db, found.row.provinceId, before, after, guard),
  };
}

/** A new feedback: received, for no agency yet. Cannot lose a race (it is an insert), so it is unguarded. */
export function receivedCounters(db: Db, provinceId: string, createdAt: string): BatchItem<"sqlite">[] {
  const delta: Delta = contributionDelta(feedbackContribution(null), feedbackContribution({ agencyId: null, createdAt, history: [], answerRating: null }));
  return counterStatements(db, provinceId, delta, sql`1`);
}

const notAnswered = (detail: string) =>
  new ApiError(409, "not_answered", "Phản ánh này chưa có trả lời để đánh giá.", undefined, `the feedback has no standing answer (${detail})`);
const alreadyRated = () => new ApiError(409, "already_rated", "Ông/bà đã cho biết ý kiến về trả lời này. Cảm ơn ông/bà!", undefined, "one rating per feedback");

const RATE_ATTEMPTS = 3;

/**
 * The citizen says whether the answer satisfied them: once per feedback, only while an answer stands (answered,
 * or closed after one). The row is one conditional INSERT keyed by the feedback id, so of two at once exactly one
 * is stored; its counters go first in the same batch under the same condition.
 */
export async function rateFeedbackAnswer(db: Db, citizenId: number, id: number, satisfied: boolean, now: Date): Promise<FeedbackRecord> {
  for (let attempt = 0; attempt < RATE_ATTEMPTS; attempt++) {
    const found = await loadFeedback(db, id);
    if (!found || found.row.citizenId !== citizenId) throw feedbackNotFound();
    if (found.answerSatisfied !== null) throw alreadyRated();
    const f = found.row;
    if (!f.answeredAt || (f.status !== "answered" && f.status !== "closed")) throw notAnswered(`status is ${f.status}`);
    const at = now.toISOString();
    const standing = and(
      eq(feedback.id, id),
      eq(feedback.citizenId, citizenId),
      inArray(feedback.status, ["answered", "closed"]),
      eq(feedback.updatedAt, f.updatedAt),
    );
    const guard = sql`EXISTS (SELECT 1 FROM ${feedback} WHERE ${standing}) AND NOT EXISTS (SELECT 1 FROM ${feedbackAnswerRatings} WHERE ${feedbackAnswerRatings.feedbackId} = ${id})`;
    const before = feedbackFacts(found);
    const after: FeedbackFacts = { ...before, answerRating: { satisfied, ratedAt: at } };
    const counters = feedbackStepCounters(db, f.provinceId, before, after, guard);
    const insert = db
      .insert(feedbackAnswerRatings)
      .select(
        db
          .select({
            feedbackId: feedback.id,
            provinceId: feedback.provinceId,
            satisfied: sql`${satisfied ? 1 : 0}`.as("satisfied"),
            ratedAt: sql`${at}`.as("rated_at"),
          })
          .from(feedback)
          .where(standing),
      )
      .onConflictDoNothing()
      .returning({ feedbackId: feedbackAnswerRatings.feedbackId });
    const results = (await db.batch([...counters, insert] as unknown as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]])) as unknown[];
    const inserted = results.at(-1) as { feedbackId: number }[];
    if (inserted.length > 0) return (await loadFeedback(db, id))!;
    // Nothing stored: rated meanwhile (the next read says so), or the feedback changed since it was read (try again).
  }
  throw new ApiError(409, "feedback_changed", "Phản ánh vừa được cập nhật. Vui lòng thử lại.", undefined, "the feedback kept changing");
}
