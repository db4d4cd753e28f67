/**
 * The dossier code a citizen's lookup is for. Codes typed in the national shape are read without the database
 * (the lookup stays one query); a compact code of another shape costs one read that finds which known agency
 * it starts with and whether that agency holds a dossier under the code it then spells.
 */
import { eq, sql } from "drizzle-orm";
import { agencies, dossiers } from "../db/schema";
import { codeFromCompact, type CitizenCode } from "../domain/citizen-code";
import type { Db } from "../env";

/** Separators dropped and every O read as 0, on both sides: the exact rule is checked in codeFromCompact. */
const agencyKey = sql<string>`replace(replace(replace(replace(replace(replace(upper(${agencies.id}), '.', ''), '-', ''), '_', ''), '/', ''), ',', ''), 'O', '0')`;

export async function resolveCitizenCode(db: Db, typed: CitizenCode): Promise<string> {
  if (!typed.compact) return typed.code;
  const key = typed.compact.replace(/O/g, "0");
  const rest = (from: number, length?: number) =>
    length === undefined ? sql`substr(${key}, length(${agencyKey}) + ${from})` : sql`substr(${key}, length(${agencyKey}) + ${from}, ${length})`;
  // Agencies first (a cross join keeps SQLite from scanning dossiers), then each candidate code by primary key.
  const rows = await db
    .select({ agencyId: agencies.id, code: dossiers.code })
    .from(agencies)
    .crossJoin(dossiers)
    .where(sql`instr(${key}, ${agencyKey}) = 1 and ${eq(dossiers.code, sql`upper(${agencies.id}) || '-' || ${rest(1, 6)} || '-' || ${rest(7)}`)}`)
    .limit(4);
  const found = new Set(rows.filter((r) => codeFromCompact(typed.compact!, r.agencyId) === r.code).map((r) => r.code));
  // Two agencies whose identifiers both fit would make it a guess: then the code is looked up as typed.
  return found.size === 1 ? [...found][0]! : typed.code;
}
