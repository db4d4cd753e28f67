import { normalizeDossierCode } from "../domain/dossier-code";
import { ApiError } from "../errors";
import { constantTimeEqual, derivedKey, fromBase64Url, hmac, toBase64Url } from "./crypto";

/**
 * Slip tokens are printed in the QR on the paper slip: the first 96 bits of HMAC(server key, code), 16
 * base64url characters. They carry nothing personal and cannot be made without the server secret.
 */
const SLIP_TOKEN_BYTES = 12;

export async function slipToken(serverSecret: string, code: string): Promise<string> {
  const key = await derivedKey(serverSecret, "slip-token");
  const mac = await hmac(key, `slip:${normalizeDossierCode(code)}`);
  return toBase64Url(mac.slice(0, SLIP_TOKEN_BYTES));
}

/**
 * View tokens come from a successful last-4 unlock: `<expiry, base36 seconds>.<96-bit MAC>`, valid 30 minutes.
 * The dot, never found in base64url, tells them from slip tokens.
 */
export const VIEW_TOKEN_TTL_SECONDS = 30 * 60;

export async function viewToken(serverSecret: string, code: string, nowMs: number): Promise<{ token: string; expiresAt: string }> {
  const exp = Math.floor(nowMs / 1000) + VIEW_TOKEN_TTL_SECONDS;
  const expText = exp.toString(36);
  const key = await derivedKey(serverSecret, "view-token");
  const mac = await hmac(key, `view:${normalizeDossierCode(code)}:${expText}`);
  return { token: `${expText}.${toBase64Url(mac.slice(0, SLIP_TOKEN_BYTES))}`, expiresAt: new Date(exp * 1000).toISOString() };
}

export type TokenCheck = "valid" | "expired" | "invalid";

/** Accepts either kind of token for a code. */
export async function checkOwnerToken(serverSecret: string, code: string, token: string, nowMs: number): Promise<TokenCheck> {
  if (token.length > 64) return "invalid";
  const dot = token.indexOf(".");
  if (dot !== -1) {
    const expText = token.slice(0, dot);
    if (!/^[0-9a-z]{1,10}$/.test(expText)) return "invalid";
    const key = await derivedKey(serverSecret, "view-token");
    const mac = await hmac(key, `view:${normalizeDossierCode(code)}:${expText}`);
    if (!constantTimeEqual(token.slice(dot + 1), toBase64Url(mac.slice(0, SLIP_TOKEN_BYTES)))) return "invalid";
    return parseInt(expText, 36) * 1000 > nowMs ? "valid" : "expired";
  }
  if (!fromBase64Url(token)) return "invalid";
  return constantTimeEqual(token, await slipToken(serverSecret, code)) ? "valid" : "invalid";
}

/** Which kind an owner token is: a view token carries its expiry before a dot, which base64url never holds. */
export function ownerTokenKind(token: string): "slip" | "view" {
  return token.includes(".") ? "view" : "slip";
}

/**
 * The owner view's refusal of a token that does not prove ownership, the same wherever a token is offered (the
 * lookup, the rating): an expired view token asks for the 4 digits again, any other for the slip's QR.
 */
export function ownerTokenRefused(check: Exclude<TokenCheck, "valid">): ApiError {
  return check === "expired"
    ? new ApiError(403, "token_expired", "Phiên xem hồ sơ đã hết hạn. Vui lòng nhập lại 4 số cuối CCCD/CMND.", undefined, "the view token has expired")
    : new ApiError(
        403,
        "invalid_token",
        "Mã QR hoặc đường dẫn không đúng với hồ sơ này. Vui lòng quét lại mã trên giấy hẹn.",
        undefined,
        "the token does not prove ownership of this dossier",
      );
}

/** The keyed hash that stands in for the ID number: it can check the last 4 digits, never give them back. */
export async function applicantFactorHash(serverSecret: string, code: string, last4: string): Promise<string> {
  const key = await derivedKey(serverSecret, "applicant-factor");
  return toBase64Url(await hmac(key, `factor:${normalizeDossierCode(code)}:${last4}`));
}
