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
 * Webhook-style request signing: X-Motcua-Signature = "v1=" + hex(HMAC-SHA256(secret, "<timestamp>.<raw body>")).
 * Sets the calling client (and so its one province) for the handlers.
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
  if (!/^v1=[0-9a-f]{64}$/.test(signature)) throw unauthorized("X-Motcua-Signature must be v1=<64 lowercase hex digits>");

  const [client] = await c.var.db
    .select()
    .from(integrationClients)
    .where(and(eq(integrationClients.keyId, keyId), isNull(integrationClients.revokedAt)))
    .limit(1);
  // Unknown and revoked keys answer like a wrong signature: the response does not tell which keys exist.
  const secret = client ? await decryptClientSecret(c.env.SERVER_SECRET, client.keyId, client.secretCiphertext) : null;
  const body = c.req.method === "GET" || c.req.method === "HEAD" ? "" : await c.req.text();
  const expected = `v1=${toHex(await hmacWithSecret(secret ?? "\u0000no-client", `${timestamp}.${body}`))}`;
  if (!client || !secret || !constantTimeEqual(expected, signature)) throw unauthorized("signature does not match");

  c.set("integrationClient", { keyId: client.keyId, provinceId: client.provinceId, name: client.name });
  await next();
});
