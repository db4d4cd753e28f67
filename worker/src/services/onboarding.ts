/**
 * The operator onboarding a province without a redeploy: issuing an integration key for its one-stop system (the
 * secret stored encrypted, shown once) and connecting its Zalo app (secrets sealed, never returned).
 */
import { eq, sql } from "drizzle-orm";
import { integrationClients, provinces, zaloAppClaims, zaloApps } from "../db/schema";
import type { Db } from "../env";
import { ApiError } from "../errors";
import { encryptClientSecret } from "../security/client-secrets";
import { randomToken } from "../security/crypto";
import { sealZaloSecret } from "../zalo/apps";

async function knownProvince(db: Db, provinceId: string) {
  const [province] = await db.select({ id: provinces.id }).from(provinces).where(eq(provinces.id, provinceId));
  if (!province) throw new ApiError(404, "province_not_found", `no province ${provinceId}`);
}

export async function issueIntegrationKey(
  db: Db,
  serverSecret: string,
  provinceId: string,
  body: { name: string; keyId?: string; secret?: string; minSignatureVersion: 1 | 2; agencyGroup?: string },
) {
  await knownProvince(db, provinceId);
  const keyId =
    body.keyId ??
    `${provinceId}-${randomToken(6)
      .toLowerCase()
      .replace(/[^a-z0-9]/g, "x")}`;
  const secret = body.secret ?? randomToken(32);
  const inserted = await db
    .insert(integrationClients)
    .values({
      keyId,
      provinceId,
      name: body.name,
      secretCiphertext: await encryptClientSecret(serverSecret, keyId, secret),
      minSignatureVersion: body.minSignatureVersion,
      agencyGroup: body.agencyGroup ?? null,
    })
    .onConflictDoNothing()
    .returning({ keyId: integrationClients.keyId });
  if (inserted.length === 0) throw new ApiError(409, "key_id_taken", `key id ${keyId} is already in use`);
  return { keyId, secret, provinceId, minSignatureVersion: body.minSignatureVersion, agencyGroup: body.agencyGroup ?? null };
}

export type ZaloAppSettings = {
  appId: string;
  miniAppId: string;
  appSecret: string;
  miniAppApiKey?: string | null;
  oaAccessToken?: string | null;
  templates: (typeof zaloApps.$inferInsert)["templates"];
};

/**
 * Connects a province's Zalo app. The app is claimed first in the control database, in one transaction that
 * inserts the claim unless another province holds it, releases the province's former app once the new one is
 * its own, and reads who holds it: two provinces connecting one app at once get one 200 and one 409, whichever
 * databases they live in.
 */
export async function connectZaloApp(control: Db, db: Db, serverSecret: string, provinceId: string, b: ZaloAppSettings): Promise<void> {
  await knownProvince(db, provinceId);
  const ours = sql`EXISTS (SELECT 1 FROM ${zaloAppClaims} WHERE ${zaloAppClaims.appId} = ${b.appId} AND ${zaloAppClaims.provinceId} = ${provinceId})`;
  const [, , [holder]] = await control.batch([
    control.insert(zaloAppClaims).values({ appId: b.appId, provinceId }).onConflictDoNothing(),
    control.delete(zaloAppClaims).where(sql`${zaloAppClaims.provinceId} = ${provinceId} AND ${zaloAppClaims.appId} <> ${b.appId} AND ${ours}`),
    control.select({ provinceId: zaloAppClaims.provinceId }).from(zaloAppClaims).where(eq(zaloAppClaims.appId, b.appId)),
  ]);
  if (holder && holder.provinceId !== provinceId) throw new ApiError(409, "zalo_app_taken", `Zalo app ${b.appId} is connected to ${holder.provinceId}`);
  const seal = (what: string, value: string | null | undefined) => (value ? sealZaloSecret(serverSecret, provinceId, what, value) : Promise.resolve(null));
  const values = {
    appId: b.appId,
    miniAppId: b.miniAppId,
    appSecretCiphertext: (await seal("app-secret", b.appSecret))!,
    miniAppApiKeyCiphertext: await seal("mini-app-api-key", b.miniAppApiKey),
    oaAccessTokenCiphertext: await seal("oa-access-token", b.oaAccessToken),
    templates: b.templates,
  };
  await db.batch([
    db
      .insert(zaloApps)
      .values({ provinceId, ...values })
      .onConflictDoUpdate({ target: zaloApps.provinceId, set: { ...values, updatedAt: new Date().toISOString() } }),
    // Deep links on slips use the province's mini app id.
    db.update(provinces).set({ miniAppId: b.miniAppId }).where(eq(provinces.id, provinceId)),
  ]);
}
