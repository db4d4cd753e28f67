/**
 * Rating a dossier with the proof of ownership in hand, no follow needed: the slip token from the QR (what the
 * slip is for after pickup) or a view token from the last-4 unlock. A session is optional: when the caller sends a
 * valid one, the rating records who gave it. One rating per dossier, whichever way it comes (the follower's routes
 * share the service).
 */
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { DossierCodeParam, errorResponse, jsonBody, jsonContent, OwnerTokenQuery } from "../schemas/common";
import { RatingByTokenBody, RatingFormSchema, RatingSchema } from "../schemas/voice";
import { checkSession } from "../security/session";
import { proofFromToken, rateDossier, ratingForm } from "../services/ratings";
import { validationHook } from "../validation";

const tags = ["Ratings"];
const refused = errorResponse("No token, or it does not prove ownership of this dossier, or it has expired (the same answer whatever the code)");

const getRatingByToken = createRoute({
  method: "get",
  path: "/v1/dossiers/{code}/rating",
  tags,
  summary: "The satisfaction survey for the owner of a dossier (slip or view token): whether it can be rated, the questions, the rating given",
  description:
    "`t` travels in the query as it does for the owner view (GET /v1/dossiers/{code}?t=). The survey asks only what the citizen knows; `known` lists what the server computed instead (the time against the due date given at receipt).",
  request: {
    params: DossierCodeParam,
    query: OwnerTokenQuery,
  },
  responses: { 200: jsonContent(RatingFormSchema, "Survey"), 403: refused, 404: errorResponse("No dossier with this code") },
});

const postRatingByToken = createRoute({
  method: "post",
  path: "/v1/dossiers/{code}/rating",
  tags,
  summary: "Rate the service as the owner of a dossier (slip or view token in the body), once, at status 9 or 10",
  description:
    "The token goes in the body (`t`), not the URL, so it stays out of access logs. `Authorization: Bearer <session>` is optional: with a valid session of the dossier's province the rating records that citizen. `timeVsLimit` is computed from the dossier's dates and any value sent is ignored. Of concurrent attempts, one is taken and the others get 409.",
  request: { params: DossierCodeParam, body: jsonBody(RatingByTokenBody) },
  responses: {
    201: jsonContent(RatingSchema, "Rated"),
    400: errorResponse("An answer missing or not one of the options"),
    403: refused,
    404: errorResponse("No dossier with this code"),
    409: errorResponse("Already rated, or the dossier is not finished"),
  },
});

/** The signed-in citizen behind the request, if a valid session came with it; anything else counts as nobody. */
async function optionalCitizen(c: Context<AppEnv>, nowMs: number) {
  const token = /^Bearer\s+(\S+)$/i.exec(c.req.header("authorization") ?? "")?.[1];
  if (!token) return null;
  const check = await checkSession(c.env.SERVER_SECRET, token, nowMs);
  return check.ok ? { citizenId: check.session.citizenId, provinceId: check.session.provinceId } : null;
}

export const dossierRatingRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(getRatingByToken, async (c) => {
    const { code } = c.req.valid("param");
    await proofFromToken(c.env.SERVER_SECRET, code, c.req.valid("query").t, Date.now());
    return c.json(await ratingForm(c.var.db, { code }), 200);
  })
  .openapi(postRatingByToken, async (c) => {
    const { code } = c.req.valid("param");
    const { t, timeVsLimit: _notBelieved, comment, ...answers } = c.req.valid("json");
    const now = new Date();
    const proof = await proofFromToken(c.env.SERVER_SECRET, code, t, now.getTime());
    const citizen = await optionalCitizen(c, now.getTime());
    return c.json(await rateDossier(c.var.db, { code }, { proof, citizen }, { answers, comment }, now), 201);
  });
