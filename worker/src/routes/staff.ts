import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { staffLinks } from "../db/schema";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
import { errorResponse, idParam, jsonBody, jsonContent } from "../schemas/common";
import { StaffMeSchema } from "../schemas/staff-notices";
import { isThrottledNow, recordFailure, THROTTLES } from "../security/throttle";
import { openNoticeCount } from "../services/staff-notices-read";
import { issueLinkCode, notStaff, requireStaff, staffDossiers, useLinkCode } from "../services/staff";
import { validationHook } from "../validation";

const tags = ["Staff"];
const security = [{ citizenSession: [] }];
const unauthorized = errorResponse("No session, or it expired");

const postLink = createRoute({
  method: "post",
  path: "/v1/staff/link",
  tags,
  security,
  summary: "Link this Zalo account to an officer with the one-time code from the one-stop system",
  request: {
    body: jsonBody(
      z.object({
        code: z
          .string({ error: "Vui lòng nhập mã liên kết 8 chữ số." })
          .trim()
          .regex(/^\d{8}$/, { message: "Mã liên kết gồm 8 chữ số." }),
      }),
    ),
  },
  responses: {
    200: jsonContent(StaffMeSchema, "Linked; notices sent while the account was not linked wait in openNotices"),
    401: unauthorized,
    403: errorResponse("Wrong, used or expired code"),
    429: errorResponse("Too many wrong codes"),
  },
});

const getStaffMe = createRoute({
  method: "get",
  path: "/v1/staff/me",
  tags,
  security,
  summary: "The officer linked to this Zalo account",
  responses: { 200: jsonContent(StaffMeSchema, "The officer, and how many notices wait for them"), 401: unauthorized, 403: errorResponse("Not linked") },
});

const deleteLink = createRoute({
  method: "delete",
  path: "/v1/staff/link",
  tags,
  security,
  summary: "Unlink this Zalo account from its officer",
  responses: { 204: { description: "Unlinked" }, 401: unauthorized, 403: errorResponse("Not linked") },
});

const StaffDossierSchema = z
  .object({
    code: z.string(),
    status: z.object({ code: z.number().int(), label: z.string() }),
    procedure: z.object({ code: z.string(), name: z.string().nullable() }),
    agency: z.object({ id: z.string(), name: z.string().nullable() }),
    officer: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
    receivedAt: z.string(),
    dueAt: z.string(),
    overdue: z.boolean(),
    overdueDays: z.number().int(),
  })
  .openapi("StaffDossier");

const getStaffDossiers = createRoute({
  method: "get",
  path: "/v1/staff/dossiers",
  tags,
  security,
  summary: "Open dossiers in the officer's care: their own (officer), their department's (head), the province's (admin)",
  responses: {
    200: jsonContent(z.object({ scope: z.enum(["officer", "department", "province"]), dossiers: z.array(StaffDossierSchema) }), "Soonest due first"),
    401: unauthorized,
    403: errorResponse("Not linked"),
  },
});

export const staffRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(postLink, async (c) => {
    const { code } = c.req.valid("json");
    const { citizenId, provinceId } = c.var.session;
    const db = c.var.db;
    const now = new Date();
    const subject = String(citizenId);
    if (await isThrottledNow(c.env.DB, THROTTLES.linkCodePerCitizen, subject, now.getTime())) {
      throw new ApiError(429, "too_many_attempts", "Ông/bà đã nhập sai mã quá nhiều lần. Vui lòng thử lại sau 30 phút.");
    }
    const officerId = await useLinkCode(db, c.env.SERVER_SECRET, citizenId, provinceId, code, now);
    if (!officerId) {
      await recordFailure(db, THROTTLES.linkCodePerCitizen, subject, now.getTime());
      throw new ApiError(403, "invalid_link_code", "Mã liên kết không đúng hoặc đã hết hạn. Vui lòng xin mã mới từ hệ thống một cửa.", "code");
    }
    const profile = await requireStaff(db, citizenId);
    return c.json({ ...profile, openNotices: await openNoticeCount(db, profile, now) }, 200);
  })
  .openapi(getStaffMe, async (c) => {
    const profile = await requireStaff(c.var.db, c.var.session.citizenId);
    return c.json({ ...profile, openNotices: await openNoticeCount(c.var.db, profile, new Date()) }, 200);
  })
  .openapi(deleteLink, async (c) => {
    const removed = await c.var.db.delete(staffLinks).where(eq(staffLinks.citizenId, c.var.session.citizenId)).returning({ id: staffLinks.officerId });
    if (removed.length === 0) throw notStaff();
    return c.body(null, 204);
  })
  .openapi(getStaffDossiers, async (c) => {
    const profile = await requireStaff(c.var.db, c.var.session.citizenId);
    return c.json(await staffDossiers(c.var.db, profile, new Date()), 200);
  });

const postLinkCode = createRoute({
  method: "post",
  path: "/v1/integration/officers/{officerId}/link-code",
  tags: ["Integration"],
  summary: "Issue a one-time code (8 digits, 15 minutes) that links an officer's Zalo account in the mini app",
  request: { params: idParam("officerId", "cb-0042") },
  responses: {
    201: jsonContent(z.object({ officerId: z.string(), code: z.string(), expiresAt: z.string() }), "The code, shown once"),
    401: errorResponse("Missing or wrong signature"),
    404: errorResponse("No such officer in the client's province"),
  },
});

export const staffIntegrationRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(postLinkCode, async (c) => {
  const { officerId } = c.req.valid("param");
  return c.json(await issueLinkCode(c.var.db, c.env.SERVER_SECRET, c.var.integrationClient.provinceId, officerId, Date.now()), 201);
});
