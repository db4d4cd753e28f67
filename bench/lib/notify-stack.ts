/**
 * What bench/notify.ts and bench/broadcast.ts share: the real worker bundled as it would be deployed, one workerd
 * (Miniflare) with the real queues and a local D1, the fake Zalo on 127.0.0.1, and a province set up through the
 * real API as an operator and a one-stop system would (integration key, Zalo app with a template per message kind,
 * delivery limits open for the whole day so the run measures the pipeline, not the clock).
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Miniflare } from "miniflare";
import { type FakeZalo, startFakeZalo } from "../../scripts/fake-zalo/server";
import { signedFetch } from "../../scripts/lib/signing";
import { MESSAGE_KINDS } from "../../worker/src/domain/notifications";
import { bundleWorker, cleanup, gitInfo, log, RESULTS_DIR, readWranglerConfig, ROOT } from "./common.mjs";
import { workerdDescendants } from "./procs.mjs";
import { applyMigrations, readMigrations } from "./seed.mjs";

const SERVER_SECRET = "bench-only-server-secret-0123456789abcdef";
const ADMIN_TOKEN = "bench-admin-token";
export const BENCH_APP = {
  appId: "5550000000000000001",
  appSecret: "bench-app-secret",
  miniAppId: "5550000000000000002",
  miniAppApiKey: "bench-api-key",
  oaAccessToken: "bench-oa-token",
};
export const BENCH_AGENCY = "000.00.06.H56";

export type Signed = (method: string, p: string, body?: unknown) => Promise<unknown>;
export type NotifyStack = {
  api: string;
  db: D1Database;
  zalo: FakeZalo;
  workerdPids: number[];
  provinceId: string;
  signed: Signed;
  dispose(): Promise<void>;
};

export async function startNotifyStack(name: string, ports: { zalo: number; worker: number }, provinceId: string): Promise<NotifyStack> {
  const state = path.join(ROOT, ".tmp", `bench-${name}-state`);
  rmSync(state, { recursive: true, force: true });
  mkdirSync(state, { recursive: true });
  log("bundling the worker…");
  const bundle = await bundleWorker(path.join(ROOT, ".tmp", `bench-${name}-build`));
  const zalo = await startFakeZalo({ port: ports.zalo, apps: [BENCH_APP], oaAccessTokens: [BENCH_APP.oaAccessToken] });
  const config = readWranglerConfig();
  const before = new Set(workerdDescendants(process.pid));
  const consumer = { maxBatchSize: 10, maxBatchTimeout: 1, maxRetries: 10, deadLetterQueue: "motcua-notify-dlq" };
  const mf = new Miniflare({
    scriptPath: bundle.scriptPath,
    modules: true,
    compatibilityDate: config.compatibilityDate,
    compatibilityFlags: config.compatibilityFlags,
    d1Databases: { DB: config.d1Id },
    d1Persist: path.join(state, "d1"),
    queueProducers: { NOTIFY_QUEUE: "motcua-notify", NOTIFY_URGENT_QUEUE: "motcua-notify-urgent", NOTIFY_DLQ: "motcua-notify-dlq" },
    queueConsumers: { "motcua-notify": consumer, "motcua-notify-urgent": consumer },
    bindings: {
      ...config.vars,
      SERVER_SECRET,
      ADMIN_TOKEN,
      ZALO_GRAPH_URL: zalo.url,
      ZALO_MINIAPP_API_URL: zalo.url,
      ZALO_ZNS_API_URL: zalo.url,
    },
    cf: false,
    host: "127.0.0.1",
    port: ports.worker,
  });
  const dispose = async () => {
    await mf.dispose();
    await zalo.stop();
  };
  try {
    const api = (await mf.ready).toString().replace(/\/$/, "");
    const workerdPids = workerdDescendants(process.pid).filter((pid) => !before.has(pid));
    const db = (await mf.getD1Database("DB")) as unknown as D1Database;
    // Recorded in d1_migrations as wrangler does: the Worker refuses a database that lacks any.
    await applyMigrations(db, readMigrations(config.migrationsDir));
    const adminCall = async (method: string, p: string, body: unknown) => {
      const res = await fetch(`${api}${p}`, {
        method,
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
      return res.json();
    };
    await adminCall("PUT", `/v1/admin/provinces/${provinceId}`, {
      name: "Tỉnh thử tải",
      shortName: "Thử tải",
      channelName: "Dịch vụ công thử tải",
      primaryColor: "#b3261e",
      accentColor: "#f4b400",
      agencyCode: "H56",
    });
    const keys = { keyId: `bench-${name}`, secret: `bench-${name}-secret-0123456789abcdef` };
    await adminCall("POST", `/v1/admin/provinces/${provinceId}/integration-clients`, { name: "bench", ...keys });
    const templates = Object.fromEntries(MESSAGE_KINDS.map((k) => [k, `tpl-${k}`]));
    await adminCall("PUT", `/v1/admin/provinces/${provinceId}/zalo-app`, { ...BENCH_APP, templates: { miniapp: templates, zns: templates } });
    const signed: Signed = async (method, p, body) => {
      const res = await signedFetch(api, keys, method, p, body);
      if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
      return res.json();
    };
    // Every recipient gets the message whatever the hour: the whole day, and caps above the run's size (the planner
    // still plans and claims every delivery, as in production).
    await signed("PUT", "/v1/integration/delivery-settings", {
      miniappWindowStart: "00:00",
      miniappWindowEnd: "24:00",
      miniappDailyCap: 10_000_000,
      znsDailyQuota: 10_000_000,
    });
    await signed("PUT", `/v1/integration/agencies/${BENCH_AGENCY}`, { name: "Trung tâm Phục vụ hành chính công" });
    return { api, db, zalo, workerdPids, provinceId, signed, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}

/** `count` notification requests straight from Node to the fake Zalo, `concurrency` at a time: the floor. */
export async function zaloFloor(zalo: FakeZalo, count: number, concurrency: number, round: number) {
  const start = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = ++next;
        const res = await fetch(`${zalo.url}/notification/template`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "X-Api-Key": `Bearer ${BENCH_APP.miniAppApiKey}`,
            "X-User-Id": `floor-${round}-${i}`,
            "X-MiniApp-Id": BENCH_APP.miniAppId,
          },
          body: JSON.stringify({ templateId: "tpl-fee_due", templateData: { title: "t", content: "c", code: "c", buttonText: "b", path: "/" } }),
        });
        await res.arrayBuffer();
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  const inFlight = zalo.state.maxInFlight;
  zalo.state.clear();
  return { seconds, inFlight, perSecond: count / seconds };
}

