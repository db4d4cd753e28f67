/** The citizen's choice of communes: finding one by name as people type it, and whether a choice has changed. */
import { foldVietnamese } from "../../../worker/src/domain/text";

/** As many as the API accepts (PUT /v1/me/communes). */
export const MAX_CHOSEN_COMMUNES = 5;

const words = (text: string) =>
  foldVietnamese(text)
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

/**
 * The communes whose name has every typed word at the start of one of its words, diacritics optional:
 * "hac thanh" and "Hạc Th" find "Phường Hạc Thành"; names that start with the words come first, then by name.
 */
export function matchCommunes<C extends { name: string }>(communes: readonly C[], query: string): C[] {
  const typed = words(query);
  if (typed.length === 0) return [];
  const scored: { commune: C; rank: number }[] = [];
  for (const commune of communes) {
    const name = words(commune.name);
    if (!typed.every((w) => name.some((n) => n.startsWith(w)))) continue;
    // "Xã", "Phường", "Thị trấn" are not what people type first: a match on the place's own name ranks higher.
    const own = name.filter((n) => !["xa", "phuong", "thi", "tran"].includes(n));
    scored.push({ commune, rank: own[0]?.startsWith(typed[0]!) ? 0 : 1 });
  }
  return scored.sort((a, b) => a.rank - b.rank || a.commune.name.localeCompare(b.commune.name, "vi")).map((s) => s.commune);
}

/** Whether two choices hold the same communes with the same purposes (order aside). */
export function sameChoice(a: readonly { code: string; purpose: string }[], b: readonly { code: string; purpose: string }[]): boolean {
  if (a.length !== b.length) return false;
  const purposes = new Map(b.map((c) => [c.code, c.purpose]));
  return a.every((c) => purposes.get(c.code) === c.purpose);
}
