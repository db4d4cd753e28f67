import { type Hook, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { validationError } from "../errors";
import { toHex } from "./crypto";
import { countAttempt, isThrottled, readThrottle, type ThrottleRow, THROTTLES, tooManyAttempts } from "./throttle";

/**
 * A Zalo access token as zmp-sdk hands it over: base64url-like characters only, bounded. It travels to Zalo in an
 * HTTP header, so a control character (NUL, CR, LF…) or a space is refused here, as bad input, and never reaches
 * the call.
 */
export const ZaloAccessToken = z
  .string({ error: "Thiếu mã truy cập Zalo." })
  .min(8, { message: "Mã truy cập Zalo không hợp lệ." })
  .max(2048, { message: "Mã truy cập Zalo không hợp lệ." })
  .regex(/^[A-Za-z0-9._~+/=-]+$/, { message: "Mã truy cập Zalo không hợp lệ." })
  .openapi({ description: "From zmp-sdk getAccessToken: 8–2048 characters from A–Z a–z 0–9 . _ ~ + / = -" });

/** The rejected-token counters: the client's, and the token's own (a digest, never the token). */
async function rejectedTokenCounters(subject: string, token: string | undefined) {
  const counters: [typeof THROTTLES.rejectedZaloTokenPerClient, string][] = [[THROTTLES.rejectedZaloTokenPerClient, subject]];
  if (token) {
    const digest = toHex(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token)))).slice(0, 32);
    counters.push([THROTTLES.rejectedZaloTokenPerToken, digest]);
  }
  return counters;
}

/**
 * Refuses (429, Retry-After) a client past its rejected tokens, or a token Zalo already rejected several times,
 * without asking Zalo. Zalo is asked about a good token from a shared address until hundreds were rejected there.
 */
export async function refuseRejectedTokens(d1: D1Database, subject: string, token: string, nowMs: number): Promise<void> {
  const counters = await rejectedTokenCounters(subject, token);
  const rows = (await d1.batch(counters.map(([rule, key]) => readThrottle(d1, rule, key)))) as D1Result<ThrottleRow>[];
  const over = counters.findIndex(([rule], i) => isThrottled(rows[i]!.results, rule, nowMs));
  if (over === -1) return;
  const rule = counters[over]![0];
  throw tooManyAttempts(
    rule.windowSeconds,
    "too_many_sign_ins",
    "Đăng nhập không thành công quá nhiều lần. Vui lòng thử lại sau 10 phút.",
    rule === THROTTLES.rejectedZaloTokenPerClient
      ? `${rule.limit} Zalo access tokens from this client were rejected within ${rule.windowSeconds / 60} minutes`
      : `this Zalo access token was rejected ${rule.limit} times within ${rule.windowSeconds / 60} minutes`,
  );
}

/** Counts a token Zalo rejected (or one too malformed to send), for the client and for the token itself. */
export async function countRejectedToken(c: Context<AppEnv>, subject: string, token: string | undefined): Promise<void> {
  const db = c.var.db;
  const counters = await rejectedTokenCounters(subject, token);
  const now = Date.now();
  await db.batch([countAttempt(db, counters[0]![0], counters[0]![1], now), ...counters.slice(1).map(([rule, key]) => countAttempt(db, rule, key, now))]);
}

/**
 * A validation hook for bodies that carry `accessToken`: a malformed token is a rejected one, counted for the
 * client (`subjectOf`), and answered with the usual 400.
 */
export function countingMalformedTokens<I, R>(subjectOf: (c: Context<AppEnv>) => string | Promise<string>): Hook<I, AppEnv, string, R> {
  const hook: Hook<I, AppEnv, string, unknown> = async (result, c) => {
    if (result.success) return;
    if (result.error.issues.some((issue) => issue.path[0] === "accessToken")) await countRejectedToken(c, await subjectOf(c), undefined);
    return validationError(c, result.error);
  };
  // Its answer is the shared validation error, which the route's documented 400 already describes.
  return hook as Hook<I, AppEnv, string, R>;
}
