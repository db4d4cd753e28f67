/**
 * How this phone proves it may rate a dossier: a token it holds for it (the slip's from the QR, kept on the phone;
 * else a view token from the last-4 unlock, while it lives), never one the API refused. With none, the signed-in
 * follower may still rate; otherwise the rate page asks for the proof.
 */
import { useRecoilCallback, useRecoilValue } from "recoil";
import { forgetToken, ownerTokensFor } from "../../domain/saved-dossiers";
import { refusedTokensState, savedDossiersState, tokenRefusalState } from "../../state";

/** The best token for `code`: `first` (one that just opened the owner view) if given, then the phone's. */
export function useHeldToken(code: string, first?: string | null): string | null {
  const saved = useRecoilValue(savedDossiersState).find((s) => s.code === code);
  const refused = useRecoilValue(refusedTokensState);
  const candidates = [first, ...ownerTokensFor(saved, new Date())];
  return candidates.find((t): t is string => !!t && !refused.includes(t)) ?? null;
}

/** Forgets a token the API refused for `code` (wrong, revoked, expired), keeping its reason to show. */
export function useForgetRefusedToken(code: string) {
  return useRecoilCallback(
    ({ set }) =>
      (token: string, message: string) => {
        set(refusedTokensState, (list) => (list.includes(token) ? list : [...list, token]));
        set(tokenRefusalState(code), message);
        set(savedDossiersState, (list) => forgetToken(list, code, token));
      },
    [code],
  );
}

export const ratePath = (code: string) => `/rate?code=${encodeURIComponent(code)}`;
