#!/usr/bin/env -S npx tsx
/**
 * Recomputes the figures' counters from the raw tables (dossiers, ratings, feedback), for when the rules change:
 * calls the operator's POST /v1/admin/figures/rebuild, one province at a time on the server.
 *
 *   npm run figures:rebuild                          # the local API (npm start), every province
 *   npm run figures:rebuild -- --province thanh-hoa  # one province
 *   npm run figures:rebuild -- --remote              # the deployed API: MOTCUA_API_URL and ADMIN_TOKEN from the environment
 */
import { parseArgs } from "node:util";
import { devSecrets } from "./lib/dev-server";

const { values } = parseArgs({ options: { local: { type: "boolean" }, remote: { type: "boolean" }, province: { type: "string" } } });

function target(): { url: string; token: string } {
  if (values.remote) {
    const url = process.env.MOTCUA_API_URL;
    const token = process.env.ADMIN_TOKEN;
    if (!url || !token) throw new Error("--remote needs MOTCUA_API_URL (e.g. https://api.example.vn) and ADMIN_TOKEN in the environment");
    return { url, token };
  }
  return { url: `http://127.0.0.1:${process.env.PORT ?? 8787}`, token: devSecrets().ADMIN_TOKEN! };
}

const { url, token } = target();
const started = performance.now();
const res = await fetch(`${url.replace(/\/$/, "")}/v1/admin/figures/rebuild`, {
  method: "POST",
  headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
  body: JSON.stringify(values.province ? { provinceId: values.province } : {}),
});
if (!res.ok) {
  console.error(`rebuild failed: ${res.status} ${await res.text()}`);
  process.exit(1);
}
const { rebuilt } = (await res.json()) as { rebuilt: string[] };
console.log(`figures rebuilt for ${rebuilt.join(", ") || "no province"} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
