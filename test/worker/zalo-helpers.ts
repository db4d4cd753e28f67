import { env } from "cloudflare:workers";
import { DEFAULT_LIMITS, type DeliveryLimits } from "../../worker/src/domain/delivery-limits";
import { MESSAGE_KINDS } from "../../worker/src/domain/notifications";
import { admin, call, type Client, integration, json } from "./helpers";

export { vnTime } from "./helpers";

/** The fake Zalo the worker is pointed at (started by test/worker/global-setup.ts on 127.0.0.1). */
export const FAKE_ZALO = env.FAKE_ZALO_URL;

export async function fake<T = any>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch(`${FAKE_ZALO}${path}`, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers: { "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (!res.ok) throw new Error(`fake zalo ${path}: ${res.status} ${await res.text()}`);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

export type ZaloAppConfig = { appId: string; appSecret: string; miniAppId: string; miniAppApiKey: string; oaAccessToken: string };

/** Every message kind gets a template, as a province registers them with Zalo. */
export const ALL_KINDS = MESSAGE_KINDS;

/** Connects a province to a Zalo app, and tells the fake Zalo about the same app and OA. */
export async function connectZalo(provinceId: string, appId: string): Promise<ZaloAppConfig> {
  const config = {
    appId,
    appSecret: `secret-${appId}`,
    miniAppId: `9${appId}`,
    miniAppApiKey: `key-${appId}`,
    oaAccessToken: `oa-${appId}`,
  };
  await fake("/__fake/apps", {
    method: "PUT",
    body: {
      apps: [{ appId, appSecret: config.appSecret, miniAppId: config.miniAppId, miniAppApiKey: config.miniAppApiKey }],
      oaAccessTokens: [config.oaAccessToken],
    },
  });
  const templates = Object.fromEntries(ALL_KINDS.map((k) => [k, `tpl-${k}`]));
  const res = await admin(`/v1/admin/provinces/${provinceId}/zalo-app`, "PUT", { ...config, templates: { miniapp: templates, zns: templates } });
  if (res.status !== 200) throw new Error(`zalo-app: ${res.status} ${await res.text()}`);
  await setDeliveryLimits(provinceId, TESTING_LIMITS);
  return config;
}

/**
 * Limits for tests that are not about them: the whole day (tests run at any hour), several Mini App messages a
 * person a day (a test follows one person through many messages) and caps no test file reaches. Tests about the
 * limits set their own.
 */
export const TESTING_LIMITS = {
  miniappWindowStart: "00:00",
  miniappWindowEnd: "24:00",
  miniappPerUserDaily: 10,
  miniappDailyCap: 1_000_000,
  znsDailyQuota: 1_000_000,
};

/** Writes a province's delivery limits directly (the signed route is tested on its own), the rest at the defaults. */
export async function setDeliveryLimits(provinceId: string, limits: Partial<DeliveryLimits>): Promise<void> {
  const l = { ...DEFAULT_LIMITS, ...limits };
  await env.DB.prepare(
    `INSERT OR REPLACE INTO delivery_settings (province_id, miniapp_per_user_daily, miniapp_daily_cap, miniapp_window_start, miniapp_window_end,
       miniapp_active_days, zns_daily_quota, oa_per_follower_monthly, oa_per_follower_daily) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
    .bind(
      provinceId,
      l.miniappPerUserDaily,
      l.miniappDailyCap,
      l.miniappWindowStart,
      l.miniappWindowEnd,
      l.miniappActiveDays,
      l.znsDailyQuota,
      l.oaPerFollowerMonthly,
      l.oaPerFollowerDaily,
    )
    .run();
}

export async function zaloToken(appId: string, userId: string, ttlSeconds?: number): Promise<string> {
  const { accessToken } = await fake<{ accessToken: string }>("/__dev/tokens", { body: { appId, userId, name: `Người dùng ${userId}`, ttlSeconds } });
  return accessToken;
}

/** Signs in as Zalo user `userId` of the app: a real access token from the fake, exchanged at POST /v1/session. */
export async function signIn(provinceId: string, appId: string, userId: string): Promise<string> {
  const res = await call("/v1/session", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ provinceId, accessToken: await zaloToken(appId, userId) }),
  });
  if (res.status !== 201) throw new Error(`session: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { sessionToken: string }).sessionToken;
}

/** A signed-in citizen's request. */
export function asCitizen(session: string, path: string, method = "GET", body?: unknown) {
  return call(path, {
    method,
    headers: { authorization: `Bearer ${session}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

export const CONSENT_WORDING = "Tôi đồng ý nhận thông báo về hồ sơ của tôi qua Zalo.";

export async function consent(session: string, channel: "miniapp" | "zns" = "miniapp", extra: Record<string, unknown> = {}) {
  const res = await asCitizen(session, `/v1/me/consents/${channel}`, "PUT", { purpose: "dossier_updates", wording: CONSENT_WORDING, ...extra });
  if (res.status !== 200) throw new Error(`consent: ${res.status} ${await res.text()}`);
}

export async function follow(session: string, code: string, t: string) {
  const res = await asCitizen(session, "/v1/me/follows", "POST", { code, t });
  if (res.status !== 201 && res.status !== 200) throw new Error(`follow: ${res.status} ${await res.text()}`);
}

/** Signs in as Zalo user `zaloUser` and links that account to an officer with a code from the one-stop system. */
export async function linkStaff(client: Client, provinceId: string, appId: string, officerId: string, zaloUser: string): Promise<string> {
  const session = await signIn(provinceId, appId, zaloUser);
  const { code } = await json(await integration(client, "POST", `/v1/integration/officers/${officerId}/link-code`));
  const res = await asCitizen(session, "/v1/staff/link", "POST", { code });
  if (res.status !== 200) throw new Error(`link ${officerId}: ${res.status} ${await res.text()}`);
  return session;
}