/** The numbers 1..?1 as a table `n(i)`, to seed many rows in one statement. */
export const upTo = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)";

/** Citizens 1..count of the province's app, seen an hour ago, who agreed to Mini App notifications (seeding). */
export async function seedCitizens(db: D1Database, provinceId: string, count: number, seenAt: string) {
  await db.batch([
    db
      .prepare(`${upTo} INSERT INTO citizens (id, province_id, app_id, zalo_user_id, last_seen_at) SELECT i, ?2, ?3, 'u' || i, ?4 FROM n`)
      .bind(count, provinceId, BENCH_APP.appId, seenAt),
    db
      .prepare(`${upTo} INSERT INTO consents (citizen_id, channel, purpose, wording, granted_at) SELECT i, 'miniapp', 'dossier_updates', 'bench', ?2 FROM n`)
      .bind(count, seenAt),
  ]);
}

/** Runs a benchmark on its own stack, writes what it returns to bench/results/<name>-<time>.json, and cleans up. */
export function runNotifyBench(
  name: string,
  ports: { zalo: number; worker: number },
  provinceId: string,
  body: (stack: NotifyStack) => Promise<Record<string, unknown>>,
): void {
  (async () => {
    const stack = await startNotifyStack(name, ports, provinceId);
    try {
      const result = await body(stack);
      mkdirSync(RESULTS_DIR, { recursive: true });
      const file = path.join(RESULTS_DIR, `${name}-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
      writeFileSync(file, JSON.stringify({ git: gitInfo(), ...result }, null, 2));
      log(`\nwritten ${path.relative(ROOT, file)}`);
    } finally {
      await stack.dispose();
      await cleanup();
    }
  })().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
