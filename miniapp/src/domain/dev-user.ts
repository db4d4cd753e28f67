/**
 * Outside Zalo, dev and test builds sign in as a dev user of the fake Zalo. Which one comes from `?devUser=<id>`
 * on any page (kept on the phone for later visits), else the default.
 */
export const DEFAULT_DEV_USER = "dev-citizen";
const DEV_USER = /^[0-9A-Za-z_-]{1,64}$/;

/** The dev user named in a query string, if it is a usable id. */
export function devUserFromSearch(search: string): string | null {
  const value = new URLSearchParams(search).get("devUser");
  return value && DEV_USER.test(value) ? value : null;
}

export function chooseDevUser(search: string, stored: string | null): string {
  return devUserFromSearch(search) ?? (stored && DEV_USER.test(stored) ? stored : DEFAULT_DEV_USER);
}
