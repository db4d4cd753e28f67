/**
 * Bench-only worker: the real worker with its benchmark floor (bench/floor-worker.ts) plus /__exp/{view}/{step}/{code} routes that rebuild the
 * lookup one piece at a time from the same modules, so each piece's cost can be measured (bench/ablation.mjs).
 * Never deployed: the bench bundles it into .tmp/bench-ablation-build. It mirrors GET /v1/dossiers/{code} in
 * worker/src/routes/dossiers.ts and has to follow when that route changes.
 *
 * Steps (the bench's table says which step each one builds on):
 *   d1        the floor's compiled SQL through the D1 binding (floorLookup), raw row as JSON, on a bare Hono app
 *   withdb    + drizzle(env.DB, { schema }) created per request, as the app's withDb middleware does on every route
 *   throttle  public: the real statement with the unknown-code counter (publicLookup) and the limit check
 *   parse     owner: the real statement and row mapping with JSON.parse of timeline (ownerLookup)
 *   view      + publicDossierView / ownerDossierView instead of the raw row
 *   token     owner: + checkOwnerToken (slip token)
 */
import { drizzle } from "drizzle-orm/d1";
import { Hono } from "hono";
import { floorLookup, ownerLookup, publicLookup } from "../../worker/src/db/dossier-queries";
import * as schema from "../../worker/src/db/schema";
import { normalizeDossierCode } from "../../worker/src/domain/dossier-code";
import { ownerDossierView, publicDossierView } from "../../worker/src/domain/dossier-view";
import type { Env } from "../../worker/src/env";
import worker from "../floor-worker";
import { addressSubject } from "../../worker/src/security/client-subject";
import { THROTTLES, throttleKey, windowFloor } from "../../worker/src/security/throttle";
import { checkOwnerToken } from "../../worker/src/security/tokens";

const exp = new Hono<{ Bindings: Env; Variables: { db: unknown } }>();

exp.get("/__exp/:view/:step/:code", async (c) => {
  const view = c.req.param("view") === "owner" ? "owner" : "public";
  const step = c.req.param("step");
  const code = normalizeDossierCode(c.req.param("code"));
  const now = Date.now();

  if (step === "d1" || step === "withdb") {
    if (step === "withdb") c.set("db", drizzle(c.env.DB, { schema }));
    const row = await floorLookup(c.env.DB, view, code);
    return row ? c.json(row) : c.notFound();
  }

  if (view === "public") {
    const rule = THROTTLES.unknownCodePerClient;
    const subject = addressSubject(c.req.raw, c.env);
    const { throttleCount, dossier } = await publicLookup(c.env.DB, code, { key: throttleKey(rule, subject), windowFloor: windowFloor(rule, now) });
    if (throttleCount >= rule.limit) return c.json({ error: "throttled" }, 429);
    if (!dossier) return c.notFound();
    return step === "throttle" ? c.json(dossier) : c.json(publicDossierView(dossier, new Date(now)));
  }

  if (step === "token") {
    const check = await checkOwnerToken(c.env.SERVER_SECRET, code, c.req.query("t") ?? "", now);
    if (check !== "valid") return c.json({ error: check }, 403);
  }
  const record = await ownerLookup(c.env.DB, code);
  if (!record) return c.notFound();
  return step === "parse" ? c.json(record) : c.json(ownerDossierView(record, new Date(now)));
});

export default {
  fetch(request: Request, env: Env, ctx: ExecutionContext) {
    const { pathname } = new URL(request.url);
    return pathname.startsWith("/__exp/") ? exp.fetch(request, env, ctx) : worker.fetch(request, env, ctx);
  },
} satisfies ExportedHandler<Env>;
