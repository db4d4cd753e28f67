import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { TEXT_LIMITS } from "../../worker/src/domain/limits";
import { ASKED_RATING_QUESTIONS } from "../../worker/src/domain/voice";
import { AnswerBody, AssignFeedbackBody, FeedbackForm, QuestionBody, RatingBody, ReopenBody } from "../../worker/src/schemas/voice";

/** The limits are defined once: the API's schemas enforce exactly them, and the mini app's forms name no number of their own. */

const text = (n: number) => "a".repeat(n);
/** A rating with every asked question answered (its first option), so only the comment decides. */
const rating = Object.fromEntries(ASKED_RATING_QUESTIONS.map((q) => [q.id, q.options[0]!.value]));

const fields = [
  { name: "question", limit: TEXT_LIMITS.question, accepts: (s: string) => QuestionBody.safeParse({ text: s }).success },
  { name: "answer", limit: TEXT_LIMITS.answer, accepts: (s: string) => AnswerBody.safeParse({ text: s }).success },
  { name: "reopenReason", limit: TEXT_LIMITS.reopenReason, accepts: (s: string) => ReopenBody.safeParse({ reason: s }).success },
  { name: "feedback", limit: TEXT_LIMITS.feedback, accepts: (s: string) => FeedbackForm.safeParse({ category: FEEDBACK_CATEGORY, text: s }).success },
  {
    name: "senderName",
    limit: TEXT_LIMITS.senderName,
    accepts: (s: string) => FeedbackForm.safeParse({ category: FEEDBACK_CATEGORY, text: text(20), senderName: s }).success,
  },
  { name: "assignNote", limit: TEXT_LIMITS.assignNote, accepts: (s: string) => AssignFeedbackBody.safeParse({ agencyId: "a", note: s }).success },
  { name: "ratingComment", limit: TEXT_LIMITS.ratingComment, accepts: (s: string) => RatingBody.safeParse({ ...rating, comment: s }).success },
];

const FEEDBACK_CATEGORY = FeedbackForm.shape.category.options[0];

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

describe("limits, defined once", () => {
  for (const { name, limit, accepts } of fields) {
    it(`the API takes a ${name} of exactly the shared limits and refuses one past them`, () => {
      expect(accepts(text(limit.max))).toBe(true);
      expect(accepts(text(limit.max + 1))).toBe(false);
      if ("min" in limit) {
        expect(accepts(text(limit.min))).toBe(true);
        expect(accepts(text(limit.min - 1))).toBe(false);
      }
    });
  }

  it("the mini app's text fields take their length from the shared limits, never a number of their own", () => {
    // Codes have fixed lengths of their own (the last 4 digits of the ID number, the 8-digit link code).
    const codeFields = new Set(["maxLength={4}", "maxLength={8}"]);
    const literal = sourceFiles(join(root, "miniapp/src")).flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/maxLength=\{\d+\}|\.trim\(\)\.length < \d+/g)]
        .map((m) => m[0])
        .filter((m) => !codeFields.has(m))
        .map((m) => `${relative(root, file)}: ${m}`),
    );
    expect(literal).toEqual([]);
  });
});
