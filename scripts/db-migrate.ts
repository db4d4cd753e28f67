/**
 * `npm run db:migrate [-- --remote]`: applies drizzle/ to every D1 database wrangler.jsonc declares (the control
 * database and each province's), locally in .wrangler/state or on Cloudflare, then checks each one holds every
 * migration. A database left out is what the Worker would refuse with 503 `shard_not_migrated`.
 */
import path from "node:path";
import { applyMigrations, d1Bindings, ROOT } from "./lib/dev-server";

const remote = process.argv.includes("--remote");
const bindings = d1Bindings();
console.log(`Applying migrations to ${bindings.join(", ")} (${remote ? "Cloudflare" : "local"})…`);
await applyMigrations(remote ? { remote: true } : path.join(ROOT, ".wrangler", "state"));
console.log("Done: every database has every migration.");
