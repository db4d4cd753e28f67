/** Dossier codes are matched case-insensitively and ignoring surrounding spaces. */
export function normalizeDossierCode(code: string): string {
  return code.trim().toUpperCase();
}

/** `{agency identifier}-{yyMMdd}-{daily counter}`, e.g. 000.00.06.H56-231027-0361. */
const DOSSIER_CODE = /^([0-9A-Z]{2,4}(?:\.[0-9A-Z]{2,4}){2,4})-(\d{6})-(\d{4,6})$/;

export type ParsedDossierCode = { agencyId: string; date: string; counter: string };

export function parseDossierCode(code: string): ParsedDossierCode | null {
  const match = DOSSIER_CODE.exec(normalizeDossierCode(code));
  if (!match) return null;
  return { agencyId: match[1]!, date: match[2]!, counter: match[3]! };
}

/** Loose shape check used at the edge: printable, no spaces inside, bounded. */
export function looksLikeDossierCode(code: string): boolean {
  return /^[0-9A-Za-z][0-9A-Za-z.\-_/]{3,63}$/.test(code.trim());
}
