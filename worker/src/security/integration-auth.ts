import { and, eq, isNull } from "drizzle-orm";
import { createMiddleware } from "hono/factory";
import { integrationClients } from "../db/schema";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
import { decryptClientSecret } from "./client-secrets";
import { constantTimeEqual, hmacWithSecret, toHex } from "./crypto";

export const SIGNATURE_WINDOW_SECONDS = 300;

const unauthorized = (message: string) => new ApiError(401, "invalid_signature", message);

/**
 * Webhook-style request signing, in one header that may carry one or both versions, comma-separated:
 * - v1 (the contract): "v1=" + hex(HMAC-SHA256(secret, "<timestamp>.<raw body>"));
 * - v2 (an extension): "v2=" + hex(HMAC-SHA256(secret, "<timestamp>.<METHOD>.<path and query>.<raw body>")).
 * A v1 signature of a GET (empty body) would be valid for any other GET within the window, so a signature seen in
 * a log could read other records; v2 binds it to the request. When v2 is present it is the one checked; a key made
 * with minSignatureVersion 2 accepts nothing else. Sets the calling client (and so its one province).
 */
export const requireIntegrationSignature = createMiddleware<AppEnv>(async (c, next) => {
  const keyId = c.req.header("x-motcua-key");
  const timestamp = c.req.header("x-motcua-timestamp");
  const signature = c.req.header("x-motcua-signature");
  if (!keyId || !timestamp || !signature) {
    throw unauthorized("missing X-Motcua-Key, X-Motcua-Timestamp or X-Motcua-Signature header");
  }
  if (!/^\d{1,12}$/.test(timestamp)) throw unauthorized("X-Motcua-Timestamp must be unix seconds");
  const skew = Math.abs(Math.floor(Date.now() / 1000) - Number(timestamp));
  if (skew > SIGNATURE_WINDOW_SECONDS) {
    throw unauthorized(`timestamp is ${skew} s from the server's clock (allowed: ${SIGNATURE_WINDOW_SECONDS} s)`);
  }
  const given = parseSignatures(signature);
  if (!given) throw unauthorized("X-Motcua-Signature must be v1=<64 lowercase hex digits>, v2=<64 lowercase hex digits>, or both separated by a comma");

  const [client] = await c.var.db
    .select()
    .from(integrationClients)
    .where(and(eq(integrationClients.keyId, keyId), isNull(integrationClients.revokedAt)))
    .limit(1);
  // Unknown and revoked keys answer like a wrong signature: the response does not tell which keys exist.
  const secret = client ? await decryptClientSecret(c.env.SERVER_SECRET, client.keyId, client.secretCiphertext) : null;
  const body = c.req.method === "GET" || c.req.method === "HEAD" ? "" : await c.req.text();
  const version = given.v2 ? "v2" : "v1";
  if (version === "v1" && client && client.minSignatureVersion >= 2) {
    throw unauthorized("this key accepts only v2 signatures: v2=hex(HMAC-SHA256(secret, \"<timestamp>.<METHOD>.<path and query>.<raw body>\"))");
  }
  const url = new URL(c.req.url);
  const signed = version === "v2" ? `${timestamp}.${c.req.method}.${url.pathname}${url.search}.${body}` : `${timestamp}.${body}`;
  const expected = toHex(await hmacWithSecret(secret ?? "\u0000no-client", signed));
  if (!client || !secret || !constantTimeEqual(expected, given[version]!)) throw unauthorized("signature does not match");

  c.set("integrationClient", { keyId: client.keyId, provinceId: client.provinceId, name: client.name });
  await next();
});

/** "v1=<hex>", "v2=<hex>" or both, comma-separated (each at most once); null when malformed. */
function parseSignatures(header: string): { v1?: string; v2?: string } | null {
  const out: { v1?: string; v2?: string } = {};
  const parts = header.split(",").map((p) => p.trim());
  if (parts.length > 2) return null;
  for (const part of parts) {
    const m = /^(v1|v2)=([0-9a-f]{64})$/.exec(part);
    if (!m || out[m[1] as "v1" | "v2"] !== undefined) return null;
    out[m[1] as "v1" | "v2"] = m[2];
  }
  return out;
}
