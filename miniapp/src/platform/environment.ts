/**
 * Where the mini app runs. Inside Zalo the page is served from h5.zdn.vn under /zapps/<app id>/ (the rule
 * zmp-sdk itself applies); anywhere else (a browser, the tests) the app uses its browser fallbacks and never
 * loads zmp-sdk.
 */
export type PageAddress = { hostname: string; pathname: string; search: string };

export function isInsideZalo(address: PageAddress): boolean {
  if (!address.hostname.includes("h5.zdn.vn")) return false;
  const env = new URLSearchParams(address.search).get("env");
  return env === "TESTING_LOCAL" || address.pathname.startsWith("/zapps");
}
