import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { type OwnerRow, ownerLookup, ownerStatement, publicLookup, toOwnerRecord } from "../db/dossier-queries";
import { readCitizenCode } from "../domain/citizen-code";
import { ownerDossierView, publicDossierView } from "../domain/dossier-view";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
import { CitizenDossierCodeParam, errorResponse, jsonBody, jsonContent, OwnerTokenQuery } from "../schemas/common";
import { OwnerDossierSchema, PublicDossierSchema, UnlockedDossierSchema } from "../schemas/dossier";
import { constantTimeEqual } from "../security/crypto";
import {
  clientSubject,
  isThrottled,
  readThrottle,
  recordFailure,
  remainingAttempts,
  type ThrottleRow,
  THROTTLES,
  throttleKey,
  windowFloor,
} from "../security/throttle";
import { applicantFactorHash, checkOwnerToken, ownerTokenRefused, viewToken } from "../security/tokens";
import { resolveCitizenCode } from "../services/citizen-code";
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

const unlockDossier = createRoute({
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
    429: errorResponse("Too many wrong attempts for this dossier or from this client"),
  },
});

const notFound = () =>
  new ApiError(404, "dossier_not_found", "Không tìm thấy hồ sơ với mã này. Vui lòng kiểm tra lại mã trên giấy hẹn.");
const tooManyUnknown = () =>
  new ApiError(429, "too_many_lookups", "Ông/bà đã tra cứu quá nhiều mã không tồn tại. Vui lòng thử lại sau 10 phút.");

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
      if (!record) throw notFound();
      return c.json(ownerDossierView(record, new Date(now)), 200);
    }

    const subject = clientSubject(c.req.raw.headers);
    const rule = THROTTLES.unknownCodePerClient;
    const row = await publicLookup(c.env.DB, code, { key: throttleKey(rule, subject), windowFloor: windowFloor(rule, now) });
    if (row && (row.throttleCount ?? 0) >= rule.limit) throw tooManyUnknown();
    if (!row) {
      const [counter] = await recordFailure(c.var.db, rule, subject, now).returning();
      throw (counter?.count ?? 0) > rule.limit ? tooManyUnknown() : notFound();
    }
    return c.json(publicDossierView(row, new Date(now)), 200);
  })
  .openapi(unlockDossier, async (c) => {
    const code = await resolveCitizenCode(c.var.db, readCitizenCode(c.req.valid("param").code)!);
    const { idNumberLast4 } = c.req.valid("json");
    const now = Date.now();
    const db = c.var.db;
    const subject = clientSubject(c.req.raw.headers);

    const [owner, perCode, perClient, unknown] = (await c.env.DB.batch([
      ownerStatement(c.env.DB, code),
      readThrottle(c.env.DB, THROTTLES.factorPerCode, code),
      readThrottle(c.env.DB, THROTTLES.factorPerClient, subject),
      readThrottle(c.env.DB, THROTTLES.unknownCodePerClient, subject),
    ])) as [D1Result<OwnerRow>, D1Result<ThrottleRow>, D1Result<ThrottleRow>, D1Result<ThrottleRow>];
    const row = owner.results[0] ? toOwnerRecord(owner.results[0]) : undefined;
    if (isThrottled(perCode.results, THROTTLES.factorPerCode, now) || isThrottled(perClient.results, THROTTLES.factorPerClient, now)) {
      throw new ApiError(
        429,
        "too_many_attempts",
        "Ông/bà đã nhập sai quá nhiều lần. Để bảo vệ thông tin cá nhân, vui lòng thử lại sau 30 phút hoặc quét mã QR trên giấy hẹn.",
      );
    }
    if (isThrottled(unknown.results, THROTTLES.unknownCodePerClient, now)) throw tooManyUnknown();
    if (!row) {
      await recordFailure(db, THROTTLES.unknownCodePerClient, subject, now);
      throw notFound();
    }

    const expected = await applicantFactorHash(c.env.SERVER_SECRET, code, idNumberLast4);
    if (!constantTimeEqual(expected, row.applicantFactorHash)) {
      await db.batch([recordFailure(db, THROTTLES.factorPerCode, code, now), recordFailure(db, THROTTLES.factorPerClient, subject, now)]);
      const left = Math.min(
        remainingAttempts(perCode.results, THROTTLES.factorPerCode, now),
        remainingAttempts(perClient.results, THROTTLES.factorPerClient, now),
      ) - 1;
      const hint = left > 0 ? ` Ông/bà còn ${left} lần thử.` : " Ông/bà đã hết lượt thử, vui lòng thử lại sau 30 phút.";
      throw new ApiError(403, "factor_mismatch", `4 số cuối CCCD/CMND không khớp với hồ sơ này.${hint}`);
    }

    const { token, expiresAt } = await viewToken(c.env.SERVER_SECRET, code, now);
    return c.json({ dossier: ownerDossierView(row, new Date(now)), viewToken: token, viewTokenExpiresAt: expiresAt }, 200);
  });
