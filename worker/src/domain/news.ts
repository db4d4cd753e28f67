/**
 * The province's news as rules: how long each part may be, how a plain-text body becomes paragraphs with links
 * (never HTML: anything that looks like markup stays text), and the feed's opaque cursor over (publishedAt, id).
 */
export const NEWS_LIMITS = {
  title: { max: 120 },
  summary: { max: 300 },
  body: { max: 20_000 },
} as const;

/** A news cover as uploaded: at most 2 MB, JPEG, PNG or WebP (type read from the bytes, metadata stripped). */
export const NEWS_COVER_MAX_BYTES = 2 * 1024 * 1024;

/** A page of the public feed. */
export const NEWS_PAGE = { default: 20, max: 50 } as const;

export type NewsLink = { text: string; url: string };
export type NewsParagraph = { text: string; links: NewsLink[] };

const BARE_HTTPS_URL = /https:\/\/[^\s<>"'`]+/g;
/** Punctuation that ends a sentence rather than a URL ("xem tại https://a.vn/b."). */
const TRAILING_PUNCTUATION = /[.,;:!?)\]}»”’]+$/;

/** The bare https URLs in a paragraph, each a link whose text is the URL itself; http and other schemes stay text. */
export function linksIn(text: string): NewsLink[] {
  const links: NewsLink[] = [];
  for (const match of text.matchAll(BARE_HTTPS_URL)) {
    const url = match[0].replace(TRAILING_PUNCTUATION, "");
    if (!isHttpsUrl(url)) continue;
    links.push({ text: url, url });
  }
  return links;
}

function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" && url.hostname.includes(".");
  } catch {
    return false;
  }
}

/** The body split on blank lines; single line breaks inside a paragraph become spaces; empty paragraphs dropped. */
export function newsParagraphs(body: string): NewsParagraph[] {
  return body
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n/)
    .map((p) =>
      p
        .split("\n")
        .map((line) => line.trim())
        .filter(Boolean)
        .join(" "),
    )
    .filter((p) => p.length > 0)
    .map((text) => ({ text, links: linksIn(text) }));
}

export type FeedPosition = { publishedAt: string; id: string };

const toBase64Url = (s: string) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(s)))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
const fromBase64Url = (s: string) => new TextDecoder().decode(Uint8Array.from(atob(s.replace(/-/g, "+").replace(/_/g, "/")), (ch) => ch.charCodeAt(0)));

/** The position after the last post of a page, opaque to clients. */
export function encodeFeedCursor(p: FeedPosition): string {
  return toBase64Url(JSON.stringify([p.publishedAt, p.id]));
}

/** The position a cursor names, or null when it is not one this API handed out. */
export function decodeFeedCursor(cursor: string): FeedPosition | null {
  try {
    const value: unknown = JSON.parse(fromBase64Url(cursor));
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [publishedAt, id] = value;
    if (typeof publishedAt !== "string" || typeof id !== "string" || Number.isNaN(Date.parse(publishedAt))) return null;
    return { publishedAt, id };
  } catch {
    return null;
  }
}
