/**
 * Signing in outside Zalo, in dev and test builds only: the project's fake Zalo (scripts/fake-zalo) issues a real
 * access token for a dev user, which the worker then verifies exactly as it verifies Zalo's. Production builds
 * have no DEV_ZALO_URL and never reach this.
 */
import { DEV_ZALO_APP_ID, DEV_ZALO_URL } from "../config";
import { chooseDevUser } from "../domain/dev-user";

const DEV_USER_KEY = "motcua.devUser";

export const devSignInAvailable = DEV_ZALO_URL !== "" && DEV_ZALO_APP_ID !== "";

// The user named in the address the app was opened with is kept before any in-app navigation drops the query.
if (devSignInAvailable && typeof window !== "undefined") currentDevUser();

export function currentDevUser(): string {
  const user = chooseDevUser(window.location.search, window.localStorage.getItem(DEV_USER_KEY));
  window.localStorage.setItem(DEV_USER_KEY, user);
  return user;
}

async function post<T>(path: string, body: unknown): Promise<T> {
  const res = await fetch(`${DEV_ZALO_URL}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`fake Zalo ${path}: ${res.status}`);
  return (await res.json()) as T;
}

export async function devAccessToken(): Promise<string> {
  const userId = currentDevUser();
  const { accessToken } = await post<{ accessToken: string }>("/__dev/tokens", { appId: DEV_ZALO_APP_ID, userId, name: `Người dùng thử ${userId}` });
  return accessToken;
}

export async function devPhoneToken(): Promise<string> {
  const { token } = await post<{ token: string }>("/__dev/phone-tokens", { appId: DEV_ZALO_APP_ID, userId: currentDevUser(), phone: "84912345678" });
  return token;
}
