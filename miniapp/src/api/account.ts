/**
 * The signed-in part of the API: a session from POST /v1/session (the server checks the Zalo access token with
 * Zalo and keys everything on the id Zalo returns), kept on the phone, renewed once when it expires.
 */
import { hc } from "hono/client";
import type { AppType } from "../../../worker/src/app";
import { API_URL, PROVINCE_ID } from "../config";
import { messages } from "../messages";
import { storage, zaloAccessToken } from "../platform";
import { ApiError, fetchWithTimeout, toApiError } from "./client";
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
  const accessToken = await zaloAccessToken();
  if (!accessToken) throw new ApiError(401, "zalo_unavailable_here", messages.account.openInZalo);
  const res = await fetchWithTimeout(`${API_URL}/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ provinceId: PROVINCE_ID, accessToken }),
  });
  if (res.status !== 201) throw await toApiError(res);
  const body = (await res.json()) as { sessionToken: string; expiresAt: string };
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

/** A signed-in request: 401 from an expired or refused session signs in again once, then retries. */
export async function authed(path: string, init: RequestInit = {}): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    const { token } = await session(attempt > 0);
    const res = await fetchWithTimeout(`${API_URL}${path}`, {
      ...init,
      // JSON for string bodies; FormData sets its own multipart boundary.
      headers: { ...(typeof init.body === "string" ? { "content-type": "application/json" } : {}), ...init.headers, authorization: `Bearer ${token}` },
    });
    if (res.status === 401 && attempt === 0) {
      await storage.removeItem(SESSION_KEY);
      continue;
    }
    return res;
  }
}

export async function read<T>(path: string, init?: RequestInit, ok = [200]): Promise<T> {
  const res = await authed(path, init);
  if (!ok.includes(res.status)) throw await toApiError(res);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

// hc gives the paths their types; the calls go through `authed` for the session.
const routes = hc<AppType>(API_URL);
const pathOf = (url: URL) => url.pathname + url.search;

export const getMe = () => read<Me>(pathOf(routes.v1.me.$url()));
export const listFollows = async () => (await read<{ dossiers: FollowedDossier[] }>(pathOf(routes.v1.me.follows.$url()))).dossiers;
export const follow = (code: string, t: string) =>
  read<FollowedDossier>(pathOf(routes.v1.me.follows.$url()), { method: "POST", body: JSON.stringify({ code, t }) }, [200, 201]);
export const unfollow = (code: string) =>
  read<void>(pathOf(routes.v1.me.follows[":code"].$url({ param: { code } })), { method: "DELETE" }, [204]);
export const getFollowedDossier = (code: string) => read<OwnerDossier>(pathOf(routes.v1.me.dossiers[":code"].$url({ param: { code } })));
export const getInbox = () => read<InboxPage>(pathOf(routes.v1.me.inbox.$url()));
export const markInboxRead = (upToId: number) =>
  read<void>(pathOf(routes.v1.me.inbox.read.$url()), { method: "POST", body: JSON.stringify({ upToId }) }, [204]);
export const grantConsent = (channel: "miniapp" | "zns", wording: string, extra: { accessToken?: string; phoneToken?: string } = {}) =>
  read(pathOf(routes.v1.me.consents[":channel"].$url({ param: { channel } })), { method: "PUT", body: JSON.stringify({ purpose: "dossier_updates", wording, ...extra }) });
export const withdrawConsent = (channel: "miniapp" | "zns") =>
  read<void>(pathOf(routes.v1.me.consents[":channel"].$url({ param: { channel } })), { method: "DELETE" }, [204]);
export const linkStaff = (code: string) => read<StaffProfile>(pathOf(routes.v1.staff.link.$url()), { method: "POST", body: JSON.stringify({ code }) });
export const unlinkStaff = () => read<void>(pathOf(routes.v1.staff.link.$url()), { method: "DELETE" }, [204]);
export const getStaffDossiers = () => read<StaffDossiers>(pathOf(routes.v1.staff.dossiers.$url()));

/** A fresh Zalo access token, for exchanges the server makes on the citizen's behalf (the phone number). */
export async function freshZaloToken(): Promise<string> {
  const token = await zaloAccessToken();
  if (!token) throw new ApiError(401, "zalo_unavailable_here", messages.account.openInZalo);
  return token;
}
