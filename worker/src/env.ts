import type { DrizzleD1Database } from "drizzle-orm/d1";
import type * as schema from "./db/schema";

/** Bindings, vars and secrets (secrets come from `wrangler secret put` or the gitignored .dev.vars). */
export interface Env {
  DB: D1Database;
  /** Master secret: slip, view and session tokens, the applicant factor hash and client secrets derive from it. */
  SERVER_SECRET: string;
  /** Bearer token for the operator's admin routes (provinces, integration clients). Unset: admin routes are off. */
  ADMIN_TOKEN?: string;
  /** Fallback Zalo Mini App id for deep links when a province has none. */
  MINI_APP_ID: string;
  /** "1" mounts the benchmark floor route; never set in production. */
  ENABLE_BENCH_FLOOR?: string;
}

export type Db = DrizzleD1Database<typeof schema>;

export type IntegrationClient = { keyId: string; provinceId: string; name: string };

export type AppEnv = {
  Bindings: Env;
  Variables: { db: Db; integrationClient: IntegrationClient };
};
