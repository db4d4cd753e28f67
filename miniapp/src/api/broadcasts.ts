/**
 * What the province tells its citizens: its communes and the ones a citizen chose, its news, and its emergency
 * alerts (CAP). The reads are public; the choice of communes is the signed-in citizen's.
 */
import type { hc, InferResponseType } from "hono/client";
import type { AppType } from "../../../worker/src/app";
import { PROVINCE_ID } from "../config";
import { signedIn } from "./account";
import { answer, client } from "./client";

type Client = ReturnType<typeof hc<AppType>>;
type Ok<Endpoint> = InferResponseType<Endpoint, 200>;
type ProvinceRoutes = Client["v1"]["provinces"][":provinceId"];

export type Commune = Ok<ProvinceRoutes["communes"]["$get"]>["communes"][number];
export type ChosenCommune = Ok<Client["v1"]["me"]["communes"]["$get"]>["communes"][number];
export type CommunePurpose = ChosenCommune["purpose"];
export type NewsPage = Ok<ProvinceRoutes["news"]["$get"]>;
export type NewsSummary = NewsPage["news"][number];
export type NewsCategory = NewsSummary["category"];
export type NewsPost = Ok<ProvinceRoutes["news"][":newsId"]["$get"]>;
export type ProvinceAlerts = Ok<ProvinceRoutes["alerts"]["$get"]>;
export type ActiveAlert = ProvinceAlerts["alerts"][number];
export type EndedAlert = ProvinceAlerts["ended"][number];
export type AlertMessage = Ok<ProvinceRoutes["alerts"][":alertId"]["$get"]>;

const province = () => client.v1.provinces[":provinceId"];
const param = { provinceId: PROVINCE_ID };

export async function getCommunes(): Promise<Commune[]> {
  return (await answer(province().communes.$get({ param }))).communes;
}

export async function getMyCommunes(): Promise<ChosenCommune[]> {
  return (await answer(signedIn.v1.me.communes.$get())).communes;
}

/** Replaces the citizen's choice (0–5 communes). */
export async function putMyCommunes(communes: { code: string; purpose: CommunePurpose }[]): Promise<ChosenCommune[]> {
  return (await answer(signedIn.v1.me.communes.$put({ json: { communes } }))).communes;
}

export const clearMyCommunes = (): Promise<void> => answer(signedIn.v1.me.communes.$delete(), 204);

export const getNews = (cursor?: string): Promise<NewsPage> => answer(province().news.$get({ param, query: cursor ? { cursor } : {} }));

export const getNewsPost = (newsId: string): Promise<NewsPost> => answer(province().news[":newsId"].$get({ param: { ...param, newsId } }));

/**
 * A warning must be the current one: the browser asks again every time rather than answer from its own cache (the
 * API lets caches keep these a minute; a CDN in front may still answer from its copy, which is as fresh as that).
 */
const FRESH = { init: { cache: "no-cache" } } as const;

/** The province's active alerts (most severe first) and those that ended in the last 24 hours. */
export const getAlerts = (): Promise<ProvinceAlerts> => answer(province().alerts.$get({ param, query: {} }, FRESH));

/** The current message of an alert's thread (an old id answers with its latest Update or its Cancel). */
export const getAlert = (alertId: number | string): Promise<AlertMessage> =>
  answer(province().alerts[":alertId"].$get({ param: { ...param, alertId: String(alertId) } }, FRESH));
