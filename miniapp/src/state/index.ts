/**
 * All app state, in one place: where the citizen is in the app, the province, the dossiers kept on this phone,
 * and the API reads (async selectors, rendered under <Suspense> with skeletons).
 */
import { useCallback } from "react";
import {
  atom,
  atomFamily,
  selector,
  selectorFamily,
  useRecoilValue,
  useRecoilValueLoadable,
  useSetRecoilState,
  type AtomEffect,
  type RecoilValue,
} from "recoil";
import { getAgencies, getDossier, getProcedure, getProvince, isRefusedToken, searchProcedures } from "../api/client";
import type { Agency, DossierView, Procedure, ProcedureSummary, Province } from "../api/types";
import { PROVINCE_ID } from "../config";
import {
  applyRetention,
  holdsOwnerDetails,
  nextRetentionChange,
  parseSavedDossiers,
  serializeSavedDossiers,
  syncFollowed,
  type SavedDossier,
} from "../domain/saved-dossiers";
import { detectBasename, readLocation, type AppLocation } from "../navigation/location";
import { canSignIn, storage } from "../platform";

// ── API reads ─────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * What an API read ended as. Selectors resolve to this rather than reject: a 404 or a dropped network is an
 * ordinary outcome here, and Recoil 0.7 leaves an unhandled rejection behind when a rejected read sits under an
 * atom's default (it chains `.finally` on it). Components read it with useOutcome, which throws the error to the
 * nearest ErrorBoundary during render.
 */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

export async function outcomeOf<T>(read: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await read() };
  } catch (error) {
    return { ok: false, error };
  }
}

/** The value of an API read (suspending while it loads); its failure is thrown to the nearest ErrorBoundary. */
export function useOutcome<T>(state: RecoilValue<Outcome<T>>): T {
  const outcome = useRecoilValue(state);
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}

// ── Where the citizen is ──────────────────────────────────────────────────────────────────────────────────────

export const basename = detectBasename(window.location.pathname);

let arrivals = 0;
/** Numbers each arrival on a page; called when the address changes, never while rendering. */
export const nextArrival = () => ++arrivals;

const followHistory: AtomEffect<AppLocation> = ({ setSelf }) => {
  const onPopState = (event: PopStateEvent) => setSelf(readLocation(window.location, basename, event.state, nextArrival()));
  window.addEventListener("popstate", onPopState);
  return () => window.removeEventListener("popstate", onPopState);
};

export const locationState = atom<AppLocation>({
  key: "location",
  default: readLocation(window.location, basename, window.history.state),
  effects: [followHistory],
});

// ── The province this mini app serves ─────────────────────────────────────────────────────────────────────────

const PROVINCE_KEY = `motcua:${PROVINCE_ID}:province`;

/** The province's name, colours and hotline; the last copy when offline; null when neither is available. */
export const provinceState = selector<Province | null>({
  key: "province",
  get: async () => {
    try {
      const province = await getProvince();
      void storage.setItem(PROVINCE_KEY, JSON.stringify(province));
      return province;
    } catch {
      const cached = await storage.getItem(PROVINCE_KEY);
      try {
        return cached ? (JSON.parse(cached) as Province) : null;
      } catch {
        return null;
      }
    }
  },
});

// ── Dossiers kept on this phone ───────────────────────────────────────────────────────────────────────────────

const SAVED_KEY = `motcua:${PROVINCE_ID}:dossiers`;

/** setTimeout's longest delay (about 24.8 days); a longer one would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Loaded from storage on first use, written back on every change (an empty list removes the key). What may no
 * longer be kept is erased from storage the moment it expires (a timer), not only at the next start: a view
 * token after 30 minutes, owner details 30 days after the last look unless the dossier is followed. Whether it is
 * followed is what the API last said (FollowCard, Hồ sơ của tôi, and here at start when a session is already on
 * the phone); outside Zalo, where nobody signs in, nothing is followed.
 */
