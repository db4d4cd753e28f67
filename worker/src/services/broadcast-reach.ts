/**
 * How many people an alert for these communes would reach if it were sent now: the distinct citizens of the
 * province who chose one of them, counted as the broadcast's `targeted` is counted when it is sent. What the
 * admin reads in the confirmation before sending.
 */
import { sql } from "drizzle-orm";
import { citizenCommunes, communes } from "../db/schema";
import { audienceCondition } from "./broadcast-outbox";
import type { Db } from "../env";
import { ApiError } from "../errors";

export type AlertReach = { targeted: number; communes: number };

/** The codes travel as one JSON parameter: D1 binds at most 100 values per statement, and an alert may name 200. */
export async function alertReach(db: Db, provinceId: string, codes: readonly string[]): Promise<AlertReach> {
  const unique = [...new Set(codes)];
  const chosen = JSON.stringify(unique);
  const [row] = await db.all<{ known: number; targeted: number; unknown: string | null }>(sql`
    SELECT
      (SELECT count(*) FROM ${communes} WHERE ${communes.provinceId} = ${provinceId}
         AND ${communes.code} IN (SELECT value FROM json_each(${chosen}))) AS known,
      (SELECT count(DISTINCT ${citizenCommunes.citizenId}) FROM ${citizenCommunes}
         WHERE ${audienceCondition(provinceId, { communes: unique })}) AS targeted,
      (SELECT min(value) FROM json_each(${chosen}) WHERE value NOT IN
         (SELECT ${communes.code} FROM ${communes} WHERE ${communes.provinceId} = ${provinceId})) AS unknown`);
  if (row?.unknown) {
    throw new ApiError(
      400,
      "unknown_commune",
      `Mã xã, phường ${row.unknown} không thuộc tỉnh này.`,
      "communes",
      `commune ${row.unknown} is not one of the province's communes`,
    );
  }
  return { targeted: row?.targeted ?? 0, communes: row?.known ?? 0 };
}
