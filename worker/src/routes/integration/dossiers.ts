import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { and, asc, eq, gt } from "drizzle-orm";
import { ownerLookup } from "../../db/dossier-queries";
import { agencies, dossiers, provinces } from "../../db/schema";
import { agencyUnitCode } from "../../domain/agency-province";
import { normalizeDossierCode, parseDossierCode } from "../../domain/dossier-code";
import { ownerDossierView } from "../../domain/dossier-view";
import type { AppEnv, Db, IntegrationClient } from "../../env";
import { ApiError } from "../../errors";
import { DossierCodeParam, errorResponse, jsonContent } from "../../schemas/common";
import { OwnerDossierSchema } from "../../schemas/dossier";
import { slipToken } from "../../security/tokens";
import { renderSlipSvg } from "../../slip/slip-svg";
import { validationHook } from "../../validation";

const tags = ["Integration"];

const SlipSchema = z
  .object({
    code: z.string(),
    qrContent: z.string().openapi({ example: "https://zalo.me/s/3423478865165961046/dossier?code=000.00.06.H56-261120-0007&t=Qm9hXz1kN2Jm4c2A" }),
    slipToken: z.string(),
  })
  .openapi("Slip");

const slipRoute = createRoute({
  method: "get",
  path: "/v1/integration/dossiers/{code}/slip",
  tags,
  summary: "The slip's QR content and token, to print on the one-stop system's own appointment slip",
  request: { params: DossierCodeParam },
  responses: {
    200: jsonContent(SlipSchema, "Slip data"),
    401: errorResponse("Missing or wrong signature"),
    403: errorResponse("The code's agency carries another province's unit code: decided from the code alone, whether or not it exists"),
    404: errorResponse("No dossier with this code in the caller's province"),
  },
});

const slipSvgRoute = createRoute({
  method: "get",
  path: "/v1/integration/dossiers/{code}/slip.svg",
  tags,
  summary: "A printable A6 slip with the QR, code, agency, dates and how to follow the dossier in Zalo",
  request: { params: DossierCodeParam },
  responses: {
    200: { content: { "image/svg+xml": { schema: z.string() } }, description: "SVG, 105 × 148 mm" },
    401: errorResponse("Missing or wrong signature"),
    403: errorResponse("The code's agency carries another province's unit code: decided from the code alone, whether or not it exists"),
    404: errorResponse("No dossier with this code in the caller's province"),
  },
});

const getRoute = createRoute({
  method: "get",
  path: "/v1/integration/dossiers/{code}",
  tags,
  summary: "A dossier as motcua holds it (the owner view), for reconciliation",
  request: { params: DossierCodeParam },
  responses: {
    200: jsonContent(OwnerDossierSchema, "The dossier"),
    401: errorResponse("Missing or wrong signature"),
    403: errorResponse("The code's agency carries another province's unit code: decided from the code alone, whether or not it exists"),
    404: errorResponse("No dossier with this code in the caller's province"),
  },
});

const listRoute = createRoute({
  method: "get",
  path: "/v1/integration/dossiers",
  tags,
  summary: "The caller's province's dossiers, by code, for reconciliation",
  request: {
    query: z.object({
      status: z.coerce.number().int().min(1).max(10).optional(),
      after: z.string().max(64).optional().openapi({ description: "Return codes after this one (paging)" }),
      limit: z.coerce.number().int().min(1).max(500).default(100),
    }),
  },
  responses: {
    200: jsonContent(
      z.object({
        dossiers: z.array(z.object({ code: z.string(), status: z.number().int(), receivedAt: z.string(), dueAt: z.string() })),
        next: z.string().nullable(),
      }),
      "A page of dossiers",
    ),
    401: errorResponse("Missing or wrong signature"),
  },
});

/**
 * Another province's dossier answers exactly as a code nobody used: a client cannot learn which codes exist
 * elsewhere, so these reads need no enumeration throttle.
 */
const noSuchDossier = (code: string) => new ApiError(404, "dossier_not_found", `no dossier ${code} in this client's province`);

/**
 * A code whose agency carries another province's unit code (H56 in 000.00.06.H56) is outside the client's province:
 * 403, decided from the code's text alone, so the answer never tells whether that dossier exists.
 */
