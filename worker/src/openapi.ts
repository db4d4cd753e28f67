import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./env";
import { DossierEventSchema } from "./schemas/events";

export const OPENAPI_CONFIG = {
  openapi: "3.1.0",
  info: {
    title: "motcua API",
    version: "1.0.0",
    description:
      "Follow administrative dossiers (hồ sơ) from Zalo. Citizen routes answer in Vietnamese; integration routes are signed by one-stop systems with HMAC-SHA256 and answer in English.",
  },
  tags: [
    { name: "Public reference data", description: "Provinces, agencies and procedures; no authentication" },
    { name: "Citizen lookup", description: "Dossier lookup by receipt code; personal data only to the owner" },
    {
      name: "Integration",
      description:
        "Signed by one-stop systems: X-Motcua-Key, X-Motcua-Timestamp (unix seconds, ±300 s) and X-Motcua-Signature = v1=<hex HMAC-SHA256(secret, \"<timestamp>.<raw body>\")>, or (recommended) v2=<hex HMAC-SHA256(secret, \"<timestamp>.<METHOD>.<path?query>.<raw body>\")>, which binds the signature to its request; both may be sent comma-separated, and then v2 is checked. Keys are issued for v2 only unless created with minSignatureVersion 1. Each signature is good once: the same (key, timestamp, signature) again within the window is refused (401 replayed). Failed authentication is throttled per address and per key id (429 with Retry-After).",
    },
    {
      name: "Citizen account",
      description:
        "A Zalo access token (zmp-sdk getAccessToken) exchanged at POST /v1/session for a 2-hour session (Authorization: Bearer). Following dossiers, consents, the inbox",
    },
    { name: "Staff", description: "Officers who linked their Zalo account with a one-time code from their one-stop system" },
    { name: "Operator admin", description: "Onboarding provinces and issuing integration keys (bearer ADMIN_TOKEN)" },
  ],
};

/** Components not reachable from a route schema: security schemes, and the event union the batch envelope refers to. */
export function registerComponents(app: OpenAPIHono<AppEnv>) {
  app.openAPIRegistry.register("DossierEvent", DossierEventSchema);
  app.openAPIRegistry.registerComponent("securitySchemes", "motcuaSignature", {
    type: "apiKey",
    in: "header",
    name: "X-Motcua-Signature",
    description: "With X-Motcua-Key and X-Motcua-Timestamp; see the Integration tag",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "adminBearer", { type: "http", scheme: "bearer" });
  app.openAPIRegistry.registerComponent("securitySchemes", "citizenSession", {
    type: "http",
    scheme: "bearer",
    description: "The sessionToken from POST /v1/session",
  });
}
