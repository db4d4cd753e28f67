/**
 * What an API read ended as, and how a component reads it: the shape every async selector of the app resolves to.
 */
import { useRecoilValue, type RecoilValue } from "recoil";

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
