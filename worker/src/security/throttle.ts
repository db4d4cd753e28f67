import { eq, sql } from "drizzle-orm";
import { QueryBuilder } from "drizzle-orm/sqlite-core";
import { bind, compile } from "../db/compiled";
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
  /** Wrong staff link codes per signed-in Zalo account: 8 digits must not be walkable either. */
  linkCodePerCitizen: { name: "link-code", limit: 5, windowSeconds: 30 * 60 },
  /** Feedback sent per citizen: photos cost storage and officers' time; a day's worth for anyone in good faith. */
  feedbackPerCitizen: { name: "feedback", limit: 10, windowSeconds: 24 * 60 * 60 },
  /**
   * Zalo access tokens that Zalo rejected, per client: each sign-in costs a Graph API call on the province's app,
   * so a client sending made-up tokens is stopped before it reaches Zalo. The mini app gets fresh tokens from
   * zmp-sdk, so a citizen in good faith rarely sees even one rejection; the limit leaves room for many people
   * behind one carrier-grade NAT address.
   */
  rejectedZaloTokenPerClient: { name: "zalo-token", limit: 30, windowSeconds: 10 * 60 },
} satisfies Record<string, ThrottleRule>;

export function throttleKey(rule: ThrottleRule, subject: string): string {
  return `${rule.name}:${subject}`;
}

export type ThrottleRow = { windowStart: number; count: number };

const READ_THROTTLE = compile(
  new QueryBuilder()
    .select({ windowStart: sql<number>`${throttles.windowStart}`.as("windowStart"), count: sql<number>`${throttles.count}`.as("count") })
    .from(throttles)
    .where(eq(throttles.key, sql.placeholder("key"))),
);

/** A counter's row (none or one), as a raw statement to batch with a lookup. */
export function readThrottle(d1: D1Database, rule: ThrottleRule, subject: string) {
  return bind(d1, READ_THROTTLE, { key: throttleKey(rule, subject) });
}

/** The oldest window start still counting for `rule`: counters that started at or before it have expired. */
export function windowFloor(rule: ThrottleRule, nowMs: number): number {
  return Math.floor(nowMs / 1000) - rule.windowSeconds;
}

/** Whether `subject` is over `rule` now, read on its own (for routes with no lookup to batch the read with). */
export async function isThrottledNow(d1: D1Database, rule: ThrottleRule, subject: string, nowMs: number): Promise<boolean> {
  const { results } = await readThrottle(d1, rule, subject).all<ThrottleRow>();
  return isThrottled(results, rule, nowMs);
}

export function isThrottled(rows: ThrottleRow[], rule: ThrottleRule, nowMs: number): boolean {
  const row = rows[0];
  return row !== undefined && row.windowStart > windowFloor(rule, nowMs) && row.count >= rule.limit;
}

export function remainingAttempts(rows: ThrottleRow[], rule: ThrottleRule, nowMs: number): number {
  const row = rows[0];
  if (!row || row.windowStart <= windowFloor(rule, nowMs)) return rule.limit;
  return Math.max(0, rule.limit - row.count);
}

/** Counts one failure: a new window starts when the previous one has expired. */
export function recordFailure(db: Db, rule: ThrottleRule, subject: string, nowMs: number) {
  const nowSeconds = Math.floor(nowMs / 1000);
  const expiredBefore = windowFloor(rule, nowMs);
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
  // Each rule by its own window: a day-long counter must outlive a half-hour one.
  const expired = Object.values(THROTTLES).map(
    (rule) => sql`(${throttles.key} LIKE ${`${rule.name}:%`} AND ${throttles.windowStart} <= ${windowFloor(rule, nowMs)})`,
  );
  return db.delete(throttles).where(sql.join(expired, sql` OR `));
}

/** Who is asking, for per-client throttles: Cloudflare's connecting IP; one bucket for local requests without it. */
export function clientSubject(headers: Headers): string {
  return headers.get("cf-connecting-ip") ?? "local";
}
