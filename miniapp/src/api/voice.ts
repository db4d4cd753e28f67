/**
 * The citizen's voice: the satisfaction survey after pickup, questions on a dossier, feedback with photos, and
 * the staff area's inbox and actions. Signed-in calls go through the session (api/account); the public list of
 * answered feedback needs none, nor does rating with the slip's or a view token.
 */
import { hc } from "hono/client";
import type { AppType } from "../../../worker/src/app";
import { API_URL, PROVINCE_ID } from "../config";
import { authed, hasSession, read } from "./account";
import { fetchWithTimeout, toApiError } from "./client";
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

const dossier = (code: string) => `/v1/me/dossiers/${encodeURIComponent(code)}`;
const post = (body?: unknown): RequestInit => ({ method: "POST", body: body === undefined ? undefined : JSON.stringify(body) });

/** What the citizen answers: whether the result came early, on time or late is computed by the server. */
export type AskedAnswers = Omit<RatingAnswers, "timeVsLimit">;

/** A follower's survey and rating, with the session. */
export const getRatingForm = (code: string) => read<RatingForm>(`${dossier(code)}/rating`);
export const rate = (code: string, answers: AskedAnswers, comment?: string) =>
  read<Rating>(`${dossier(code)}/rating`, post({ ...answers, ...(comment ? { comment } : {}) }), [201]);

const owner = hc<AppType>(API_URL, { fetch: fetchWithTimeout });

/** The survey for the holder of the slip's token or a view token: no sign-in, no follow. */
export async function getOwnerRatingForm(code: string, token: string): Promise<RatingForm> {
  const res = await owner.v1.dossiers[":code"].rating.$get({ param: { code }, query: { t: token } });
  if (res.status === 200) return res.json();
  throw await toApiError(res);
}

/**
 * Rates with the token in the body. A session already on the phone goes along, so the rating records who gave
 * it; rating never signs in for it.
 */
export async function rateAsOwner(code: string, token: string, answers: AskedAnswers, comment?: string): Promise<Rating> {
  const json = { t: token, ...answers, ...(comment ? { comment } : {}) };
  const route = owner.v1.dossiers[":code"].rating;
  const res = (await hasSession())
    ? await authed(route.$url({ param: { code } }).pathname, { method: "POST", body: JSON.stringify(json) })
    : await route.$post({ param: { code }, json });
  if (res.status === 201) return (await res.json()) as Rating;
  throw await toApiError(res);
}

export const getQuestions = (code: string) => read<QuestionThread>(`${dossier(code)}/questions`);
export const ask = (code: string, text: string) => read<Question>(`${dossier(code)}/questions`, post({ text }), [201]);

export type NewFeedback = {
  category: string;
  text: string;
  district?: string;
  anonymous: boolean;
  senderName?: string;
  place?: { lat: number; lng: number; label?: string };
  photos: Blob[];
};

export async function sendFeedback(f: NewFeedback): Promise<Feedback> {
  const form = new FormData();
  form.append("category", f.category);
  form.append("text", f.text);
  if (f.district) form.append("district", f.district);
  form.append("anonymous", String(f.anonymous));
  if (f.senderName) form.append("senderName", f.senderName);
  form.append("sharePlace", String(!!f.place));
  if (f.place) {
    form.append("lat", String(f.place.lat));
    form.append("lng", String(f.place.lng));
    if (f.place.label) form.append("placeLabel", f.place.label);
  }
  f.photos.forEach((p, i) => form.append("photos", p, `anh-${i + 1}.jpg`));
  const res = await authed("/v1/me/feedback", { method: "POST", body: form });
  if (res.status !== 201) throw await toApiError(res);
  return (await res.json()) as Feedback;
}

export const listMyFeedback = async () => (await read<{ feedback: Feedback[] }>("/v1/me/feedback")).feedback;
export const getMyFeedback = (id: number) => read<Feedback>(`/v1/me/feedback/${id}`);
export const reopenFeedback = (id: number, reason: string) => read<Feedback>(`/v1/me/feedback/${id}/reopen`, post({ reason }));
export const closeFeedback = (id: number) => read<Feedback>(`/v1/me/feedback/${id}/close`, post());

async function publicRead<T>(path: string): Promise<T> {
  const res = await fetchWithTimeout(`${API_URL}${path}`);
  if (!res.ok) throw await toApiError(res);
  return (await res.json()) as T;
}

const province = `/v1/provinces/${encodeURIComponent(PROVINCE_ID)}`;
export const getFeedbackOptions = () => publicRead<FeedbackOptions>(`${province}/feedback/options`);
export function listPublicFeedback(q: { text?: string; category?: string; before?: number }) {
  const params = new URLSearchParams();
  if (q.text) params.set("q", q.text);
  if (q.category) params.set("category", q.category);
  if (q.before) params.set("before", String(q.before));
  const query = params.toString();
  return publicRead<PublicFeedbackPage>(`${province}/feedback${query ? `?${query}` : ""}`);
}
export const getPublicFeedback = (id: number) => publicRead<PublicFeedback>(`${province}/feedback/${id}`);

/** Items per page of the staff inbox: each one is a card with its own forms, so a phone gets them a few at a time. */
export const STAFF_INBOX_PAGE = 20;

/** The officer's inbox; with `page`, only one list from `offset` on (the other comes back empty). */
export function getStaffInbox(state: "open" | "done" = "open", page?: { kind: "questions" | "feedback"; offset: number }) {
  const params = new URLSearchParams({ state, limit: String(STAFF_INBOX_PAGE) });
  if (page) {
    params.set("kind", page.kind);
    params.set("offset", String(page.offset));
  }
  return read<StaffInbox>(`/v1/staff/inbox?${params.toString()}`);
}
export const answerQuestion = (id: number, text: string) => read<StaffQuestion>(`/v1/staff/questions/${id}/answer`, post({ text }));
export const reassignQuestion = (id: number, to: { officerId: string } | { departmentId: string }) =>
  read<StaffQuestion>(`/v1/staff/questions/${id}/reassign`, post(to));
export const assignFeedback = (id: number, agencyId: string, note?: string) =>
  read<StaffFeedback>(`/v1/staff/feedback/${id}/assign`, post({ agencyId, ...(note ? { note } : {}) }));
export const answerFeedback = (id: number, text: string) => read<StaffFeedback>(`/v1/staff/feedback/${id}/answer`, post({ text }));
export const getStaffDirectory = () => read<StaffDirectory>("/v1/staff/directory");
export const getRatingSummary = (groupBy: "agency" | "department" | "officer" | "month" = "agency") =>
  read<RatingSummary>(`/v1/staff/ratings/summary?groupBy=${groupBy}`);
