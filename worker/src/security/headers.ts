/**
 * What every response says about itself to the browser: security headers, who may read it from another origin
 * (CORS), and whether it may be kept in a cache.
 */
import type { Context } from "hono";
import { cors } from "hono/cors";
import { createMiddleware } from "hono/factory";
import { NONCE, secureHeaders } from "hono/secure-headers";
import type { AppEnv, Env } from "../env";

/** Where this deployment is reached (links it hands out, its own web app's origin); local by default. */
export const LOCAL_PUBLIC_ORIGIN = "http://127.0.0.1:8787";
export function publicOrigin(env: Pick<Env, "PUBLIC_ORIGIN">): string {
  return (env.PUBLIC_ORIGIN || LOCAL_PUBLIC_ORIGIN).replace(/\/+$/, "");
}

/**
 * Zalo serves mini apps from h5.zdn.vn (zmp-sdk's own base, `https://h5.zdn.vn/zapps/<app id>`); inside the Zalo
 * app on phones the same pages run under the `zbrowser:` scheme.
 */
export const ZALO_MINI_APP_ORIGINS = ["https://h5.zdn.vn", "zbrowser://h5.zdn.vn"];

const LOOPBACK = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;

/**
 * The origins whose pages may call the citizen routes: Zalo's mini app origins, this deployment's own web app, the
 * extra ones configured in ALLOWED_ORIGINS (comma-separated), and — only when the deployment itself is local —
 * the dev servers on this machine.
 */
export function allowedOrigin(origin: string, env: Pick<Env, "PUBLIC_ORIGIN" | "ALLOWED_ORIGINS">): boolean {
  const own = publicOrigin(env);
  if (origin === own || ZALO_MINI_APP_ORIGINS.includes(origin)) return true;
  const extra = (env.ALLOWED_ORIGINS ?? "").split(",").map((o) => o.trim().replace(/\/+$/, ""));
  if (extra.includes(origin)) return true;
  return LOOPBACK.test(own) && LOOPBACK.test(origin);
}

/** CORS for the citizen routes: the session travels in Authorization, never in a cookie; no credentials mode. */
export const citizenCors = cors({
  origin: (origin, c: Context<AppEnv>) => (origin && allowedOrigin(origin, c.env) ? origin : null),
  allowMethods: ["GET", "POST", "PUT", "DELETE"],
  // The province a code outside the national shape is looked up in, and the read bookmark (shards/).
  allowHeaders: ["authorization", "content-type", "x-motcua-province", "x-motcua-bookmark"],
  exposeHeaders: ["x-motcua-bookmark"],
  maxAge: 600,
});

/** The API answers JSON, SVG and photos: nothing in it may run a script, load anything or be framed. */
const API_CSP = { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] };
const common = {
  referrerPolicy: "no-referrer", // tokens travel in query strings (?t=): never let a URL leak through Referer
  xFrameOptions: "DENY",
  strictTransportSecurity: false, // set below, and only over HTTPS
  crossOriginEmbedderPolicy: false,
} as const;
const apiHeaders = secureHeaders({ ...common, contentSecurityPolicy: API_CSP });
/** Photos are shown by the mini app, another origin: <img> loads need a cross-origin resource policy. */
const mediaHeaders = secureHeaders({ ...common, contentSecurityPolicy: API_CSP, crossOriginResourcePolicy: "cross-origin" });
/** The docs page: its one stylesheet is inline with a per-response nonce; no script at all. */
const docsHeaders = secureHeaders({ ...common, contentSecurityPolicy: { ...API_CSP, styleSrc: [NONCE], imgSrc: ["'self'", "data:"] } });

const HSTS = "max-age=31536000; includeSubDomains";

/**
 * Responses that carry personal data are never stored by a browser or a proxy: owner views (a dossier read with a
 * token, an unlock), the citizen's and officer's account routes, sessions, the integration and admin routes. Public
 * reads keep the caching their route gives them.
 */
export function isPersonal(c: Context): boolean {
  const path = c.req.path;
  if (c.req.header("authorization")) return true;
  if (/^\/v1\/(me|staff|session|integration|admin)(\/|$)/.test(path)) return true;
  if (path.startsWith("/v1/dossiers/")) return c.req.method !== "GET" || c.req.query("t") !== undefined || !/^\/v1\/dossiers\/[^/]+$/.test(path);
  return false;
}

export const responseHeaders = createMiddleware<AppEnv>(async (c, next) => {
  const path = c.req.path;
  const headers = path === "/docs" ? docsHeaders : path.startsWith("/v1/media/") ? mediaHeaders : apiHeaders;
  await headers(c, next);
  if (c.req.url.startsWith("https:")) c.res.headers.set("Strict-Transport-Security", HSTS);
  if (isPersonal(c)) c.res.headers.set("Cache-Control", "private, no-store");
  else if (!c.res.headers.has("Cache-Control")) c.res.headers.set("Cache-Control", "no-cache");
});
