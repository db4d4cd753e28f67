import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../../env";
import { ApiError } from "../../errors";
import { CapAlertSchema, CapResultSchema } from "../../schemas/alerts";
import { errorResponse, jsonContent } from "../../schemas/common";
import { capFromBody, capRejection, receiveCap } from "../../services/alerts";

const CAP_XML = { schema: z.string().openapi({ description: 'A CAP 1.2 <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">' }) };

const postAlert = createRoute({
  method: "post",
  path: "/v1/integration/alerts",
  tags: ["Integration"],
  summary: "Send an emergency alert, its Update or its Cancel, as CAP 1.2 (XML or the same structure as JSON)",
  description:
    "Each area names the communes to warn by their national code (`geocode` `ma_xa`); citizens who chose one of them are messaged, most urgent first. " +
    "An identifier already received from the same sender is a `duplicate` (nothing changes). Update and Cancel name the message they change in `references` (`sender,identifier,sent`); " +
    "only the latest message of an alert can be changed, so of two Updates of the same message one is applied and the other refused (`conflict`, 409). " +
    "A status other than Actual (Exercise, Test, Draft, System) is stored and answered but never shown nor messaged (`targeted: 0`). " +
    "Invalid CAP is refused with 400 naming the element (`field`, e.g. `info[0].severity`); XML with a DOCTYPE, an entity declaration or an unknown entity is refused before anything is expanded.",
  request: {
    body: {
      content: { "application/json": { schema: CapAlertSchema }, "application/cap+xml": CAP_XML, "application/xml": CAP_XML },
      // Only the JSON form is validated by the schema; the XML forms are read by the service. Neither is optional.
      required: false,
    },
  },
  responses: {
    200: jsonContent(CapResultSchema, "Applied, or a duplicate of what was received before"),
    400: errorResponse("Invalid CAP (the element in `field`), a DOCTYPE or entity, a commune not in the province, a reference to no alert of the province"),
    401: errorResponse("Missing or wrong signature, or stale timestamp"),
    409: errorResponse("The referenced message was already updated or cancelled"),
    413: errorResponse("Body over 2 MiB"),
    415: errorResponse("Not application/cap+xml, application/xml or application/json"),
  },
});

export const integrationAlertRoutes = new OpenAPIHono<AppEnv>().openapi(
  postAlert,
  async (c) => {
    const client = c.var.integrationClient;
    try {
      const cap = await capFromBody(
        c.req.header("content-type"),
        () => c.req.text(),
        () => c.req.valid("json"),
      );
      const result = await receiveCap(c.env, c.var.db, { provinceId: client.provinceId, author: client.keyId, cap, now: new Date() }, (p) =>
        c.executionCtx.waitUntil(p),
      );
      return c.json({ identifier: result.identifier, outcome: result.outcome, targeted: result.targeted }, 200);
    } catch (err) {
      const rejection = capRejection(err);
      throw rejection ? new ApiError(rejection.status, rejection.code, rejection.message, rejection.field) : err;
    }
  },
  // The JSON form's schema failures name the element as the XML form's do (info[0].severity), code cap_invalid.
  (result) => {
    if (result.success) return undefined;
    const rejection = capRejection(result.error, (result as { data?: unknown }).data);
    if (rejection) throw new ApiError(rejection.status, rejection.code, rejection.message, rejection.field);
    return undefined;
  },
);
