import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
import { errorResponse, jsonContent } from "../schemas/common";
import { BroadcastCountsSchema } from "../schemas/deliveries";
import { broadcastCounts, requireBroadcastViewer } from "../services/broadcast-counts";
import { requireStaff } from "../services/staff";
import { validationHook } from "../validation";

const getCounts = createRoute({
  method: "get",
  path: "/v1/staff/broadcasts/{kind}/{subject}/deliveries",
  tags: ["Staff"],
  security: [{ citizenSession: [] }],
  summary: "Live delivery counts of the province's alert (province admins) or news post (the communications permission)",
  request: {
    params: z.object({
      kind: z.enum(["alert", "news"], { error: "Loại tin không hợp lệ." }),
      subject: z.string().min(1, { message: "Thiếu mã tin." }).max(200, { message: "Mã tin quá dài." }),
    }),
  },
  responses: {
    200: jsonContent(BroadcastCountsSchema, "Counts"),
    401: errorResponse("No session, or it expired"),
    403: errorResponse("Not linked, or not allowed to see this kind of broadcast"),
    404: errorResponse("No such broadcast in the officer's province"),
  },
});

export const staffBroadcastRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(getCounts, async (c) => {
  const { kind, subject } = c.req.valid("param");
  const profile = await requireStaff(c.var.db, c.var.session.citizenId);
  await requireBroadcastViewer(c.var.db, profile, kind);
  const counts = await broadcastCounts(c.var.db, profile.provinceId, subject, kind);
  if (!counts) throw new ApiError(404, "not_found", "Không tìm thấy tin này.", "subject", "no such broadcast in this province");
  return c.json(counts, 200);
});
