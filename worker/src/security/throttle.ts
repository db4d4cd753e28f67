import { sql } from "drizzle-orm";
import { throttles } from "../db/schema";
import type { Db } from "../env";

/**
 * Fixed-window counters kept in D1. Reads ride in the same db.batch as the lookup they guard, so a successful
 * lookup stays one round trip; only failures write.
 */
export type ThrottleRule = { name: string; limit: number; windowSeconds: number };

export const THROTTLES = {
  /** Lookups of codes that do not exist, per client: what enumerating guessable codes looks like. */
  unknownCodePerClient: { name: "unknown-code", limit: 30, windowSeconds: 10 * 60 },
  /** Wrong last-4 digits for one dossier, from anyone: 10,000 combinations must not be walkable. */
  factorPerCode: { name: "factor-code", limit: 5, windowSeconds: 30 * 60 },
  /** Wrong last-4 digits from one client, across dossiers. */
  factorPerClient: { name: "factor-client", limit: 10, windowSeconds: 30 * 60 },
} satisfies Record<string, ThrottleRule>;

export function throttleKey(rule: ThrottleRule, subject: string): string {
  return `${rule.name}:${subject}`;
}

export function readThrottle(db: Db, rule: ThrottleRule, subject: string) {
  return db
    .select({ windowStart: throttles.windowStart, count: throttles.count })
    .from(throttles)
    .where(sql`${throttles.key} = ${throttleKey(rule, subject)}`);
}

export function isThrottled(rows: { windowStart: number; count: number }[], rule: ThrottleRule, nowMs: number): boolean {
  const row = rows[0];
  if (!row) return false;
  const nowSeconds = Math.floor(nowMs / 1000);
  return row.windowStart > nowSeconds - rule.windowSeconds && row.count >= rule.limit;
}

export function remainingAttempts(rows: { windowStart: number; count: number }[], rule: ThrottleRule, nowMs: number): number {
  const row = rows[0];
  const nowSeconds = Math.floor(nowMs / 1000);
  if (!row || row.windowStart <= nowSeconds - rule.windowSeconds) return rule.limit;
  return Math.max(0, rule.limit - row.count);
}

/** Counts one failure: a new window starts when the previous one has expired. */
export function recordFailure(db: Db, rule: ThrottleRule, subject: string, nowMs: number) {
  const nowSeconds = Math.floor(nowMs / 1000);
  const expiredBefore = nowSeconds - rule.windowSeconds;
  return db
    .insert(throttles)
    .values({ key: throttleKey(rule, subject), windowStart: nowSeconds, count: 1 })
    .onConflictDoUpdate({
      target: throttles.key,
      set: {
        count: sql`CASE WHEN ${throttles.windowStart} <= ${expiredBefore} THEN 1 ELSE ${throttles.count} + 1 END`,
        windowStart: sql`CASE WHEN ${throttles.windowStart} <= ${expiredBefore} THEN ${nowSeconds} ELSE ${throttles.windowStart} END`,
      },
    });
}

/** Drops counters whose window has ended (run by the hourly cron): the table holds only live windows. */
export function purgeExpiredThrottles(db: Db, nowMs: number) {
  const longest = Math.max(...Object.values(THROTTLES).map((rule) => rule.windowSeconds));
  return db.delete(throttles).where(sql`${throttles.windowStart} <= ${Math.floor(nowMs / 1000) - longest}`);
}

/** Who is asking, for per-client throttles: Cloudflare's connecting IP; one bucket for local requests without it. */
export function clientSubject(headers: Headers): string {
  return headers.get("cf-connecting-ip") ?? "local";
}
