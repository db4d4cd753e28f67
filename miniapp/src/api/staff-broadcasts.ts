/**
 * The staff area's broadcasts: the province's news as its writers see it (with the cover upload), emergency
 * alerts composed by province admins, who may write news, and the live delivery counts of each. Every call goes
 * through the session (api/account); the server decides what the linked officer may do.
 */
import type { InferResponseType } from "hono/client";
import { signedIn } from "./account";
import { PROVINCE_ID } from "../config";
import { answer, client } from "./client";

const staff = signedIn.v1.staff;
type Ok<Endpoint> = InferResponseType<Endpoint, 200>;

export type StaffNews = Ok<(typeof staff.news)[":newsId"]["$put"]>;
export type NewsInput = Parameters<typeof staff.news.$post>[0]["json"];
export type StaffOfficer = Ok<(typeof staff.officers)[":officerId"]["permissions"]["$put"]>;
export type StaffAlert = Ok<typeof staff.alerts.$get>["alerts"][number];
export type AlertInput = Parameters<typeof staff.alerts.$post>[0]["json"];
export type DeliveryCounts = Ok<(typeof staff.broadcasts)[":kind"][":subject"]["deliveries"]["$get"]>;
export type BroadcastKind = "alert" | "news";

export const getStaffProfile = () => answer(staff.me.$get());

export const listStaffNews = async (): Promise<StaffNews[]> => (await answer(staff.news.$get())).news;
export const createNews = (news: NewsInput): Promise<StaffNews> => answer(staff.news.$post({ json: news }), 201);
export const updateNews = (newsId: string, news: NewsInput): Promise<StaffNews> => answer(staff.news[":newsId"].$put({ param: { newsId }, json: news }));
export const unpublishNews = (newsId: string): Promise<StaffNews> => answer(staff.news[":newsId"].$delete({ param: { newsId } }));

/** The cover's bytes as the request body, typed by what the phone made of the photo. */
export const uploadNewsCover = (newsId: string, photo: Blob): Promise<StaffNews> =>
  answer(staff.news[":newsId"].cover.$put({ param: { newsId } }, { headers: { "content-type": photo.type }, init: { body: photo } }));

export const listOfficers = async (): Promise<StaffOfficer[]> => (await answer(staff.officers.$get())).officers;
export const setCommunications = (officerId: string, on: boolean): Promise<StaffOfficer> =>
  answer(staff.officers[":officerId"].permissions.$put({ param: { officerId }, json: { permissions: on ? ["communications"] : [] } }));

export const listStaffAlerts = async (): Promise<StaffAlert[]> => (await answer(staff.alerts.$get())).alerts;
export const alertReach = (communes: string[]) => answer(staff.alerts.reach.$post({ json: { communes } }));
export const sendAlert = (alert: AlertInput) => answer(staff.alerts.$post({ json: alert }));
export const updateAlert = (alertId: number, alert: AlertInput) =>
  answer(staff.alerts[":alertId"].update.$post({ param: { alertId: String(alertId) }, json: alert }));
export const cancelAlert = (alertId: number, note?: string) =>
  answer(staff.alerts[":alertId"].cancel.$post({ param: { alertId: String(alertId) }, json: note ? { note } : {} }));

export const getDeliveries = (kind: BroadcastKind, subject: string): Promise<DeliveryCounts> =>
  answer(staff.broadcasts[":kind"][":subject"].deliveries.$get({ param: { kind, subject } }));

/** The province's communes (public), for choosing where an alert goes. */
export const listCommunes = async () => (await answer(client.v1.provinces[":provinceId"].communes.$get({ param: { provinceId: PROVINCE_ID } }))).communes;
