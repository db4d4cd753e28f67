/**
 * Which database holds what: the rules of the shard map (db/control-schema.ts), pure so they are tested alone.
 * A province's data lives in one D1 binding, its home; a province too big for one database moves the dossiers of
 * some agencies (an agency group: the agency identifiers starting with a prefix, e.g. `000.00.06.H56` or
 * `000.10.`) to a binding of their own.
 */
import { agencyUnitCode } from "./agency-province";

/** The control database: the directory, the shard map and the integration keys; also the home of small provinces. */
export const CONTROL_BINDING = "DB";

/** Shard bindings are named DB_<LETTERS, DIGITS, _>: what wrangler.jsonc's d1_databases may declare. */
export const SHARD_BINDING_PATTERN = /^DB(?:_[A-Z0-9_]{1,60})?$/;

export type ShardRow = { provinceId: string; agencyGroup: string; binding: string; unitCode: string | null };

/** The map as a request needs it: by province (home and groups, longest group first) and by unit code. */
export type ShardDirectory = {
  provinces: Map<string, { home: string; groups: { prefix: string; binding: string }[] }>;
  units: Map<string, string>;
};

export function buildDirectory(rows: ShardRow[]): ShardDirectory {
  const provinces: ShardDirectory["provinces"] = new Map();
  const units = new Map<string, string>();
  for (const row of rows) {
    let entry = provinces.get(row.provinceId);
    if (!entry) provinces.set(row.provinceId, (entry = { home: CONTROL_BINDING, groups: [] }));
    if (row.agencyGroup === "") entry.home = row.binding;
    else entry.groups.push({ prefix: row.agencyGroup.toUpperCase(), binding: row.binding });
    if (row.unitCode) units.set(row.unitCode, row.provinceId);
  }
  for (const entry of provinces.values()) entry.groups.sort((a, b) => b.prefix.length - a.prefix.length);
  return { provinces, units };
}

/** The binding of a province's data, or of one agency's dossiers when `agencyId` is given; null: not in the map. */
export function bindingFor(directory: ShardDirectory, provinceId: string, agencyId?: string | null): string | null {
  const entry = directory.provinces.get(provinceId);
  if (!entry) return null;
  if (agencyId) {
    const id = agencyId.toUpperCase();
    for (const group of entry.groups) if (id.startsWith(group.prefix)) return group.binding;
  }
  return entry.home;
}

/** The agency identifier a dossier code was issued under: `000.00.06.H56` of `000.00.06.H56-261120-0001`. */
export function agencyOfCode(code: string): string {
  const dash = code.indexOf("-");
  return dash < 0 ? code : code.slice(0, dash);
}

/**
 * The province a dossier code names, read from the code alone (no database): its agency identifier's unit code
 * (H56), looked up in the directory. Null for a code outside the national shape or of a unit no province has.
 */
export function provinceOfCode(directory: ShardDirectory, code: string): string | null {
  const unit = agencyUnitCode(agencyOfCode(code));
  return unit === null ? null : (directory.units.get(unit) ?? null);
}

/**
 * The province of a code typed without its separators (`000002412H562611270392`): the unit codes it holds (a letter
 * other than O, which is read as a zero, and two digits) that the directory knows, when they all name one province.
 * Null when none or several provinces fit: the request's province header decides then.
 */
export function provinceOfCompact(directory: ShardDirectory, compact: string): string | null {
  const found = new Set<string>();
  for (const match of compact.toUpperCase().matchAll(/[A-NP-Z](?=(\d{2}))/g)) {
    const province = directory.units.get(`${match[0]}${match[1]}`);
    if (province) found.add(province);
  }
  return found.size === 1 ? [...found][0]! : null;
}

/**
 * A province's shard may change only while nothing is stored there: moving a province's data is an operator's job
 * (export, import, then the map), never a side effect of an onboarding call.
 */
export function shardChangeAllowed(current: string | null, requested: string | undefined): boolean {
  return current === null || requested === undefined || current === requested;
}

/** What the migrations applied to a database say about it, against the migrations this Worker was built with. */
export function migrationState(applied: string[], expected: string[]): { ok: true } | { ok: false; missing: string[] } {
  const have = new Set(applied.map((name) => name.replace(/\.sql$/, "")));
  const missing = expected.filter((name) => !have.has(name));
  return missing.length === 0 ? { ok: true } : { ok: false, missing };
}
