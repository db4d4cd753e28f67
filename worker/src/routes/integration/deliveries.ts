import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../../env";
import { ApiError } from "../../errors";
import { errorResponse, jsonBody, jsonContent } from "../../schemas/common";
import { BroadcastCountsSchema, DeliverySettingsSchema } from "../../schemas/deliveries";
import { broadcastCounts } from "../../services/broadcast-counts";
import { deliveryLimits, updateDeliveryLimits } from "../../services/delivery-settings";
import { validationHook } from "../../validation";

const tags = ["Integration"];

const getSettings = createRoute({
  method: "get",
  path: "/v1/integration/delivery-settings",
  tags,
  summary: "Zalo's sending limits as set for the caller's province (defaults when never set)",
  responses: { 200: jsonContent(DeliverySettingsSchema, "The limits"), 401: errorResponse("Missing or wrong signature") },
});

const putSettings = createRoute({
  method: "put",
  path: "/v1/integration/delivery-settings",
  tags,
  summary: "Change some of the province's sending limits (the rest are kept), e.g. when Zalo moves the OA's ZNS quota",
  request: { body: jsonBody(DeliverySettingsSchema.partial().strict()) },
  responses: {
    200: jsonContent(DeliverySettingsSchema, "The limits now"),
    400: errorResponse("A value out of range, or a window that ends before it starts (field names it)"),
    401: errorResponse("Missing or wrong signature"),
  },
});

const getCounts = createRoute({
  method: "get",
  path: "/v1/integration/broadcasts/{subject}/deliveries",
  tags,
  summary: "Live delivery counts of an alert message (by CAP identifier) or a news post (by id) of the caller's province",
  request: { params: z.object({ subject: z.string().min(1).max(200) }) },
  responses: {
    200: jsonContent(BroadcastCountsSchema, "Counts"),
    401: errorResponse("Missing or wrong signature"),
    404: errorResponse("No broadcast with this identifier in the caller's province"),
  },
});

export const deliveryIntegrationRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(getSettings, async (c) => c.json(await deliveryLimits(c.var.db, c.var.integrationClient.provinceId), 200))
  .openapi(putSettings, async (c) => c.json(await updateDeliveryLimits(c.var.db, c.var.integrationClient.provinceId, c.req.valid("json"), new Date()), 200))
  .openapi(getCounts, async (c) => {
    const counts = await broadcastCounts(c.var.db, c.var.integrationClient.provinceId, c.req.valid("param").subject);
    if (!counts) throw new ApiError(404, "not_found", "no broadcast with this identifier", "subject", "no alert or news send with this identifier");
    return c.json(counts, 200);
  });
