import { eq, lte, sql } from "drizzle-orm";
import { QueryBuilder } from "drizzle-orm/sqlite-core";
import { bind, compile } from "../db/compiled";
import { throttles, usedSignatures } from "../db/schema";
import type { Db } from "../env";
import { ApiError } from "../errors";

/**
 * Fixed-window counters kept in D1. Reads ride in the same db.batch as the lookup they guard, so a successful
 * lookup stays one round trip; only failures write.
 */
export type ThrottleRule = { name: string; limit: number; windowSeconds: number };

export const THROTTLES = {
  /** Lookups of codes that do not exist, per client: what enumerating guessable codes looks like. */
  unknownCodePerClient: { name: "unknown-code", limit: 30, windowSeconds: 10 * 60 },
  /**
   * Last-4 attempts on one dossier from one client (address or signed-in citizen): 10,000 combinations must not be
   * walkable, and one client alone cannot lock the owner out.
   */
  factorPerCodeClient: { name: "factor-code-client", limit: 5, windowSeconds: 30 * 60 },
  /**
   * Last-4 attempts on one dossier from everyone together, a day's ceiling: many addresses together get at most 20 of
   * the 10,000 combinations a day. Locking the digits out this way takes four clients, and the owner still has the
   * slip's QR and, once following, the signed-in owner view.
   */
  factorPerCode: { name: "factor-code", limit: 20, windowSeconds: 24 * 60 * 60 },
  /** Last-4 attempts from one client, across dossiers. */
  factorPerClient: { name: "factor-client", limit: 10, windowSeconds: 30 * 60 },
  /** Wrong staff link codes per signed-in Zalo account: 8 digits must not be walkable either. */
  linkCodePerCitizen: { name: "link-code", limit: 5, windowSeconds: 30 * 60 },
  /** Feedback sent per citizen: photos cost storage and officers' time; a day's worth for anyone in good faith. */
  feedbackPerCitizen: { name: "feedback", limit: 10, windowSeconds: 24 * 60 * 60 },
  /**
   * Zalo access tokens rejected (by Zalo, or malformed), per client: each sign-in costs a Graph API call on the
   * province's app, so a client sending made-up tokens is stopped before it reaches Zalo. High, because many people
   * share one carrier-grade NAT address and one of them sending bad tokens must not lock the others out.
   */
  rejectedZaloTokenPerClient: { name: "zalo-token", limit: 300, windowSeconds: 10 * 60 },
  /** The same rejected token sent again: refused without asking Zalo. */
  rejectedZaloTokenPerToken: { name: "zalo-token-value", limit: 3, windowSeconds: 10 * 60 },
  /** Failed admin or integration authentication per client address. */
  failedAuthPerClient: { name: "auth-client", limit: 20, windowSeconds: 10 * 60 },
  /**
   * Failed integration signatures per key id, from anyone. Past it, failing requests get 429; a request the key's
   * secret signed still passes, so nobody can lock a province's one-stop system out by failing on its key id.
   */
  failedAuthPerKey: { name: "auth-key", limit: 50, windowSeconds: 10 * 60 },
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
  return upsertCounter(db, rule, subject, nowMs, false);
}

/**
 * Counts one attempt only while `subject` is under `rule` (or its window has expired), in one atomic statement:
 * RETURNING gives the new count, or no row when the limit was already reached, and then nothing is written. An
 * action guarded by it runs only when its own increment came back, so concurrent requests cannot all slip through
 * between a read and a write, and refusals past the limit cost no write.
 */
export function countAttempt(db: Db, rule: ThrottleRule, subject: string, nowMs: number) {
  return upsertCounter(db, rule, subject, nowMs, true).returning({ count: throttles.count, windowStart: throttles.windowStart });
}

function upsertCounter(db: Db, rule: ThrottleRule, subject: string, nowMs: number, onlyUnderLimit: boolean) {
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
      ...(onlyUnderLimit ? { setWhere: sql`${throttles.windowStart} <= ${expiredBefore} OR ${throttles.count} < ${rule.limit}` } : {}),
    });
}

/** Gives back one attempt counted by countAttempt (in the same window), e.g. when it proved ownership. */
export function refundAttempt(db: Db, rule: ThrottleRule, subject: string, nowMs: number) {
  return db
    .update(throttles)
    .set({ count: sql`MAX(${throttles.count} - 1, 0)` })
    .where(sql`${throttles.key} = ${throttleKey(rule, subject)} AND ${throttles.windowStart} > ${windowFloor(rule, nowMs)}`);
}

/** Seconds until `rule`'s window for these rows ends (at least 1): for Retry-After and "try again at". */
export function secondsUntilReset(rows: ThrottleRow[], rule: ThrottleRule, nowMs: number): number {
  const row = rows[0];
  if (!row) return 1;
  return Math.max(1, row.windowStart + rule.windowSeconds - Math.floor(nowMs / 1000));
}

/**
 * Drops up to `limit` counters whose window has ended (the hourly lifecycle runs it until none are left): the table
 * holds only live windows.
 */
export function purgeExpiredThrottles(db: Db, nowMs: number, limit: number) {
  // Each rule by its own window: a day-long counter must outlive a half-hour one.
  const expired = Object.values(THROTTLES).map(
    (rule) => sql`(${throttles.key} LIKE ${`${rule.name}:%`} AND ${throttles.windowStart} <= ${windowFloor(rule, nowMs)})`,
  );
  return db
    .delete(throttles)
    .where(sql`${throttles.key} IN (SELECT ${throttles.key} FROM ${throttles} WHERE ${sql.join(expired, sql` OR `)} LIMIT ${limit})`)
    .returning({ key: throttles.key });
}

/** Drops up to `limit` used integration signatures whose timestamp has left the window (with the throttles' purge). */
export function purgeUsedSignatures(db: Db, nowMs: number, limit: number) {
  const expired = lte(usedSignatures.expiresAt, Math.floor(nowMs / 1000));
  return db
    .delete(usedSignatures)
    .where(sql`rowid IN (SELECT rowid FROM ${usedSignatures} WHERE ${expired} LIMIT ${limit})`)
    .returning({ keyId: usedSignatures.keyId });
}

/** A 429 that tells the client (Retry-After) and the citizen (the message) when to try again. */
export function tooManyAttempts(retryAfterSeconds: number, code: string, message: string, detail?: string): ApiError {
  const error = new ApiError(429, code, message, undefined, detail);
  error.retryAfterSeconds = retryAfterSeconds;
  return error;
}
