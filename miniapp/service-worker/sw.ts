/**
 * The web app's service worker (served as /sw.js by the web build; never registered inside Zalo, where the
 * platform keeps the package on the phone). Hand-written and small: which request gets which treatment is
 * policy.ts; this file only does it. The build fills in __SHELL__: its version and the files of the app shell.
 */
import { API_CACHE_ENTRIES, CACHE_PREFIX, cacheNames, requestKind } from "./policy";

declare const self: ServiceWorkerGlobalScope;
declare const __SHELL__: { version: string; files: string[] };

const caches_ = cacheNames(__SHELL__.version);
const SHELL_PAGE = "/";

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(caches_.shell);
      await cache.addAll(__SHELL__.files);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const current = new Set(Object.values(caches_));
      const names = await caches.keys();
      await Promise.all(names.filter((name) => name.startsWith(CACHE_PREFIX) && !current.has(name)).map((name) => caches.delete(name)));
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const kind = requestKind(
    { method: request.method, url: request.url, mode: request.mode, authorized: request.headers.has("authorization") },
    self.location.origin,
    __SHELL__.files,
  );
  if (kind === "navigation") event.respondWith(networkOr(event, () => caches.match(SHELL_PAGE, { cacheName: caches_.shell })));
  else if (kind === "asset") event.respondWith(cachedOrNetwork(event));
  else if (kind === "public-api") event.respondWith(networkOr(event, () => caches.match(request, { cacheName: caches_.api }), caches_.api));
});

/** The network's answer (kept in `keepIn` when it is a success), or the fallback's when the network fails. */
async function networkOr(event: FetchEvent, fallback: () => Promise<Response | undefined>, keepIn?: string): Promise<Response> {
  try {
    const response = await fetch(event.request);
    if (keepIn && response.ok) event.waitUntil(keep(keepIn, event.request, response.clone()));
    return response;
  } catch (error) {
    const cached = await fallback();
    if (cached) return cached;
    throw error;
  }
}

async function cachedOrNetwork(event: FetchEvent): Promise<Response> {
  const cached = await caches.match(event.request, { cacheName: caches_.shell });
  if (cached) return cached;
  const response = await fetch(event.request);
  // A lazily loaded page's script, kept for the next time without network; not index.html, which is what a name
  // from an older build gets (single-page-application fallback).
  if (response.ok && !response.headers.get("content-type")?.includes("text/html")) event.waitUntil(keep(caches_.shell, event.request, response.clone()));
  return response;
}

async function keep(cacheName: string, request: Request, response: Response): Promise<void> {
  const cache = await caches.open(cacheName);
  await cache.put(request, response);
  if (cacheName !== caches_.api) return;
  const keys = await cache.keys();
  await Promise.all(keys.slice(0, Math.max(0, keys.length - API_CACHE_ENTRIES)).map((key) => cache.delete(key)));
}
