import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../../env";
import { errorResponse, jsonBody, jsonContent } from "../../schemas/common";
import { EventBatchSchema, EventResultSchema } from "../../schemas/events";
import { ingestEvents } from "../../services/ingest-events";
import { dispatchOutbox } from "../../services/notify";
import { validationHook } from "../../validation";

const postEvents = createRoute({
  method: "post",
  path: "/v1/integration/events",
  tags: ["Integration"],
  summary: "Send 1–500 dossier events",
  description:
    "Each event gets its own outcome, in order: `applied`, `duplicate` (its id was seen before from this client with the same content; nothing changes) or `rejected` (with an error and the status it would have on its own; the others still apply). Events may arrive out of order: a dossier's state is what its events say in `occurredAt` order.\n\nRefused: an id sent before with different content (`conflict`, 409: events never change once sent); a time that is not on the calendar (30 February, 24:00); a due date before the receipt date; a new dossier code, or an intake at an agency, whose identifier carries another province's unit code (`forbidden`, 403). Limits: 1–500 events per request, a body of at most 2 MiB, and at most 200 events per dossier (`timeline_full`, 409).",
  request: { body: jsonBody(EventBatchSchema) },
  responses: {
    200: jsonContent(z.object({ results: z.array(EventResultSchema) }), "One result per event, in order"),
    400: errorResponse("Malformed JSON, or not 1–500 events"),
    401: errorResponse("Missing or wrong signature, or stale timestamp"),
    413: errorResponse("Body over 2 MiB"),
  },
});

export const eventRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(postEvents, async (c) => {
  const { events } = c.req.valid("json");
  const { results, outboxIds } = await ingestEvents(c.var.db, c.env.SERVER_SECRET, c.var.integrationClient, events);
  // The outbox rows are committed with the events; starting their delivery must not hold up the one-stop system.
  if (outboxIds.length > 0) c.executionCtx.waitUntil(dispatchOutbox(c.env, outboxIds));
  return c.json({ results }, 200);
});
