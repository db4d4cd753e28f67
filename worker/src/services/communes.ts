/**
 * A province's communes (upserted by its one-stop system) and the communes a citizen chose to hear about. The
 * choice is replaced whole in one db.batch (delete, then insert), so two PUTs at once leave one of them, never a mix.
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import { type CommunePurpose, citizenCommunes, communes } from "../db/schema";
import type { Db } from "../env";
import { ApiError } from "../errors";

export type Commune = { code: string; name: string };

/** Vietnamese order: letter by letter with ă, â after a, đ after d, tone marks after the base letter (ICU's "vi"). */
const collator = new Intl.Collator("vi");
export const vietnameseNameOrder = (a: Commune, b: Commune) => collator.compare(a.name, b.name) || a.code.localeCompare(b.code);

export async function provinceCommunes(db: Db, provinceId: string): Promise<Commune[]> {
  const rows = await db
    .select({ code: communes.code, name: communes.name })
    .from(communes)
    .where(eq(communes.provinceId, provinceId))
    .orderBy(asc(communes.code));
  return rows.sort(vietnameseNameOrder);
}

export async function upsertCommune(db: Db, provinceId: string, code: string, name: string, now: string): Promise<Commune> {
  await db
    .insert(communes)
    .values({ provinceId, code, name, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({ target: [communes.provinceId, communes.code], set: { name, updatedAt: now } });
  return { code, name };
}

export type ChosenCommune = Commune & { purpose: CommunePurpose };

export async function chosenCommunes(db: Db, citizenId: number): Promise<ChosenCommune[]> {
  const rows = await db
    .select({ code: citizenCommunes.communeCode, name: communes.name, purpose: citizenCommunes.purpose })
    .from(citizenCommunes)
    .innerJoin(communes, and(eq(communes.provinceId, citizenCommunes.provinceId), eq(communes.code, citizenCommunes.communeCode)))
    .where(eq(citizenCommunes.citizenId, citizenId))
    .orderBy(asc(citizenCommunes.createdAt), asc(citizenCommunes.communeCode));
  return rows;
}

/**
 * Replaces the citizen's choice: every code must be a commune of the session's province (400 naming the item
 * otherwise), each at most once. Nothing is inferred from where the phone is.
 */
export async function replaceChosenCommunes(
  db: Db,
  citizenId: number,
  provinceId: string,
  choice: { code: string; purpose: CommunePurpose }[],
  now: string,
): Promise<ChosenCommune[]> {
  const seen = new Set<string>();
  choice.forEach((item, i) => {
    if (seen.has(item.code)) {
      throw new ApiError(400, "duplicate_commune", "Mỗi xã, phường chỉ chọn một lần.", `communes.${i}.code`, `commune ${item.code} is listed twice`);
    }
    seen.add(item.code);
  });
  if (choice.length > 0) {
    const known = await db
      .select({ code: communes.code })
      .from(communes)
      .where(
        and(
          eq(communes.provinceId, provinceId),
          inArray(
            communes.code,
            choice.map((c) => c.code),
          ),
        ),
      );
    const knownCodes = new Set(known.map((k) => k.code));
    const unknown = choice.findIndex((c) => !knownCodes.has(c.code));
    if (unknown >= 0) {
      throw new ApiError(
        400,
        "unknown_commune",
        "Xã, phường này không có trong danh sách của tỉnh.",
        `communes.${unknown}.code`,
        `commune ${choice[unknown]!.code} is not a commune of province ${provinceId}`,
      );
    }
  }
  const clear = db.delete(citizenCommunes).where(eq(citizenCommunes.citizenId, citizenId));
  if (choice.length === 0) await clear;
  else {
    await db.batch([
      clear,
      db.insert(citizenCommunes).values(choice.map((c) => ({ citizenId, provinceId, communeCode: c.code, purpose: c.purpose, createdAt: now }))),
    ]);
  }
  return chosenCommunes(db, citizenId);
}

export async function clearChosenCommunes(db: Db, citizenId: number): Promise<void> {
  await db.delete(citizenCommunes).where(eq(citizenCommunes.citizenId, citizenId));
}
