/**
 * What a scanned QR, a typed code or a deep link points at. The slip's QR holds
 * `https://zalo.me/s/<mini app id>/dossier?code=<code>&t=<slipToken>`; Zalo's own camera opens the mini app at
 * `/dossier?code=…&t=…`; some slips carry the bare code. Anything else is "not ours" and must say so, not crash.
 */
import { looksLikeDossierCode, normalizeDossierCode, parseDossierCode } from "../../../worker/src/domain/dossier-code";

export type DossierTarget = { code: string; token?: string };

export type LinkOutcome =
  | ({ kind: "dossier" } & DossierTarget)
  /** Nothing readable: an empty scan, blank input. */
  | { kind: "empty" }
  /** Readable, but not a slip of ours: another app's QR, a web link, a phone number, Wi-Fi settings… */
  | { kind: "foreign" }
  /** Typed text that cannot be a dossier code. */
  | { kind: "invalid_code" };

export type LinkContext = {
  /** The mini app ids a slip may name (the province's); when empty, any id on a Zalo mini app link is accepted. */
  miniAppIds?: readonly string[];
  /** This app's own origin: a link to `<origin>/dossier?code=…` is ours too (local development, shared links). */
  appOrigin?: string;
};

const MAX_CONTENT_LENGTH = 2048;
const TOKEN = /^[A-Za-z0-9_-]{8,64}$/;
const DOSSIER_PATH = "dossier";

/** The content of a QR scanned in the app. A bare code must have the national shape to count as ours. */
export function parseScanContent(content: string | null | undefined, context: LinkContext = {}): LinkOutcome {
  const text = (content ?? "").trim();
  if (text === "") return { kind: "empty" };
  if (text.length > MAX_CONTENT_LENGTH) return { kind: "foreign" };
  if (/^[a-z][a-z0-9+.-]*:/i.test(text)) return parseLink(text, context);
  const bare = text.replace(/\s+/g, "");
  return parseDossierCode(bare) ? { kind: "dossier", code: normalizeDossierCode(bare) } : { kind: "foreign" };
}

/**
 * What a citizen typed (or pasted) in "Nhập mã hồ sơ". Codes are loose here: spaces are dropped and any code the
 * API could know is accepted; a pasted slip link works like a scan.
 */
export function parseTypedCode(input: string | null | undefined, context: LinkContext = {}): LinkOutcome {
  const text = (input ?? "").trim();
  if (text === "") return { kind: "empty" };
  if (/^(https?:\/\/|zalo\.me\/|www\.)/i.test(text)) return parseLink(/^https?:/i.test(text) ? text : `https://${text}`, context);
  const code = text.replace(/\s+/g, "");
  return looksLikeDossierCode(code) ? { kind: "dossier", code: normalizeDossierCode(code) } : { kind: "invalid_code" };
}

/** The query of the app's own `/dossier` route (a deep link that opened the app, or an in-app navigation). */
export function parseDossierQuery(query: URLSearchParams): DossierTarget | null {
  const raw = (query.get("code") ?? "").replace(/\s+/g, "");
  if (!looksLikeDossierCode(raw)) return null;
  const token = query.get("t") ?? "";
  return TOKEN.test(token) ? { code: normalizeDossierCode(raw), token } : { code: normalizeDossierCode(raw) };
}

function parseLink(text: string, context: LinkContext): LinkOutcome {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { kind: "foreign" };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return { kind: "foreign" };
  const segments = url.pathname.split("/").filter(Boolean);
  const host = url.hostname.toLowerCase();

  let ours = false;
  if ((host === "zalo.me" || host === "www.zalo.me") && segments.length === 3 && segments[0] === "s") {
    ours = segments[2] === DOSSIER_PATH && isKnownMiniApp(segments[1]!, context);
  } else if (host === "h5.zdn.vn" && segments.length === 3 && segments[0] === "zapps") {
    ours = segments[2] === DOSSIER_PATH && isKnownMiniApp(segments[1]!, context);
  } else if (context.appOrigin && url.origin === context.appOrigin) {
    ours = segments[segments.length - 1] === DOSSIER_PATH;
  }
  if (!ours) return { kind: "foreign" };

  const target = parseDossierQuery(url.searchParams);
  return target ? { kind: "dossier", ...target } : { kind: "foreign" };
}

function isKnownMiniApp(id: string, context: LinkContext): boolean {
  const ids = context.miniAppIds?.filter(Boolean) ?? [];
  return ids.length === 0 || ids.includes(id);
}

/** The in-app path that opens a dossier; the token is never put back in the address once it is stored. */
export function dossierPath(target: DossierTarget): string {
  const query = new URLSearchParams({ code: target.code });
  if (target.token) query.set("t", target.token);
  return `/${DOSSIER_PATH}?${query.toString()}`;
}
