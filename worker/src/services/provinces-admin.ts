/**
 * Onboarding a province (or updating it): the control database gets its directory row (the unique agency code is
 * checked there, across every province) and its place in the shard map, in one batch; then its own database gets
 * the same row, which its data refers to. Both writes are idempotent, so an operator who saw a failure sends the
 * same PUT again.
 */
import { and, eq, sql } from "drizzle-orm";
import { provinces, shardMap } from "../db/schema";
import { CONTROL_BINDING } from "../domain/shards";
import type { Db, Env } from "../env";
import { ApiError } from "../errors";
import { forgetDirectory } from "../shards/directory";
import { openShard } from "../shards/each";

type ProvinceValues = Omit<typeof provinces.$inferInsert, "id" | "createdAt" | "updatedAt">;

export async function saveProvince(
  env: Env,
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
  // The databases of its agency groups, if it is split, hold the same row (their dossiers refer to it).
  for (const group of await control
    .select({ binding: shardMap.binding })
    .from(shardMap)
    .where(sql`${shardMap.provinceId} = ${provinceId} AND ${shardMap.agencyGroup} <> ''`)) {
    const opened = group.binding === shard.binding ? null : await openShard(env, group.binding);
    if (opened) await upsert(opened.db);
  }
  if (shard.binding === CONTROL_BINDING) return { dataRetentionMonths: directory!.dataRetentionMonths };
  const [own] = await upsert(shard.db);
  return { dataRetentionMonths: own!.dataRetentionMonths };
}

/**
 * Splits a province: the dossiers of agencies whose identifier starts with `agencyGroup` are kept in `binding`
 * from now on (a key issued with that `agencyGroup` sends them; lookups by code follow). The province's row is
 * copied there first, then the map row written; a group already placed elsewhere stays (409). Its existing
 * dossiers, if any, are not moved: a group is split off before its agencies file there.
 */
export async function placeAgencyGroup(env: Env, control: Db, provinceId: string, agencyGroup: string, binding: string): Promise<{ created: boolean }> {
  const [province] = await control.select().from(provinces).where(eq(provinces.id, provinceId)).limit(1);
  if (!province) throw new ApiError(404, "province_not_found", `unknown province ${provinceId}`);
  const shard = await openShard(env, binding);
  if (!shard) throw new ApiError(400, "unknown_shard", `this Worker has no usable D1 binding ${binding} (missing, or behind on migrations)`, "shard");
  const [placed] = await control
    .select({ binding: shardMap.binding })
    .from(shardMap)
    .where(and(eq(shardMap.provinceId, provinceId), eq(shardMap.agencyGroup, agencyGroup)))
    .limit(1);
  if (placed && placed.binding !== binding)
    throw new ApiError(409, "shard_change_refused", `agency group ${agencyGroup} of ${provinceId} is kept in ${placed.binding}`, "shard");
  if (placed) return { created: false };
  const { createdAt: _c, updatedAt: _u, ...row } = province;
  await shard.db.insert(provinces).values(row).onConflictDoUpdate({ target: provinces.id, set: row });
  const inserted = await control.insert(shardMap).values({ provinceId, agencyGroup, binding }).onConflictDoNothing().returning({ binding: shardMap.binding });
  forgetDirectory();
  if (inserted.length === 0) return placeAgencyGroup(env, control, provinceId, agencyGroup, binding);
  return { created: true };
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
