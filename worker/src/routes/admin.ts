import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { and, eq, isNull } from "drizzle-orm";
import { createMiddleware } from "hono/factory";
import { integrationClients } from "../db/schema";
import { UNIT_CODE_PATTERN } from "../domain/agency-province";
import { RETENTION_MONTHS } from "../domain/lifecycle";
import { SHARD_BINDING_PATTERN } from "../domain/shards";
import { MESSAGE_KINDS } from "../domain/notifications";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
import { errorResponse, jsonBody, jsonContent, ProvinceIdParam } from "../schemas/common";
import { ProvinceSchema } from "../schemas/reference";
import { failedAuth, readAuthCounters, refuseThrottledAddress } from "../security/auth-throttle";
import { addressSubject } from "../security/client-subject";
import { constantTimeEqual } from "../security/crypto";
import { connectZaloApp, issueIntegrationKey } from "../services/onboarding";
import { saveProvince } from "../services/provinces-admin";
import { validationHook } from "../validation";

/** The operator's routes: onboarding provinces and issuing or revoking integration keys, without a redeploy. */
export const requireAdmin = createMiddleware<AppEnv>(async (c, next) => {
  const expected = c.env.ADMIN_TOKEN;
  if (!expected) throw new ApiError(404, "not_found", "admin routes are disabled (no ADMIN_TOKEN)");
  const now = Date.now();
  // Failures are throttled per address (429): guessing the token is slow, and the operator elsewhere is unaffected.
  const counters = await readAuthCounters(c.env.DB, addressSubject(c.req.raw, c.env));
  refuseThrottledAddress(counters, now);
  const given = c.req.header("authorization")?.replace(/^Bearer\s+/i, "") ?? "";
  if (!constantTimeEqual(given, expected)) await failedAuth(c.var.db, counters, new ApiError(401, "unauthorized", "admin bearer token required"), now);
  await next();
});

const tags = ["Operator admin"];
const security = [{ adminBearer: [] }];

const ProvinceBody = z.object({
  name: z.string().trim().min(1).max(200),
  shortName: z.string().trim().min(1).max(100),
  channelName: z.string().trim().min(1).max(200),
  primaryColor: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  accentColor: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  logoUrl: z.string().url().nullish(),
  hotline: z.string().trim().max(30).nullish(),
  zaloOaId: z.string().trim().max(64).nullish(),
  miniAppId: z.string().trim().max(64).nullish(),
  agencyCode: z
    .string()
    .trim()
    .toUpperCase()
    .regex(UNIT_CODE_PATTERN, { message: "a letter and two digits, as at the end of the province's agency identifiers" })
    .optional()
    .openapi({
      description:
        "The province's level-1 unit code in national agency identifiers (H56 in 000.00.06.H56): its one-stop system may register only agencies, and send only dossier codes, that carry it. One province per code; left as it is when absent.",
      example: "H56",
    }),
  dataRetentionMonths: z.number().int().min(RETENTION_MONTHS.min).max(RETENTION_MONTHS.max).optional().openapi({
    description:
      "Months a returned or closed dossier keeps its applicant's personal data before the hourly lifecycle removes it (status and dates stay). 12 for a new province; left as it is when absent.",
    example: 12,
  }),
  shard: z.string().regex(SHARD_BINDING_PATTERN).optional().openapi({
    description:
      "The D1 binding that holds the province's data (wrangler.jsonc d1_databases): DB_<NAME> for a database of its own, DB for the control database. Set when the province is created (DB when absent); a province stays where it was created (409 otherwise).",
    example: "DB_THANH_HOA",
  }),
});

const ClientBody = z.object({
  name: z.string().trim().min(1).max(200).openapi({ example: "Hệ thống một cửa điện tử tỉnh" }),
  keyId: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{2,63}$/)
    .optional()
    .openapi({ description: "Chosen key id; generated when absent" }),
  secret: z.string().min(24).max(200).optional().openapi({ description: "Chosen secret; generated when absent (recommended)" }),
  agencyGroup: z
    .string()
    .regex(/^[0-9A-Z.]{2,40}$/)
    .optional()
    .openapi({
      description:
        "For a province split by agency group: the group (an agency identifier prefix in the province's shard map) whose one-stop system this key is for; its requests use that group's database. Absent: the province's home database.",
      example: "000.31.",
    }),
  minSignatureVersion: z
    .union([z.literal(1), z.literal(2)])
    .default(2)
    .openapi({
      description:
        "2 (the default): the key accepts only v2 signatures, which bind each request's method and path. 1: v1 is accepted too, for a one-stop system that cannot sign v2 yet",
    }),
});

const putProvince = createRoute({
  method: "put",
  path: "/v1/admin/provinces/{provinceId}",
  tags,
  security,
  summary: "Create or update a province (tenant)",
  request: { params: ProvinceIdParam, body: jsonBody(ProvinceBody) },
  responses: {
    200: jsonContent(ProvinceSchema.extend({ shard: z.string().openapi({ description: "The D1 binding holding the province" }) }), "The province"),
    400: errorResponse("Bad body, or a shard this Worker has no binding for"),
    401: errorResponse("Admin token required"),
    409: errorResponse("The agency code belongs to another province, or the province is stored in another shard"),
  },
});

const postClient = createRoute({
  method: "post",
  path: "/v1/admin/provinces/{provinceId}/integration-clients",
  tags,
  security,
  summary: "Issue an integration key for a province's one-stop system (the secret is shown once)",
  request: { params: ProvinceIdParam, body: jsonBody(ClientBody) },
  responses: {
    201: jsonContent(
      z.object({ keyId: z.string(), secret: z.string(), provinceId: z.string(), minSignatureVersion: z.number().int(), agencyGroup: z.string().nullable() }),
      "The new key",
    ),
    401: errorResponse("Admin token required"),
    404: errorResponse("Unknown province"),
    409: errorResponse("Key id already in use"),
  },
});

