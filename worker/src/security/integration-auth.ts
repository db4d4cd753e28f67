import { and, eq, getTableColumns, isNull } from "drizzle-orm";
import { createMiddleware } from "hono/factory";
import { integrationClients, provinces, usedSignatures } from "../db/schema";
import type { AppEnv, Db } from "../env";
import { ApiError } from "../errors";
import { failedAuth, readAuthCounters, refuseThrottledAddress } from "./auth-throttle";
import { addressSubject } from "./client-subject";
import { decryptClientSecret } from "./client-secrets";
import { constantTimeEqual, hmacWithSecret, toHex } from "./crypto";

export const SIGNATURE_WINDOW_SECONDS = 300;

const unauthorized = (message: string) => new ApiError(401, "invalid_signature", message);

/**
 * Webhook-style request signing, in one header that may carry one or both versions, comma-separated:
 * - v1 (the contract): "v1=" + hex(HMAC-SHA256(secret, "<timestamp>.<raw body>"));
 * - v2: "v2=" + hex(HMAC-SHA256(secret, "<timestamp>.<METHOD>.<path and query>.<raw body>")).
 * A v1 signature of a GET (empty body) would be valid for any other GET within the window, so keys are issued for v2
 * by default, and a key made with minSignatureVersion 2 accepts nothing else. When v2 is present it is the one
 * checked. Every signature is good once: a (key, signature) seen within the window is a replay (401 `replayed`), which
 * also binds a v1 signature to the one request that used it first. Failures are throttled per address and per key
 * id (429). Sets the calling client (and so its one province).
 */
export const requireIntegrationSignature = createMiddleware<AppEnv>(async (c, next) => {
  const now = Date.now();
  const keyId = c.req.header("x-motcua-key");
  const timestamp = c.req.header("x-motcua-timestamp");
  const signature = c.req.header("x-motcua-signature");
  const validKeyId = keyId && /^[A-Za-z0-9._-]{1,64}$/.test(keyId) ? keyId : undefined;
  const counters = await readAuthCounters(c.env.DB, addressSubject(c.req.raw, c.env), validKeyId);
  refuseThrottledAddress(counters, now);
  const refuse = (message: string) => failedAuth(c.var.db, counters, unauthorized(message), now);

  if (!keyId || !timestamp || !signature) {
    return refuse("missing X-Motcua-Key, X-Motcua-Timestamp or X-Motcua-Signature header");
  }
  if (!/^\d{1,12}$/.test(timestamp)) return refuse("X-Motcua-Timestamp must be unix seconds");
  const skew = Math.abs(Math.floor(now / 1000) - Number(timestamp));
  if (skew > SIGNATURE_WINDOW_SECONDS) {
    return refuse(`timestamp is ${skew} s from the server's clock (allowed: ${SIGNATURE_WINDOW_SECONDS} s)`);
  }
  const given = parseSignatures(signature);
  if (!given) return refuse("X-Motcua-Signature must be v1=<64 lowercase hex digits>, v2=<64 lowercase hex digits>, or both separated by a comma");

  const [client] = validKeyId
    ? await c.var.db
        .select({ ...getTableColumns(integrationClients), provinceUnit: provinces.agencyCode })
        .from(integrationClients)
        .leftJoin(provinces, eq(provinces.id, integrationClients.provinceId))
        .where(and(eq(integrationClients.keyId, validKeyId), isNull(integrationClients.revokedAt)))
        .limit(1)
    : [];
  // Unknown and revoked keys answer like a wrong signature: the response does not tell which keys exist.
  const secret = client ? await decryptClientSecret(c.env.SERVER_SECRET, client.keyId, client.secretCiphertext) : null;
  const body = c.req.method === "GET" || c.req.method === "HEAD" ? "" : await c.req.text();
  const version = given.v2 ? "v2" : "v1";
  if (version === "v1" && client && client.minSignatureVersion >= 2) {
    return refuse('this key accepts only v2 signatures: v2=hex(HMAC-SHA256(secret, "<timestamp>.<METHOD>.<path and query>.<raw body>"))');
  }
  const url = new URL(c.req.url);
  const signedText = { v1: `${timestamp}.${body}`, v2: `${timestamp}.${c.req.method}.${url.pathname}${url.search}.${body}` };
  const expected = async (v: "v1" | "v2") => toHex(await hmacWithSecret(secret ?? "\u0000no-client", signedText[v]));
  if (!client || !secret || !constantTimeEqual(await expected(version), given[version]!)) return refuse("signature does not match");

  // A v1 signature sent beside a checked v2 one is spent too, so it cannot be replayed alone.
  const spent = [given[version]!];
  if (version === "v2" && given.v1 && constantTimeEqual(await expected("v1"), given.v1)) spent.push(given.v1);
  if (!(await spendSignatures(c.var.db, client.keyId, spent, Number(timestamp)))) {
    throw new ApiError(401, "replayed", "this (key, timestamp, signature) was already used: sign each request afresh with the current time");
  }

  c.set("integrationClient", {
    keyId: client.keyId,
    provinceId: client.provinceId,
    provinceUnit: client.provinceUnit || null,
    name: client.name,
    agencyGroup: client.agencyGroup,
  });
  await next();
});

/**
 * Records signatures as used, in one statement: false when any was already there (a replay). Kept until the
 * timestamp leaves the window, when the same request would be refused for its time anyway.
 */
async function spendSignatures(db: Db, keyId: string, signatures: string[], timestamp: number): Promise<boolean> {
  const expiresAt = timestamp + SIGNATURE_WINDOW_SECONDS + 1;
  const inserted = await db
    .insert(usedSignatures)
    .values(signatures.map((signature) => ({ keyId, signature, expiresAt })))
    .onConflictDoNothing()
    .returning({ signature: usedSignatures.signature });
  return inserted.length === signatures.length;
}

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
