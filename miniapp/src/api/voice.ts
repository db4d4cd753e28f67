/**
 * The citizen's voice: the satisfaction survey after pickup, questions on a dossier, feedback with photos, and
 * the staff area's inbox and actions. Signed-in calls go through the session (api/account); the public list of
 * answered feedback needs none, nor does rating with the slip's or a view token.
 */
import { PROVINCE_ID } from "../config";
import { hasSession, signedIn } from "./account";
import { answer, client } from "./client";
import type {
  Feedback,
  FeedbackOptions,
  PublicFeedback,
  PublicFeedbackPage,
  Question,
  QuestionThread,
  Rating,
  RatingAnswers,
  RatingForm,
  RatingSummary,
  StaffDirectory,
  StaffFeedback,
  StaffInbox,
  StaffQuestion,
} from "./types";

const followed = signedIn.v1.me.dossiers[":code"];
const mine = signedIn.v1.me.feedback;
const staff = signedIn.v1.staff;
const province = client.v1.provinces[":provinceId"];

/** What the citizen answers: whether the result came early, on time or late is computed by the server. */
export type AskedAnswers = Omit<RatingAnswers, "timeVsLimit">;

/** A follower's survey and rating, with the session. */
export const getRatingForm = (code: string): Promise<RatingForm> => answer(followed.rating.$get({ param: { code } }));
export const rate = (code: string, answers: AskedAnswers, comment?: string): Promise<Rating> =>
  answer(followed.rating.$post({ param: { code }, json: { ...answers, ...(comment ? { comment } : {}) } }), 201);

/** The survey for the holder of the slip's token or a view token: no sign-in, no follow. */
export const getOwnerRatingForm = (code: string, token: string): Promise<RatingForm> =>
  answer(client.v1.dossiers[":code"].rating.$get({ param: { code }, query: { t: token } }));

/**
 * Rates with the token in the body. A session already on the phone goes along, so the rating records who gave
 * it; rating never signs in for it.
 */
export async function rateAsOwner(code: string, token: string, answers: AskedAnswers, comment?: string): Promise<Rating> {
  const json = { t: token, ...answers, ...(comment ? { comment } : {}) };
  const api = (await hasSession()) ? signedIn : client;
  return answer(api.v1.dossiers[":code"].rating.$post({ param: { code }, json }), 201);
}

export const getQuestions = (code: string): Promise<QuestionThread> => answer(followed.questions.$get({ param: { code } }));
export const ask = (code: string, text: string): Promise<Question> => answer(followed.questions.$post({ param: { code }, json: { text } }), 201);

export type NewFeedback = {
  category: string;
  text: string;
  district?: string;
  anonymous: boolean;
  senderName?: string;
  place?: { lat: number; lng: number; label?: string };
  photos: Blob[];
};

type FeedbackFormFields = Parameters<typeof mine.$post>[0]["form"];

/** The multipart form of POST /v1/me/feedback; photos get a name, as a phone's files have. */
function feedbackForm(f: NewFeedback): FeedbackFormFields {
  return {
    category: f.category as FeedbackFormFields["category"],
    text: f.text,
    district: f.district || undefined,
    anonymous: String(f.anonymous) as "true" | "false",
    senderName: f.senderName || undefined,
    sharePlace: String(!!f.place) as "true" | "false",
    lat: f.place ? String(f.place.lat) : undefined,
    lng: f.place ? String(f.place.lng) : undefined,
    placeLabel: f.place?.label || undefined,
    photos: f.photos.map((p, i) => new File([p], `anh-${i + 1}.jpg`, { type: p.type })),
  };
}

export const sendFeedback = (f: NewFeedback): Promise<Feedback> => answer(mine.$post({ form: feedbackForm(f) }), 201);
export const listMyFeedback = async (): Promise<Feedback[]> => (await answer(mine.$get())).feedback;
export const getMyFeedback = (id: number): Promise<Feedback> => answer(mine[":id"].$get({ param: { id: String(id) } }));
export const reopenFeedback = (id: number, reason: string): Promise<Feedback> =>
  answer(mine[":id"].reopen.$post({ param: { id: String(id) }, json: { reason } }));
export const closeFeedback = (id: number): Promise<Feedback> => answer(mine[":id"].close.$post({ param: { id: String(id) } }));
/** "Ông/bà có hài lòng với trả lời này không?": once per feedback, after an answer. */
export const rateFeedbackAnswer = (id: number, satisfied: boolean): Promise<Feedback> =>
  answer(mine[":id"].satisfaction.$put({ param: { id: String(id) }, json: { satisfied } }));

export const getFeedbackOptions = (): Promise<FeedbackOptions> => answer(province.feedback.options.$get({ param: { provinceId: PROVINCE_ID } }));
export const listPublicFeedback = (q: { text?: string; category?: string; before?: number }): Promise<PublicFeedbackPage> =>
  answer(
    province.feedback.$get({
      param: { provinceId: PROVINCE_ID },
      query: {
        q: q.text || undefined,
        category: (q.category || undefined) as Parameters<typeof province.feedback.$get>[0]["query"]["category"],
        before: q.before ? String(q.before) : undefined,
      },
    }),
  );
export const getPublicFeedback = (id: number): Promise<PublicFeedback> =>
  answer(province.feedback[":id"].$get({ param: { provinceId: PROVINCE_ID, id: String(id) } }));

/** Items per page of the staff inbox: each one is a card with its own forms, so a phone gets them a few at a time. */
export const STAFF_INBOX_PAGE = 20;

/** The officer's inbox; with `page`, only one list from `offset` on (the other comes back empty). */
export const getStaffInbox = (state: "open" | "done" = "open", page?: { kind: "questions" | "feedback"; offset: number }): Promise<StaffInbox> =>
  answer(staff.inbox.$get({ query: { state, limit: String(STAFF_INBOX_PAGE), ...(page ? { kind: page.kind, offset: String(page.offset) } : {}) } }));
export const answerQuestion = (id: number, text: string): Promise<StaffQuestion> =>
  answer(staff.questions[":id"].answer.$post({ param: { id: String(id) }, json: { text } }));
export const reassignQuestion = (id: number, to: { officerId: string } | { departmentId: string }): Promise<StaffQuestion> =>
  answer(staff.questions[":id"].reassign.$post({ param: { id: String(id) }, json: to }));
export const assignFeedback = (id: number, agencyId: string, note?: string): Promise<StaffFeedback> =>
  answer(staff.feedback[":id"].assign.$post({ param: { id: String(id) }, json: { agencyId, ...(note ? { note } : {}) } }));
export const answerFeedback = (id: number, text: string): Promise<StaffFeedback> =>
  answer(staff.feedback[":id"].answer.$post({ param: { id: String(id) }, json: { text } }));
export const getStaffDirectory = (): Promise<StaffDirectory> => answer(staff.directory.$get());
export const getRatingSummary = (groupBy: "agency" | "department" | "officer" | "month" = "agency"): Promise<RatingSummary> =>
  answer(staff.ratings.summary.$get({ query: { groupBy } }));