const revokeClient = createRoute({
  method: "delete",
  path: "/v1/admin/integration-clients/{keyId}",
  tags,
  security,
  summary: "Revoke an integration key at once",
  request: {
    params: z.object({
      keyId: z
        .string()
        .min(1)
        .max(64)
        .openapi({ param: { name: "keyId", in: "path" } }),
    }),
  },
  responses: { 204: { description: "Revoked" }, 401: errorResponse("Admin token required"), 404: errorResponse("Unknown or already revoked") },
});

const TemplateMap = z.partialRecord(z.enum(MESSAGE_KINDS), z.string().trim().min(1).max(64));
const ZaloAppBody = z.object({
  appId: z
    .string()
    .trim()
    .regex(/^\d{5,32}$/)
    .openapi({ description: "Zalo app id (developers.zalo.me)" }),
  miniAppId: z
    .string()
    .trim()
    .regex(/^\d{5,32}$/)
    .openapi({ description: "The mini app's id (used in deep links and notifications)" }),
  appSecret: z.string().min(8).max(200).openapi({ description: "The Zalo app's secret key: verifies access tokens (appsecret_proof) and phone tokens" }),
  miniAppApiKey: z.string().min(8).max(500).nullish().openapi({ description: "API key for Mini App notifications" }),
  oaAccessToken: z.string().min(8).max(2000).nullish().openapi({ description: "The OA's access token, for ZNS" }),
  templates: z
    .object({ miniapp: TemplateMap.default({}), zns: TemplateMap.default({}) })
    .default({ miniapp: {}, zns: {} })
    .openapi({ description: "Template id per message kind, per channel, as registered with Zalo" }),
});
const ZaloAppSchema = z
  .object({
    provinceId: z.string(),
    appId: z.string(),
    miniAppId: z.string(),
    hasMiniAppApiKey: z.boolean(),
    hasOaAccessToken: z.boolean(),
    templates: z.object({ miniapp: z.record(z.string(), z.string()), zns: z.record(z.string(), z.string()) }),
  })
  .openapi("ZaloApp");

const putZaloApp = createRoute({
  method: "put",
  path: "/v1/admin/provinces/{provinceId}/zalo-app",
  tags,
  security,
  summary: "Connect a province to its Zalo app, mini app and OA (secrets are stored encrypted and never returned)",
  request: { params: ProvinceIdParam, body: jsonBody(ZaloAppBody) },
  responses: {
    200: jsonContent(ZaloAppSchema, "The connection, without secrets"),
    401: errorResponse("Admin token required"),
    404: errorResponse("Unknown province"),
    409: errorResponse("That Zalo app is connected to another province"),
  },
});

export const adminRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(putProvince, async (c) => {
    const { provinceId } = c.req.valid("param");
    const b = c.req.valid("json");
    const values = {
      name: b.name,
      shortName: b.shortName,
      channelName: b.channelName,
      primaryColor: b.primaryColor,
      accentColor: b.accentColor,
      logoUrl: b.logoUrl ?? null,
      hotline: b.hotline ?? null,
      zaloOaId: b.zaloOaId ?? null,
      miniAppId: b.miniAppId ?? null,
    };
    const unit = {
      ...(b.agencyCode ? { agencyCode: b.agencyCode } : {}),
      ...(b.dataRetentionMonths !== undefined ? { dataRetentionMonths: b.dataRetentionMonths } : {}),
    };
    // The middleware opened the database the map places the province in (for a new one, the body's `shard`).
    if (b.shard !== undefined && b.shard !== c.var.shard)
      throw new ApiError(
        409,
        "shard_change_refused",
        `province ${provinceId} is stored in ${c.var.shard}: moving it is an operator's export and import`,
        "shard",
      );
    const saved = await saveProvince(c.env, c.var.control, { db: c.var.db, binding: c.var.shard }, provinceId, { ...values, ...unit });
    return c.json(
      { id: provinceId, ...values, miniAppId: values.miniAppId ?? c.env.MINI_APP_ID, dataRetentionMonths: saved.dataRetentionMonths, shard: c.var.shard },
      200,
    );
  })
  .openapi(postClient, async (c) => {
    const { provinceId } = c.req.valid("param");
    return c.json(await issueIntegrationKey(c.var.control, c.env.SERVER_SECRET, provinceId, c.req.valid("json")), 201);
  })
  .openapi(putZaloApp, async (c) => {
    const { provinceId } = c.req.valid("param");
    const b = c.req.valid("json");
    await connectZaloApp(c.var.control, c.var.db, c.env.SERVER_SECRET, provinceId, b);
    return c.json(
      {
        provinceId,
        appId: b.appId,
        miniAppId: b.miniAppId,
        hasMiniAppApiKey: Boolean(b.miniAppApiKey),
        hasOaAccessToken: Boolean(b.oaAccessToken),
        templates: b.templates,
      },
      200,
    );
  })
  .openapi(revokeClient, async (c) => {
    const { keyId } = c.req.valid("param");
    const revoked = await c.var.control
      .update(integrationClients)
      .set({ revokedAt: new Date().toISOString() })
      .where(and(eq(integrationClients.keyId, keyId), isNull(integrationClients.revokedAt)))
      .returning({ keyId: integrationClients.keyId });
    if (revoked.length === 0) throw new ApiError(404, "client_not_found", `no active key ${keyId}`);
    return c.body(null, 204);
  });
