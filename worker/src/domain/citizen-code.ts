/**
 * Receipt codes as citizens type them. A slip prints `000.00.06.H56-231027-0361`; people type
 * `0000006H562310270361`, `000 00 06 h56 231027 0361`, `OOO.OO.O6.H56-231O27-O361`, paste "Mã hồ sơ: …" from a
 * message, or send full-width digits from some keyboards. This reads such input back into the code the
 * one-stop system issued, and no further: a wrong code must stay wrong, never become somebody else's right one.
 *
 * The rules, all of them:
 * - case, spaces, invisible characters, full-width forms and dash look-alikes do not matter;
 * - a leading label ("Mã hồ sơ:", "Số biên nhận") is dropped;
 * - a letter O (typed or left by a Vietnamese keyboard: Telex turns "oo" into "ô") reads as 0 only where the
 *   code's shape wants a digit: the date, the counter, and the digit places of an agency identifier;
 * - missing dots and dashes are put back when the agency identifier has the national shape of Decision
 *   20/2020/QĐ-TTg (`AAA.BB.CC.Xnn`, 10 characters without its dots); any other compact code is resolved against
 *   the agencies the API knows (`codeFromCompact`), never guessed.
 * Integrators' codes are stored as `normalizeDossierCode` leaves them; this is only for what citizens type.
 */
import { looksLikeDossierCode, normalizeDossierCode } from "./dossier-code";

export type CitizenCode = {
  /** The code to look up: the canonical code when the shape says where everything goes, else the cleaned text. */
  code: string;
  /**
   * Set when the code came without its separators (or with an O in an agency identifier of unknown shape): the
   * text, without separators, to resolve against known agency identifiers before falling back to `code`.
   */
  compact?: string;
};

const INVISIBLE = /[\u00ad\u034f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g;
const DASH_LIKE = /[\u2010-\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d]/g;
const SEPARATORS = /[.\-_/,]/g;
/** "Mã hồ sơ:", "Mã số hồ sơ", "Số biên nhận:", "Mã HS:" — as folded below (upper case, no diacritics). */
const LABEL = /^(?:(?:MA|SO)(?:\s+SO)?\s+(?:HO\s*SO|BIEN\s+NHAN)\s*[:.-]?|(?:MA|SO)(?:\s+(?:SO|HS|BN))?\s*:)\s*/;
const DIGITISH = "[0-9O]";
/** The national agency identifier without its dots, then the date and the daily counter. */
const NATIONAL_COMPACT = new RegExp(`^(${DIGITISH}{3})(${DIGITISH}{2})(${DIGITISH}{2})([A-Z])(${DIGITISH}{2})(${DIGITISH}{6})(${DIGITISH}{4,6})$`);
/** Dots and dashes in place, any agency identifier: `{agency}-{yyMMdd}-{counter}`. */
const SEPARATED = new RegExp(`^([0-9A-Z]{2,4}(?:\\.[0-9A-Z]{2,4}){2,4})-(${DIGITISH}{6})-(${DIGITISH}{4,6})$`);
/** Something before a date and a counter; the agency part must hold a letter that is not an O (H56, G12…). */
const COMPACT = new RegExp(`^([0-9A-Z]*[A-NP-Z][0-9A-Z]*?)(${DIGITISH}{10,12})$`);
const MAX_INPUT = 200;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const MAX_CODE = 64;

const digits = (text: string) => text.replace(/O/g, "0");

/** A plausible yyMMdd: month 01–12, day 01–31 (a split that lands elsewhere is not this code's date). */
function isCodeDate(yymmdd: string): boolean {
  if (!/^\d{6}$/.test(yymmdd)) return false;
  const month = Number(yymmdd.slice(2, 4));
  const day = Number(yymmdd.slice(4, 6));
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/** Upper case, without diacritics or invisible characters; a Telex "ô" (from typing "oo") back to "OO". */
function foldTyped(text: string): string {
  // Plain printable ASCII (a code scanned or typed on a plain keyboard) has nothing to fold but its case.
  if (PRINTABLE_ASCII.test(text)) return text.toUpperCase();
  return Array.from(text.normalize("NFKC").replace(INVISIBLE, ""), (ch) => {
    if (ch === "ô" || ch === "Ô") return "OO";
    return ch
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[đĐ]/g, "D");
  })
    .join("")
    .toUpperCase()
    .replace(DASH_LIKE, "-");
}

/** What a citizen typed or pasted, read as a dossier code; null when it cannot be one. */
export function readCitizenCode(input: string): CitizenCode | null {
  if (input.length > MAX_INPUT) return null;
  const text = foldTyped(input)
    .trim()
    .replace(LABEL, "")
    .replace(/^[\s.,;:]+|[\s.,;:]+$/g, "");
  const joined = text.replace(/\s+/g, "");
  if (joined === "") return null;
  const compact = joined.replace(SEPARATORS, "");

  const national = NATIONAL_COMPACT.exec(compact);
  if (national && isCodeDate(digits(national[6]!))) {
    const [a, b, c, letter, nn, date, counter] = national.slice(1) as string[];
    return { code: `${digits(a!)}.${digits(b!)}.${digits(c!)}.${letter}${digits(nn!)}-${digits(date!)}-${digits(counter!)}` };
  }

  const separated = SEPARATED.exec(joined);
  if (separated && isCodeDate(digits(separated[2]!))) {
    const [agency, date, counter] = separated.slice(1) as string[];
    const code = `${agency}-${digits(date!)}-${digits(counter!)}`;
    // An O in an identifier of unknown shape may be a letter or a zero: only the agency list can tell.
    return agency!.includes("O") ? { code, compact } : { code };
  }

  const loose = COMPACT.exec(compact);
  if (loose && loose[1]!.length >= 4 && compact.length <= MAX_CODE) {
    return { code: looksLikeDossierCode(joined) ? joined : compact, compact };
  }

  // Any other code the API may know (one-stop systems outside the national shape), as long as it was typed whole.
  if (joined === text && looksLikeDossierCode(joined)) return { code: normalizeDossierCode(joined) };
  return null;
}

/** The code a citizen route looks up when it does not resolve compact codes: the canonical form, or as typed. */
export function citizenDossierCode(input: string): string {
  return readCitizenCode(input)?.code ?? normalizeDossierCode(input);
}

/** An agency identifier (or any code) without its separators, upper case: how it appears in a compact code. */
export function compactForm(text: string): string {
  return text.toUpperCase().replace(SEPARATORS, "");
}

/**
 * The canonical code that `compact` spells for a known agency, or null. The agency's identifier must start the
 * compact text character for character, except that an O stands for a 0 the identifier holds; what follows must
 * be a valid date and a 4–6 digit counter.
 */
export function codeFromCompact(compact: string, agencyId: string): string | null {
  const agency = compactForm(agencyId);
  if (compact.length < agency.length + 10 || compact.length > agency.length + 12) return null;
  for (let i = 0; i < agency.length; i++) {
    const typed = compact[i];
    if (typed !== agency[i] && !(typed === "O" && agency[i] === "0")) return null;
  }
  const rest = digits(compact.slice(agency.length));
  if (!/^\d+$/.test(rest) || !isCodeDate(rest.slice(0, 6))) return null;
  return `${agencyId.toUpperCase()}-${rest.slice(0, 6)}-${rest.slice(6)}`;
}
