/**
 * The signed-in citizen's state: who they are to us (consents, staff link, unread count), the dossiers they
 * follow, their inbox, and for officers the dossiers in their care. Each read is an async selector that starts
 * again when `accountVersionState` moves (after following, consenting, reading…).
 */
import { atom, selector, selectorFamily } from "recoil";
import { getFollowedDossier, getInbox, getMe, getStaffDossiers, hasSession, listFollows } from "../api/account";
import type { FollowedDossier, InboxPage, Me, OwnerDossier, StaffDossiers } from "../api/types";
import { outcomeOf, type Outcome } from "./outcome";

export const accountVersionState = atom<number>({ key: "accountVersion", default: 0 });

export const meState = selector<Outcome<Me>>({
  key: "me",
  get: ({ get }) => {
    get(accountVersionState);
    return outcomeOf(getMe);
  },
});

/** GET /v1/me only when a session is already on the phone: the home page never triggers a sign-in. */
export const meIfSignedInState = selector<Me | null>({
  key: "meIfSignedIn",
  get: async ({ get }) => {
    get(accountVersionState);
    if (!(await hasSession())) return null;
    try {
      return await getMe();
    } catch {
      return null;
    }
  },
});

export const followsState = selector<Outcome<FollowedDossier[]>>({
  key: "follows",
  get: ({ get }) => {
    get(accountVersionState);
    return outcomeOf(listFollows);
  },
});

/** Whether this dossier is followed, asked only when a session exists (null: unknown, not signed in). */
export const isFollowedState = selectorFamily<boolean | null, string>({
  key: "isFollowed",
  get:
    (code) =>
    async ({ get }) => {
      get(accountVersionState);
      if (!(await hasSession())) return null;
      try {
        return (await listFollows()).some((d) => d.code === code);
      } catch {
        return null;
      }
    },
});

/** The owner view of a followed dossier (what a message's button opens), or null when not followed here. */
export async function followedOwnerView(code: string): Promise<OwnerDossier | null> {
  if (!(await hasSession())) return null;
  try {
    return await getFollowedDossier(code);
  } catch {
    return null;
  }
}

export const inboxState = selector<Outcome<InboxPage>>({
  key: "inbox",
  get: ({ get }) => {
    get(accountVersionState);
    return outcomeOf(getInbox);
  },
});

export const staffDossiersState = selector<Outcome<StaffDossiers>>({
  key: "staffDossiers",
  get: ({ get }) => {
    get(accountVersionState);
    return outcomeOf(getStaffDossiers);
  },
});
