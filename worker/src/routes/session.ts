import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { eq, sql } from "drizzle-orm";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { citizens } from "../db/schema";
import type { AppEnv, CitizenSession } from "../env";
import { ApiError } from "../errors";
import { errorResponse, jsonBody, jsonContent } from "../schemas/common";
import { checkSession, issueSession } from "../security/session";
import { addressSubject } from "../security/client-subject";
import { countingMalformedTokens, countRejectedToken, refuseRejectedTokens, ZaloAccessToken } from "../security/zalo-token";
import { accountErased } from "../services/erasure";
import { loadZaloApp } from "../zalo/apps";
import { verifyAccessToken, zaloEndpoints } from "../zalo/client";
import { validationHook } from "../validation";

/** Routes under /v1/me and /v1/staff need our session: `Authorization: Bearer s1.…` from POST /v1/session. */
export const requireCitizen = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header("authorization") ?? "";
  const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  if (!token)
    throw new ApiError(401, "unauthenticated", "Vui lòng mở ứng dụng trong Zalo để đăng nhập.", undefined, "Authorization: Bearer <session token> required");
  // The shard middleware verified it already to find the province; a token it could not read is checked here.
  const resolved = c.get("session") as CitizenSession | undefined;
  const check = resolved ? ({ ok: true, session: resolved } as const) : await checkSession(c.env.SERVER_SECRET, token, Date.now());
  if (!check.ok) {
    throw check.reason === "expired"
      ? new ApiError(401, "session_expired", "Phiên đăng nhập đã hết hạn. Vui lòng thử lại.", undefined, "session expired: exchange a fresh Zalo access token")
      : new ApiError(401, "invalid_session", "Phiên đăng nhập không hợp lệ. Vui lòng mở lại ứng dụng.", undefined, "session token is not valid");
  }
  // Erasing an account ends its sessions: a well-signed token that names no citizen any more is refused.
  const [live] = await c.var.db.select({ id: citizens.id }).from(citizens).where(eq(citizens.id, check.session.citizenId)).limit(1);
  if (!live) throw accountErased();
  c.set("session", check.session);
  await next();
});

export const SessionSchema = z
  .object({
    sessionToken: z.string().openapi({ description: "Send as `Authorization: Bearer <sessionToken>`" }),
    expiresAt: z.string().openapi({ format: "date-time" }),
    provinceId: z.string(),
  })
  .openapi("Session");

const createSession = createRoute({
  method: "post",
  path: "/v1/session",
  tags: ["Citizen account"],
  summary: "Exchange a Zalo access token (zmp-sdk getAccessToken) for a motcua session",
  description:
    "The worker asks Zalo's Graph API who holds the token (with the province app's appsecret_proof) and keys everything on the id Zalo returns. No user id sent by the client is ever trusted.",
  request: {
    body: jsonBody(
      z.object({
        provinceId: z
          .string()
          .regex(/^[a-z0-9-]{2,40}$/, { message: "Mã tỉnh không hợp lệ." })
          .openapi({ example: "thanh-hoa" }),
        accessToken: ZaloAccessToken,
      }),
    ),
  },
  responses: {
    201: jsonContent(SessionSchema, "A session for the citizen Zalo vouched for"),
    401: errorResponse("Zalo did not accept the access token (invalid, expired, or issued for another app)"),
    404: errorResponse("Unknown province, or the province has no Zalo app configured"),
    400: errorResponse("Bad input, e.g. an access token with characters no Zalo token has (counted as a rejected token)"),
    429: errorResponse("300 access tokens from this client, or this same token 3 times, were rejected in the last 10 minutes"),
    503: errorResponse("Zalo's Graph API did not answer: no session is issued"),
  },
});

/** Sign-in comes before any session: the client is its address. */
const signInSubject = (c: Context<AppEnv>) => addressSubject(c.req.raw, c.env);

export const sessionRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(
  createSession,
  async (c) => {
    const { provinceId, accessToken } = c.req.valid("json");
    const subject = signInSubject(c);
    // Both reads at once: the counters' check must not add a D1 round trip before the app's own.
    const [, app] = await Promise.all([
      refuseRejectedTokens(c.env.DB, subject, accessToken, Date.now()),
      loadZaloApp(c.var.db, c.env.SERVER_SECRET, provinceId),
    ]);
    if (!app) throw new ApiError(404, "zalo_app_not_configured", "Tỉnh này chưa kết nối với Zalo.", undefined, `province ${provinceId} has no Zalo app`);
    const verified = await verifyAccessToken(zaloEndpoints(c.env), app.appSecret, accessToken);
    if (!verified.ok) {
      if (verified.kind === "unavailable") {
        console.warn("zalo graph unavailable", verified.reason);
        throw new ApiError(503, "zalo_unavailable", "Zalo đang không phản hồi. Vui lòng thử lại sau ít phút.", undefined, verified.reason);
      }
      // Only Zalo's refusals count: an outage is not the client's doing.
      await countRejectedToken(c, subject, accessToken);
      throw new ApiError(401, "zalo_token_rejected", "Không xác thực được tài khoản Zalo. Vui lòng đóng và mở lại ứng dụng.", undefined, verified.reason);
    }
    const now = new Date();
    const [citizen] = await c.var.db
      .insert(citizens)
      .values({ provinceId, appId: app.appId, zaloUserId: verified.user.id, lastSeenAt: now.toISOString() })
      .onConflictDoUpdate({ target: [citizens.appId, citizens.zaloUserId], set: { lastSeenAt: sql`excluded.last_seen_at` } })
      .returning({ id: citizens.id, provinceId: citizens.provinceId });
    const session = await issueSession(c.env.SERVER_SECRET, citizen!.id, citizen!.provinceId, now.getTime());
    return c.json({ sessionToken: session.token, expiresAt: session.expiresAt, provinceId: citizen!.provinceId }, 201);
  },
  countingMalformedTokens(signInSubject),
);
