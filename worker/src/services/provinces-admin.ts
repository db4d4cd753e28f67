/**
 * Onboarding a province (or updating it): the control database gets its directory row (the unique agency code is
 * checked there, across every province) and its place in the shard map, in one batch; then its own database gets
 * the same row, which its data refers to. Both writes are idempotent, so an operator who saw a failure sends the
 * same PUT again.
 */
import { sql } from "drizzle-orm";
import { provinces, shardMap } from "../db/schema";
import { CONTROL_BINDING } from "../domain/shards";
import type { Db } from "../env";
import { ApiError } from "../errors";
import { forgetDirectory } from "../shards/directory";

type ProvinceValues = Omit<typeof provinces.$inferInsert, "id" | "createdAt" | "updatedAt">;

export async function saveProvince(
  control: Db,
  shard: { db: Db; binding: string },
  provinceId: string,
  values: ProvinceValues,
): Promise<{ dataRetentionMonths: number }> {
  const upsert = (db: Db) =>
    db
      .insert(provinces)
      .values({ id: provinceId, ...values })
      .onConflictDoUpdate({ target: provinces.id, set: { ...values, updatedAt: new Date().toISOString() } })
      .returning({ dataRetentionMonths: provinces.dataRetentionMonths });
  const placed = control.insert(shardMap).values({ provinceId, agencyGroup: "", binding: shard.binding }).onConflictDoNothing();
  // The unique index is the check: two provinces claiming one code at once cannot both get it.
  const [[directory]] = await control.batch([upsert(control), placed]).catch((err: unknown) => {
    if (!/UNIQUE constraint failed: provinces\.agency_code/.test(String((err as Error)?.cause ?? err))) throw err;
    throw new ApiError(409, "agency_code_taken", `agency code ${values.agencyCode} belongs to another province`, "agencyCode");
  });
  forgetDirectory();
  if (shard.binding === CONTROL_BINDING) return { dataRetentionMonths: directory!.dataRetentionMonths };
  const [own] = await upsert(shard.db);
  return { dataRetentionMonths: own!.dataRetentionMonths };
}

/** The binding holding a province, as stored (the map's home row); null when the province is not in the map. */
export async function storedBinding(control: Db, provinceId: string): Promise<string | null> {
  const [row] = await control
    .select({ binding: shardMap.binding })
    .from(shardMap)
    .where(sql`${shardMap.provinceId} = ${provinceId} AND ${shardMap.agencyGroup} = ''`)
    .limit(1);
  return row?.binding ?? null;
}
