/**
 * How much a citizen or an officer may write or attach, defined once: the worker's zod schemas check them and the
 * mini app's forms use the same numbers (maxLength, the minimum before the send button wakes, the photo count),
 * so the form never lets through what the API refuses. Lengths count characters after trimming.
 */
export const TEXT_LIMITS = {
  /** A follower's question on a dossier. */
  question: { min: 5, max: 1000 },
  /** An officer's answer to a question or a feedback. */
  answer: { min: 5, max: 4000 },
  /** The text of a feedback or petition. */
  feedback: { min: 10, max: 2000 },
  /** Why an answered feedback did not solve the matter. */
  reopenReason: { min: 5, max: 1000 },
  /** The free comment under a satisfaction rating. */
  ratingComment: { max: 1000 },
  /** The name a feedback's sender may give. */
  senderName: { max: 80 },
  /** The label of the place a feedback's sender chose to share. */
  placeLabel: { max: 200 },
  /** The note an officer adds when routing a feedback to an agency. */
  assignNote: { max: 500 },
} as const;

/** Photos attached to a feedback: how many, and how large each may be once sent. */
export const PHOTO_MAX_COUNT = 4;
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;
export const PHOTO_MAX_MEGABYTES = PHOTO_MAX_BYTES / 1024 / 1024;

/** Unanswered questions a citizen may have on one dossier at once. */
export const MAX_OPEN_QUESTIONS = 3;

/**
 * What a province admin may write in an alert composed in the staff area (POST /v1/staff/alerts and its update and
 * cancel): the staff alert schemas take exactly these, and the compose form uses them as its fields' maxLength.
 */
export const STAFF_ALERT_LIMITS = {
  event: 200,
  headline: 200,
  description: 4000,
  instruction: 4000,
  areaDesc: 500,
  cancelNote: 1000,
} as const;
