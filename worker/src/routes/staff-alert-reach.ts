/**
 * Before an admin sends an alert, the staff area says how many people it will reach: the count for the communes
 * chosen so far, with nothing sent and nothing stored.
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { errorResponse, jsonBody, jsonContent } from "../schemas/common";
import { alertReach } from "../services/broadcast-reach";
import { requirePermission } from "../services/staff";
import { validationHook } from "../validation";

/** As many communes as a staff alert may name. */
const MAX_COMMUNES = 200;

const ReachBody = z.object({
  communes: z
    .array(z.string().regex(/^\d{5}$/, { message: "Mã xã, phường gồm 5 chữ số." }), { error: "Vui lòng chọn xã, phường." })
    .min(1, { message: "Vui lòng chọn ít nhất một xã, phường." })
    .max(MAX_COMMUNES, { message: `Chọn tối đa ${MAX_COMMUNES} xã, phường.` })
    .openapi({ example: ["15853"] }),
});

const ReachSchema = z
  .object({
    targeted: z.number().int().openapi({ description: "Distinct citizens who chose one of the communes, as the alert's `targeted` will count them" }),
    communes: z.number().int().openapi({ description: "Distinct communes named" }),
  })
  .openapi("AlertReach");

const postReach = createRoute({
  method: "post",
  path: "/v1/staff/alerts/reach",
  tags: ["Staff"],
  security: [{ citizenSession: [] }],
  summary: "How many people an alert for these communes would reach now (province admins; nothing is sent)",
  request: { body: jsonBody(ReachBody) },
  responses: {
    200: jsonContent(ReachSchema, "The count"),
    400: errorResponse("No commune, or one not of the province"),
    401: errorResponse("No session, or it expired"),
    403: errorResponse("Not linked to an officer, or without the alerts permission"),
  },
});

export const staffAlertReachRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(postReach, async (c) => {
  const profile = await requirePermission(c.var.db, c.var.session.citizenId, "alerts");
  return c.json(await alertReach(c.var.db, profile.provinceId, c.req.valid("json").communes), 200);
});
