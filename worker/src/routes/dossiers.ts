import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { ownerLookup, publicLookup } from "../db/dossier-queries";
import { readCitizenCode } from "../domain/citizen-code";
import { ownerDossierView, publicDossierView } from "../domain/dossier-view";
import type { AppEnv } from "../env";
import { CitizenDossierCodeParam, errorResponse, jsonBody, jsonContent, OwnerTokenQuery } from "../schemas/common";
import { OwnerDossierSchema, PublicDossierSchema, UnlockedDossierSchema } from "../schemas/dossier";
import { clientSubject } from "../security/client-subject";
import { THROTTLES, throttleKey, windowFloor } from "../security/throttle";
import { checkOwnerToken, ownerTokenRefused } from "../security/tokens";
import { resolveCitizenCode } from "../services/citizen-code";
import { dossierNotFound, refuseUnknownCode, tooManyUnknownCodes, unlockDossier } from "../services/unlock";
import { validationHook } from "../validation";

const tags = ["Citizen lookup"];

const getDossier = createRoute({
  method: "get",
  path: "/v1/dossiers/{code}",
  tags,
  summary: "Look up a dossier by its receipt code",
  description:
    "Without `t`: the public view, which never identifies the applicant or describes their affairs. With `t` (the slip token from the QR, or a view token from unlock): the owner view. The code may be given as people type it (see the parameter); `code` in the answer is the real one.",
  request: {
    params: CitizenDossierCodeParam,
    query: OwnerTokenQuery,
  },
  responses: {
    200: jsonContent(z.union([PublicDossierSchema, OwnerDossierSchema]), "The public view, or the owner view when `t` is valid"),
    403: errorResponse("Token does not match this dossier, or has expired"),
    404: errorResponse("No dossier with this code"),
    429: errorResponse("Too many lookups of unknown codes from this client"),
  },
});

const unlockDossierRoute = createRoute({
  method: "post",
  path: "/v1/dossiers/{code}/unlock",
  tags,
  summary: "Prove ownership with the last 4 digits of the applicant's ID number",
  request: {
    params: CitizenDossierCodeParam,
    body: jsonBody(
      z.object({
        idNumberLast4: z
          .string({ error: "Vui lòng nhập 4 chữ số cuối của số CCCD/CMND." })
          .regex(/^\d{4}$/, { message: "Vui lòng nhập đúng 4 chữ số cuối của số CCCD/CMND." })
          .openapi({ example: "1234" }),
      }),
    ),
  },
  responses: {
    200: jsonContent(UnlockedDossierSchema, "The owner view and a short-lived view token"),
    403: errorResponse("The digits do not match"),
    404: errorResponse("No dossier with this code"),
    410: errorResponse("The applicant's personal data was removed after the retention period: there is nothing to unlock"),
    429: errorResponse(
      "Too many attempts: 5 per dossier from one client or 10 across dossiers in 30 minutes, 20 per dossier from everyone in 24 hours, or too many unknown codes (Retry-After says when to try again)",
    ),
  },
});

export const dossierRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(getDossier, async (c) => {
    const code = await resolveCitizenCode(c.var.db, readCitizenCode(c.req.valid("param").code)!);
    const token = c.req.valid("query").t;
    const now = Date.now();

    if (token !== undefined) {
      // A valid token can only come from us, so it needs no enumeration check: one statement, no write.
      const check = await checkOwnerToken(c.env.SERVER_SECRET, code, token, now);
      if (check !== "valid") throw ownerTokenRefused(check);
      const record = await ownerLookup(c.env.DB, code);
      if (!record) throw dossierNotFound();
      return c.json(ownerDossierView(record, new Date(now)), 200);
    }

    const subject = await clientSubject(c);
    const rule = THROTTLES.unknownCodePerClient;
    const { throttleCount, dossier } = await publicLookup(c.var.reader(), code, { key: throttleKey(rule, subject), windowFloor: windowFloor(rule, now) });
    // Past the limit, real and unknown codes are refused alike, on that one statement, with no write.
    if (throttleCount >= rule.limit) throw tooManyUnknownCodes(rule.windowSeconds);
    if (!dossier) return refuseUnknownCode(c.var.db, subject, now);
    return c.json(publicDossierView(dossier, new Date(now)), 200);
  })
  .openapi(unlockDossierRoute, async (c) => {
    const code = await resolveCitizenCode(c.var.db, readCitizenCode(c.req.valid("param").code)!);
    const { idNumberLast4 } = c.req.valid("json");
    const subject = await clientSubject(c);
    const unlocked = await unlockDossier(c.env.DB, c.var.db, c.env.SERVER_SECRET, { code, idNumberLast4, subject, nowMs: Date.now() });
    return c.json(unlocked, 200);
  });
