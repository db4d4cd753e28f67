// Node re-implementation of worker/src/security/tokens.ts (slip token, applicant factor hash).
// Keys: HKDF-SHA256(SERVER_SECRET, salt "motcua/v1", info <purpose>) -> 32-byte HMAC-SHA256 key.
import { createHmac, hkdfSync } from "node:crypto";

const SLIP_TOKEN_BYTES = 12;

const keys = new Map();

function derivedKey(serverSecret, purpose) {
  const cacheKey = `${purpose}\u0000${serverSecret}`;
  let key = keys.get(cacheKey);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", serverSecret, "motcua/v1", purpose, 32));
    keys.set(cacheKey, key);
  }
  return key;
}

/** Same normalisation as worker/src/domain/dossier-code.ts. */
export function normalizeDossierCode(code) {
  return code.trim().toUpperCase();
}

/** First 12 bytes of HMAC(slip key, "slip:" + CODE), base64url: what the QR on the paper slip carries. */
export function slipToken(serverSecret, code) {
  const mac = createHmac("sha256", derivedKey(serverSecret, "slip-token"))
    .update(`slip:${normalizeDossierCode(code)}`)
    .digest();
  return mac.subarray(0, SLIP_TOKEN_BYTES).toString("base64url");
}

/** Keyed hash of (code, last 4 digits of the ID number), as stored in dossiers.applicant_factor_hash. */
export function applicantFactorHash(serverSecret, code, last4) {
  return createHmac("sha256", derivedKey(serverSecret, "applicant-factor"))
    .update(`factor:${normalizeDossierCode(code)}:${last4}`)
    .digest()
    .toString("base64url");
}
