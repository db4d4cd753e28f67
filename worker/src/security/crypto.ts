/**
 * Keys derived from the one server secret (HKDF-SHA256, one label per purpose), and the small encodings the
 * tokens use. CryptoKeys are cached per isolate: deriving costs more than the lookup it protects.
 */
const encoder = new TextEncoder();

export type KeyPurpose = "slip-token" | "view-token" | "applicant-factor" | "client-secrets" | "session" | "staff-link-code" | "media-url";

const keyCache = new Map<string, Promise<CryptoKey>>();

export function derivedKey(serverSecret: string, purpose: KeyPurpose): Promise<CryptoKey> {
  const cacheKey = `${purpose}\u0000${serverSecret}`;
  let key = keyCache.get(cacheKey);
  if (!key) {
    key = deriveKey(serverSecret, purpose);
    keyCache.set(cacheKey, key);
    // A failed derivation must not stay cached.
    key.catch(() => keyCache.delete(cacheKey));
  }
  return key;
}

async function deriveKey(serverSecret: string, purpose: KeyPurpose): Promise<CryptoKey> {
  if (!serverSecret || serverSecret.length < 16) throw new Error("SERVER_SECRET is missing or shorter than 16 characters");
  const master = await crypto.subtle.importKey("raw", encoder.encode(serverSecret), "HKDF", false, ["deriveKey"]);
  const params = { name: "HKDF", hash: "SHA-256", salt: encoder.encode("motcua/v1"), info: encoder.encode(purpose) };
  if (purpose === "client-secrets") {
    return crypto.subtle.deriveKey(params, master, { name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
  }
  return crypto.subtle.deriveKey(params, master, { name: "HMAC", hash: "SHA-256", length: 256 }, false, ["sign"]);
}

export async function hmac(key: CryptoKey, message: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(message)));
}

export async function hmacWithSecret(secret: string, message: string): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return hmac(key, message);
}

export function toHex(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += b.toString(16).padStart(2, "0");
  return out;
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  const padded = text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4);
  try {
    const binary = atob(padded);
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

/** Compares without an early exit, so the time taken does not tell how much of a guess was right. */
export function constantTimeEqual(a: string, b: string): boolean {
  const length = Math.max(a.length, b.length);
  let diff = a.length ^ b.length;
  for (let i = 0; i < length; i++) diff |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0);
  return diff === 0;
}

export function randomToken(bytes: number): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}
