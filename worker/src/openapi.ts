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
        'Signed by one-stop systems: X-Motcua-Key, X-Motcua-Timestamp (unix seconds, ±300 s) and X-Motcua-Signature = v1=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>, or (recommended) v2=<hex HMAC-SHA256(secret, "<timestamp>.<METHOD>.<path?query>.<raw body>")>, which binds the signature to its request; both may be sent comma-separated, and then v2 is checked. Keys are issued for v2 only unless created with minSignatureVersion 1. Each signature is good once: the same (key, timestamp, signature) again within the window is refused (401 replayed). Failed authentication is throttled per address and per key id (429 with Retry-After).',
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

/** The three headers every integration request carries; all are required together. */
export const INTEGRATION_SECURITY = [{ motcuaKey: [], motcuaTimestamp: [], motcuaSignature: [] }];
export const ADMIN_SECURITY = [{ adminBearer: [] }];
export const SESSION_SECURITY = [{ citizenSession: [] }];

/**
 * Who must prove what, by path, as the app's middleware enforces it: a route's own `security` wins, and a route
 * added under these paths without one still gets its requirement in the document.
 */
const SECURITY_BY_PATH: [RegExp, typeof INTEGRATION_SECURITY | typeof ADMIN_SECURITY | typeof SESSION_SECURITY][] = [
  [/^\/v1\/integration\//, INTEGRATION_SECURITY],
  [/^\/v1\/admin\//, ADMIN_SECURITY],
  [/^\/v1\/(me|staff)(\/|$)/, SESSION_SECURITY],
];

/** Components not reachable from a route schema: security schemes, and the event union the batch envelope refers to. */
export function registerComponents(app: OpenAPIHono<AppEnv>) {
  app.openAPIRegistry.register("DossierEvent", DossierEventSchema);
  const header = (name: string, description: string) => ({ type: "apiKey" as const, in: "header" as const, name, description });
  const registry = app.openAPIRegistry;
  registry.registerComponent("securitySchemes", "motcuaKey", header("X-Motcua-Key", "The integration client's key id"));
  registry.registerComponent("securitySchemes", "motcuaTimestamp", header("X-Motcua-Timestamp", "Unix seconds, within 300 s of the server's clock"));
  registry.registerComponent(
    "securitySchemes",
    "motcuaSignature",
    header(
      "X-Motcua-Signature",
      'v2=<hex HMAC-SHA256(secret, "<timestamp>.<METHOD>.<path?query>.<raw body>")> (or v1=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")> for keys that accept it); a (key, timestamp, signature) seen before within the window is a replay. See the Integration tag',
    ),
  );
  registry.registerComponent("securitySchemes", "adminBearer", { type: "http", scheme: "bearer", description: "The operator's ADMIN_TOKEN" });
  registry.registerComponent("securitySchemes", "citizenSession", {
    type: "http",
    scheme: "bearer",
    description: "The sessionToken from POST /v1/session",
  });
  for (const definition of registry.definitions) {
    if (definition.type !== "route" || definition.route.security) continue;
    const required = SECURITY_BY_PATH.find(([pattern]) => pattern.test(definition.route.path))?.[1];
    if (required) definition.route.security = required;
  }
}
