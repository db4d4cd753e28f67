import type { CitizenSession } from "../env";
import { constantTimeEqual, derivedKey, fromBase64Url, hmac, toBase64Url } from "./crypto";

/**
 * Our own session, issued after Zalo's Graph API vouched for the access token: `s1.<payload>.<mac>`, where the
 * payload (base64url JSON) names the citizen row and province, and the MAC is HMAC-SHA256 with a key derived
 * from SERVER_SECRET. Short-lived; the mini app exchanges a fresh Zalo token when it expires.
 */
export const SESSION_TTL_SECONDS = 2 * 60 * 60;

type Payload = { c: number; p: string; e: number };

export async function issueSession(serverSecret: string, citizenId: number, provinceId: string, nowMs: number) {
  const expiresAt = Math.floor(nowMs / 1000) + SESSION_TTL_SECONDS;
  const payload = toBase64Url(new TextEncoder().encode(JSON.stringify({ c: citizenId, p: provinceId, e: expiresAt } satisfies Payload)));
  const mac = toBase64Url(await hmac(await derivedKey(serverSecret, "session"), `session:${payload}`));
  return { token: `s1.${payload}.${mac}`, expiresAt: new Date(expiresAt * 1000).toISOString() };
}

export type SessionCheck = { ok: true; session: CitizenSession } | { ok: false; reason: "invalid" | "expired" };

export async function checkSession(serverSecret: string, token: string, nowMs: number): Promise<SessionCheck> {
  const parts = token.split(".");
  if (parts.length !== 3 || parts[0] !== "s1" || token.length > 512) return { ok: false, reason: "invalid" };
  const [, payload, mac] = parts as [string, string, string];
  const expected = toBase64Url(await hmac(await derivedKey(serverSecret, "session"), `session:${payload}`));
  if (!constantTimeEqual(expected, mac)) return { ok: false, reason: "invalid" };
  const bytes = fromBase64Url(payload);
  if (!bytes) return { ok: false, reason: "invalid" };
  let parsed: Payload;
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes)) as Payload;
  } catch {
    return { ok: false, reason: "invalid" };
  }
  if (!Number.isInteger(parsed.c) || typeof parsed.p !== "string" || !Number.isInteger(parsed.e)) return { ok: false, reason: "invalid" };
  if (parsed.e * 1000 <= nowMs) return { ok: false, reason: "expired" };
  return { ok: true, session: { citizenId: parsed.c, provinceId: parsed.p, expiresAt: parsed.e } };
}
