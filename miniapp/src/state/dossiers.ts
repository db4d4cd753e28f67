/**
 * Dossier lookups (the public or owner view, read afresh on each arrival), the tokens the API refused, and the code
 * typed on the home page.
 */
import { atom, atomFamily, selectorFamily } from "recoil";
import { getDossier, isRefusedToken } from "../api/client";
import type { DossierView } from "../api/types";
import { outcomeOf, type Outcome } from "./outcome";

/**
 * `visit` makes each arrival on the dossier page (and each retry) a fresh read rather than a cached one. It comes
 * from state that outlives a suspended render (the location's arrival number, a retry counter), never from a
 * component's own state: React discards that when a first render suspends, which would start a new read each time.
 */
export type DossierLookupKey = { code: string; token: string | null; visit: string };

export type DossierLookup = {
  view: DossierView;
  fetchedAt: string;
  /** The token was refused (wrong, revoked, expired): `view` is the public view and `message` says why. */
  refusedToken?: { token: string; message: string };
};

const dossierQuery = selectorFamily<Outcome<DossierLookup>, DossierLookupKey>({
  key: "dossierQuery",
  get:
    ({ code, token }) =>
    () =>
      outcomeOf(async () => {
        if (token) {
          try {
            return { view: await getDossier(code, token), fetchedAt: new Date().toISOString() };
          } catch (error) {
            if (!isRefusedToken(error)) throw error;
            const view = await getDossier(code);
            return { view, fetchedAt: new Date().toISOString(), refusedToken: { token, message: (error as Error).message } };
          }
        }
        // No token: a dossier this citizen follows opens as the owner view (a message's button lands here).
        const followed = await (await import("./account")).followedOwnerView(code);
        return { view: followed ?? (await getDossier(code)), fetchedAt: new Date().toISOString() };
      }),
  cachePolicy_UNSTABLE: { eviction: "lru", maxSize: 20 },
});

/**
 * A view the app already holds for the key that will show it, so it is not requested again: the owner view an
 * unlock returned, or the public view that came back with a refused token.
 */
export const knownLookupState = atomFamily<DossierLookup | null, DossierLookupKey>({ key: "knownLookup", default: null });

export const dossierLookupState = selectorFamily<Outcome<DossierLookup>, DossierLookupKey>({
  key: "dossierLookup",
  get:
    (key) =>
    ({ get }) => {
      const known = get(knownLookupState(key));
      return known ? { ok: true, value: known } : get(dossierQuery(key));
    },
  cachePolicy_UNSTABLE: { eviction: "lru", maxSize: 20 },
});

/** Slip or view tokens answered with 403: not sent again, so the page falls back to the next way in. */
export const refusedTokensState = atom<string[]>({ key: "refusedTokens", default: [] });

/** "Thử lại" on a dossier: bumping it starts a fresh read. */
export const dossierRetryState = atomFamily<number, string>({ key: "dossierRetry", default: 0 });

/** Why the owner view was refused for a dossier (the API's Vietnamese message), until an unlock succeeds. */
export const tokenRefusalState = atomFamily<string | null, string>({ key: "tokenRefusal", default: null });

// ── The code typed on the home page ───────────────────────────────────────────────────────────────────────────

/**
 * What the citizen typed in "Nhập mã hồ sơ" and the code it was read as. Kept while the app is open, so the
 * field still holds it when they come back from "Không tìm thấy" to correct it.
 */
export const typedCodeState = atom<{ text: string; code: string | null }>({ key: "typedCode", default: { text: "", code: null } });
