/**
 * Photos are private objects in R2, reached only through short-lived signed URLs that the API hands out with a
 * view the caller may see (the owner's feedback, a staff inbox, an answered public feedback). Expiry is rounded
 * up to the hour, so the same photo keeps the same URL for a while and phones can cache it.
 */
import { constantTimeEqual, derivedKey, fromBase64Url, hmac, toBase64Url } from "./crypto";

const HOUR_MS = 60 * 60 * 1000;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

async function signature(serverSecret: string, payload: string) {
  return toBase64Url((await hmac(await derivedKey(serverSecret, "media-url"), `media:${payload}`)).subarray(0, 16));
}

/** `{origin}/v1/media/{payload}.{sig}` valid for at least `ttlMs` (one to two hours by default). */
export async function signedMediaUrl(serverSecret: string, origin: string, key: string, nowMs: number, ttlMs = HOUR_MS): Promise<string> {
  const expires = Math.ceil((nowMs + ttlMs) / HOUR_MS) * HOUR_MS;
  const payload = toBase64Url(encoder.encode(`${key}|${expires / 1000}`));
  return `${origin}/v1/media/${payload}.${await signature(serverSecret, payload)}`;
}

/** The R2 key a media token names, or why not. */
export async function checkMediaToken(
  serverSecret: string,
  token: string,
  nowMs: number,
): Promise<{ ok: true; key: string } | { ok: false; reason: "invalid" | "expired" }> {
  const [payload, sig, extra] = token.split(".");
  if (!payload || !sig || extra !== undefined) return { ok: false, reason: "invalid" };
  if (!constantTimeEqual(sig, await signature(serverSecret, payload))) return { ok: false, reason: "invalid" };
  const raw = fromBase64Url(payload);
  const [key, expires] = raw ? decoder.decode(raw).split("|") : [];
  if (!key || !expires) return { ok: false, reason: "invalid" };
  if (Number(expires) * 1000 < nowMs) return { ok: false, reason: "expired" };
  return { ok: true, key };
}

/** The storage key a media token names, NOT verified: only to find which province's database to open first. */
export function unverifiedMediaKey(token: string): string | null {
  const raw = fromBase64Url(token.split(".")[0] ?? "");
  const key = raw ? decoder.decode(raw).split("|")[0] : "";
  return key || null;
}
