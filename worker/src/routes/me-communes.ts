/** The communes a signed-in citizen chose to hear the province's alerts and news for (0–5, chosen, never inferred). */
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { errorResponse, jsonBody, jsonContent } from "../schemas/common";
import { MyCommunesBody, MyCommunesSchema } from "../schemas/news";
import { chosenCommunes, clearChosenCommunes, replaceChosenCommunes } from "../services/communes";
import { validationHook } from "../validation";

const tags = ["Citizen account"];
const security = [{ citizenSession: [] }];
const unauthorized = errorResponse("No session, or it expired");

const getMine = createRoute({
  method: "get",
  path: "/v1/me/communes",
  tags,
  security,
  summary: "The communes the citizen chose, each with why (home, work, family, other)",
  responses: { 200: jsonContent(MyCommunesSchema, "The choice"), 401: unauthorized },
});

const putMine = createRoute({
  method: "put",
  path: "/v1/me/communes",
  tags,
  security,
  summary: "Replace the choice: 0–5 communes of the session's province",
  request: { body: jsonBody(MyCommunesBody) },
  responses: {
    200: jsonContent(MyCommunesSchema, "The choice now"),
    400: errorResponse("More than 5, a commune twice, or a code that is not a commune of the province (field names the item)"),
    401: unauthorized,
  },
});

const deleteMine = createRoute({
  method: "delete",
  path: "/v1/me/communes",
  tags,
  security,
  summary: "Clear the choice: no more alerts or news messages by commune",
  responses: { 204: { description: "Cleared" }, 401: unauthorized },
});

export const meCommuneRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(getMine, async (c) => c.json({ communes: await chosenCommunes(c.var.db, c.var.session.citizenId) }, 200))
  .openapi(putMine, async (c) => {
    const { citizenId, provinceId } = c.var.session;
    const communes = await replaceChosenCommunes(c.var.db, citizenId, provinceId, c.req.valid("json").communes, new Date().toISOString());
    return c.json({ communes }, 200);
  })
  .openapi(deleteMine, async (c) => {
    await clearChosenCommunes(c.var.db, c.var.session.citizenId);
    return c.body(null, 204);
  });
