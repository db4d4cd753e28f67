/**
 * The news kept on the phone: the feed's first page and the last post read, each with when it came from the
 * network, so both still open without a connection. What is read back is checked, since storage may hold
 * anything (an older app's copy, a half-written value).
 */

export type SavedCopy<T> = { value: T; fetchedAt: string };

type Shape<T> = (value: unknown) => value is T;

/** `value` as it is kept, with the time it was fetched. */
export function keepCopy<T>(value: T, fetchedAt: Date): string {
  return JSON.stringify({ value, fetchedAt: fetchedAt.toISOString() });
}

/** What was kept, when it has the expected shape; null otherwise. */
export function readCopy<T>(raw: string | null, shape: Shape<T>): SavedCopy<T> | null {
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as Partial<SavedCopy<unknown>>;
    if (typeof parsed.fetchedAt !== "string" || !Number.isFinite(Date.parse(parsed.fetchedAt)) || !shape(parsed.value)) return null;
    return { value: parsed.value, fetchedAt: parsed.fetchedAt };
  } catch {
    return null;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

/** A feed page: `{news: [{id, title, …}], next}`. */
export function isNewsPage<T extends { news: { id: string }[]; next: string | null }>(value: unknown): value is T {
  return isObject(value) && Array.isArray(value.news) && value.news.every((n) => isObject(n) && typeof n.id === "string" && typeof n.title === "string");
}

/** A post with its paragraphs. */
export function isNewsPost<T extends { id: string; paragraphs: unknown[] }>(value: unknown): value is T {
  return isObject(value) && typeof value.id === "string" && typeof value.title === "string" && Array.isArray(value.paragraphs);
}
