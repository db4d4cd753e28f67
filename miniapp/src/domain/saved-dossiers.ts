/**
 * The dossiers looked up on this phone, kept so they open fast and still show their last known status when the
 * network fails. A slip token (from the paper slip's QR) is kept with its dossier so reopening it shows the owner
 * view; a view token (from the last-4 unlock) is kept only until it expires, never after.
 *
 * Family phones are shared: what only the owner may see (the owner view with the applicant's name, the officer,
 * the fee, the timeline, and the slip token that opens it) is kept 30 days after the dossier was last opened here,
 * then only its public part stays, unless the signed-in citizen follows it.
 */
import type { DossierView, PublicDossier } from "../api/types";

const DAY_MS = 24 * 60 * 60 * 1000;
/** How long owner details stay on the phone after the dossier was last opened here, when it is not followed. */
export const OWNER_DETAILS_DAYS = 30;
export const OWNER_DETAILS_TTL_MS = OWNER_DETAILS_DAYS * DAY_MS;

export type ViewToken = { token: string; expiresAt: string };

export type SavedDossier = {
  code: string;
  /** The last view the API returned: the public one, or the owner's. */
  view: DossierView;
  /** When `view` came from the network (shown as "cập nhật lúc …"). */
  fetchedAt: string;
  /** When it was last opened here: the list is newest first. */
  openedAt: string;
  slipToken?: string;
  viewToken?: ViewToken;
  /** The signed-in citizen follows it (as last learned from the API): its owner details do not expire. */
  followed?: boolean;
};

export const MAX_SAVED_DOSSIERS = 20;

/**
 * Every field of the public view, and nothing else: what is left of an owner view when its details expire. Listing
 * them (checked against the API's type) means a field added to the owner view can never slip into what is kept.
 */
const PUBLIC_FIELDS = {
  view: true,
  code: true,
  provinceId: true,
  status: true,
  agency: true,
  receivedAt: true,
  dueAt: true,
  completedAt: true,
  returnedAt: true,
  changedAt: true,
  overdue: true,
  overdueDays: true,
  earlyDays: true,
  mustAct: true,
  personalDataRemovedAt: true,
  personalDataNotice: true,
} as const satisfies Record<keyof PublicDossier, true>;

/** The public part of a view. A copy saved by an older version may lack newer fields: those stay absent. */
export function publicPart(view: DossierView): PublicDossier {
  if (view.view === "public") return view;
  const kept: Record<string, unknown> = {};
  for (const field of Object.keys(PUBLIC_FIELDS)) if (field in view) kept[field] = (view as Record<string, unknown>)[field];
  return { ...kept, view: "public" } as PublicDossier;
}

export type Remembered = {
  code: string;
  view: DossierView;
  fetchedAt: string;
  /** Store this slip token: only pass one the API has just accepted. */
  slipToken?: string;
  viewToken?: ViewToken;
};

function isLive(token: ViewToken | undefined, now: Date): token is ViewToken {
  return !!token && Date.parse(token.expiresAt) > now.getTime();
}

/** Drops every view token that has expired. */
export function purgeExpiredTokens(list: readonly SavedDossier[], now: Date): SavedDossier[] {
  return list.map((saved) => {
    if (!saved.viewToken || isLive(saved.viewToken, now)) return saved;
    const { viewToken: _expired, ...rest } = saved;
    return rest;
  });
}

/** It keeps something only the owner may see: the owner view, or a token that opens it. */
export const holdsOwnerDetails = (saved: SavedDossier) => saved.view.view === "owner" || !!saved.slipToken || !!saved.viewToken;

/** When the owner details of a saved dossier expire: null when it holds none or is followed. */
function ownerDetailsExpiry(saved: SavedDossier): number | null {
  if (saved.followed || !holdsOwnerDetails(saved)) return null;
  const opened = Date.parse(saved.openedAt);
  // A date that cannot be read is treated as long ago: the details go.
  return Number.isFinite(opened) ? opened + OWNER_DETAILS_TTL_MS : 0;
}

/**
 * What the phone may keep now: expired view tokens go, and so do the owner details of every dossier not opened
 * here for 30 days and not followed (the public part stays, so its last known status still shows).
 */
export function applyRetention(list: readonly SavedDossier[], now: Date): SavedDossier[] {
  return purgeExpiredTokens(list, now).map((saved) => {
    const expiry = ownerDetailsExpiry(saved);
    if (expiry === null || expiry > now.getTime()) return saved;
    const { slipToken: _slip, viewToken: _view, ...rest } = saved;
    return { ...rest, view: publicPart(saved.view) };
  });
}

