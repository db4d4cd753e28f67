/**
 * What the web app's service worker does with each request, as a pure function (tested in test/unit/web-app.test.ts).
 *
 *   navigation   a page of the app (any path: the app routes itself): the network, or the cached app shell when
 *                the network fails, so a reload without network still opens the app
 *   asset        a built file (/assets/*, the manifest, the icon): names carry a hash, so the cached copy is right
 *   public-api   the province and its procedure guide and agencies: the network, or the last answer when the
 *                network fails
 *   network      everything else goes to the network untouched: dossiers (the app keeps its own copy of the
 *                dossiers looked up, see domain/saved-dossiers.ts), and never a cached copy of anything personal
 *                (owner views with ?t=, /v1/me/*, /v1/staff/*, sessions, photos)
 */
export type RequestKind = "navigation" | "asset" | "public-api" | "network";

export type RequestFacts = {
  method: string;
  url: string;
  /** Request.mode: "navigate" for a page load. */
  mode: string;
  /** Whether the request carries an Authorization header (a signed-in citizen's or officer's). */
  authorized: boolean;
};

/** Public reads of the province: GET /v1/provinces/{id}, …/procedures[?q], …/procedures/{code}, …/agencies. */
const PUBLIC_API = /^\/v1\/provinces\/[^/]+(\/procedures(\/[^/]+)?|\/agencies)?$/;

export function requestKind(request: RequestFacts, origin: string, precached: readonly string[]): RequestKind {
  if (request.method !== "GET" || request.authorized) return "network";
  const url = new URL(request.url);
  if (url.origin !== origin) return "network";
  if (request.mode === "navigate") return "navigation";
  if (url.pathname.startsWith("/assets/") || precached.includes(url.pathname)) return "asset";
  if (PUBLIC_API.test(url.pathname) && !url.searchParams.has("t")) return "public-api";
  return "network";
}

/** The caches of one build: a new build's service worker starts its own and deletes the others. */
export function cacheNames(version: string): { shell: string; api: string } {
  return { shell: `motcua-shell-${version}`, api: `motcua-api-${version}` };
}

export const CACHE_PREFIX = "motcua-";

/** A procedure search a citizen typed is cached too; past this many answers the oldest go. */
export const API_CACHE_ENTRIES = 80;
