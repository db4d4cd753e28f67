/**
 * Bench-only worker: the real worker (worker/src/index.ts) with the benchmark floor added to its app,
 * GET /__bench/floor/{view}/{code}: the lookups' own indexed selects, raw row as JSON, behind the app's routing and
 * middleware and nothing else, to measure our overhead against (bench/lookup.mjs, bench/ablation.mjs). Never
 * deployed: the bench bundles this file; production's entry has no such route.
 */
import { app } from "../worker/src/app";
import { floorLookup } from "../worker/src/db/dossier-queries";
import { normalizeDossierCode } from "../worker/src/domain/dossier-code";
import { notFound } from "../worker/src/errors";
import worker from "../worker/src/index";

// Added to the app itself, before it serves anything, so the floor passes through the same middleware as the lookups.
app.get("/__bench/floor/:view/:code", async (c) => {
  const code = normalizeDossierCode(c.req.param("code"));
  const row = await floorLookup(c.env.DB, c.req.param("view") === "owner" ? "owner" : "public", code);
  return row ? c.json(row) : notFound(c);
});

export default worker;
