/**
 * The API's shapes, inferred from the worker's own route definitions: nothing here is written by hand, so a
 * change in the worker's schemas shows up as a type error in the mini app.
 */
import type { hc, InferResponseType } from "hono/client";
import type { AppType } from "../../../worker/src/app";

type Client = ReturnType<typeof hc<AppType>>;
type Ok<Endpoint> = InferResponseType<Endpoint, 200>;

export type Province = Ok<Client["v1"]["provinces"][":provinceId"]["$get"]>;
export type DossierView = Ok<Client["v1"]["dossiers"][":code"]["$get"]>;
export type PublicDossier = Extract<DossierView, { view: "public" }>;
export type OwnerDossier = Extract<DossierView, { view: "owner" }>;
export type TimelineEntry = OwnerDossier["timeline"][number];
/** A desk: where it is, when it is open, how to call it. */
export type AgencyPlace = PublicDossier["agency"];
export type Agency = Ok<Client["v1"]["provinces"][":provinceId"]["agencies"]["$get"]>["agencies"][number];
export type DossierFee = NonNullable<OwnerDossier["fee"]>;
export type UnlockedDossier = Ok<Client["v1"]["dossiers"][":code"]["unlock"]["$post"]>;
export type ProcedureSummary = Ok<Client["v1"]["provinces"][":provinceId"]["procedures"]["$get"]>["procedures"][number];
export type Procedure = Ok<Client["v1"]["provinces"][":provinceId"]["procedures"][":procedureCode"]["$get"]>;
export type ApiErrorBody = InferResponseType<Client["v1"]["dossiers"][":code"]["$get"], 404>;

// Signed-in routes (Authorization: Bearer <session>).
export type Me = Ok<Client["v1"]["me"]["$get"]>;
export type FollowedDossier = Ok<Client["v1"]["me"]["follows"]["$get"]>["dossiers"][number];
export type InboxPage = Ok<Client["v1"]["me"]["inbox"]["$get"]>;
export type InboxMessage = InboxPage["messages"][number];
export type StaffProfile = Ok<Client["v1"]["staff"]["me"]["$get"]>;
export type StaffDossiers = Ok<Client["v1"]["staff"]["dossiers"]["$get"]>;

// The citizen's voice: ratings, questions, feedback, and the staff area's work on them.
export type RatingForm = Ok<Client["v1"]["me"]["dossiers"][":code"]["rating"]["$get"]>;
export type Rating = NonNullable<RatingForm["rating"]>;
export type RatingAnswers = Rating["answers"];
export type QuestionThread = Ok<Client["v1"]["me"]["dossiers"][":code"]["questions"]["$get"]>;
export type Question = QuestionThread["questions"][number];
export type Feedback = Ok<Client["v1"]["me"]["feedback"][":id"]["$get"]>;
export type FeedbackOptions = Ok<Client["v1"]["provinces"][":provinceId"]["feedback"]["options"]["$get"]>;
export type PublicFeedbackPage = Ok<Client["v1"]["provinces"][":provinceId"]["feedback"]["$get"]>;
export type PublicFeedback = PublicFeedbackPage["feedback"][number];
export type StaffInbox = Ok<Client["v1"]["staff"]["inbox"]["$get"]>;
export type StaffQuestion = StaffInbox["questions"][number];
export type StaffFeedback = StaffInbox["feedback"][number];
export type StaffDirectory = Ok<Client["v1"]["staff"]["directory"]["$get"]>;
export type RatingSummary = Ok<Client["v1"]["staff"]["ratings"]["summary"]["$get"]>;
