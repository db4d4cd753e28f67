import { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "./env";
import { ApiError, handleError, isIntegratorPath, notFoundOrMethodNotAllowed } from "./errors";
import { OPENAPI_CONFIG, registerComponents } from "./openapi";
import { adminRoutes, requireAdmin } from "./routes/admin";
import { adminShardRoutes } from "./routes/admin-shards";
import { alertRoutes } from "./routes/alerts";
import { docsRoutes } from "./routes/docs";
import { dossierRatingRoutes } from "./routes/dossier-rating";
import { dossierVoiceRoutes } from "./routes/dossier-voice";
import { dossierRoutes } from "./routes/dossiers";
import { FEEDBACK_BODY_LIMIT, feedbackRoutes, publicFeedbackRoutes } from "./routes/feedback";
import { feedbackSatisfactionRoutes } from "./routes/feedback-satisfaction";
import { publicFiguresRoutes } from "./routes/figures";
import { figuresAdminRoutes } from "./routes/figures-admin";
import { integrationFiguresRoutes } from "./routes/integration/figures";
import { staffFiguresRoutes } from "./routes/staff-figures";
import { integrationAlertRoutes } from "./routes/integration/alerts";
import { deliveryIntegrationRoutes } from "./routes/integration/deliveries";
import { integrationDossierRoutes } from "./routes/integration/dossiers";
import { broadcastReferenceRoutes } from "./routes/integration/broadcast-reference";
import { eventRoutes } from "./routes/integration/events";
import { referenceRoutes } from "./routes/integration/reference";
import { integrationStaffNoticeRoutes } from "./routes/integration/staff-notices";
import { meRoutes } from "./routes/me";
import { meCommuneRoutes } from "./routes/me-communes";
import { myDataRoutes } from "./routes/my-data";
import { newsRoutes } from "./routes/news";
import { provinceRoutes } from "./routes/provinces";
import { requireCitizen, sessionRoutes } from "./routes/session";
import { staffIntegrationRoutes, staffRoutes } from "./routes/staff";
import { staffAlertReachRoutes } from "./routes/staff-alert-reach";
import { staffAlertRoutes } from "./routes/staff-alerts";
import { NEWS_COVER_BODY_LIMIT, NEWS_TEXT_BODY_LIMIT, newsBodyLimit, staffNewsRoutes } from "./routes/staff-news";
import { staffBroadcastRoutes } from "./routes/staff-broadcasts";
import { staffNoticeRoutes } from "./routes/staff-notices";
import { ratingIntegrationRoutes, staffVoiceRoutes } from "./routes/staff-voice";
import { citizenCors, responseHeaders } from "./security/headers";
import { requireIntegrationSignature } from "./security/integration-auth";
import { withControl, withProvinceShard } from "./shards/middleware";
import { validationHook } from "./validation";

export const INTEGRATION_BODY_LIMIT = 2 * 1024 * 1024;
const CITIZEN_BODY_LIMIT = 16 * 1024;

const tooLarge = (limit: number) =>
  bodyLimit({
    maxSize: limit,
    onError: (c) => {
      throw isIntegratorPath(c.req.path)
        ? new ApiError(413, "payload_too_large", `request body is over ${limit} bytes`)
        : new ApiError(413, "payload_too_large", "Dữ liệu gửi lên quá lớn.");
    },
  });

const base = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
base.onError(handleError);
// A known path asked with another method is 405 with Allow; `app` is read once every route is mounted.
base.notFound(notFoundOrMethodNotAllowed(() => app.routes));
base.use("*", responseHeaders, withControl);
// No CORS on integration and admin routes: one-stop systems and the operator call them server to server.
base.use("/v1/integration/*", tooLarge(INTEGRATION_BODY_LIMIT), requireIntegrationSignature);
base.use("/v1/admin/*", tooLarge(INTEGRATION_BODY_LIMIT), requireAdmin);
// Citizen routes answer the mini app's pages only: Zalo's mini app origins, the web app's own, local dev servers.
base.use("/v1/provinces/*", citizenCors);
base.use("/v1/dossiers/*", tooLarge(CITIZEN_BODY_LIMIT), citizenCors);
base.use("/v1/session", tooLarge(CITIZEN_BODY_LIMIT), citizenCors);
// Sending feedback carries up to four photos, a news post its text or its cover; every other signed-in body is small.
const citizenBodies = tooLarge(CITIZEN_BODY_LIMIT);
const feedbackBodies = tooLarge(FEEDBACK_BODY_LIMIT);
const newsBodies = { [NEWS_COVER_BODY_LIMIT]: tooLarge(NEWS_COVER_BODY_LIMIT), [NEWS_TEXT_BODY_LIMIT]: tooLarge(NEWS_TEXT_BODY_LIMIT) };
const citizenBodyLimit = createMiddleware<AppEnv>((c, next) => {
  if (c.req.method === "POST" && c.req.path === "/v1/me/feedback") return feedbackBodies(c, next);
  const news = newsBodyLimit(c.req.method, c.req.path);
  if (news !== null) return newsBodies[news]!(c, next);
  return citizenBodies(c, next);
});
base.use("/v1/media/*", citizenCors);
// Each request's province and so its database (shards/middleware.ts): after the integration and admin checks,
// which read the control database, and before anything that reads the province's.
const signedIn = ["/v1/me", "/v1/me/*", "/v1/staff/*"];
for (const path of signedIn) base.use(path, citizenCors);
base.use("/v1/*", withProvinceShard);
for (const path of signedIn) base.use(path, citizenBodyLimit, requireCitizen);

/** Routes chained on one instance, so `typeof app` gives the mini app a typed client. */
export const app = base
  .route("/", provinceRoutes)
  .route("/", dossierRoutes)
  .route("/", dossierRatingRoutes)
  .route("/", eventRoutes)
  .route("/", referenceRoutes)
  .route("/", integrationDossierRoutes)
  .route("/", staffIntegrationRoutes)
  .route("/", sessionRoutes)
  .route("/", meRoutes)
  .route("/", myDataRoutes)
  .route("/", staffRoutes)
  .route("/", dossierVoiceRoutes)
  .route("/", feedbackRoutes)
  .route("/", publicFeedbackRoutes)
  .route("/", staffVoiceRoutes)
  .route("/", ratingIntegrationRoutes)
  .route("/", adminRoutes)
  // Emergency alerts (CAP 1.2): public, integration, staff.
  .route("/", alertRoutes)
  .route("/", integrationAlertRoutes)
  .route("/", staffAlertRoutes)
  // Communes and news
  .route("/", newsRoutes)
  .route("/", broadcastReferenceRoutes)
  .route("/", meCommuneRoutes)
  .route("/", staffNewsRoutes)
  // The staff area's broadcasts
  .route("/", staffAlertReachRoutes)
  // Delivery within Zalo's quotas: the province's limits and broadcasts' live counts.
  .route("/", deliveryIntegrationRoutes)
  .route("/", staffBroadcastRoutes)
  // Officials' notices: documents, approvals, meetings.
  .route("/", integrationStaffNoticeRoutes)
  .route("/", staffNoticeRoutes)
  // The leaders' figures: public, integration, staff; the citizen's satisfaction with a feedback's answer.
  .route("/", publicFiguresRoutes)
  .route("/", integrationFiguresRoutes)
  .route("/", staffFiguresRoutes)
  .route("/", feedbackSatisfactionRoutes)
  .route("/", figuresAdminRoutes)
  // A database per province: splitting a province by agency group.
  .route("/", adminShardRoutes);

export type AppType = typeof app;

registerComponents(app);
app.doc31("/v1/openapi.json", OPENAPI_CONFIG);
app.route(
  "/",
  docsRoutes(() => app.getOpenAPI31Document(OPENAPI_CONFIG) as never),
);
// `/` and every other path outside the API is the citizen's web app, served from Workers static assets before this
// Worker runs (wrangler.jsonc "assets"; run_worker_first sends only /v1/* and /docs here). A Worker
// deployed or started without the web build has no app to serve: its `/` shows the API's docs.
app.get("/", (c) => c.redirect("/docs"));
