/**
 * Addresses inside the app. In Zalo the page lives under /zapps/<app id>/ and a slip's deep link lands on
 * /zapps/<app id>/dossier?code=…; in a browser the app is served at /. The prefix is read from the address the
 * app was opened at, so the same build works in both (zmp-ui's router assumes /zapps/<APP_ID> in every
 * production build, which leaves the page blank outside Zalo).
 */
export type AppLocation = {
  /** The in-app path, always starting with "/": "/", "/dossier", "/procedures"… */
  path: string;
  /** The query string including "?", or "". */
  search: string;
  /** Position in this session's in-app history: 0 is where the app was opened. */
  index: number;
  /** A new number for every arrival on a page (a navigation, "back"): a page reads fresh data per arrival. */
  key: number;
};

export function detectBasename(pathname: string): string {
  return /^\/zapps\/[^/]+/.exec(pathname)?.[0] ?? "";
}

export function toAppPath(pathname: string, basename: string): string {
  let path = basename && pathname.startsWith(basename) ? pathname.slice(basename.length) : pathname;
  path = path.replace(/\/index\.html$/, "/").replace(/\/+$/, "");
  return path.startsWith("/") ? path : `/${path}`;
}

export function readLocation(address: { pathname: string; search: string }, basename: string, historyState: unknown, key = 0): AppLocation {
  const index = (historyState as { index?: unknown } | null)?.index;
  return {
    path: toAppPath(address.pathname, basename),
    search: address.search,
    index: typeof index === "number" ? index : 0,
    key,
  };
}
