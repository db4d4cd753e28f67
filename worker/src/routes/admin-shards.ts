/** The operator's split of a province too big for one database: an agency group kept in a database of its own. */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { SHARD_BINDING_PATTERN } from "../domain/shards";
import type { AppEnv } from "../env";
import { errorResponse, jsonBody, jsonContent, ProvinceIdParam } from "../schemas/common";
import { placeAgencyGroup } from "../services/provinces-admin";
import { validationHook } from "../validation";

const AgencyGroupParam = z.object({
  agencyGroup: z
    .string()
    .regex(/^[0-9A-Z.]{2,40}$/, { message: "an agency identifier prefix, e.g. 000.31." })
    .openapi({ param: { name: "agencyGroup", in: "path" }, example: "000.31." }),
});

const putAgencyGroup = createRoute({
  method: "put",
  path: "/v1/admin/provinces/{provinceId}/agency-groups/{agencyGroup}",
  tags: ["Operator admin"],
  security: [{ adminBearer: [] }],
  summary: "Keep the dossiers of an agency group (agency identifiers starting with a prefix) in a database of their own",
  description:
    "For a province too big for one D1 database. From then on, a key issued for the group (`agencyGroup` in POST …/integration-clients) sends its dossiers there, and lookups by code find them. Split a group off before its agencies file: dossiers already stored are not moved.",
  request: {
    params: ProvinceIdParam.extend(AgencyGroupParam.shape),
    body: jsonBody(z.object({ shard: z.string().regex(SHARD_BINDING_PATTERN).openapi({ example: "DB_THANH_HOA_2" }) })),
  },
  responses: {
    200: jsonContent(z.object({ provinceId: z.string(), agencyGroup: z.string(), shard: z.string(), created: z.boolean() }), "Where the group is kept"),
    400: errorResponse("Bad group, or a shard this Worker has no usable binding for"),
    401: errorResponse("Admin token required"),
    404: errorResponse("Unknown province"),
    409: errorResponse("The group is already kept in another database"),
  },
});

export const adminShardRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(putAgencyGroup, async (c) => {
  const { provinceId, agencyGroup } = c.req.valid("param");
  const { shard } = c.req.valid("json");
  const { created } = await placeAgencyGroup(c.env, c.var.control, provinceId, agencyGroup, shard);
  return c.json({ provinceId, agencyGroup, shard, created }, 200);
});
