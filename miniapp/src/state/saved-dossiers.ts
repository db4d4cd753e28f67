/** The dossiers kept on this phone: loaded from storage, written back on change, erased when they may no longer be kept. */
import { useCallback } from "react";
import { atom, useRecoilValueLoadable, useSetRecoilState, type AtomEffect } from "recoil";
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
import { canSignIn, storage } from "../platform";

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
