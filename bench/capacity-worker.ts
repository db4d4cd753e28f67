/**
 * Bench-only worker for bench/capacity.ts: runs the real data lifecycle and the figures' rebuild on its D1 inside
 * workerd, as the hourly cron and the operator's rebuild run them (one database, drizzle over the binding), so the
 * bench drives them with plain requests. Never deployed.
 *   POST /lifecycle?now=<ms>   one runLifecycle call at that time, with its defaults: its counts as JSON
 *   POST /rebuild?province=<id> rebuildFigures for the province
 */
import { drizzle } from "drizzle-orm/d1";
import * as schema from "../worker/src/db/schema";
import type { MediaBucket } from "../worker/src/env";
import { rebuildFigures } from "../worker/src/services/figures-raw";
import { runLifecycle } from "../worker/src/services/lifecycle";

type BenchEnv = { DB: D1Database; MEDIA: MediaBucket };

export default {
  async fetch(request: Request, env: BenchEnv): Promise<Response> {
    const url = new URL(request.url);
    const db = drizzle(env.DB, { schema });
    if (request.method === "POST" && url.pathname === "/lifecycle") {
      return Response.json(await runLifecycle(db, env.MEDIA, Number(url.searchParams.get("now"))));
    }
    if (request.method === "POST" && url.pathname === "/rebuild") {
      await rebuildFigures(db, url.searchParams.get("province") ?? "");
      return Response.json({ rebuilt: true });
    }
    return new Response(null, { status: 404 });
  },
};
