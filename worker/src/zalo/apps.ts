import { eq } from "drizzle-orm";
import { type ZaloTemplates, zaloApps } from "../db/schema";
import type { Db } from "../env";
import { decryptClientSecret, encryptClientSecret } from "../security/client-secrets";

/** A province's Zalo app with its secrets opened: only ever held in memory for the request that needs it. */
export type ZaloApp = {
  provinceId: string;
  appId: string;
  miniAppId: string;
  appSecret: string;
  miniAppApiKey: string | null;
  oaAccessToken: string | null;
  templates: ZaloTemplates;
};

/** Each secret is sealed with its province and purpose as associated data, so a ciphertext cannot be moved. */
const label = (provinceId: string, what: string) => `zalo:${provinceId}:${what}`;

export function sealZaloSecret(serverSecret: string, provinceId: string, what: string, value: string) {
  return encryptClientSecret(serverSecret, label(provinceId, what), value);
}

export async function loadZaloApp(db: Db, serverSecret: string, provinceId: string): Promise<ZaloApp | null> {
  const [row] = await db.select().from(zaloApps).where(eq(zaloApps.provinceId, provinceId)).limit(1);
  if (!row) return null;
  const open = (what: string, stored: string | null) => (stored ? decryptClientSecret(serverSecret, label(provinceId, what), stored) : Promise.resolve(null));
  const [appSecret, miniAppApiKey, oaAccessToken] = await Promise.all([
    open("app-secret", row.appSecretCiphertext),
    open("mini-app-api-key", row.miniAppApiKeyCiphertext),
    open("oa-access-token", row.oaAccessTokenCiphertext),
  ]);
  if (!appSecret) return null;
  return { provinceId, appId: row.appId, miniAppId: row.miniAppId, appSecret, miniAppApiKey, oaAccessToken, templates: row.templates };
}