function refuseOutside(code: string, client: IntegrationClient) {
  const agencyId = parseDossierCode(code)?.agencyId;
  const unit = agencyId ? agencyUnitCode(agencyId) : null;
  if (unit && unit !== client.provinceUnit) {
    throw new ApiError(403, "outside_province", `dossier ${code} is filed at an agency of unit ${unit}, outside this client's province`);
  }
}

async function slipFacts(db: Db, code: string, provinceId: string, fallbackMiniAppId: string) {
  const [row] = await db
    .select({
      code: dossiers.code,
      provinceId: dossiers.provinceId,
      receivedAt: dossiers.receivedAt,
      dueAt: dossiers.dueAt,
      agencyName: agencies.name,
      provinceName: provinces.name,
      channelName: provinces.channelName,
      hotline: provinces.hotline,
      miniAppId: provinces.miniAppId,
    })
    .from(dossiers)
    .innerJoin(provinces, eq(provinces.id, dossiers.provinceId))
    .leftJoin(agencies, eq(agencies.id, dossiers.agencyId))
    .where(eq(dossiers.code, code))
    .limit(1);
  if (!row || row.provinceId !== provinceId) throw noSuchDossier(code);
  return { ...row, miniAppId: row.miniAppId ?? fallbackMiniAppId };
}

export async function slipFor(db: Db, serverSecret: string, code: string, provinceId: string, fallbackMiniAppId: string) {
  const facts = await slipFacts(db, code, provinceId, fallbackMiniAppId);
  const token = await slipToken(serverSecret, code);
  const qrContent = `https://zalo.me/s/${facts.miniAppId}/dossier?code=${encodeURIComponent(code)}&t=${token}`;
  return { facts, token, qrContent };
}

export const integrationDossierRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(slipRoute, async (c) => {
    const code = normalizeDossierCode(c.req.valid("param").code);
    refuseOutside(code, c.var.integrationClient);
    const { token, qrContent } = await slipFor(c.var.db, c.env.SERVER_SECRET, code, c.var.integrationClient.provinceId, c.env.MINI_APP_ID);
    return c.json({ code, qrContent, slipToken: token }, 200);
  })
  .openapi(slipSvgRoute, async (c) => {
    const code = normalizeDossierCode(c.req.valid("param").code);
    refuseOutside(code, c.var.integrationClient);
    const { facts, qrContent } = await slipFor(c.var.db, c.env.SERVER_SECRET, code, c.var.integrationClient.provinceId, c.env.MINI_APP_ID);
    const svg = renderSlipSvg({
      code,
      qrContent,
      provinceName: facts.provinceName,
      channelName: facts.channelName,
      agencyName: facts.agencyName ?? "",
      receivedAt: facts.receivedAt,
      dueAt: facts.dueAt,
      hotline: facts.hotline,
    });
    return c.body(svg, 200, { "content-type": "image/svg+xml; charset=utf-8", "cache-control": "private, no-store" });
  })
  .openapi(getRoute, async (c) => {
    const code = normalizeDossierCode(c.req.valid("param").code);
    refuseOutside(code, c.var.integrationClient);
    const row = await ownerLookup(c.env.DB, code);
    if (!row || row.provinceId !== c.var.integrationClient.provinceId) throw noSuchDossier(code);
    return c.json(ownerDossierView(row, new Date()), 200);
  })
  .openapi(listRoute, async (c) => {
    const { status, after, limit } = c.req.valid("query");
    const conditions = [eq(dossiers.provinceId, c.var.integrationClient.provinceId)];
    if (status !== undefined) conditions.push(eq(dossiers.status, status));
    if (after) conditions.push(gt(dossiers.code, normalizeDossierCode(after)));
    const rows = await c.var.db
      .select({ code: dossiers.code, status: dossiers.status, receivedAt: dossiers.receivedAt, dueAt: dossiers.dueAt })
      .from(dossiers)
      .where(and(...conditions))
      .orderBy(asc(dossiers.code))
      .limit(limit);
    return c.json({ dossiers: rows, next: rows.length === limit ? rows[rows.length - 1]!.code : null }, 200);
  });
