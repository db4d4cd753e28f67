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
