import type { ApiError } from "../errors";
import type { Db } from "../env";
import { countAttempt, isThrottled, readThrottle, secondsUntilReset, type ThrottleRow, type ThrottleRule, THROTTLES, tooManyAttempts } from "./throttle";

/**
 * Failed operator and integration authentication, counted per client address and (integration) per key id. Reading
 * costs one batched statement per request; only failures write, and past a limit nothing is written.
 */
export type AuthCounters = { rules: [ThrottleRule, string][]; rows: ThrottleRow[][] };

export async function readAuthCounters(d1: D1Database, address: string, keyId?: string): Promise<AuthCounters> {
  const rules: [ThrottleRule, string][] = [[THROTTLES.failedAuthPerClient, address]];
  if (keyId) rules.push([THROTTLES.failedAuthPerKey, keyId]);
  const results = (await d1.batch(rules.map(([rule, subject]) => readThrottle(d1, rule, subject)))) as D1Result<ThrottleRow>[];
  return { rules, rows: results.map((r) => r.results) };
}

/** 429 for an address past its failures, before its credentials are looked at: a valid one from elsewhere works. */
export function refuseThrottledAddress(counters: AuthCounters, nowMs: number): void {
  const [rule] = counters.rules[0]!;
  if (isThrottled(counters.rows[0]!, rule, nowMs)) throw tooMany(rule, counters.rows[0]!, nowMs);
}

/**
 * A failed authentication: counted (while under the limits), and answered `failure`, or 429 once the address or the
 * key id is past its limit.
 */
export async function failedAuth(db: Db, counters: AuthCounters, failure: ApiError, nowMs: number): Promise<never> {
  const over = counters.rules.findIndex(([rule], i) => isThrottled(counters.rows[i]!, rule, nowMs));
  if (over !== -1) throw tooMany(counters.rules[over]![0], counters.rows[over]!, nowMs);
  await db.batch([countAttempt(db, ...counters.rules[0]!, nowMs), ...counters.rules.slice(1).map(([rule, subject]) => countAttempt(db, rule, subject, nowMs))]);
  throw failure;
}

function tooMany(rule: ThrottleRule, rows: ThrottleRow[], nowMs: number): ApiError {
  const seconds = secondsUntilReset(rows, rule, nowMs);
  const who = rule === THROTTLES.failedAuthPerKey ? "this key id" : "this address";
  return tooManyAttempts(
    seconds,
    "too_many_failed_authentications",
    `${rule.limit} failed authentications from ${who} within ${rule.windowSeconds / 60} minutes: retry after ${seconds} s`,
  );
}
