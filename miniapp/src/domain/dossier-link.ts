/**
 * What a scanned QR, a typed code or a deep link points at. The slip's QR holds
 * `https://zalo.me/s/<mini app id>/dossier?code=<code>&t=<slipToken>`; Zalo's own camera opens the mini app at
 * `/dossier?code=…&t=…`; some slips carry the bare code. Anything else is "not ours" and must say so, not crash.
 */
import { compactForm, readCitizenCode } from "../../../worker/src/domain/citizen-code";
import { parseDossierCode } from "../../../worker/src/domain/dossier-code";

export type DossierTarget = {
  /** The canonical code, or the code as typed when only the API can put its dots back (it answers with the real one). */
  code: string;
  token?: string;
  /** The link carried a token that cannot be one (cut short, garbled): the page says so instead of staying silent. */
  brokenToken?: string;
};

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
  // A bare code must be complete and in the national shape: slips print it so, and other QR codes must not pass.
  const typed = readCitizenCode(text);
  return typed && !typed.compact && parseDossierCode(typed.code) ? { kind: "dossier", code: typed.code } : { kind: "foreign" };
}

/**
 * What a citizen typed (or pasted) in "Nhập mã hồ sơ". Codes are read as people type them (readCitizenCode: no
 * dots or dashes, spaces, lower case, O for 0, a "Mã hồ sơ:" label) and any code the API could know is accepted;
 * a pasted slip link works like a scan.
 */
export function parseTypedCode(input: string | null | undefined, context: LinkContext = {}): LinkOutcome {
  const text = (input ?? "").trim();
  if (text === "") return { kind: "empty" };
  if (/^(https?:\/\/|zalo\.me\/|www\.)/i.test(text)) return parseLink(/^https?:/i.test(text) ? text : `https://${text}`, context);
  const typed = readCitizenCode(text);
  return typed ? { kind: "dossier", code: typed.code } : { kind: "invalid_code" };
}

/**
 * The query of the app's own `/dossier` route (a deep link that opened the app, or an in-app navigation). A `t`
 * that cannot be a token (a QR read in part, a link cut short when copied) is kept aside as `brokenToken`.
 */
export function parseDossierQuery(query: URLSearchParams): DossierTarget | null {
  const typed = readCitizenCode(query.get("code") ?? "");
  if (!typed) return null;
  const token = query.get("t");
  if (token === null) return { code: typed.code };
  return TOKEN.test(token) ? { code: typed.code, token } : { code: typed.code, brokenToken: token.slice(0, 64) };
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

/**
 * The in-app path that opens a dossier; the token is never put back in the address once it is stored. A broken
 * token goes along, so the page can say the link was damaged.
 */
export function dossierPath(target: DossierTarget): string {
  const query = new URLSearchParams({ code: target.code });
  if (target.token) query.set("t", target.token);
  else if (target.brokenToken !== undefined) query.set("t", target.brokenToken);
  return `/${DOSSIER_PATH}?${query.toString()}`;
}

/** The same dossier code, whether written with its dots or typed compact with an O for a 0. */
export function sameDossierCode(a: string, b: string): boolean {
  const bare = (code: string) => compactForm(code).replace(/O/g, "0");
  return bare(a) === bare(b);
}
