/**
 * The directory's search and order: diacritics optional ("tho xuan" finds "xã Thọ Xuân"), each typed word the start
 * of a word in the desk's name, short name or address; provincial desks before communes; the desk a link asked for
 * (`?agency=`) first of all.
 */
import { searchWords } from "../../../worker/src/domain/text";

export type DirectoryEntry = { id: string; name: string; shortName: string | null; address: string | null; level: string };

/** Levels in the order the directory shows them; any other level comes last. */
export const LEVEL_ORDER = ["province", "commune"] as const;

/** True when every word typed starts a word of the desk's name, short name or address. */
export function matchesQuery(entry: DirectoryEntry, query: string): boolean {
  const typed = searchWords(query).split(" ").filter(Boolean);
  if (typed.length === 0) return true;
  // The same folding as the public feedback search: each word with a space before it.
  const haystack = searchWords([entry.name, entry.shortName ?? "", entry.address ?? ""].join(" "));
  return typed.every((w) => haystack.includes(` ${w}`));
}

export type DirectoryGroup<T> = { level: string; entries: T[] };

export type DirectoryListing<T> = {
  /** The desk the address named, when it matches the search; shown first, apart from the groups. */
  selected: T | null;
  groups: DirectoryGroup<T>[];
  /** How many desks match, the selected one included. */
  count: number;
};

const levelRank = (level: string) => {
  const i = (LEVEL_ORDER as readonly string[]).indexOf(level);
  return i === -1 ? LEVEL_ORDER.length : i;
};

/** The desks that match `query`, grouped by level and sorted by name as Vietnamese sorts, `selectedId` apart. */
export function directoryListing<T extends DirectoryEntry>(entries: readonly T[], query: string, selectedId: string | null): DirectoryListing<T> {
  const matching = entries.filter((e) => matchesQuery(e, query));
  const selected = (selectedId && matching.find((e) => e.id === selectedId)) || null;
  const rest = matching.filter((e) => e !== selected).sort((a, b) => levelRank(a.level) - levelRank(b.level) || a.name.localeCompare(b.name, "vi"));
  const groups: DirectoryGroup<T>[] = [];
  for (const entry of rest) {
    const rank = levelRank(entry.level);
    const last = groups[groups.length - 1];
    if (last && levelRank(last.level) === rank) last.entries.push(entry);
    else groups.push({ level: rank < LEVEL_ORDER.length ? entry.level : "other", entries: [entry] });
  }
  return { selected, groups, count: matching.length };
}
