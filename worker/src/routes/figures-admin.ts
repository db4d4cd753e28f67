/** The operator's rebuild of the figures' counters from the raw tables, for when the rules change. */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { errorResponse, jsonBody, jsonContent } from "../schemas/common";
import { rebuildEveryShard } from "../services/figures-raw";
import { validationHook } from "../validation";

const postRebuild = createRoute({
  method: "post",
  path: "/v1/admin/figures/rebuild",
  tags: ["Operator admin"],
  security: [{ adminBearer: [] }],
  summary: "Recompute the figures' counters from dossiers, ratings and feedback (one province, or every one)",
  request: {
    body: jsonBody(
      z.object({
        provinceId: z
          .string()
          .regex(/^[a-z0-9-]{2,40}$/, { message: "not a province id" })
          .optional(),
      }),
    ),
  },
  responses: {
    200: jsonContent(z.object({ rebuilt: z.array(z.string()) }), "The provinces rebuilt"),
    400: errorResponse("Bad provinceId"),
    401: errorResponse("Missing or wrong admin token"),
    404: errorResponse("Unknown province"),
  },
});

export const figuresAdminRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(postRebuild, async (c) => {
  const { provinceId } = c.req.valid("json");
  const rebuilt = await rebuildEveryShard(c.env, provinceId);
  if (provinceId !== undefined && rebuilt.length === 0)
    return c.json({ error: { code: "province_not_found", message: `unknown province ${provinceId}` } }, 404);
  return c.json({ rebuilt }, 200);
});
