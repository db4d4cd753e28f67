/**
 * The only code that talks to Zalo. Base URLs come from configuration, so production (Zalo itself) and dev/tests
 * (the fake Zalo on 127.0.0.1) run exactly this code. Zalo answers most API errors with HTTP 200 and a non-zero
 * `error`, so every answer is read as JSON and classified here.
 */
import { hmacWithSecret, toHex } from "../security/crypto";

export type ZaloEndpoints = { graphUrl: string; miniAppApiUrl: string; znsApiUrl: string; timeoutMs: number };

export type ZaloUser = { id: string; name: string | null };

/** `unavailable`: Zalo could not be asked (down, timeout, 5xx); `rejected`: Zalo said no. */
export type VerifyResult = { ok: true; user: ZaloUser } | { ok: false; kind: "rejected" | "unavailable"; reason: string };

/** A send either went out, or failed for a while (retry), or failed for good (do not retry this channel). */
export type SendResult =
  | { ok: true; messageId: string }
  | { ok: false; temporary: true; reason: string; retryAfterSeconds?: number }
  | { ok: false; temporary: false; reason: string; notReachable?: boolean };

type Answer = { kind: "json"; status: number; body: Record<string, unknown>; headers: Headers } | { kind: "failed"; reason: string; timedOut: boolean };

async function call(url: string, init: RequestInit, timeoutMs: number): Promise<Answer> {
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    const text = await res.text();
    let body: Record<string, unknown> = {};
    try {
      const parsed = JSON.parse(text) as unknown;
      if (parsed && typeof parsed === "object") body = parsed as Record<string, unknown>;
    } catch {
      if (res.ok) return { kind: "failed", reason: `HTTP ${res.status}: not JSON`, timedOut: false };
    }
    return { kind: "json", status: res.status, body, headers: res.headers };
  } catch (error) {
    const name = error instanceof Error ? error.name : "";
    const timedOut = name === "TimeoutError" || name === "AbortError";
    if (timedOut) return { kind: "failed", reason: `timeout after ${timeoutMs} ms`, timedOut };
    // The exception's own text stays in the log: reasons end up in answers' `detail`.
    console.warn("zalo call failed", url, error);
    return { kind: "failed", reason: "network error", timedOut };
  }
}

/**
 * A read (GET) asked once more when the connection failed before an answer: a pooled keep-alive connection that
 * Zalo closed just as it was reused fails that way ("Network connection lost"), and asking again is harmless.
 * Not after a timeout (the citizen would wait twice as long), never for sends (the message could go out twice).
 */
async function read(url: string, init: RequestInit, timeoutMs: number): Promise<Answer> {
  const answer = await call(url, init, timeoutMs);
  return answer.kind === "failed" && !answer.timedOut && answer.reason === "network error" ? call(url, init, timeoutMs) : answer;
}

const zaloError = (body: Record<string, unknown>) => {
  const code = typeof body.error === "number" ? body.error : Number(body.error ?? 0);
  const message = typeof body.message === "string" ? body.message : "";
  return { code, message, text: `zalo error ${code}${message ? `: ${message}` : ""}` };
};

/**
 * Zalo's own "try again" answers, given with HTTP 200: -100 unknown error (ZNS: "retry later"), -429 rate limited.
 * They say nothing about the token or the user, so they are outages, never refusals.
 */
const TEMPORARY_CODES = new Set([-100, -429]);

/** Proves to Zalo that the call comes from the app's server: HMAC-SHA256 of the access token with the app secret. */
export async function appSecretProof(appSecret: string, accessToken: string): Promise<string> {
  return toHex(await hmacWithSecret(appSecret, accessToken));
}

/** Asks Zalo's Graph API who holds this access token. The id it returns is the only user id we trust. */
export async function verifyAccessToken(z: ZaloEndpoints, appSecret: string, accessToken: string): Promise<VerifyResult> {
  const answer = await read(
    `${z.graphUrl}/v2.0/me?fields=id,name`,
    { headers: { access_token: accessToken, appsecret_proof: await appSecretProof(appSecret, accessToken) } },
    z.timeoutMs,
  );
  if (answer.kind === "failed") return { ok: false, kind: "unavailable", reason: answer.reason };
  if (answer.status >= 500 || answer.status === 429) return { ok: false, kind: "unavailable", reason: `HTTP ${answer.status}` };
  const { code, text } = zaloError(answer.body);
  if (TEMPORARY_CODES.has(code)) return { ok: false, kind: "unavailable", reason: text };
  const id = answer.body.id;
  if (code !== 0 || typeof id !== "string" || !/^[0-9A-Za-z_-]{1,64}$/.test(id)) {
    return { ok: false, kind: "rejected", reason: text };
  }
  return { ok: true, user: { id, name: typeof answer.body.name === "string" ? answer.body.name : null } };
}

