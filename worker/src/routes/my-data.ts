import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { errorResponse, jsonContent } from "../schemas/common";
import { ErasureSchema, MyDataSchema } from "../schemas/my-data";
import { accountErased, eraseCitizen } from "../services/erasure";
import { collectMyData } from "../services/my-data";
import { publicOrigin } from "../security/headers";
import { validationHook } from "../validation";

const tags = ["Citizen account"];
const security = [{ citizenSession: [] }];
const unauthorized = errorResponse("No session, it expired, or the account was erased");

const getMyData = createRoute({
  method: "get",
  path: "/v1/me/data",
  tags,
  security,
  summary: "Dữ liệu của tôi: everything motcua holds about the signed-in citizen, to read or save as a file",
  description:
    "The right to know and to obtain one's data (Decree 13/2023, Law 91/2025): followed dossiers, consents with their history, messages with their delivery status, ratings, questions, feedback with its photos (signed links that expire), the staff link. Only the citizen the session names; never cached (`Cache-Control: private, no-store`, as every `/v1/me/*` answer).",
  responses: { 200: jsonContent(MyDataSchema, "What is held"), 401: unauthorized },
});

const eraseMe = createRoute({
  method: "delete",
  path: "/v1/me",
  tags,
  security,
  summary: "Xóa dữ liệu của tôi: erase the signed-in citizen",
  description:
    "The right to erasure. In one transaction: follows, consents, messages, questions, feedback and its photos, and the staff link are deleted; ratings stay in the province's figures with no one tied to them; the account goes and with it every session. The erasure is recorded with the province, the minute and the counts only.",
  responses: {
    200: jsonContent(ErasureSchema, "Erased: what was removed"),
    401: unauthorized,
  },
});

export const myDataRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(getMyData, async (c) => {
    const media = { serverSecret: c.env.SERVER_SECRET, origin: publicOrigin(c.env), nowMs: Date.now() };
    const held = await collectMyData(c.var.db, c.env.SERVER_SECRET, c.var.session.citizenId, media);
    if (!held) throw accountErased();
    return c.json(held, 200);
  })
  .openapi(eraseMe, async (c) => {
    const result = await eraseCitizen(c.var.db, c.env.MEDIA, c.var.session.citizenId, new Date());
    if (!result) throw accountErased();
    const { ratingsKeptAnonymously, ...removed } = result.counts;
    return c.json({ erasedAt: result.erasedAt, removed, ratingsKeptAnonymously }, 200);
  });
