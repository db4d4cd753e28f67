/**
 * The dossiers looked up on this phone, kept so they open fast and still show their last known status when the
 * network fails. A slip token (from the paper slip's QR) is kept with its dossier so reopening it shows the owner
 * view; a view token (from the last-4 unlock) is kept only until it expires, never after.
 */
import type { DossierView } from "../api/types";

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
};

export const MAX_SAVED_DOSSIERS = 20;

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
  const rest = list.filter((s) => s.code !== update.code);
  return purgeExpiredTokens([entry, ...rest], now).slice(0, MAX_SAVED_DOSSIERS);
}

export function forgetDossier(list: readonly SavedDossier[], code: string): SavedDossier[] {
  return list.filter((s) => s.code !== code);
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

export function serializeSavedDossiers(list: readonly SavedDossier[], now: Date): string {
  return JSON.stringify({ version: 1, dossiers: purgeExpiredTokens(list, now) });
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
  return purgeExpiredTokens(dossiers.filter(isSavedDossier), now).slice(0, MAX_SAVED_DOSSIERS);
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
    (s.viewToken === undefined || (typeof s.viewToken?.token === "string" && typeof s.viewToken?.expiresAt === "string"))
  );
}
