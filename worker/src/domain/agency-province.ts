/**
 * National agency identifiers end with the level-1 unit they belong to: `000.00.06.H56` is an agency of H56
 * (Thanh Hóa province), and so is every dossier code it issues (`000.00.06.H56-231027-0361`). A province's
 * one-stop system may speak only for agencies of its own unit, or a province could claim another's agencies and
 * codes before their owner uses them.
 */
const UNIT_CODE = /^[0-9A-Z]+(?:\.[0-9A-Z]+)+\.([A-Z]\d{2})$/;

/** `H56` for `000.00.06.H56`; null for an identifier outside the national format, which names no province. */
export function agencyUnitCode(agencyId: string): string | null {
  return UNIT_CODE.exec(agencyId.trim().toUpperCase())?.[1] ?? null;
}

/** A province's level-1 unit code as the operator writes it: a letter and two digits. */
export const UNIT_CODE_PATTERN = /^[A-Z]\d{2}$/;

/**
 * Whether a province with unit code `provinceUnit` (null: none set yet) may register or speak for `agencyId`. An
 * identifier that carries a unit must carry the province's own; one that carries none names no province, and is
 * left to the first province that registers it.
 */
export function agencyBelongsTo(agencyId: string, provinceUnit: string | null): boolean {
  const unit = agencyUnitCode(agencyId);
  return unit === null || unit === provinceUnit;
}
