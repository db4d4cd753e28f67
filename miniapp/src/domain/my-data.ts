/** "Dữ liệu của tôi": the counts shown at the top, and the name the exported file gets. */
import { vnDate } from "../../../worker/src/domain/time";

type Held = {
  follows: unknown[];
  consents: unknown[];
  messages: unknown[];
  ratings: unknown[];
  questions: unknown[];
  feedback: { photos: unknown[] }[];
};

export const HELD_KINDS = ["follows", "consents", "messages", "ratings", "questions", "feedback", "photos"] as const;
export type HeldKind = (typeof HELD_KINDS)[number];

/** How many of each kind are held, photos counted across every feedback. */
export function heldCounts(held: Held): Record<HeldKind, number> {
  return {
    follows: held.follows.length,
    consents: held.consents.length,
    messages: held.messages.length,
    ratings: held.ratings.length,
    questions: held.questions.length,
    feedback: held.feedback.length,
    photos: held.feedback.reduce((n, f) => n + f.photos.length, 0),
  };
}

/** The export's date as yyyy-MM-dd in Vietnam: what `motcua-du-lieu-<date>.json` carries. */
export function exportDate(now: Date): string {
  return vnDate(now);
}
