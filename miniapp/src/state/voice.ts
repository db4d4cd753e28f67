/**
 * Reads for the citizen's voice, each started again when `accountVersionState` moves (after rating, asking,
 * sending or answering), like the other signed-in reads.
 */
import { selector, selectorFamily } from "recoil";
import type { Feedback, FeedbackOptions, QuestionThread, RatingForm, RatingSummary, StaffDirectory, StaffInbox } from "../api/types";
import {
  getFeedbackOptions,
  getMyFeedback,
  getOwnerRatingForm,
  getQuestions,
  getRatingForm,
  getRatingSummary,
  getStaffDirectory,
  getStaffInbox,
  listMyFeedback,
} from "../api/voice";
import { accountVersionState } from "./account";
import { outcomeOf, type Outcome } from "./outcome";

/** Whose survey: the holder of a slip or view token (`token`), or with none, the signed-in follower. */
export type RatingProofKey = { code: string; token: string | null };

export const ratingFormState = selectorFamily<Outcome<RatingForm>, RatingProofKey>({
  key: "ratingForm",
  get:
    ({ code, token }) =>
    ({ get }) => {
      get(accountVersionState);
      return outcomeOf(() => (token ? getOwnerRatingForm(code, token) : getRatingForm(code)));
    },
});

export const questionThreadState = selectorFamily<Outcome<QuestionThread>, string>({
  key: "questionThread",
  get:
    (code) =>
    ({ get }) => {
      get(accountVersionState);
      return outcomeOf(() => getQuestions(code));
    },
});

export const myFeedbackState = selector<Outcome<Feedback[]>>({
  key: "myFeedback",
  get: ({ get }) => {
    get(accountVersionState);
    return outcomeOf(listMyFeedback);
  },
});

export const oneFeedbackState = selectorFamily<Outcome<Feedback>, number>({
  key: "oneFeedback",
  get:
    (id) =>
    ({ get }) => {
      get(accountVersionState);
      return outcomeOf(() => getMyFeedback(id));
    },
});

export const feedbackOptionsState = selector<Outcome<FeedbackOptions>>({
  key: "feedbackOptions",
  get: () => outcomeOf(getFeedbackOptions),
});

export const staffInboxState = selector<Outcome<StaffInbox>>({
  key: "staffInbox",
  get: ({ get }) => {
    get(accountVersionState);
    return outcomeOf(() => getStaffInbox("open"));
  },
});

export const staffDirectoryState = selector<Outcome<StaffDirectory>>({
  key: "staffDirectory",
  get: () => outcomeOf(getStaffDirectory),
});

export const ratingSummaryState = selector<Outcome<RatingSummary>>({
  key: "ratingSummary",
  get: ({ get }) => {
    get(accountVersionState);
    return outcomeOf(() => getRatingSummary("agency"));
  },
});
