import { derivedKey, fromBase64Url, toBase64Url } from "./crypto";

/**
 * Integration client secrets must be usable (HMAC needs the secret itself), so they are stored encrypted with a
 * key derived from SERVER_SECRET: a copy of the database alone does not let anyone sign requests.
 */
export async function encryptClientSecret(serverSecret: string, keyId: string, secret: string): Promise<string> {
  const key = await derivedKey(serverSecret, "client-secrets");
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ciphertext = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: new TextEncoder().encode(keyId) },
    key,
    new TextEncoder().encode(secret),
  );
  const out = new Uint8Array(iv.length + ciphertext.byteLength);
  out.set(iv);
  out.set(new Uint8Array(ciphertext), iv.length);
  return toBase64Url(out);
}

export async function decryptClientSecret(serverSecret: string, keyId: string, stored: string): Promise<string | null> {
  const bytes = fromBase64Url(stored);
  if (!bytes || bytes.length < 13) return null;
  const key = await derivedKey(serverSecret, "client-secrets");
  try {
    const plain = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: bytes.slice(0, 12), additionalData: new TextEncoder().encode(keyId) },
      key,
      bytes.slice(12),
    );
    return new TextDecoder().decode(plain);
  } catch {
    return null;
  }
}
