import { drizzle } from "drizzle-orm/d1";
import { app } from "./app";
import * as schema from "./db/schema";
import type { Env } from "./env";
import { purgeExpiredThrottles } from "./security/throttle";

export type { AppType } from "./app";

export default {
  fetch: app.fetch,
  /** Hourly housekeeping (wrangler.jsonc triggers). */
  async scheduled(controller, env) {
    await purgeExpiredThrottles(drizzle(env.DB, { schema }), controller.scheduledTime);
  },
} satisfies ExportedHandler<Env>;