const persistSavedDossiers: AtomEffect<SavedDossier[]> = ({ setSelf, onSet, trigger }) => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const write = (list: SavedDossier[]) =>
    void (list.length === 0 ? storage.removeItem(SAVED_KEY) : storage.setItem(SAVED_KEY, serializeSavedDossiers(list, new Date())));
  const update = (change: (list: SavedDossier[]) => SavedDossier[]) =>
    setSelf((current) => {
      const list = change(Array.isArray(current) ? current : []);
      write(list);
      schedule(list);
      return list;
    });
  const schedule = (list: readonly SavedDossier[]) => {
    clearTimeout(timer);
    const at = nextRetentionChange(list);
    if (at === null) return;
    timer = setTimeout(() => update((list) => applyRetention(list, new Date())), Math.min(MAX_TIMER_MS, Math.max(0, at - Date.now()) + 100));
  };
  const learnFollows = async (list: readonly SavedDossier[]) => {
    if (!canSignIn()) {
      if (list.some((s) => s.followed)) update((list) => applyRetention(syncFollowed(list, []), new Date()));
      return;
    }
    if (!list.some(holdsOwnerDetails)) return;
    const account = await import("../api/account");
    // Never a sign-in from here: without a session on the phone, what was last learned stands.
    if (!(await account.hasSession())) return;
    try {
      const codes = (await account.listFollows()).map((d) => d.code);
      update((list) => applyRetention(syncFollowed(list, codes), new Date()));
    } catch {
      // Offline or refused: what was last learned stands.
    }
  };

  if (trigger === "get") {
    setSelf(
      storage.getItem(SAVED_KEY).then((raw) => {
        const list = parseSavedDossiers(raw, new Date());
        // What expired while the app was closed leaves storage now, not at the next change.
        if (raw && serializeSavedDossiers(list, new Date()) !== raw) write(list);
        schedule(list);
        void learnFollows(list);
        return list;
      }),
    );
  }
  onSet((list) => {
    write(list);
    schedule(list);
  });
  return () => clearTimeout(timer);
};

export const savedDossiersState = atom<SavedDossier[]>({
  key: "savedDossiers",
  default: [],
  effects: [persistSavedDossiers],
});

/**
 * Changes the saved dossiers from a page that may not show them: Recoil refuses an updater while the list is still
 * being read from storage, so the page subscribes to it (which starts the read) and a change waits for it.
 */
export function useChangeSavedDossiers(): (change: (list: SavedDossier[]) => SavedDossier[]) => Promise<void> {
  const loadable = useRecoilValueLoadable(savedDossiersState);
  const set = useSetRecoilState(savedDossiersState);
  const loaded = loadable.state === "hasValue" ? null : loadable.toPromise();
  return useCallback(
    async (change: (list: SavedDossier[]) => SavedDossier[]) => {
      if (loaded) await loaded.catch(() => undefined);
      set(change);
    },
    [loaded, set],
  );
}

// ── Dossier lookups ───────────────────────────────────────────────────────────────────────────────────────────

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

// ── Procedure guide ───────────────────────────────────────────────────────────────────────────────────────────

/** Diacritics are optional: the API folds them ("dang ky ket hon" finds "Đăng ký kết hôn"). */
export const procedureSearchState = selectorFamily<Outcome<ProcedureSummary[]>, string>({
  key: "procedureSearch",
  get: (query) => () => outcomeOf(() => searchProcedures(query)),
  cachePolicy_UNSTABLE: { eviction: "lru", maxSize: 20 },
});

export const procedureState = selectorFamily<Outcome<Procedure>, string>({
  key: "procedure",
  get: (code) => () => outcomeOf(() => getProcedure(code)),
  cachePolicy_UNSTABLE: { eviction: "lru", maxSize: 20 },
});

// ── Tokens the API refused during this session ────────────────────────────────────────────────────────────────

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

// ── The province's desks (the directory) ──────────────────────────────────────────────────────────────────────

const AGENCIES_KEY = `motcua:${PROVINCE_ID}:agencies`;

export type AgencyDirectory = {
  agencies: Agency[];
  fetchedAt: string;
  /** The API did not answer: this is the copy kept on the phone from `fetchedAt`. */
  saved: boolean;
};

function readSavedAgencies(raw: string | null): AgencyDirectory | null {
  try {
    const saved = raw ? (JSON.parse(raw) as Partial<AgencyDirectory>) : null;
    return saved && Array.isArray(saved.agencies) && typeof saved.fetchedAt === "string"
      ? { agencies: saved.agencies, fetchedAt: saved.fetchedAt, saved: true }
      : null;
  } catch {
    return null;
  }
}

/** Every desk of the province; the last copy kept on the phone when the API cannot be reached. */
export const agenciesState = selector<Outcome<AgencyDirectory>>({
  key: "agencies",
  get: () =>
    outcomeOf(async () => {
      try {
        const agencies = await getAgencies();
        const fetchedAt = new Date().toISOString();
        void storage.setItem(AGENCIES_KEY, JSON.stringify({ agencies, fetchedAt }));
        return { agencies, fetchedAt, saved: false };
      } catch (error) {
        const saved = readSavedAgencies(await storage.getItem(AGENCIES_KEY));
        if (saved) return saved;
        throw error;
      }
    }),
});
