import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";

// Every database the Worker has runs the same migrations, except DB_BEHIND, left one migration short on purpose.
for (const db of [env.DB, env.DB_THANH_HOA, env.DB_NGHE_AN]) await applyD1Migrations(db, env.TEST_MIGRATIONS);
await applyD1Migrations(env.DB_BEHIND, env.TEST_MIGRATIONS.slice(0, -1));