/** Exchanges getPhoneNumber's one-time token (with the user's access token) for the number. */
export async function exchangePhoneToken(
  z: ZaloEndpoints,
  appSecret: string,
  accessToken: string,
  phoneToken: string,
): Promise<{ ok: true; phone: string } | { ok: false; kind: "rejected" | "unavailable"; reason: string }> {
  const answer = await read(`${z.graphUrl}/v2.0/me/info`, { headers: { access_token: accessToken, code: phoneToken, secret_key: appSecret } }, z.timeoutMs);
  if (answer.kind === "failed") return { ok: false, kind: "unavailable", reason: answer.reason };
  if (answer.status >= 500 || answer.status === 429) return { ok: false, kind: "unavailable", reason: `HTTP ${answer.status}` };
  const { code, text } = zaloError(answer.body);
  if (TEMPORARY_CODES.has(code)) return { ok: false, kind: "unavailable", reason: text };
  const data = answer.body.data as { number?: unknown } | undefined;
  const phone = typeof data?.number === "string" ? data.number.replace(/\D/g, "") : "";
  if (code !== 0 || !/^84\d{9,10}$/.test(phone)) return { ok: false, kind: "rejected", reason: text };
  return { ok: true, phone };
}

/** Zalo error codes that mean "this user cannot be reached this way", not "try again". */
const NOT_REACHABLE = new Set([-230, -231, -232, -201, -108]);

function classifySend(answer: Answer, idOf: (data: Record<string, unknown>) => unknown): SendResult {
  if (answer.kind === "failed") return { ok: false, temporary: true, reason: answer.reason };
  if (answer.status === 429) {
    const retryAfter = Number(answer.headers.get("retry-after"));
    return { ok: false, temporary: true, reason: "HTTP 429: rate limited", ...(retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}) };
  }
  if (answer.status >= 500) return { ok: false, temporary: true, reason: `HTTP ${answer.status}` };
  const { code, text: reason } = zaloError(answer.body);
  if (answer.status === 401 || answer.status === 403) return { ok: false, temporary: false, reason: `HTTP ${answer.status}: ${reason}` };
  if (code === 0 && answer.status < 300) {
    const data = (answer.body.data ?? {}) as Record<string, unknown>;
    const id = idOf(data);
    return { ok: true, messageId: typeof id === "string" || typeof id === "number" ? String(id) : "" };
  }
  if (TEMPORARY_CODES.has(code)) return { ok: false, temporary: true, reason };
  return { ok: false, temporary: false, reason, ...(NOT_REACHABLE.has(code) ? { notReachable: true } : {}) };
}

/** A Mini App notification to one user (they allowed it with requestSendNotification). */
export async function sendMiniAppNotification(
  z: ZaloEndpoints,
  app: { miniAppId: string; apiKey: string },
  zaloUserId: string,
  templateId: string,
  templateData: Record<string, string>,
): Promise<SendResult> {
  const answer = await call(
    `${z.miniAppApiUrl}/notification/template`,
    {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "X-Api-Key": `Bearer ${app.apiKey}`,
        "X-User-Id": zaloUserId,
        "X-MiniApp-Id": app.miniAppId,
      },
      body: JSON.stringify({ templateId, templateData }),
    },
    z.timeoutMs,
  );
  return classifySend(answer, (data) => data.msgId);
}

/** A ZNS template message by phone number, sent by the province's OA. `trackingId` is our delivery id. */
export async function sendZnsMessage(
  z: ZaloEndpoints,
  oaAccessToken: string,
  phone: string,
  templateId: string,
  templateData: Record<string, string>,
  trackingId: string,
): Promise<SendResult> {
  const answer = await call(
    `${z.znsApiUrl}/message/template`,
    {
      method: "POST",
      headers: { "content-type": "application/json", access_token: oaAccessToken },
      body: JSON.stringify({ phone, template_id: templateId, template_data: templateData, tracking_id: trackingId }),
    },
    z.timeoutMs,
  );
  return classifySend(answer, (data) => data.msg_id);
}

export function zaloEndpoints(env: {
  ZALO_GRAPH_URL: string;
  ZALO_MINIAPP_API_URL: string;
  ZALO_ZNS_API_URL: string;
  ZALO_TIMEOUT_MS?: string;
}): ZaloEndpoints {
  const timeout = Number(env.ZALO_TIMEOUT_MS);
  return {
    graphUrl: env.ZALO_GRAPH_URL.replace(/\/+$/, ""),
    miniAppApiUrl: env.ZALO_MINIAPP_API_URL.replace(/\/+$/, ""),
    znsApiUrl: env.ZALO_ZNS_API_URL.replace(/\/+$/, ""),
    timeoutMs: Number.isFinite(timeout) && timeout > 0 ? timeout : 8000,
  };
}
