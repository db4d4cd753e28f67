/**
 * `tsx scripts/fake-zalo/main.ts [--port 8790]`: the fake Zalo on its own, with the demo Zalo app from .dev.vars.
 * (`npm start` starts it for you.)
 */
import { parseArgs } from "node:util";
import { devSecrets } from "../lib/dev-server";
import { startFakeZalo } from "./server";

const { values } = parseArgs({ options: { port: { type: "string", default: "8790" } } });
const vars = devSecrets();
const zalo = await startFakeZalo({
  port: Number(values.port),
  apps: vars.DEMO_ZALO_APP_ID
    ? [{ appId: vars.DEMO_ZALO_APP_ID, appSecret: vars.DEMO_ZALO_APP_SECRET!, miniAppId: "3423478865165961046", miniAppApiKey: vars.DEMO_ZALO_MINIAPP_API_KEY }]
    : [],
  oaAccessTokens: vars.DEMO_ZALO_OA_ACCESS_TOKEN ? [vars.DEMO_ZALO_OA_ACCESS_TOKEN] : [],
});
console.log(`fake Zalo on ${zalo.url}  (messages: ${zalo.url}/__fake/messages)`);
const stop = () => void zalo.stop().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
