/** A province's delivery limits: its row in delivery_settings, or the defaults (domain/delivery-limits). */
import { inArray, sql } from "drizzle-orm";
import { deliverySettings } from "../db/schema";
import { DEFAULT_LIMITS, type DeliveryLimits, limitProblems } from "../domain/delivery-limits";
import type { Db } from "../env";
import { ApiError } from "../errors";

const FIELDS = Object.keys(DEFAULT_LIMITS) as (keyof DeliveryLimits)[];
const pick = (row: DeliveryLimits): DeliveryLimits => Object.fromEntries(FIELDS.map((f) => [f, row[f]])) as DeliveryLimits;

export async function deliveryLimits(db: Db, provinceId: string): Promise<DeliveryLimits> {
  return (await deliveryLimitsOf(db, [provinceId])).get(provinceId) ?? DEFAULT_LIMITS;
}

/** Limits of several provinces at once (a delivery group may span provinces after a sweep). */
export async function deliveryLimitsOf(db: Db, provinceIds: string[]): Promise<Map<string, DeliveryLimits>> {
  const rows = provinceIds.length === 0 ? [] : await db.select().from(deliverySettings).where(inArray(deliverySettings.provinceId, provinceIds));
  const found = new Map(rows.map((r) => [r.provinceId, pick(r)]));
  return new Map(provinceIds.map((id) => [id, found.get(id) ?? DEFAULT_LIMITS]));
}

/** Applies a partial change over the current limits (the rest kept); refuses a set that does not hold together. */
export async function updateDeliveryLimits(db: Db, provinceId: string, change: Partial<DeliveryLimits>, now: Date): Promise<DeliveryLimits> {
  const current = await deliveryLimits(db, provinceId);
  const next = { ...current, ...Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)) } as DeliveryLimits;
  const [problem] = limitProblems(next);
  if (problem) throw new ApiError(400, "invalid_settings", problem.detail, problem.field, problem.detail);
  const at = now.toISOString();
  await db
    .insert(deliverySettings)
    .values({ provinceId, ...next, createdAt: at, updatedAt: at })
    .onConflictDoUpdate({ target: deliverySettings.provinceId, set: { ...next, updatedAt: sql`${at}` } });
  return next;
}
