/**
 * The staff inbox: the questions and feedback in an officer's care, open (most urgent first) or done (newest
 * first), paged, with how many there are in all.
 */
import { and, asc, count, desc, eq, inArray, sql } from "drizzle-orm";
import { feedback, questions } from "../db/schema";
import type { Db } from "../env";
import { type MediaContext, selectFeedback, staffFeedbackFilter, staffFeedbackView } from "./feedback";
import type { StaffProfile } from "./staff";
import { questionFilter, selectStaffQuestions, staffQuestionView } from "./staff-questions";

export type InboxQuery = { state: "open" | "done"; kind?: "questions" | "feedback"; offset: number; limit: number };

export async function staffInbox(db: Db, p: StaffProfile, { state, kind, offset, limit }: InboxQuery, media: MediaContext) {
  const open = state === "open";
  const questionsWhere = and(questionFilter(p), eq(questions.status, open ? "open" : "answered"));
  const feedbackWhere = and(staffFeedbackFilter(p), inArray(feedback.status, open ? ["received", "assigned"] : ["answered", "closed"]));
  // Ids break ties so pages do not overlap. The joined lists are not batched: in a D1 batch drizzle reads rows as
  // objects, and the joins' same-named columns (procedure and department names) would overwrite each other.
  const [qs, fs, [questionCount, feedbackCount]] = await Promise.all([
    kind === "feedback"
      ? []
      : selectStaffQuestions(db)
          .where(questionsWhere)
          .orderBy(
            ...(open
              ? [sql`${questions.escalatedAt} IS NULL`, asc(questions.escalateAt), asc(questions.id)]
              : [desc(questions.answeredAt), desc(questions.id)]),
          )
          .limit(limit)
          .offset(offset),
    kind === "questions"
      ? []
      : selectFeedback(db)
          .where(feedbackWhere)
          .orderBy(...(open ? [asc(feedback.id)] : [desc(feedback.updatedAt), desc(feedback.id)]))
          .limit(limit)
          .offset(offset),
    db.batch([db.select({ n: count() }).from(questions).where(questionsWhere), db.select({ n: count() }).from(feedback).where(feedbackWhere)]),
  ]);
  return {
    questions: qs.map(staffQuestionView),
    feedback: await Promise.all(fs.map((f) => staffFeedbackView(f, media))),
    totals: { questions: questionCount[0]?.n ?? 0, feedback: feedbackCount[0]?.n ?? 0 },
  };
}
