/**
 * Atomic claims on Zalo's daily quotas. App-wide counters (quota_usage) are claimed a block at a time with one
 * conditional UPSERT … RETURNING: `used` grows at most to the cap, `prev` keeps what it was, so `used - prev` is what
 * this claim got, however many claims run at once. The per-user Mini App count is one conditional UPDATE …
 * RETURNING over the recipients: whoever is returned got today's slot.
 */
import { sql } from "drizzle-orm";
import { citizens, quotaUsage } from "../db/schema";
import type { Db } from "../env";

export type QuotaChannel = "miniapp" | "zns";

/** Claims up to `wanted` units of a channel's count for the day without passing `cap`. Resolves to what was granted. */
export function claimQuotaStatement(db: Db, q: { provinceId: string; channel: QuotaChannel; day: string; wanted: number; cap: number }) {
  const first = Math.max(0, Math.min(q.wanted, q.cap));
  return db.all<{ granted: number }>(sql`
    INSERT INTO ${quotaUsage} (province_id, channel, day, used, prev) VALUES (${q.provinceId}, ${q.channel}, ${q.day}, ${first}, 0)
    ON CONFLICT (province_id, channel, day) DO UPDATE SET prev = used, used = min(used + ${q.wanted}, ${q.cap}) WHERE used < ${q.cap}
    RETURNING used - prev AS granted`);
}

export async function claimQuota(db: Db, q: { provinceId: string; channel: QuotaChannel; day: string; wanted: number; cap: number }): Promise<number> {
  if (q.wanted <= 0) return 0;
  const [row] = await claimQuotaStatement(db, q);
  return row?.granted ?? 0;
}

/** Gives back units claimed but not used (a recipient lost their per-user slot to a concurrent send). */
export async function returnQuota(db: Db, q: { provinceId: string; channel: QuotaChannel; day: string; units: number }): Promise<void> {
  if (q.units <= 0) return;
  await db.run(
    sql`UPDATE ${quotaUsage} SET used = max(0, used - ${q.units}) WHERE province_id = ${q.provinceId} AND channel = ${q.channel} AND day = ${q.day}`,
  );
}

/** Takes today's Mini App slot for each citizen still under `perUserDaily`; returns those who got one. */
export async function claimUserSlots(db: Db, citizenIds: number[], day: string, perUserDaily: number): Promise<Set<number>> {
  if (citizenIds.length === 0 || perUserDaily <= 0) return new Set();
  const rows = await db.all<{ id: number }>(sql`
    UPDATE ${citizens}
    SET miniapp_count = CASE WHEN miniapp_day = ${day} THEN miniapp_count + 1 ELSE 1 END, miniapp_day = ${day}
    WHERE id IN (${sql.join(
      citizenIds.map((id) => sql`${id}`),
      sql`, `,
    )}) AND (miniapp_day IS NOT ${day} OR miniapp_count < ${perUserDaily})
    RETURNING id`);
  return new Set(rows.map((r) => r.id));
}
