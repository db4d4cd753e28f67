/**
 * The citizen's privacy rights: what the API holds about them, and erasing it. Called through Hono's typed client
 * built from the worker's routes (the answers' types come from there), over the signed-in `authed` fetch.
 */
import { hc } from "hono/client";
import type { AppType } from "../../../worker/src/app";
import { API_URL } from "../config";
import { authed, signOut } from "./account";
import { toApiError } from "./client";

const client = hc<AppType>(API_URL, {
  fetch: (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input), window.location.href);
    return authed(url.pathname + url.search, { ...init, headers: Object.fromEntries(new Headers(init?.headers)) });
  },
});

/** Everything held about the signed-in citizen (GET /v1/me/data). */
export async function getMyData() {
  const res = await client.v1.me.data.$get();
  if (res.status === 200) return res.json();
  throw await toApiError(res);
}

export type MyData = Awaited<ReturnType<typeof getMyData>>;

/** Erases the signed-in citizen (DELETE /v1/me); the session on this phone goes with the account. */
export async function eraseMyData() {
  const res = await client.v1.me.$delete();
  if (res.status !== 200) throw await toApiError(res);
  const erased = await res.json();
  await signOut();
  return erased;
}

export type Erasure = Awaited<ReturnType<typeof eraseMyData>>;
