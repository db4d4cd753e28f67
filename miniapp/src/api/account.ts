/**
 * The signed-in part of the API: a session from POST /v1/session (the server checks the Zalo access token with
 * Zalo and keys everything on the id Zalo returns), kept on the phone, renewed once when it expires.
 */
import { hc } from "hono/client";
import type { AppType } from "../../../worker/src/app";
import { API_URL, CURRENT_PROVINCE, isBuildProvince, PROVINCE_ID } from "../config";
import { messages } from "../messages";
import { storage, zaloAccessToken } from "../platform";
import { answer, ApiError, client, fetchWithTimeout } from "./client";
import type { FollowedDossier, InboxPage, Me, OwnerDossier, StaffDossiers, StaffProfile } from "./types";

const SESSION_KEY = `motcua:${PROVINCE_ID}:session`;
type Session = { token: string; expiresAt: string };

let current: Promise<Session | null> | null = null;

async function storedSession(): Promise<Session | null> {
  try {
    const parsed = JSON.parse((await storage.getItem(SESSION_KEY)) ?? "null") as Session | null;
    return parsed && typeof parsed.token === "string" && Date.parse(parsed.expiresAt) > Date.now() + 60_000 ? parsed : null;
  } catch {
    return null;
  }
}

/** Whether a session is already on this phone (no network, no sign-in): decides if signed-in reads are worth trying. */
export async function hasSession(): Promise<boolean> {
  return (await storedSession()) !== null;
}

async function signIn(): Promise<Session> {
  // A Zalo app signs citizens in to its own province only (the worker checks the token with that province's app):
  // in a province picked on the phone, asking would only spend a refused token.
  if (!isBuildProvince(PROVINCE_ID)) {
    throw new ApiError(403, "other_province_app", messages.account.otherProvinceApp(CURRENT_PROVINCE.name ?? CURRENT_PROVINCE.channelName));
  }
  const accessToken = await zaloAccessToken();
  if (!accessToken) throw new ApiError(401, "zalo_unavailable_here", messages.account.openInZalo);
  const body = await answer(client.v1.session.$post({ json: { provinceId: PROVINCE_ID, accessToken } }), 201);
  const session = { token: body.sessionToken, expiresAt: body.expiresAt };
  await storage.setItem(SESSION_KEY, JSON.stringify(session));
  return session;
}

async function session(renew = false): Promise<Session> {
  if (renew) current = null;
  current ??= renew ? Promise.resolve(null) : storedSession();
  const found = await current;
  if (found) return found;
  current = signIn().catch((error) => {
    current = null;
    throw error;
  });
  return (await current)!;
}

/** Forgets the session on this phone (the next signed-in call signs in again). */
export async function signOut(): Promise<void> {
  current = null;
  await storage.removeItem(SESSION_KEY);
}

/** fetch with the session: a 401 from an expired or refused session signs in again once, then retries. */
async function sessionFetch(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    const { token } = await session(attempt > 0);
    const headers = new Headers(init.headers);
    headers.set("authorization", `Bearer ${token}`);
    const res = await fetchWithTimeout(input, { ...init, headers });
    if (res.status === 401 && attempt === 0) {
      await storage.removeItem(SESSION_KEY);
      continue;
    }
    return res;
  }
}

/** The API as the signed-in citizen: the same typed routes as `client`, each call with the session. */
export const signedIn = hc<AppType>(API_URL, { fetch: sessionFetch });

const me = signedIn.v1.me;
export const getMe = (): Promise<Me> => answer(me.$get());
export const listFollows = async (): Promise<FollowedDossier[]> => (await answer(me.follows.$get())).dossiers;
export const follow = (code: string, t: string): Promise<FollowedDossier> => answer(me.follows.$post({ json: { code, t } }), 200, 201);
export const unfollow = (code: string): Promise<void> => answer(me.follows[":code"].$delete({ param: { code } }), 204);
export const getFollowedDossier = (code: string): Promise<OwnerDossier> => answer(me.dossiers[":code"].$get({ param: { code } }));
export const getInbox = (): Promise<InboxPage> => answer(me.inbox.$get({ query: {} }));
export const markInboxRead = (upToId: number): Promise<void> => answer(me.inbox.read.$post({ json: { upToId } }), 204);
export const grantConsent = (channel: "miniapp" | "zns", wording: string, extra: { accessToken?: string; phoneToken?: string } = {}) =>
  answer(me.consents[":channel"].$put({ param: { channel }, json: { purpose: "dossier_updates", wording, ...extra } }));
export const withdrawConsent = (channel: "miniapp" | "zns"): Promise<void> => answer(me.consents[":channel"].$delete({ param: { channel } }), 204);
export const linkStaff = (code: string): Promise<StaffProfile> => answer(signedIn.v1.staff.link.$post({ json: { code } }));
export const unlinkStaff = (): Promise<void> => answer(signedIn.v1.staff.link.$delete(), 204);
export const getStaffDossiers = (): Promise<StaffDossiers> => answer(signedIn.v1.staff.dossiers.$get());

/** A fresh Zalo access token, for exchanges the server makes on the citizen's behalf (the phone number). */
export async function freshZaloToken(): Promise<string> {
  const token = await zaloAccessToken();
  if (!token) throw new ApiError(401, "zalo_unavailable_here", messages.account.openInZalo);
  return token;
}
