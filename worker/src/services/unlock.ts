/**
 * Unlocking a dossier with the last 4 digits of the applicant's ID number: the throttles, the factor check and the
 * view token. Every attempt is counted before the digits are compared, each counter in one conditional statement,
 * so a burst of concurrent guesses gets no more comparisons than the limits allow.
 */
import { type OwnerRow, ownerStatement, toOwnerRecord } from "../db/dossier-queries";
import { ownerDossierView } from "../domain/dossier-view";
import { personalDataNotice } from "../domain/lifecycle";
import { vnDisplayClock } from "../domain/time";
import type { Db } from "../env";
import { ApiError } from "../errors";
import { constantTimeEqual } from "../security/crypto";
import {
  countAttempt,
  isThrottled,
  readThrottle,
  refundAttempt,
  secondsUntilReset,
  type ThrottleRow,
  type ThrottleRule,
  THROTTLES,
  tooManyAttempts,
} from "../security/throttle";
import { applicantFactorHash, viewToken } from "../security/tokens";

export type UnlockInput = { code: string; idNumberLast4: string; subject: string; nowMs: number };

export const dossierNotFound = () => new ApiError(404, "dossier_not_found", "Không tìm thấy hồ sơ với mã này. Vui lòng kiểm tra lại mã trên giấy hẹn.");

/** The unlock of a dossier whose personal data the lifecycle removed: gone for good, not wrong digits. */
export const personalDataGone = (status: number, months: number | null) =>
  new ApiError(
    410,
    "personal_data_removed",
    personalDataNotice(status, months),
    undefined,
    "the applicant's personal data was removed after the retention period",
  );

export const tooManyUnknownCodes = (retryAfterSeconds: number) =>
  tooManyAttempts(retryAfterSeconds, "too_many_lookups", "Ông/bà đã tra cứu quá nhiều mã không tồn tại. Vui lòng thử lại sau 10 phút.");

/**
 * Counts a lookup of a code that does not exist: 404 while the client is under the limit, 429 past it, and past it
 * nothing is written. `nowMs` is the request's time.
 */
export async function refuseUnknownCode(db: Db, subject: string, nowMs: number): Promise<never> {
  const rule = THROTTLES.unknownCodePerClient;
  const [counted] = await countAttempt(db, rule, subject, nowMs);
  if (counted) throw dossierNotFound();
  // No read for the exact time: a refusal costs what a real code's refusal costs, and at most a window is honest.
  throw tooManyUnknownCodes(rule.windowSeconds);
}

/** The per-dossier-and-client counter's subject: one client's attempts on one dossier. */
const codeClient = (code: string, subject: string) => `${code}|${subject}`;

export async function unlockDossier(d1: D1Database, db: Db, serverSecret: string, input: UnlockInput) {
  const { code, idNumberLast4, subject, nowMs } = input;
  const [owner, unknown] = (await d1.batch([ownerStatement(d1, code), readThrottle(d1, THROTTLES.unknownCodePerClient, subject)])) as [
    D1Result<OwnerRow>,
    D1Result<ThrottleRow>,
  ];
  // A client stopped for enumerating codes is answered the same for real and unknown codes.
  if (isThrottled(unknown.results, THROTTLES.unknownCodePerClient, nowMs)) {
    throw tooManyUnknownCodes(secondsUntilReset(unknown.results, THROTTLES.unknownCodePerClient, nowMs));
  }
  const row = owner.results[0] ? toOwnerRecord(owner.results[0]) : undefined;
  if (!row) return refuseUnknownCode(db, subject, nowMs);
  // Nothing is left to unlock: no digits are compared, so none are counted.
  if (row.personalDataRemovedAt) throw personalDataGone(row.status, row.retentionMonths);

  // The attempt is counted first; the digits are compared only if every counter took it.
  const counters: [ThrottleRule, string][] = [
    [THROTTLES.factorPerCodeClient, codeClient(code, subject)],
    [THROTTLES.factorPerClient, subject],
    [THROTTLES.factorPerCode, code],
  ];
  const counted = await db.batch([
    countAttempt(db, ...counters[0]!, nowMs),
    countAttempt(db, ...counters[1]!, nowMs),
    countAttempt(db, ...counters[2]!, nowMs),
  ]);
  const refused = counters.findIndex((_, i) => counted[i]!.length === 0);
  if (refused !== -1) {
    const [rule, counterSubject] = counters[refused]!;
    throw lockedOut(rule, await retryAfter(d1, rule, counterSubject, nowMs), nowMs);
  }

  const expected = await applicantFactorHash(serverSecret, code, idNumberLast4);
  if (!constantTimeEqual(expected, row.applicantFactorHash)) {
    const left = Math.min(...counters.map(([rule], i) => rule.limit - counted[i]![0]!.count));
    const hint = left > 0 ? ` Ông/bà còn ${left} lần thử.` : " Ông/bà đã hết lượt thử; mã QR trên giấy hẹn vẫn luôn mở được hồ sơ.";
    throw new ApiError(403, "factor_mismatch", `4 số cuối CCCD/CMND không khớp với hồ sơ này.${hint}`);
  }

  // The owner's own attempt is given back: only wrong digits use up the limits.
  await db.batch([refundAttempt(db, ...counters[0]!, nowMs), refundAttempt(db, ...counters[1]!, nowMs), refundAttempt(db, ...counters[2]!, nowMs)]);
  const { token, expiresAt } = await viewToken(serverSecret, code, nowMs);
  return { dossier: ownerDossierView(row, new Date(nowMs)), viewToken: token, viewTokenExpiresAt: expiresAt };
}

async function retryAfter(d1: D1Database, rule: ThrottleRule, subject: string, nowMs: number): Promise<number> {
  const { results } = await readThrottle(d1, rule, subject).all<ThrottleRow>();
  return secondsUntilReset(results, rule, nowMs);
}

/** The citizen is told when to try again, and that the slip's QR works whatever the digits' lock says. */
function lockedOut(rule: ThrottleRule, seconds: number, nowMs: number): ApiError {
  const at = vnDisplayClock(new Date(nowMs + seconds * 1000), new Date(nowMs));
  const who =
    rule === THROTTLES.factorPerCode ? "Hồ sơ này đã bị nhập sai 4 số cuối CCCD/CMND quá nhiều lần." : "Ông/bà đã nhập sai 4 số cuối CCCD/CMND quá nhiều lần.";
  return tooManyAttempts(
    seconds,
    "too_many_attempts",
    `${who} Để bảo vệ thông tin cá nhân, vui lòng thử lại sau ${at}. Mã QR trên giấy hẹn luôn mở được hồ sơ mà không cần nhập số.`,
    `${rule.name}: at most ${rule.limit} attempts in ${rule.windowSeconds / 60} minutes`,
  );
}