/** Puts a freshly fetched dossier first, keeping the tokens it already had unless new ones are given. */
export function rememberDossier(list: readonly SavedDossier[], update: Remembered, now: Date): SavedDossier[] {
  const previous = list.find((s) => s.code === update.code);
  const entry: SavedDossier = {
    code: update.code,
    view: update.view,
    fetchedAt: update.fetchedAt,
    openedAt: now.toISOString(),
  };
  const slipToken = update.slipToken ?? previous?.slipToken;
  if (slipToken) entry.slipToken = slipToken;
  const viewToken = update.viewToken ?? previous?.viewToken;
  if (isLive(viewToken, now)) entry.viewToken = viewToken;
  if (previous?.followed) entry.followed = true;
  const rest = list.filter((s) => s.code !== update.code);
  return applyRetention([entry, ...rest], now).slice(0, MAX_SAVED_DOSSIERS);
}

export function forgetDossier(list: readonly SavedDossier[], code: string): SavedDossier[] {
  return list.filter((s) => s.code !== code);
}

/** "Quên hồ sơ trên máy này": nothing of any dossier stays, tokens included. */
export function forgetAllDossiers(): SavedDossier[] {
  return [];
}

/** Records whether the signed-in citizen follows this dossier, as the API just said. */
export function markFollowed(list: readonly SavedDossier[], code: string, followed: boolean): SavedDossier[] {
  return unlessSame(
    list,
    list.map((saved) => (saved.code === code ? withFollowed(saved, followed) : saved)),
  );
}

/** Records the whole list of dossiers the signed-in citizen follows: any other saved dossier is not followed. */
export function syncFollowed(list: readonly SavedDossier[], followedCodes: readonly string[]): SavedDossier[] {
  const followed = new Set(followedCodes);
  return unlessSame(
    list,
    list.map((saved) => withFollowed(saved, followed.has(saved.code))),
  );
}

/** The list itself when nothing changed, so nothing is written to storage for nothing. */
const unlessSame = (before: readonly SavedDossier[], after: SavedDossier[]) =>
  after.every((saved, i) => saved === before[i]) ? (before as SavedDossier[]) : after;

function withFollowed(saved: SavedDossier, followed: boolean): SavedDossier {
  if (!!saved.followed === followed) return saved;
  if (followed) return { ...saved, followed: true };
  const { followed: _was, ...rest } = saved;
  return rest;
}

/** Forgets a token the API refused (a revoked slip, an expired view), so it is not sent again. */
export function forgetToken(list: readonly SavedDossier[], code: string, token: string): SavedDossier[] {
  return list.map((saved) => {
    if (saved.code !== code) return saved;
    const next = { ...saved };
    if (next.slipToken === token) delete next.slipToken;
    if (next.viewToken?.token === token) delete next.viewToken;
    return next;
  });
}

/** The tokens that may open the owner view of a saved dossier now, best first: the slip's, then a live view token. */
export function ownerTokensFor(saved: SavedDossier | undefined, now: Date): string[] {
  if (!saved) return [];
  const tokens: string[] = [];
  if (saved.slipToken) tokens.push(saved.slipToken);
  if (isLive(saved.viewToken, now)) tokens.push(saved.viewToken.token);
  return tokens;
}

/** The soonest moment a stored view token expires, to erase it right then. */
export function nextTokenExpiry(list: readonly SavedDossier[]): number | null {
  const times = list.flatMap((s) => (s.viewToken ? [Date.parse(s.viewToken.expiresAt)] : [])).filter(Number.isFinite);
  return times.length > 0 ? Math.min(...times) : null;
}

/** The soonest moment something kept must go (a view token, or owner details 30 days after the last look). */
export function nextRetentionChange(list: readonly SavedDossier[]): number | null {
  const times = [nextTokenExpiry(list), ...list.map(ownerDetailsExpiry)].filter((t): t is number => t !== null);
  return times.length > 0 ? Math.min(...times) : null;
}

export function serializeSavedDossiers(list: readonly SavedDossier[], now: Date): string {
  return JSON.stringify({ version: 1, dossiers: applyRetention(list, now) });
}

/** Reads what storage holds, tolerating anything: a corrupt or foreign value yields an empty list, not a crash. */
export function parseSavedDossiers(raw: string | null | undefined, now: Date): SavedDossier[] {
  if (!raw) return [];
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return [];
  }
  const dossiers = (data as { dossiers?: unknown })?.dossiers;
  if (!Array.isArray(dossiers)) return [];
  return applyRetention(dossiers.filter(isSavedDossier), now).slice(0, MAX_SAVED_DOSSIERS);
}

function isSavedDossier(value: unknown): value is SavedDossier {
  const s = value as Partial<SavedDossier> | null;
  return (
    typeof s === "object" &&
    s !== null &&
    typeof s.code === "string" &&
    typeof s.fetchedAt === "string" &&
    typeof s.openedAt === "string" &&
    typeof s.view === "object" &&
    s.view !== null &&
    typeof s.view.status?.code === "number" &&
    (s.slipToken === undefined || typeof s.slipToken === "string") &&
    (s.viewToken === undefined || (typeof s.viewToken?.token === "string" && typeof s.viewToken?.expiresAt === "string")) &&
    (s.followed === undefined || typeof s.followed === "boolean")
  );
}
